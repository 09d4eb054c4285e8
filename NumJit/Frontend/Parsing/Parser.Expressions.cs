using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

// Operator-precedence layers of the grammar, from star_expressions down to primary.
internal sealed partial class Parser
{
    /// <summary>True if the current token can begin an expression (used after optional commas).</summary>
    private bool StartsExpression()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Name: case TokenKind.Number: case TokenKind.String:
            case TokenKind.LPar: case TokenKind.LSqb: case TokenKind.LBrace:
            case TokenKind.Minus: case TokenKind.Plus: case TokenKind.Tilde:
            case TokenKind.Star: case TokenKind.Ellipsis:
                return true;
            case TokenKind.Keyword:
                return t.Text is "not" or "lambda" or "await" or "None" or "True" or "False";
            default:
                return false;
        }
    }

    private Expr ParseStarExpressions()
    {
        int start = _p;
        var first = ParseStarExpression();
        if (!At(TokenKind.Comma)) return first;
        var elts = new List<Expr> { first };
        while (Accept(TokenKind.Comma))
        {
            if (!StartsExpression()) break;
            elts.Add(ParseStarExpression());
        }
        return Fin(new Syntax.Tuple(elts, ExprContext.Load), start);
    }

    private Expr ParseStarExpression()
    {
        if (At(TokenKind.Star))
        {
            int start = _p++;
            return Fin(new Starred(ParseBitwiseOr(), ExprContext.Load), start);
        }
        return ParseExpression();
    }

    private Expr ParseStarNamedExpression()
    {
        if (At(TokenKind.Star))
        {
            int start = _p++;
            return Fin(new Starred(ParseBitwiseOr(), ExprContext.Load), start);
        }
        return ParseNamedExpression();
    }

    /// <summary>star_named_expressions with an optional trailing comma, stopping before <paramref name="closer"/>.</summary>
    private List<Expr> ParseStarNamedExpressionsUntil(TokenKind closer, Expr? first)
    {
        var elts = new List<Expr>();
        if (first != null) elts.Add(first);
        else if (!At(closer)) elts.Add(ParseStarNamedExpression());
        while (Accept(TokenKind.Comma))
        {
            if (At(closer)) break;
            elts.Add(ParseStarNamedExpression());
        }
        return elts;
    }

    private Expr ParseNamedExpression()
    {
        if (At(TokenKind.Name) && PeekTok().Kind == TokenKind.ColonEqual)
        {
            int start = _p;
            var nameTok = Next();
            _p++;
            var value = ParseExpression();
            return Fin(new NamedExpr(At(new Name(nameTok.Text, ExprContext.Store), nameTok), value), start);
        }
        var e = ParseExpression();
        if (At(TokenKind.ColonEqual))
            throw ErrorAt(e, $"cannot use assignment expressions with {Describe(e)}");
        return e;
    }

    private Expr ParseExpression()
    {
        if (AtKw("lambda")) return ParseLambda();
        int start = _p;
        var body = ParseDisjunction();
        if (!AtKw("if")) return body;
        _p++;
        var test = ParseDisjunction();
        if (!AtKw("else")) throw ErrorAt(_toks[start], "expected 'else' after 'if' expression");
        _p++;
        var orElse = ParseExpression();
        return Fin(new IfExp(test, body, orElse), start);
    }

    private Expr ParseYieldExpr()
    {
        int start = _p++;
        if (AcceptKw("from")) return Fin(new YieldFrom(ParseExpression()), start);
        if (!StartsExpression()) return Fin(new Yield(null), start);
        return Fin(new Yield(ParseStarExpressions()), start);
    }

    private Expr ParseDisjunction()
    {
        int start = _p;
        var first = ParseConjunction();
        if (!AtKw("or")) return first;
        var values = new List<Expr> { first };
        while (AcceptKw("or")) values.Add(ParseConjunction());
        return Fin(new BoolOp(BoolOperator.Or, values), start);
    }

    private Expr ParseConjunction()
    {
        int start = _p;
        var first = ParseInversion();
        if (!AtKw("and")) return first;
        var values = new List<Expr> { first };
        while (AcceptKw("and")) values.Add(ParseInversion());
        return Fin(new BoolOp(BoolOperator.And, values), start);
    }

    private Expr ParseInversion()
    {
        if (AtKw("not"))
        {
            int start = _p++;
            return Fin(new UnaryOp(UnaryOperator.Not, ParseInversion()), start);
        }
        return ParseComparison();
    }

    private Expr ParseComparison()
    {
        int start = _p;
        var left = ParseBitwiseOr();
        List<CompareOperator>? ops = null;
        List<Expr>? comparators = null;
        while (true)
        {
            CompareOperator op;
            var t = Cur;
            switch (t.Kind)
            {
                case TokenKind.EqEqual: op = CompareOperator.Eq; _p++; break;
                case TokenKind.NotEqual: op = CompareOperator.NotEq; _p++; break;
                case TokenKind.Less: op = CompareOperator.Lt; _p++; break;
                case TokenKind.LessEqual: op = CompareOperator.LtE; _p++; break;
                case TokenKind.Greater: op = CompareOperator.Gt; _p++; break;
                case TokenKind.GreaterEqual: op = CompareOperator.GtE; _p++; break;
                case TokenKind.Keyword when t.Text == "in": op = CompareOperator.In; _p++; break;
                case TokenKind.Keyword when t.Text == "not" && IsKw(PeekTok(), "in"): op = CompareOperator.NotIn; _p += 2; break;
                case TokenKind.Keyword when t.Text == "is":
                    if (IsKw(PeekTok(), "not")) { op = CompareOperator.IsNot; _p += 2; }
                    else { op = CompareOperator.Is; _p++; }
                    break;
                default:
                    goto done;
            }
            (ops ??= new()).Add(op);
            (comparators ??= new()).Add(ParseBitwiseOr());
        }
    done:
        return ops == null ? left : Fin(new Compare(left, ops, comparators!), start);
    }

    private Expr ParseBitwiseOr()
    {
        int start = _p;
        var left = ParseBitwiseXor();
        while (Accept(TokenKind.VBar)) left = Fin(new BinOp(left, BinaryOperator.BitOr, ParseBitwiseXor()), start);
        return left;
    }

    private Expr ParseBitwiseXor()
    {
        int start = _p;
        var left = ParseBitwiseAnd();
        while (Accept(TokenKind.Circumflex)) left = Fin(new BinOp(left, BinaryOperator.BitXor, ParseBitwiseAnd()), start);
        return left;
    }

    private Expr ParseBitwiseAnd()
    {
        int start = _p;
        var left = ParseShift();
        while (Accept(TokenKind.Amper)) left = Fin(new BinOp(left, BinaryOperator.BitAnd, ParseShift()), start);
        return left;
    }

    private Expr ParseShift()
    {
        int start = _p;
        var left = ParseSum();
        while (true)
        {
            BinaryOperator op;
            if (At(TokenKind.LeftShift)) op = BinaryOperator.LShift;
            else if (At(TokenKind.RightShift)) op = BinaryOperator.RShift;
            else return left;
            _p++;
            left = Fin(new BinOp(left, op, ParseSum()), start);
        }
    }

    private Expr ParseSum()
    {
        int start = _p;
        var left = ParseTerm();
        while (true)
        {
            BinaryOperator op;
            if (At(TokenKind.Plus)) op = BinaryOperator.Add;
            else if (At(TokenKind.Minus)) op = BinaryOperator.Sub;
            else return left;
            _p++;
            left = Fin(new BinOp(left, op, ParseTerm()), start);
        }
    }

    private Expr ParseTerm()
    {
        int start = _p;
        var left = ParseFactor();
        while (true)
        {
            BinaryOperator op;
            switch (Kind)
            {
                case TokenKind.Star: op = BinaryOperator.Mult; break;
                case TokenKind.Slash: op = BinaryOperator.Div; break;
                case TokenKind.DoubleSlash: op = BinaryOperator.FloorDiv; break;
                case TokenKind.Percent: op = BinaryOperator.Mod; break;
                case TokenKind.At: op = BinaryOperator.MatMult; break;
                default: return left;
            }
            _p++;
            left = Fin(new BinOp(left, op, ParseFactor()), start);
        }
    }

    private Expr ParseFactor()
    {
        UnaryOperator op;
        switch (Kind)
        {
            case TokenKind.Plus: op = UnaryOperator.UAdd; break;
            case TokenKind.Minus: op = UnaryOperator.USub; break;
            case TokenKind.Tilde: op = UnaryOperator.Invert; break;
            default: return ParsePower();
        }
        int start = _p++;
        return Fin(new UnaryOp(op, ParseFactor()), start);
    }

    private Expr ParsePower()
    {
        int start = _p;
        var left = ParseAwaitPrimary();
        if (!Accept(TokenKind.DoubleStar)) return left;
        return Fin(new BinOp(left, BinaryOperator.Pow, ParseFactor()), start);
    }

    private Expr ParseAwaitPrimary()
    {
        if (AtKw("await"))
        {
            int start = _p++;
            return Fin(new Await(ParsePrimary()), start);
        }
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        int start = _p;
        var e = ParseAtom();
        while (true)
        {
            switch (Kind)
            {
                case TokenKind.Dot:
                    _p++;
                    var name = ExpectName();
                    e = Fin(new Syntax.Attribute(e, name, ExprContext.Load), start);
                    break;
                case TokenKind.LPar:
                    e = ParseCall(e, start);
                    break;
                case TokenKind.LSqb:
                    _p++;
                    var slice = ParseSlices();
                    Expect(TokenKind.RSqb);
                    e = Fin(new Subscript(e, slice, ExprContext.Load), start);
                    break;
                default:
                    return e;
            }
        }
    }

    private Expr ParseSlices()
    {
        int start = _p;
        var first = ParseSliceItem();
        if (!At(TokenKind.Comma) && first is not Starred) return first;
        var elts = new List<Expr> { first };
        while (Accept(TokenKind.Comma))
        {
            if (At(TokenKind.RSqb)) break;
            elts.Add(ParseSliceItem());
        }
        return Fin(new Syntax.Tuple(elts, ExprContext.Load), start);
    }

    private Expr ParseSliceItem()
    {
        int start = _p;
        if (At(TokenKind.Star))
        {
            _p++;
            return Fin(new Starred(ParseExpression(), ExprContext.Load), start);
        }
        Expr? lower = null;
        if (!At(TokenKind.Colon))
        {
            lower = ParseNamedExpression();
            if (!At(TokenKind.Colon)) return lower;
        }
        _p++;
        Expr? upper = At(TokenKind.Colon) || At(TokenKind.Comma) || At(TokenKind.RSqb) ? null : ParseExpression();
        Expr? step = null;
        if (Accept(TokenKind.Colon) && !At(TokenKind.Comma) && !At(TokenKind.RSqb)) step = ParseExpression();
        return Fin(new Slice(lower, upper, step), start);
    }

    private Expr ParseCall(Expr func, int start)
    {
        int lpar = _p++;
        var args = new List<Expr>();
        var keywords = new List<Keyword>();
        bool sawDoubleStar = false;
        int firstDoubleStar = -1;
        while (!At(TokenKind.RPar))
        {
            int s = _p;
            if (At(TokenKind.Star))
            {
                _p++;
                var v = ParseExpression();
                if (sawDoubleStar) throw ErrorAt(_toks[firstDoubleStar], "iterable argument unpacking follows keyword argument unpacking");
                args.Add(Fin(new Starred(v, ExprContext.Load), s));
            }
            else if (At(TokenKind.DoubleStar))
            {
                _p++;
                keywords.Add(Fin(new Keyword(null, ParseExpression()), s));
                if (!sawDoubleStar) firstDoubleStar = s;
                sawDoubleStar = true;
            }
            else if (At(TokenKind.Name) && PeekTok().Kind == TokenKind.Equal)
            {
                var name = Next().Text;
                _p++;
                keywords.Add(Fin(new Keyword(name, ParseExpression()), s));
            }
            else
            {
                var e = ParseNamedExpression();
                if (AtKw("for") || (AtKw("async") && IsKw(PeekTok(), "for")))
                {
                    var gens = ParseComprehensionClauses();
                    if (args.Count > 0 || keywords.Count > 0 || !At(TokenKind.RPar))
                        throw ErrorAt(e, "Generator expression must be parenthesized");
                    _p++;
                    args.Add(Fin(new GeneratorExp(e, gens), lpar));
                    return Fin(new Call(func, args, keywords), start);
                }
                if (At(TokenKind.Equal))
                    throw ErrorAt(e, "expression cannot contain assignment, perhaps you meant \"==\"?");
                if (keywords.Count > 0)
                {
                    throw ErrorAtPos(e.EndLine, e.EndCol, sawDoubleStar
                        ? "positional argument follows keyword argument unpacking"
                        : "positional argument follows keyword argument", null);
                }
                args.Add(e);
            }
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RPar);
        return Fin(new Call(func, args, keywords), start);
    }
}
