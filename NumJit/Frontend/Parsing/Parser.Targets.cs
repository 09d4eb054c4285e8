using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

// Assignment / deletion targets. Targets are parsed as expressions and then converted, which is
// what CPython's invalid_* rules effectively do when they produce "cannot assign to ..." errors.
internal sealed partial class Parser
{
    /// <summary>star_targets: used by for loops and comprehensions, where 'in' must not be consumed.</summary>
    private Expr ParseStarTargets()
    {
        int start = _p;
        var first = ParseStarTarget();
        if (!At(TokenKind.Comma)) return first;
        var elts = new List<Expr> { first };
        while (Accept(TokenKind.Comma))
        {
            if (!StartsTarget()) break;
            elts.Add(ParseStarTarget());
        }
        return Fin(new Syntax.Tuple(elts, ExprContext.Store), start);
    }

    private bool StartsTarget() => Kind is TokenKind.Name or TokenKind.LPar or TokenKind.LSqb or TokenKind.Star;

    private Expr ParseStarTarget()
    {
        if (At(TokenKind.Star))
        {
            int start = _p++;
            if (At(TokenKind.Star)) throw InvalidSyntax();
            var inner = ParseStarTarget();
            return Fin(new Starred(inner, ExprContext.Store), start);
        }
        var e = ParsePrimary();
        return ToTarget(e, ExprContext.Store, topLevel: false);
    }

    /// <summary>Re-contexts a parsed expression as a Store/Del target, validating its shape.</summary>
    private Expr ToTarget(Expr e, ExprContext ctx, bool topLevel)
    {
        switch (e)
        {
            case Name n:
                return n with { Ctx = ctx };
            case Syntax.Attribute a:
                return a with { Ctx = ctx };
            case Subscript s:
                return s with { Ctx = ctx };
            case Starred st when ctx == ExprContext.Store:
                return st with { Value = ToTarget(st.Value, ctx, false), Ctx = ctx };
            case Syntax.Tuple t:
            {
                var elts = new Expr[t.Elts.Count];
                for (int i = 0; i < elts.Length; i++) elts[i] = ToTarget(t.Elts[i], ctx, false);
                return t with { Elts = elts, Ctx = ctx };
            }
            case Syntax.List l:
            {
                var elts = new Expr[l.Elts.Count];
                for (int i = 0; i < elts.Length; i++) elts[i] = ToTarget(l.Elts[i], ctx, false);
                return l with { Elts = elts, Ctx = ctx };
            }
        }
        string what = Describe(e);
        if (ctx == ExprContext.Del) throw ErrorAt(e, $"cannot delete {what}");
        if (topLevel && e is not (Starred or NamedExpr))
            throw ErrorAt(e, $"cannot assign to {what} here. Maybe you meant '==' instead of '='?");
        throw ErrorAt(e, $"cannot assign to {what}");
    }

    /// <summary>The noun CPython uses for an expression in error messages.</summary>
    private static string Describe(Expr e) => e switch
    {
        Syntax.Attribute => "attribute",
        Subscript => "subscript",
        Starred => "starred",
        Name => "name",
        Syntax.List => "list",
        Syntax.Tuple => "tuple",
        Lambda => "lambda",
        Call => "function call",
        BoolOp or BinOp or UnaryOp => "expression",
        GeneratorExp => "generator expression",
        Yield or YieldFrom => "yield expression",
        Await => "await expression",
        ListComp => "list comprehension",
        SetComp => "set comprehension",
        DictComp => "dict comprehension",
        Dict => "dict literal",
        Syntax.Set => "set display",
        JoinedStr or FormattedValue => "f-string expression",
        Constant c => c.Value switch
        {
            null => "None",
            true => "True",
            false => "False",
            EllipsisValue => "ellipsis",
            _ => "literal",
        },
        Compare => "comparison",
        IfExp => "conditional expression",
        NamedExpr => "named expression",
        _ => "expression",
    };
}
