namespace NumJit.IR;

public abstract record IrStmt;

public sealed record IrBlock(IReadOnlyList<IrStmt> Statements) : IrStmt
{
    public static readonly IrBlock Empty = new(Array.Empty<IrStmt>());
}

/// <summary>Value has the variable's type.</summary>
public sealed record IrAssign(IrVariable Target, IrExpr Value) : IrStmt;
/// <summary>Element write; <see cref="Row"/> as in <see cref="IrArrayLoad"/>.</summary>
public sealed record IrArrayStore(IrExpr Array, IReadOnlyList<IrExpr> Indices, bool WrapNegative, IrExpr Value) : IrStmt
{
    public IrVariable? Row { get; init; }
}
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

/// <summary>
/// <c>for i in range(start, stop): out[i] = f(a[i], ...)</c> (a map) or <c>acc += f(a[i], ...)</c>
/// (a sum; also <c>acc = max(acc, f(...))</c> and min),
/// with <see cref="Body"/> over <see cref="IrElementRef"/>s of the 1-d array and loop-invariant
/// scalar <see cref="Inputs"/>. A backend may run it with vector instructions when the arrays are
/// unit-stride and in bounds (and, for a sum, reassociation is allowed); otherwise it runs
/// <see cref="Fallback"/>, the ordinary loop. Afterwards the loop variable holds its last value.
/// </summary>
public sealed record IrVectorLoop(IrVariable LoopVariable, IrExpr Start, IrExpr Stop, IReadOnlyList<IrExpr> Inputs, IrExpr Body,
    IrVariable? Accumulator, IrExpr? Output, IrStmt Fallback, ReductionOp Reduction = ReductionOp.Sum) : IrStmt
{
    /// <summary>The loop computes a whole-array expression (a chunk of one, under parallel=True), so
    /// the vector forms of sin/cos/exp/log are allowed as in serial array expressions; explicit
    /// loops need fastmath for them.</summary>
    public bool ArrayExpression { get; init; }
}

/// <summary>How an <see cref="IrVectorLoop"/> folds its body into the accumulator.</summary>
public enum ReductionOp { Sum, Max, Min, Product }
