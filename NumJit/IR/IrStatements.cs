namespace NumJit.IR;

public abstract record IrStmt;

public sealed record IrBlock(IReadOnlyList<IrStmt> Statements) : IrStmt
{
    public static readonly IrBlock Empty = new(Array.Empty<IrStmt>());
}

/// <summary>Value has the variable's type.</summary>
public sealed record IrAssign(IrVariable Target, IrExpr Value) : IrStmt;
public sealed record IrArrayStore(IrExpr Array, IReadOnlyList<IrExpr> Indices, bool WrapNegative, IrExpr Value) : IrStmt;
public sealed record IrExprStatement(IrExpr Value) : IrStmt;
public sealed record IrIf(IrExpr Condition, IrBlock Then, IrBlock Else) : IrStmt;

/// <summary>
/// <c>while cond: body else: orElse</c>. <c>continue</c> re-tests the condition; the else
/// block runs when the condition fails, not after <c>break</c>. For-loops are lowered to this
/// shape with the induction step at the top of the body, so continue needs nothing special.
/// </summary>
public sealed record IrWhile(IrExpr Condition, IrBlock Body, IrBlock OrElse) : IrStmt;
public sealed record IrBreak : IrStmt;
public sealed record IrContinue : IrStmt;
public sealed record IrReturn(IrExpr? Value) : IrStmt;
/// <summary>Raises a builtin Python exception (by class name) with a constant message.</summary>
public sealed record IrRaise(string ExceptionType, string? Message) : IrStmt;
