namespace NumJit.Frontend.Syntax;

// The helper nodes of CPython's ast module (lower-case classes there).

public sealed record Comprehension(Expr Target, Expr Iter, IReadOnlyList<Expr> Ifs, int IsAsync);
public sealed record ExceptHandler(Expr? Type, string? Name, IReadOnlyList<Stmt> Body) : Node;
public sealed record Arguments(IReadOnlyList<Arg> PosOnlyArgs, IReadOnlyList<Arg> Args, Arg? VarArg,
    IReadOnlyList<Arg> KwOnlyArgs, IReadOnlyList<Expr?> KwDefaults, Arg? KwArg, IReadOnlyList<Expr> Defaults);
public sealed record Arg(string Name, Expr? Annotation, string? TypeComment) : Node;   // ast.arg (field 'arg')
/// <param name="ArgName">null for <c>**kwargs</c>.</param>
public sealed record Keyword(string? ArgName, Expr Value) : Node;                      // ast.keyword (field 'arg')
public sealed record Alias(string Name, string? AsName) : Node;
public sealed record WithItem(Expr ContextExpr, Expr? OptionalVars);
public sealed record MatchCase(Pattern Pattern, Expr? Guard, IReadOnlyList<Stmt> Body);

public sealed record MatchValue(Expr Value) : Pattern;
public sealed record MatchSingleton(object? Value) : Pattern;
public sealed record MatchSequence(IReadOnlyList<Pattern> Patterns) : Pattern;
public sealed record MatchMapping(IReadOnlyList<Expr> Keys, IReadOnlyList<Pattern> Patterns, string? Rest) : Pattern;
public sealed record MatchClass(Expr Cls, IReadOnlyList<Pattern> Patterns, IReadOnlyList<string> KwdAttrs, IReadOnlyList<Pattern> KwdPatterns) : Pattern;
public sealed record MatchStar(string? Name) : Pattern;
public sealed record MatchAs(Pattern? Pattern, string? Name) : Pattern;
public sealed record MatchOr(IReadOnlyList<Pattern> Patterns) : Pattern;

// PEP 695 (Python 3.12).
public abstract record TypeParam : Node;
public sealed record TypeVar(string Name, Expr? Bound) : TypeParam;
public sealed record ParamSpec(string Name) : TypeParam;
public sealed record TypeVarTuple(string Name) : TypeParam;
