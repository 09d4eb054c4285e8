using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

// The match statement (PEP 634). 'match' and 'case' are soft keywords, so the header is tried
// speculatively and the statement falls back to an ordinary expression statement.
internal sealed partial class Parser
{
    private Stmt? TryParseMatch()
    {
        int start = _p;
        var header = Next();
        Expr subject;
        try
        {
            if (!StartsExpression()) throw InvalidSyntax();
            int s = _p;
            var first = ParseStarNamedExpression();
            if (At(TokenKind.Comma))
            {
                var elts = ParseStarNamedExpressionsUntil(TokenKind.Colon, first);
                subject = Fin(new Syntax.Tuple(elts, ExprContext.Load), s);
            }
            else
            {
                if (first is Starred) throw InvalidSyntax();
                subject = first;
            }
            if (!At(TokenKind.Colon) || PeekTok().Kind != TokenKind.Newline) throw InvalidSyntax();
        }
        catch (ParseException)
        {
            _p = start;
            return null;
        }
        _p += 2;
        if (!At(TokenKind.Indent))
            throw ErrorAt(Cur, $"expected an indented block after 'match' statement on line {header.Line}", kind: "IndentationError");
        _p++;
        var cases = new List<MatchCase>();
        while (!Accept(TokenKind.Dedent))
        {
            if (!AtSoft("case")) throw InvalidSyntax();
            cases.Add(ParseCaseBlock());
        }
        return Fin(new Match(subject, cases), start);
    }

    private MatchCase ParseCaseBlock()
    {
        var header = Next();
        var pattern = ParsePatterns();
        var guard = AcceptKw("if") ? ParseNamedExpression() : null;
        ExpectColon();
        var body = ParseBlock("'case' statement", header);
        return new MatchCase(pattern, guard, body);
    }

    private Pattern ParsePatterns()
    {
        int start = _p;
        var first = ParseMaybeStarPattern();
        if (!At(TokenKind.Comma))
        {
            if (first is MatchStar) throw InvalidSyntax();
            return first;
        }
        var items = new List<Pattern> { first };
        while (Accept(TokenKind.Comma))
        {
            if (At(TokenKind.Colon) || AtKw("if")) break;
            items.Add(ParseMaybeStarPattern());
        }
        return Fin(new MatchSequence(items), start);
    }

    private Pattern ParseMaybeStarPattern()
    {
        if (!At(TokenKind.Star)) return ParsePattern();
        int start = _p++;
        var name = ExpectName();
        return Fin(new MatchStar(name == "_" ? null : name), start);
    }

    private Pattern ParsePattern()
    {
        int start = _p;
        var p = ParseOrPattern();
        if (!AcceptKw("as")) return p;
        if (!At(TokenKind.Name)) throw InvalidSyntax();
        var name = Next();
        if (name.Text == "_") throw ErrorAt(name, "cannot use '_' as a target");
        return Fin(new MatchAs(p, name.Text), start);
    }

    private Pattern ParseOrPattern()
    {
        int start = _p;
        var first = ParseClosedPattern();
        if (!At(TokenKind.VBar)) return first;
        var items = new List<Pattern> { first };
        while (Accept(TokenKind.VBar)) items.Add(ParseClosedPattern());
        return Fin(new MatchOr(items), start);
    }

