namespace NumJit.Frontend.Syntax;

// Statement nodes, in the order of CPython's ast module documentation.
// TypeParams (PEP 695, Python 3.12) are empty lists for older syntax.

public sealed record FunctionDef(string Name, Arguments Args, IReadOnlyList<Stmt> Body, IReadOnlyList<Expr> DecoratorList,
    Expr? Returns, string? TypeComment, IReadOnlyList<TypeParam> TypeParams) : Stmt;
public sealed record AsyncFunctionDef(string Name, Arguments Args, IReadOnlyList<Stmt> Body, IReadOnlyList<Expr> DecoratorList,
    Expr? Returns, string? TypeComment, IReadOnlyList<TypeParam> TypeParams) : Stmt;
public sealed record ClassDef(string Name, IReadOnlyList<Expr> Bases, IReadOnlyList<Keyword> Keywords, IReadOnlyList<Stmt> Body,
    IReadOnlyList<Expr> DecoratorList, IReadOnlyList<TypeParam> TypeParams) : Stmt;
public sealed record Return(Expr? Value) : Stmt;
public sealed record Delete(IReadOnlyList<Expr> Targets) : Stmt;
public sealed record Assign(IReadOnlyList<Expr> Targets, Expr Value, string? TypeComment) : Stmt;
public sealed record TypeAlias(Name Name, IReadOnlyList<TypeParam> TypeParams, Expr Value) : Stmt;
public sealed record AugAssign(Expr Target, BinaryOperator Op, Expr Value) : Stmt;
/// <param name="Simple">1 when the target is a plain name not in parentheses.</param>
public sealed record AnnAssign(Expr Target, Expr Annotation, Expr? Value, int Simple) : Stmt;
public sealed record For(Expr Target, Expr Iter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse, string? TypeComment) : Stmt;
public sealed record AsyncFor(Expr Target, Expr Iter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse, string? TypeComment) : Stmt;
public sealed record While(Expr Test, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse) : Stmt;
public sealed record If(Expr Test, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse) : Stmt;
public sealed record With(IReadOnlyList<WithItem> Items, IReadOnlyList<Stmt> Body, string? TypeComment) : Stmt;
public sealed record AsyncWith(IReadOnlyList<WithItem> Items, IReadOnlyList<Stmt> Body, string? TypeComment) : Stmt;
public sealed record Match(Expr Subject, IReadOnlyList<MatchCase> Cases) : Stmt;
public sealed record Raise(Expr? Exc, Expr? Cause) : Stmt;
public sealed record Try(IReadOnlyList<Stmt> Body, IReadOnlyList<ExceptHandler> Handlers, IReadOnlyList<Stmt> OrElse, IReadOnlyList<Stmt> FinalBody) : Stmt;
public sealed record TryStar(IReadOnlyList<Stmt> Body, IReadOnlyList<ExceptHandler> Handlers, IReadOnlyList<Stmt> OrElse, IReadOnlyList<Stmt> FinalBody) : Stmt;
public sealed record Assert(Expr Test, Expr? Msg) : Stmt;
public sealed record Import(IReadOnlyList<Alias> Names) : Stmt;
public sealed record ImportFrom(string? Module, IReadOnlyList<Alias> Names, int Level) : Stmt;
public sealed record Global(IReadOnlyList<string> Names) : Stmt;
public sealed record Nonlocal(IReadOnlyList<string> Names) : Stmt;
public sealed record ExprStmt(Expr Value) : Stmt;   // ast.Expr
public sealed record Pass : Stmt;
public sealed record Break : Stmt;
public sealed record Continue : Stmt;

/// <summary>ast.Module: the root of a parsed file.</summary>
public sealed record Module(IReadOnlyList<Stmt> Body, IReadOnlyList<TypeIgnore> TypeIgnores);
public sealed record TypeIgnore(int Lineno, string Tag);
