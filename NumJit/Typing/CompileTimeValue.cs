using NumJit.Compilation;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

/// <summary>
/// A value that exists only while compiling: a module, a function to call, a dtype, an
/// exception class or a bound method. Expressions evaluate to these or to typed IR.
/// </summary>
public abstract record CompileTimeValue;

public sealed record ModuleRef(string Module) : CompileTimeValue;
public sealed record FunctionRef(string Module, string Name) : CompileTimeValue;
public sealed record JitRef(FunctionSource Source) : CompileTimeValue;
/// <summary>A @vectorize ufunc: its scalar kernel, element-wise over array arguments.</summary>
public sealed record UfuncRef(FunctionSource Kernel) : CompileTimeValue;
public sealed record DTypeRef(NjType Type) : CompileTimeValue;
public sealed record ExceptionRef(string Name) : CompileTimeValue;
public sealed record MethodRef(IrExpr Receiver, string Method) : CompileTimeValue;
public sealed record GufuncRef(GufuncGlobal Gufunc, string Name) : CompileTimeValue;