    private Pattern ParseClosedPattern()
    {
        int start = _p;
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Number:
            case TokenKind.Minus:
                return Fin(new MatchValue(ParseSignedNumberOrComplex()), start);
            case TokenKind.String:
                return Fin(new MatchValue(ParseStrings()), start);
            case TokenKind.Keyword when t.Text is "None" or "True" or "False":
                _p++;
                return At(new MatchSingleton(t.Text == "None" ? null : t.Text == "True"), t);
            case TokenKind.LPar:
            {
                _p++;
                if (Accept(TokenKind.RPar)) return Fin(new MatchSequence(Array.Empty<Pattern>()), start);
                var p = ParseMaybeStarPattern();
                if (At(TokenKind.Comma))
                {
                    var items = new List<Pattern> { p };
                    while (Accept(TokenKind.Comma))
                    {
                        if (At(TokenKind.RPar)) break;
                        items.Add(ParseMaybeStarPattern());
                    }
                    Expect(TokenKind.RPar);
                    return Fin(new MatchSequence(items), start);
                }
                Expect(TokenKind.RPar);
                if (p is MatchStar) throw ErrorAt(_toks[start + 1], "invalid syntax");
                return p;
            }
            case TokenKind.LSqb:
            {
                _p++;
                var items = new List<Pattern>();
                while (!At(TokenKind.RSqb))
                {
                    items.Add(ParseMaybeStarPattern());
                    if (!Accept(TokenKind.Comma)) break;
                }
                Expect(TokenKind.RSqb);
                return Fin(new MatchSequence(items), start);
            }
            case TokenKind.LBrace:
                return ParseMappingPattern();
            case TokenKind.Name:
            {
                _p++;
                Expr e = At(new Name(t.Text, ExprContext.Load), t);
                bool dotted = false;
                while (Accept(TokenKind.Dot))
                {
                    e = Fin(new Syntax.Attribute(e, ExpectName(), ExprContext.Load), start);
                    dotted = true;
                }
                if (At(TokenKind.LPar)) return ParseClassPattern(e, start);
                if (dotted) return Fin(new MatchValue(e), start);
                return At(new MatchAs(null, t.Text == "_" ? null : t.Text), t);
            }
        }
        throw InvalidSyntax();
    }

    private Expr ParseSignedNumberOrComplex()
    {
        int start = _p;
        Expr e;
        if (At(TokenKind.Minus))
        {
            _p++;
            var n = Expect(TokenKind.Number);
            e = Fin(new UnaryOp(UnaryOperator.USub, At(new Constant(ParseNumber(n)), n)), start);
        }
        else
        {
            var n = Expect(TokenKind.Number);
            e = At(new Constant(ParseNumber(n)), n);
        }
        if (At(TokenKind.Plus) || At(TokenKind.Minus))
        {
            var op = Next().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Sub;
            var n = Expect(TokenKind.Number);
            var imag = At(new Constant(ParseNumber(n)), n);
            if (imag.Value is not System.Numerics.Complex) throw ErrorAt(imag, "imaginary number required in complex literal");
            e = Fin(new BinOp(e, op, imag), start);
        }
        return e;
    }

    private Pattern ParseMappingPattern()
    {
        int start = _p++;
        var keys = new List<Expr>();
        var patterns = new List<Pattern>();
        string? rest = null;
        while (!At(TokenKind.RBrace))
        {
            if (Accept(TokenKind.DoubleStar))
            {
                rest = ExpectName();
                Accept(TokenKind.Comma);
                break;
            }
            keys.Add(ParseMappingKey());
            ExpectColon();
            patterns.Add(ParsePattern());
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RBrace);
        return Fin(new MatchMapping(keys, patterns, rest), start);
    }

    private Expr ParseMappingKey()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Number:
            case TokenKind.Minus:
                return ParseSignedNumberOrComplex();
            case TokenKind.String:
                return ParseStrings();
            case TokenKind.Keyword when t.Text is "None" or "True" or "False":
                _p++;
                return At(new Constant(t.Text == "None" ? null : t.Text == "True"), t);
            case TokenKind.Name:
            {
                int start = _p++;
                Expr e = At(new Name(t.Text, ExprContext.Load), t);
                if (!At(TokenKind.Dot)) throw InvalidSyntax();
                while (Accept(TokenKind.Dot)) e = Fin(new Syntax.Attribute(e, ExpectName(), ExprContext.Load), start);
                return e;
            }
        }
        throw InvalidSyntax();
    }

    private Pattern ParseClassPattern(Expr cls, int start)
    {
        _p++;
        var patterns = new List<Pattern>();
        var kwdAttrs = new List<string>();
        var kwdPatterns = new List<Pattern>();
        while (!At(TokenKind.RPar))
        {
            if (At(TokenKind.Name) && PeekTok().Kind == TokenKind.Equal)
            {
                kwdAttrs.Add(Next().Text);
                _p++;
                kwdPatterns.Add(ParsePattern());
            }
            else
            {
                var p = ParsePattern();
                if (kwdAttrs.Count > 0) throw ErrorAt(p, "positional patterns follow keyword patterns");
                patterns.Add(p);
            }
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RPar);
        return Fin(new MatchClass(cls, patterns, kwdAttrs, kwdPatterns), start);
    }
}
