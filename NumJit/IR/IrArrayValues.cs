using NumJit.IR.Types;

namespace NumJit.IR;

// Arrays as values: indexing that yields views (or, for advanced indexes, copies), and numpy
// functions and methods. Backends without a Python runtime (GPU) reject these nodes.

/// <summary>One item of an index expression <c>a[...]</c>.</summary>
public abstract record IrIndex;
/// <summary>An integer (drops the dimension) or an integer/bool array (advanced index).</summary>
public sealed record IrIndexValue(IrExpr Value) : IrIndex;
/// <summary><c>start:stop:step</c>; null parts are omitted.</summary>
public sealed record IrIndexSlice(IrExpr? Start, IrExpr? Stop, IrExpr? Step) : IrIndex;
/// <summary><c>None</c> / <c>np.newaxis</c>: a new dimension of length 1.</summary>
public sealed record IrIndexNewAxis : IrIndex;
public sealed record IrIndexEllipsis : IrIndex;

/// <summary><c>a[index]</c> producing an array (a view for basic indexing).</summary>
public sealed record IrArrayGetItem(IrExpr Array, IReadOnlyList<IrIndex> Index, ArrayType ResultType) : IrExpr(ResultType);

/// <summary><c>a[index] = value</c> with numpy's broadcasting and casting.</summary>
public sealed record IrArraySetItem(IrExpr Array, IReadOnlyList<IrIndex> Index, IrExpr Value) : IrStmt;

public sealed record IrKeyword(string Name, IrExpr Value);

/// <summary>
/// <c>numpy.Function(args, keywords)</c>, or <c>Receiver.Function(...)</c> when a receiver is
/// given; the result has <see cref="IrExpr.Type"/> (checked when the call returns).
/// </summary>
public sealed record IrNumpyCall(string Function, IrExpr? Receiver, IReadOnlyList<IrExpr> Args,
    IReadOnlyList<IrKeyword> Keywords, NjType Type) : IrExpr(Type);

/// <summary>A numpy dtype object as an argument (<c>dtype=np.float32</c>).</summary>
public sealed record IrDTypeObject(NjType DType) : IrExpr(new DTypeObjectType(DType));

/// <summary>
/// A fused element-wise array expression (<c>a * b + np.sin(c)</c>): one loop over the broadcast
/// shape of the array inputs computes <see cref="Body"/> per element, where
/// <see cref="IrElementRef"/> k stands for input k's element (or the scalar itself) - no temporaries.
/// </summary>
public sealed record IrElementwise(IReadOnlyList<IrExpr> Inputs, IrExpr Body, ArrayType ResultType) : IrExpr(ResultType);

/// <summary>
/// <c>Target[...] = Value</c> computed straight into <paramref name="Target"/>'s memory (an array,
/// or a basic-index view of one), with no temporary: <c>dst[:] = a * b</c>, <c>x += y</c>. The value's
/// body already converts to the target's dtype; inputs that overlap the target are copied first.
/// </summary>
public sealed record IrElementwiseStore(IrExpr Target, IrElementwise Value) : IrStmt;

/// <summary>Inside an <see cref="IrElementwise"/> body: the current element of input <paramref name="Input"/>.</summary>
public sealed record IrElementRef(int Input, NjType Type) : IrExpr(Type);

/// <summary>A call of a Python object the package keeps alive (a @guvectorize gufunc), result checked as for numpy calls.</summary>
public sealed record IrPythonObjectCall(nint Address, string Name, IReadOnlyList<IrExpr> Args, NjType Type) : IrExpr(Type);
