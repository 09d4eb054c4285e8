using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

// Statement dispatch and the simple (single-line) statements.
internal sealed partial class Parser
{
    private void ParseStatement(List<Stmt> body)
    {
        var t = Cur;
        if (t.Kind == TokenKind.Keyword)
        {
            switch (t.Text)
            {
                case "def": body.Add(ParseFunctionDef(Array.Empty<Expr>())); return;
                case "class": body.Add(ParseClassDef(Array.Empty<Expr>())); return;
                case "if": body.Add(ParseIf()); return;
                case "while": body.Add(ParseWhile()); return;
                case "for": body.Add(ParseFor()); return;
                case "try": body.Add(ParseTry()); return;
                case "with": body.Add(ParseWith()); return;
                case "async":
                    var n = PeekTok();
                    if (IsKw(n, "def")) { body.Add(ParseFunctionDef(Array.Empty<Expr>())); return; }
                    if (IsKw(n, "for")) { body.Add(ParseFor()); return; }
                    if (IsKw(n, "with")) { body.Add(ParseWith()); return; }
                    throw ErrorAt(n, "invalid syntax");
            }
        }
        else if (t.Kind == TokenKind.At)
        {
            body.Add(ParseDecorated());
            return;
        }
        else if (t.Kind == TokenKind.Name && t.Text == "match")
        {
            var m = TryParseMatch();
            if (m != null)
            {
                body.Add(m);
                return;
            }
        }
        else if (t.Kind == TokenKind.Indent)
        {
            throw ErrorAt(t, "unexpected indent", kind: "IndentationError", useEnd: true);
        }
        ParseSimpleStatements(body);
    }

    private void ParseSimpleStatements(List<Stmt> body)
    {
        while (true)
        {
            body.Add(ParseSimpleStatement());
            if (!Accept(TokenKind.Semi)) break;
            if (At(TokenKind.Newline)) break;
        }
        if (!Accept(TokenKind.Newline))
        {
            if (body[^1] is ExprStmt { Value: Name { Id: "print" or "exec" } legacy } && StartsExpression())
                throw ErrorAt(legacy, $"Missing parentheses in call to '{legacy.Id}'. Did you mean {legacy.Id}(...)?");
            throw StatementEndError();
        }
    }

    private ParseException StatementEndError()
    {
        var prev = _toks[_p - 1];
        var t = Cur;
        if (t.Kind is TokenKind.Name or TokenKind.Number or TokenKind.String
            && prev.Kind is TokenKind.Name or TokenKind.Number or TokenKind.String or TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace
            && prev.EndLine == t.Line)
        {
            // CPython only offers the comma hint inside brackets; at statement level it is plain invalid syntax.
            return ErrorAt(t, "invalid syntax");
        }
        return InvalidSyntax();
    }

    private Stmt ParseSimpleStatement()
    {
        var t = Cur;
        int start = _p;
        if (t.Kind == TokenKind.Keyword)
        {
            switch (t.Text)
            {
                case "pass": _p++; return At(new Pass(), t);
                case "break": _p++; return At(new Break(), t);
                case "continue": _p++; return At(new Continue(), t);
                case "return":
                {
                    _p++;
                    var value = StartsExpression() ? ParseStarExpressions() : null;
                    return Fin(new Return(value), start);
                }
                case "raise":
                {
                    _p++;
                    if (!StartsExpression()) return Fin(new Raise(null, null), start);
                    var exc = ParseExpression();
                    var cause = AcceptKw("from") ? ParseExpression() : null;
                    return Fin(new Raise(exc, cause), start);
                }
                case "global":
                case "nonlocal":
                {
                    _p++;
                    var names = new List<string> { ExpectName() };
                    while (Accept(TokenKind.Comma)) names.Add(ExpectName());
                    return t.Text == "global" ? Fin(new Global(names), start) : Fin(new Nonlocal(names), start);
                }
                case "del": return ParseDel();
                case "assert":
                {
                    _p++;
                    var test = ParseExpression();
                    var msg = Accept(TokenKind.Comma) ? ParseExpression() : null;
                    return Fin(new Assert(test, msg), start);
                }
                case "import": return ParseImport();
                case "from": return ParseImportFrom();
            }
        }
        else if (t.Kind == TokenKind.Name && t.Text == "type" && PeekTok().Kind == TokenKind.Name
                 && PeekTok(2).Kind is TokenKind.Equal or TokenKind.LSqb)
        {
            return ParseTypeAlias();
        }
        return ParseExpressionStatement();
    }

    private Expr ParseRhs() => AtKw("yield") ? ParseYieldExpr() : ParseStarExpressions();

