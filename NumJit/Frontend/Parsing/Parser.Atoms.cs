using System.Globalization;
using System.Numerics;
using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

// Atoms: names, literals, parenthesized forms, displays and comprehensions, lambda.
internal sealed partial class Parser
{
    private Expr ParseAtom()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Name:
                _p++;
                return At(new Name(t.Text, ExprContext.Load), t);
            case TokenKind.Number:
                _p++;
                return At(new Constant(ParseNumber(t)), t);
            case TokenKind.String:
                return ParseStrings();
            case TokenKind.Ellipsis:
                _p++;
                return At(new Constant(EllipsisValue.Instance), t);
            case TokenKind.LPar:
                return ParseParenAtom();
            case TokenKind.LSqb:
                return ParseListAtom();
            case TokenKind.LBrace:
                return ParseBraceAtom();
            case TokenKind.Keyword:
                switch (t.Text)
                {
                    case "None": _p++; return At(new Constant(null), t);
                    case "True": _p++; return At(new Constant(true), t);
                    case "False": _p++; return At(new Constant(false), t);
                }
                break;
        }
        throw InvalidSyntax();
    }

    private object ParseNumber(Token t)
    {
        string s = t.Text.IndexOf('_') >= 0 ? t.Text.Replace("_", "") : t.Text;
        char last = s[^1];
        if (last is 'j' or 'J') return new Complex(0, ParseFloat(s.Substring(0, s.Length - 1)));
        if (s.Length > 1 && s[0] == '0' && (s[1] | 0x20) is 'x' or 'o' or 'b')
        {
            int radix = (s[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            BigInteger v = BigInteger.Zero;
            if (s.Length - 2 <= 15)
            {
                long lv = 0;
                for (int i = 2; i < s.Length; i++) lv = lv * radix + HexValue(s[i]);
                return new BigInteger(lv);
            }
            for (int i = 2; i < s.Length; i++) v = v * radix + HexValue(s[i]);
            return v;
        }
        if (s.IndexOfAny(FloatChars) >= 0) return ParseFloat(s);
        if (s.Length <= 18) return new BigInteger(long.Parse(s, CultureInfo.InvariantCulture));
        return BigInteger.Parse(s, CultureInfo.InvariantCulture);
    }

    private static readonly char[] FloatChars = { '.', 'e', 'E' };

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static double ParseFloat(string s)
        => double.Parse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    private Expr ParseParenAtom()
    {
        int start = _p++;
        if (Accept(TokenKind.RPar)) return Fin(new Syntax.Tuple(Array.Empty<Expr>(), ExprContext.Load), start);
        if (AtKw("yield"))
        {
            var y = ParseYieldExpr();
            Expect(TokenKind.RPar);
            return y;
        }
        var first = ParseStarNamedExpression();
        if (AtComprehensionStart())
        {
            if (first is Starred) throw ErrorAt(first, "iterable unpacking cannot be used in comprehension");
            var gens = ParseComprehensionClauses();
            Expect(TokenKind.RPar);
            return Fin(new GeneratorExp(first, gens), start);
        }
        if (Accept(TokenKind.RPar))
        {
            if (first is Starred) throw ErrorAt(first, "cannot use starred expression here");
            return first;
        }
        if (!At(TokenKind.Comma)) throw UnclosedOrInvalid(start);
        var elts = ParseStarNamedExpressionsUntil(TokenKind.RPar, first);
        if (!At(TokenKind.RPar)) throw UnclosedOrInvalid(start);
        _p++;
        return Fin(new Syntax.Tuple(elts, ExprContext.Load), start);
    }

    private ParseException UnclosedOrInvalid(int open)
    {
        if (At(TokenKind.Name) || At(TokenKind.Number) || At(TokenKind.String))
        {
            var prev = _toks[_p - 1];
            if (prev.Kind is TokenKind.Name or TokenKind.Number or TokenKind.String or TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace)
                return ErrorAtPos(prev.Line, prev.Col, "invalid syntax. Perhaps you forgot a comma?", null);
        }
        return InvalidSyntax();
    }

    private bool AtComprehensionStart() => AtKw("for") || (AtKw("async") && IsKw(PeekTok(), "for"));

    private Expr ParseListAtom()
    {
        int start = _p++;
        if (Accept(TokenKind.RSqb)) return Fin(new Syntax.List(Array.Empty<Expr>(), ExprContext.Load), start);
        var first = ParseStarNamedExpression();
        if (AtComprehensionStart())
        {
            if (first is Starred) throw ErrorAt(first, "iterable unpacking cannot be used in comprehension");
            var gens = ParseComprehensionClauses();
            Expect(TokenKind.RSqb);
            return Fin(new ListComp(first, gens), start);
        }
        var elts = ParseStarNamedExpressionsUntil(TokenKind.RSqb, first);
        if (!At(TokenKind.RSqb)) throw UnclosedOrInvalid(start);
        _p++;
        return Fin(new Syntax.List(elts, ExprContext.Load), start);
    }

    private Expr ParseBraceAtom()
    {
        int start = _p++;
        if (Accept(TokenKind.RBrace)) return Fin(new Dict(Array.Empty<Expr?>(), Array.Empty<Expr>()), start);
        if (At(TokenKind.DoubleStar)) return ParseDictRest(start, null, null);
        if (At(TokenKind.Star))
        {
            var elts = ParseStarNamedExpressionsUntil(TokenKind.RBrace, null);
            Expect(TokenKind.RBrace);
            return Fin(new Syntax.Set(elts), start);
        }
        var first = ParseNamedExpression();
        if (Accept(TokenKind.Colon))
        {
            var value = ParseExpression();
            if (AtComprehensionStart())
            {
                var gens = ParseComprehensionClauses();
                Expect(TokenKind.RBrace);
                return Fin(new DictComp(first, value, gens), start);
            }
            return ParseDictRest(start, first, value);
        }
        if (AtComprehensionStart())
        {
            var gens = ParseComprehensionClauses();
            Expect(TokenKind.RBrace);
            return Fin(new SetComp(first, gens), start);
        }
        var items = ParseStarNamedExpressionsUntil(TokenKind.RBrace, first);
        if (!At(TokenKind.RBrace)) throw UnclosedOrInvalid(start);
        _p++;
        return Fin(new Syntax.Set(items), start);
    }

    private Expr ParseDictRest(int start, Expr? firstKey, Expr? firstValue)
    {
        var keys = new List<Expr?>();
        var values = new List<Expr>();
        bool needItem = true;
        if (firstValue != null)
        {
            keys.Add(firstKey);
            values.Add(firstValue);
            needItem = false;
        }
        while (true)
        {
            if (!needItem)
            {
                if (!Accept(TokenKind.Comma)) break;
                if (At(TokenKind.RBrace)) break;
            }
            needItem = false;
            if (Accept(TokenKind.DoubleStar))
            {
                keys.Add(null);
                values.Add(ParseBitwiseOr());
            }
            else
            {
                keys.Add(ParseExpression());
                if (!At(TokenKind.Colon)) throw ErrorAt(PrevOrCur(), "':' expected after dictionary key", after: false);
                _p++;
                values.Add(ParseExpression());
            }
        }
        if (!At(TokenKind.RBrace)) throw UnclosedOrInvalid(start);
        _p++;
        return Fin(new Dict(keys, values), start);
    }

    private List<Comprehension> ParseComprehensionClauses()
    {
        var gens = new List<Comprehension>();
        while (AtComprehensionStart())
        {
            int isAsync = AcceptKw("async") ? 1 : 0;
            _p++;
            var target = ParseStarTargets();
            if (!AtKw("in")) throw InvalidSyntax();
            _p++;
            var iter = ParseDisjunction();
            var ifs = new List<Expr>();
            while (AcceptKw("if")) ifs.Add(ParseDisjunction());
            gens.Add(new Comprehension(target, iter, ifs, isAsync));
        }
        return gens;
    }

    private Expr ParseLambda()
    {
        int start = _p++;
        var args = At(TokenKind.Colon) ? EmptyArguments() : ParseParameters(lambda: true, TokenKind.Colon);
        Expect(TokenKind.Colon);
        var body = ParseExpression();
        return Fin(new Lambda(args, body), start);
    }

    private static Arguments EmptyArguments()
        => new(Array.Empty<Arg>(), Array.Empty<Arg>(), null, Array.Empty<Arg>(), Array.Empty<Expr?>(), null, Array.Empty<Expr>());

    /// <summary>Parameter list of a def (closer ')') or lambda (closer ':').</summary>
    private Arguments ParseParameters(bool lambda, TokenKind closer)
    {
        var posOnly = new List<Arg>();
        var args = new List<Arg>();
        var defaults = new List<Expr>();
        var kwOnly = new List<Arg>();
        var kwDefaults = new List<Expr?>();
        Arg? varArg = null, kwArg = null;
        bool star = false, slash = false;
        int bareStar = -1;
        while (!At(closer))
        {
            if (At(TokenKind.Slash))
            {
                if (star) throw ErrorAt(Cur, "/ must be ahead of *");
                if (slash) throw ErrorAt(Cur, "/ may appear only once");
                if (args.Count == 0) throw ErrorAt(Cur, "at least one argument must precede /");
                _p++;
                posOnly.AddRange(args);
                args.Clear();
                slash = true;
            }
            else if (At(TokenKind.Star))
            {
                if (star) throw ErrorAt(Cur, "* argument may appear only once");
                int s = _p++;
                star = true;
                if (At(TokenKind.Comma) || At(closer)) bareStar = s;
                else
                {
                    varArg = ParseParam(lambda, allowStarAnnotation: true);
                    if (At(TokenKind.Equal)) throw ErrorAt(Cur, "var-positional argument cannot have default value");
                }
            }
            else if (At(TokenKind.DoubleStar))
            {
                _p++;
                kwArg = ParseParam(lambda, allowStarAnnotation: false);
                if (At(TokenKind.Equal)) throw ErrorAt(Cur, "var-keyword argument cannot have default value");
                Accept(TokenKind.Comma);
                if (!At(closer)) throw ErrorAt(Cur, "arguments cannot follow var-keyword argument");
                break;
            }
            else
            {
                var p = ParseParam(lambda, allowStarAnnotation: false);
                Expr? d = Accept(TokenKind.Equal) ? ParseExpression() : null;
                if (star)
                {
                    kwOnly.Add(p);
                    kwDefaults.Add(d);
                }
                else
                {
                    if (d != null) defaults.Add(d);
                    else if (defaults.Count > 0) throw ErrorAt(p, "non-default argument follows default argument");
                    args.Add(p);
                }
            }
            if (!Accept(TokenKind.Comma)) break;
        }
        if (bareStar >= 0 && kwOnly.Count == 0) throw ErrorAt(_toks[bareStar], "named arguments must follow bare *");
        return new Arguments(posOnly, args, varArg, kwOnly, kwDefaults, kwArg, defaults);
    }

    private Arg ParseParam(bool lambda, bool allowStarAnnotation)
    {
        int start = _p;
        var name = ExpectName();
        Expr? annotation = null;
        if (!lambda && Accept(TokenKind.Colon))
            annotation = allowStarAnnotation && At(TokenKind.Star) ? ParseStarExpression() : ParseExpression();
        return Fin(new Arg(name, annotation, null), start);
    }
}
