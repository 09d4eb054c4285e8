using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

// Compound statements: blocks, if/while/for/try/with, function and class definitions.
internal sealed partial class Parser
{
    private List<Stmt> ParseBlock(string what, Token header)
    {
        var body = new List<Stmt>();
        if (Accept(TokenKind.Newline))
        {
            if (!At(TokenKind.Indent))
                throw ErrorAt(Cur, $"expected an indented block after {what} on line {header.Line}", kind: "IndentationError");
            _p++;
            while (!Accept(TokenKind.Dedent))
            {
                if (At(TokenKind.EndOfFile)) throw InvalidSyntax();
                ParseStatement(body);
            }
        }
        else
        {
            ParseSimpleStatements(body);
        }
        return body;
    }

    private void ExpectColon()
    {
        if (At(TokenKind.Colon))
        {
            _p++;
            return;
        }
        throw ErrorAt(_toks[_p - 1], "expected ':'", after: true);
    }

    private Stmt ParseIf()
    {
        int start = _p;
        var header = Next();
        var test = ParseNamedExpression();
        ExpectColon();
        var body = ParseBlock(header.Text == "if" ? "'if' statement" : "'elif' statement", header);
        IReadOnlyList<Stmt> orElse = Array.Empty<Stmt>();
        if (AtKw("elif"))
        {
            orElse = new[] { ParseIf() };
        }
        else if (AtKw("else"))
        {
            var elseTok = Next();
            ExpectColon();
            orElse = ParseBlock("'else' statement", elseTok);
        }
        return Fin(new If(test, body, orElse), start);
    }

    private IReadOnlyList<Stmt> ParseElse()
    {
        if (!AtKw("else")) return Array.Empty<Stmt>();
        var elseTok = Next();
        ExpectColon();
        return ParseBlock("'else' statement", elseTok);
    }

    private Stmt ParseWhile()
    {
        int start = _p;
        var header = Next();
        var test = ParseNamedExpression();
        ExpectColon();
        var body = ParseBlock("'while' statement", header);
        var orElse = ParseElse();
        return Fin(new While(test, body, orElse), start);
    }

    private Stmt ParseFor()
    {
        int start = _p;
        bool isAsync = AcceptKw("async");
        var header = Next();
        var target = ParseStarTargets();
        if (!AtKw("in")) throw InvalidSyntax();
        _p++;
        var iter = ParseStarExpressions();
        ExpectColon();
        var body = ParseBlock("'for' statement", header);
        var orElse = ParseElse();
        return isAsync
            ? Fin(new AsyncFor(target, iter, body, orElse, null), start)
            : Fin(new For(target, iter, body, orElse, null), start);
    }

    private Stmt ParseWith()
    {
        int start = _p;
        bool isAsync = AcceptKw("async");
        var header = Next();
        List<WithItem>? items = null;
        if (At(TokenKind.LPar))
        {
            // Python 3.9+ parenthesized items; a plain parenthesized expression is the fallback.
            int save = _p;
            try
            {
                _p++;
                var list = new List<WithItem>();
                while (true)
                {
                    list.Add(ParseWithItem());
                    if (!Accept(TokenKind.Comma)) break;
                    if (At(TokenKind.RPar)) break;
                }
                Expect(TokenKind.RPar);
                if (At(TokenKind.Colon)) items = list;
                else _p = save;
            }
            catch (ParseException)
            {
                _p = save;
            }
        }
        if (items == null)
        {
            items = new List<WithItem>();
            do
            {
                items.Add(ParseWithItem());
            } while (Accept(TokenKind.Comma));
        }
        ExpectColon();
        var body = ParseBlock("'with' statement", header);
        return isAsync ? Fin(new AsyncWith(items, body, null), start) : Fin(new With(items, body, null), start);
    }

    private WithItem ParseWithItem()
    {
        var e = ParseExpression();
        if (!AcceptKw("as")) return new WithItem(e, null);
        var target = ParseStarTarget();
        if (!(At(TokenKind.Comma) || At(TokenKind.RPar) || At(TokenKind.Colon))) throw InvalidSyntax();
        return new WithItem(e, target);
    }

