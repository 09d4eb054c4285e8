using NumJit.IR.Types;

namespace NumJit.IR;

/// <summary>A typed expression. Operands of every node already have the types the node needs:
/// the binder inserts <see cref="IrConvert"/> wherever Python would convert implicitly.</summary>
public abstract record IrExpr(NjType Type);

/// <summary>Value is bool, long, ulong, double, float, Complex, or null for None.</summary>
public sealed record IrConstant(object? Value, NjType Type) : IrExpr(Type);
public sealed record IrLoad(IrVariable Variable) : IrExpr(Variable.Type);
public sealed record IrConvert(IrExpr Value, NjType Type) : IrExpr(Type);

public enum IrBinaryOp { Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, BitAnd, BitOr, BitXor }
public enum IrUnaryOp { Negate, Invert, Not }
public enum IrCompareOp { Eq, Ne, Lt, Le, Gt, Ge }
public enum IrLogicalOp { And, Or }

/// <summary>Python-semantics arithmetic in <see cref="IrExpr.Type"/> (both operands converted to it,
/// except the right operand of Pow, which may be an integer with a float base).</summary>
/// <paramref name="NumpyErrors"/>: division by zero gives inf/nan/0 as in numpy ufuncs instead of raising.
public sealed record IrBinary(IrBinaryOp Op, IrExpr Left, IrExpr Right, NjType Type, bool NumpyErrors = false) : IrExpr(Type);
public sealed record IrUnary(IrUnaryOp Op, IrExpr Operand, NjType Type) : IrExpr(Type);
/// <summary>Both operands share one type; the result is bool.</summary>
public sealed record IrCompare(IrCompareOp Op, IrExpr Left, IrExpr Right) : IrExpr(NjTypes.Bool);
/// <summary>Short-circuit and/or on operands of the result type.</summary>
public sealed record IrLogical(IrLogicalOp Op, IrExpr Left, IrExpr Right, NjType Type) : IrExpr(Type);
public sealed record IrConditional(IrExpr Condition, IrExpr Then, IrExpr Else, NjType Type) : IrExpr(Type);

/// <summary>A direct call of another compiled function (or a recursive call).</summary>
public sealed record IrCall(IrFunction Target, IReadOnlyList<IrExpr> Args, NjType Type) : IrExpr(Type);
/// <summary>A library operation (math.sin, abs, ...): backends map each <see cref="Intrinsic"/> to code.</summary>
public sealed record IrIntrinsicCall(Intrinsic Intrinsic, IReadOnlyList<IrExpr> Args, NjType Type) : IrExpr(Type);

/// <summary>
/// Element read; indices are int64 and may be negative where <paramref name="WrapNegative"/> says so.
/// <see cref="Row"/>, when set, holds the address of Array[Indices[0]] (a strength-reduced row pointer).
/// </summary>
public sealed record IrArrayLoad(IrExpr Array, IReadOnlyList<IrExpr> Indices, bool WrapNegative, NjType Type) : IrExpr(Type)
{
    public IrVariable? Row { get; init; }
}
public sealed record IrArrayShape(IrExpr Array, int Axis) : IrExpr(NjTypes.Int64);
/// <summary>The byte stride of one axis.</summary>
public sealed record IrArrayStride(IrExpr Array, int Axis) : IrExpr(NjTypes.Int64);
/// <summary>The address of Array[Row] (data + Row * stride[0]) as an integer; unchecked, never wrapped.</summary>
public sealed record IrArrayRowAddress(IrExpr Array, IrExpr Row) : IrExpr(NjTypes.Int64);
public sealed record IrArraySize(IrExpr Array) : IrExpr(NjTypes.Int64);

public enum ArrayCreation { Empty, Zeros, Ones, Full, Arange, EmptyLike, ZerosLike, OnesLike, FullLike }
/// <summary>A new array owned by the running function. Operands: the shape items (int64) for
/// Empty/Zeros/Ones/Full; start, stop, step (of the dtype) for Arange; the source array for *Like.
/// FillValue (Full, FullLike) has the dtype.</summary>
public sealed record IrArrayCreate(ArrayCreation Kind, IReadOnlyList<IrExpr> Operands, IrExpr? FillValue, ArrayType ArrayType) : IrExpr(ArrayType);

public sealed record IrTupleCreate(IReadOnlyList<IrExpr> Items, TupleType TupleType) : IrExpr(TupleType);
public sealed record IrTupleGet(IrExpr Tuple, int Index, NjType Type) : IrExpr(Type);
/// <summary>tuple[i] with a run-time index into a homogeneous tuple.</summary>
public sealed record IrTupleGetDynamic(IrExpr Tuple, IrExpr Index, NjType Type) : IrExpr(Type);

/// <summary>A value (or None) widened to an optional type.</summary>
public sealed record IrOptionalWrap(IrExpr Value, OptionalType OptionalType) : IrExpr(OptionalType);
/// <summary>The value inside an optional; raises TypeError if it is None.</summary>
public sealed record IrOptionalUnwrap(IrExpr Value, NjType Type) : IrExpr(Type);
public sealed record IrIsNone(IrExpr Value) : IrExpr(NjTypes.Bool);

/// <summary>Evaluates <paramref name="Value"/> into <paramref name="Variable"/>, then <paramref name="Body"/>
/// (which may read it): how a chained comparison evaluates its middle operand once.</summary>
public sealed record IrLet(IrVariable Variable, IrExpr Value, IrExpr Body) : IrExpr(Body.Type);
