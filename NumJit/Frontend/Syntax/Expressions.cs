using System.Numerics;

namespace NumJit.Frontend.Syntax;

// Expression nodes, in the order of CPython's ast module documentation.

public sealed record BoolOp(BoolOperator Op, IReadOnlyList<Expr> Values) : Expr;
public sealed record NamedExpr(Expr Target, Expr Value) : Expr;
public sealed record BinOp(Expr Left, BinaryOperator Op, Expr Right) : Expr;
public sealed record UnaryOp(UnaryOperator Op, Expr Operand) : Expr;
public sealed record Lambda(Arguments Args, Expr Body) : Expr;
public sealed record IfExp(Expr Test, Expr Body, Expr OrElse) : Expr;
public sealed record Dict(IReadOnlyList<Expr?> Keys, IReadOnlyList<Expr> Values) : Expr;
public sealed record Set(IReadOnlyList<Expr> Elts) : Expr;
public sealed record ListComp(Expr Elt, IReadOnlyList<Comprehension> Generators) : Expr;
public sealed record SetComp(Expr Elt, IReadOnlyList<Comprehension> Generators) : Expr;
public sealed record DictComp(Expr Key, Expr Value, IReadOnlyList<Comprehension> Generators) : Expr;
public sealed record GeneratorExp(Expr Elt, IReadOnlyList<Comprehension> Generators) : Expr;
public sealed record Await(Expr Value) : Expr;
public sealed record Yield(Expr? Value) : Expr;
public sealed record YieldFrom(Expr Value) : Expr;
public sealed record Compare(Expr Left, IReadOnlyList<CompareOperator> Ops, IReadOnlyList<Expr> Comparators) : Expr;
public sealed record Call(Expr Func, IReadOnlyList<Expr> Args, IReadOnlyList<Keyword> Keywords) : Expr;
/// <param name="Conversion">-1 for none, else the character code of 's', 'r' or 'a'.</param>
public sealed record FormattedValue(Expr Value, int Conversion, Expr? FormatSpec) : Expr;
public sealed record JoinedStr(IReadOnlyList<Expr> Values) : Expr;

/// <summary>
/// A literal. <see cref="Value"/> is null (None), bool, <see cref="BigInteger"/> (int),
/// double (float), <see cref="Complex"/> (imaginary literal), string, byte[] (bytes)
/// or <see cref="EllipsisValue.Instance"/>. <see cref="Kind"/> is "u" for u-prefixed strings.
/// </summary>
public sealed record Constant(object? Value, string? Kind = null) : Expr;

public sealed record Attribute(Expr Value, string Attr, ExprContext Ctx) : Expr;
public sealed record Subscript(Expr Value, Expr Slice, ExprContext Ctx) : Expr;
public sealed record Starred(Expr Value, ExprContext Ctx) : Expr;
public sealed record Name(string Id, ExprContext Ctx) : Expr;
public sealed record List(IReadOnlyList<Expr> Elts, ExprContext Ctx) : Expr;
public sealed record Tuple(IReadOnlyList<Expr> Elts, ExprContext Ctx) : Expr;
public sealed record Slice(Expr? Lower, Expr? Upper, Expr? Step) : Expr;

/// <summary>The value of the literal <c>...</c>.</summary>
public sealed class EllipsisValue
{
    public static readonly EllipsisValue Instance = new();
    private EllipsisValue() { }
    public override string ToString() => "Ellipsis";
}