    private Stmt ParseTry()
    {
        int start = _p;
        var header = Next();
        ExpectColon();
        var body = ParseBlock("'try' statement", header);
        var handlers = new List<ExceptHandler>();
        bool? star = null;
        while (AtKw("except"))
        {
            int hs = _p;
            var exceptTok = Next();
            bool isStar = Accept(TokenKind.Star);
            if (star != null && star != isStar)
                throw ErrorAt(exceptTok, "cannot have both 'except' and 'except*' on the same 'try'");
            star = isStar;
            Expr? type = null;
            string? name = null;
            if (!At(TokenKind.Colon))
            {
                type = ParseExpression();
                if (At(TokenKind.Comma))
                {
                    int s = hs + (isStar ? 2 : 1);
                    throw ErrorAt(_toks[s], "multiple exception types must be parenthesized");
                }
                if (AcceptKw("as")) name = ExpectName();
            }
            else if (isStar)
            {
                throw ErrorAt(Cur, "expected one or more exception types");
            }
            ExpectColon();
            var hbody = ParseBlock(isStar ? "'except*' statement" : "'except' statement", exceptTok);
            handlers.Add(Fin(new ExceptHandler(type, name, hbody), hs));
        }
        IReadOnlyList<Stmt> orElse = handlers.Count > 0 ? ParseElse() : Array.Empty<Stmt>();
        IReadOnlyList<Stmt> finalBody = Array.Empty<Stmt>();
        if (AtKw("finally"))
        {
            var finTok = Next();
            ExpectColon();
            finalBody = ParseBlock("'finally' statement", finTok);
        }
        else if (handlers.Count == 0)
        {
            throw ErrorAt(Cur, "expected 'except' or 'finally' block");
        }
        return star == true
            ? Fin(new TryStar(body, handlers, orElse, finalBody), start)
            : Fin(new Try(body, handlers, orElse, finalBody), start);
    }

    private Stmt ParseDecorated()
    {
        var decorators = new List<Expr>();
        while (Accept(TokenKind.At))
        {
            decorators.Add(ParseNamedExpression());
            if (!Accept(TokenKind.Newline)) throw InvalidSyntax();
        }
        if (AtKw("def") || (AtKw("async") && IsKw(PeekTok(), "def"))) return ParseFunctionDef(decorators);
        if (AtKw("class")) return ParseClassDef(decorators);
        throw InvalidSyntax();
    }

    private Stmt ParseFunctionDef(IReadOnlyList<Expr> decorators)
    {
        int start = _p;
        bool isAsync = AcceptKw("async");
        var header = Next();
        var name = ExpectName();
        var typeParams = At(TokenKind.LSqb) ? ParseTypeParams() : Array.Empty<TypeParam>();
        if (!At(TokenKind.LPar)) throw ErrorAt(Cur, "expected '('");
        _p++;
        var args = ParseParameters(lambda: false, TokenKind.RPar);
        Expect(TokenKind.RPar);
        var returns = Accept(TokenKind.RArrow) ? ParseExpression() : null;
        ExpectColon();
        var body = ParseBlock("function definition", header);
        return isAsync
            ? Fin(new AsyncFunctionDef(name, args, body, decorators, returns, null, typeParams), start)
            : Fin(new FunctionDef(name, args, body, decorators, returns, null, typeParams), start);
    }

    private Stmt ParseClassDef(IReadOnlyList<Expr> decorators)
    {
        int start = _p;
        var header = Next();
        var name = ExpectName();
        var typeParams = At(TokenKind.LSqb) ? ParseTypeParams() : Array.Empty<TypeParam>();
        IReadOnlyList<Expr> bases = Array.Empty<Expr>();
        IReadOnlyList<Keyword> keywords = Array.Empty<Keyword>();
        if (At(TokenKind.LPar))
        {
            var call = (Call)ParseCall(new Name(name, ExprContext.Load), _p);
            bases = call.Args;
            keywords = call.Keywords;
        }
        ExpectColon();
        var body = ParseBlock("class definition", header);
        return Fin(new ClassDef(name, bases, keywords, body, decorators, typeParams), start);
    }
}
