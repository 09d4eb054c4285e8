using NumJit.IR.Types;

namespace NumJit.Compilation;

/// <summary>
/// What a global or closure name referred to when the function was compiled, as described by
/// the Python package. Globals are frozen: later rebinding in Python does not affect compiled code.
/// </summary>
public abstract record GlobalValue;

/// <summary>A number, bool, None or tuple of those.</summary>
public sealed record ConstantGlobal(object? Value, NjType Type) : GlobalValue;
public sealed record ModuleGlobal(string Module) : GlobalValue;
/// <summary>A function of a module, e.g. math.sqrt imported by name, or a builtin.</summary>
public sealed record FunctionGlobal(string Module, string Name) : GlobalValue;
/// <summary>Another jitted function (its source travels in the same request); for a @vectorize
/// ufunc, the scalar kernel, applied element-wise to array arguments.</summary>
public sealed record JitGlobal(int FunctionId, bool IsUfunc = false) : GlobalValue;
public sealed record ExceptionGlobal(string Name) : GlobalValue;
/// <summary>A numpy scalar type or dtype (np.float64, np.int32...).</summary>
public sealed record DTypeGlobal(NjType Type) : GlobalValue;
/// <summary>Something compiled code cannot use; named in the error if it is used.</summary>
public sealed record OpaqueGlobal(string PythonType) : GlobalValue;

/// <summary>A @guvectorize gufunc: a Python object (kept alive by the package) compiled code calls;
/// per signature the dtypes of its arguments, and each argument's number of core dimensions.</summary>
public sealed record GufuncGlobal(nint Address, int Inputs, IReadOnlyList<int> CoreDims, IReadOnlyList<IReadOnlyList<NjType>> Signatures) : GlobalValue;