    private Stmt ParseExpressionStatement()
    {
        int start = _p;
        var e = ParseRhs();
        switch (Kind)
        {
            case TokenKind.Equal:
            {
                var targets = new List<Expr> { e };
                Expr value;
                while (true)
                {
                    _p++;
                    var v = ParseRhs();
                    if (At(TokenKind.Equal)) targets.Add(v);
                    else
                    {
                        value = v;
                        break;
                    }
                }
                for (int i = 0; i < targets.Count; i++)
                {
                    if (targets[i] is Yield or YieldFrom) throw ErrorAt(targets[i], "assignment to yield expression not possible");
                    targets[i] = ToTarget(targets[i], ExprContext.Store, topLevel: true);
                }
                return Fin(new Assign(targets, value, null), start);
            }
            case TokenKind.Colon:
            {
                int simple;
                switch (e)
                {
                    case Name:
                        simple = _toks[start].Kind == TokenKind.LPar ? 0 : 1;
                        break;
                    case Syntax.Attribute or Subscript:
                        simple = 0;
                        break;
                    case Syntax.Tuple:
                        throw ErrorAt(e, "only single target (not tuple) can be annotated");
                    case Syntax.List:
                        throw ErrorAt(e, "only single target (not list) can be annotated");
                    default:
                        throw ErrorAt(e, "illegal target for annotation");
                }
                _p++;
                var annotation = ParseExpression();
                Expr? value = Accept(TokenKind.Equal) ? ParseRhs() : null;
                return Fin(new AnnAssign(ToTarget(e, ExprContext.Store, false), annotation, value, simple), start);
            }
        }
        var op = AugOperator(Kind);
        if (op != null)
        {
            if (e is not (Name or Syntax.Attribute or Subscript))
                throw ErrorAt(e, $"'{Describe(e)}' is an illegal expression for augmented assignment");
            _p++;
            var value = ParseRhs();
            return Fin(new AugAssign(ToTarget(e, ExprContext.Store, false), op.Value, value), start);
        }
        return Fin(new ExprStmt(e), start);
    }

    private static BinaryOperator? AugOperator(TokenKind k) => k switch
    {
        TokenKind.PlusEqual => BinaryOperator.Add,
        TokenKind.MinEqual => BinaryOperator.Sub,
        TokenKind.StarEqual => BinaryOperator.Mult,
        TokenKind.AtEqual => BinaryOperator.MatMult,
        TokenKind.SlashEqual => BinaryOperator.Div,
        TokenKind.PercentEqual => BinaryOperator.Mod,
        TokenKind.AmperEqual => BinaryOperator.BitAnd,
        TokenKind.VBarEqual => BinaryOperator.BitOr,
        TokenKind.CircumflexEqual => BinaryOperator.BitXor,
        TokenKind.LeftShiftEqual => BinaryOperator.LShift,
        TokenKind.RightShiftEqual => BinaryOperator.RShift,
        TokenKind.DoubleStarEqual => BinaryOperator.Pow,
        TokenKind.DoubleSlashEqual => BinaryOperator.FloorDiv,
        _ => null,
    };

    private Stmt ParseDel()
    {
        int start = _p++;
        var targets = new List<Expr>();
        do
        {
            if (!StartsTarget()) break;
            targets.Add(ToTarget(ParsePrimary(), ExprContext.Del, false));
        } while (Accept(TokenKind.Comma));
        if (targets.Count == 0) throw InvalidSyntax();
        return Fin(new Delete(targets), start);
    }

    private Stmt ParseImport()
    {
        int start = _p++;
        var names = new List<Alias>();
        do
        {
            int s = _p;
            var dotted = ParseDottedName();
            string? asName = AcceptKw("as") ? ExpectName() : null;
            names.Add(Fin(new Alias(dotted, asName), s));
        } while (Accept(TokenKind.Comma));
        return Fin(new Import(names), start);
    }

    private string ParseDottedName()
    {
        var name = ExpectName();
        if (!At(TokenKind.Dot)) return name;
        var sb = new System.Text.StringBuilder(name);
        while (Accept(TokenKind.Dot)) sb.Append('.').Append(ExpectName());
        return sb.ToString();
    }

    private Stmt ParseImportFrom()
    {
        int start = _p++;
        int level = 0;
        while (true)
        {
            if (Accept(TokenKind.Dot)) level++;
            else if (Accept(TokenKind.Ellipsis)) level += 3;
            else break;
        }
        string? module = null;
        if (!AtKw("import")) module = ParseDottedName();
        ExpectKw("import");
        var names = new List<Alias>();
        if (At(TokenKind.Star))
        {
            var t = Next();
            names.Add(At(new Alias("*", null), t));
        }
        else
        {
            bool paren = Accept(TokenKind.LPar);
            while (true)
            {
                int s = _p;
                var name = ExpectName();
                string? asName = AcceptKw("as") ? ExpectName() : null;
                names.Add(Fin(new Alias(name, asName), s));
                if (!Accept(TokenKind.Comma)) break;
                if (paren && At(TokenKind.RPar)) break;
                if (!paren && At(TokenKind.Newline))
                    throw ErrorAt(Cur, "trailing comma not allowed without surrounding parentheses");
            }
            if (paren) Expect(TokenKind.RPar);
        }
        return Fin(new ImportFrom(module, names, level), start);
    }

    private Stmt ParseTypeAlias()
    {
        int start = _p++;
        var nameTok = Next();
        var name = At(new Name(nameTok.Text, ExprContext.Store), nameTok);
        var typeParams = At(TokenKind.LSqb) ? ParseTypeParams() : Array.Empty<TypeParam>();
        Expect(TokenKind.Equal);
        var value = ParseExpression();
        return Fin(new TypeAlias(name, typeParams, value), start);
    }

    private IReadOnlyList<TypeParam> ParseTypeParams()
    {
        _p++;
        var list = new List<TypeParam>();
        while (!At(TokenKind.RSqb))
        {
            int s = _p;
            if (Accept(TokenKind.Star)) list.Add(Fin(new TypeVarTuple(ExpectName()), s));
            else if (Accept(TokenKind.DoubleStar)) list.Add(Fin(new ParamSpec(ExpectName()), s));
            else
            {
                var name = ExpectName();
                var bound = Accept(TokenKind.Colon) ? ParseExpression() : null;
                list.Add(Fin(new TypeVar(name, bound), s));
            }
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RSqb);
        if (list.Count == 0) throw ErrorAt(_toks[_p - 1], "Type parameter list cannot be empty");
        return list;
    }
}
