using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

/// <summary>
/// Recursive-descent parser following CPython's PEG grammar. Node positions are computed the way
/// CPython's EXTRA macro does: from the first token a rule consumed to the last non-whitespace
/// token it consumed, which is why parenthesized operands make the enclosing node start at '('.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _toks;
    private readonly byte[] _src;
    private readonly string _file;
    private int _p;

    public Parser(List<Token> tokens, byte[] src, string file)
    {
        _toks = tokens;
        _src = src;
        _file = file;
    }

    private Token Cur => _toks[_p];

    private Token PeekTok(int k = 1) => _toks[Math.Min(_p + k, _toks.Count - 1)];

    private TokenKind Kind => _toks[_p].Kind;

    private bool At(TokenKind k) => _toks[_p].Kind == k;

    private bool AtKw(string kw) => _toks[_p].Kind == TokenKind.Keyword && _toks[_p].Text == kw;

    private bool AtSoft(string kw) => _toks[_p].Kind == TokenKind.Name && _toks[_p].Text == kw;

    private static bool IsKw(Token t, string kw) => t.Kind == TokenKind.Keyword && t.Text == kw;

    private Token Next() => _toks[_p++];

    private bool Accept(TokenKind k)
    {
        if (_toks[_p].Kind != k) return false;
        _p++;
        return true;
    }

    private bool AcceptKw(string kw)
    {
        if (!AtKw(kw)) return false;
        _p++;
        return true;
    }

    private Token Expect(TokenKind k)
    {
        if (_toks[_p].Kind != k)
        {
            if (k == TokenKind.Colon) throw ErrorAt(PrevOrCur(), "expected ':'", after: true);
            throw InvalidSyntax();
        }
        return _toks[_p++];
    }

    private void ExpectKw(string kw)
    {
        if (!AtKw(kw)) throw ErrorAt(Cur, $"expected '{kw}'");
        _p++;
    }

    private Token PrevOrCur() => _p > 0 ? _toks[_p - 1] : _toks[_p];

    private string ExpectName()
    {
        if (!At(TokenKind.Name)) throw InvalidSyntax();
        return _toks[_p++].Text;
    }

    /// <summary>Sets a node's span from token <paramref name="start"/> to the last consumed non-whitespace token.</summary>
    private T Fin<T>(T node, int start) where T : Node
    {
        var s = _toks[start];
        int e = _p - 1;
        while (e > start && _toks[e].Kind is TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent or TokenKind.EndOfFile) e--;
        var et = _toks[e];
        node.Line = s.Line;
        node.Col = s.Col;
        node.EndLine = et.EndLine;
        node.EndCol = et.EndCol;
        return node;
    }

    private static T At<T>(T node, Token t) where T : Node
    {
        node.Line = t.Line;
        node.Col = t.Col;
        node.EndLine = t.EndLine;
        node.EndCol = t.EndCol;
        return node;
    }

    private static T Span<T>(T node, Token s, Token e) where T : Node
    {
        node.Line = s.Line;
        node.Col = s.Col;
        node.EndLine = e.EndLine;
        node.EndCol = e.EndCol;
        return node;
    }

    private static T CopySpan<T>(T node, Node from) where T : Node
    {
        node.Line = from.Line;
        node.Col = from.Col;
        node.EndLine = from.EndLine;
        node.EndCol = from.EndCol;
        return node;
    }

    /// <summary>The tokenizer's deferred end-of-input error (an unclosed bracket), if any.</summary>
    public ParseException? EofError { get; init; }

    private ParseException InvalidSyntax()
    {
        var t = Cur;
        if (EofError != null && (t.Kind == TokenKind.EndOfFile || _toks[^1].Kind == TokenKind.EndOfFile && _p >= _toks.Count - 3))
            return EofError;
        if (t.Kind == TokenKind.Indent)
            return ErrorAt(t, "unexpected indent", kind: "IndentationError", useEnd: true);
        if (t.Kind == TokenKind.Dedent)
            return ErrorAt(t, "unindent does not match any outer indentation level", kind: "IndentationError");
        if (t.Kind == TokenKind.EndOfFile)
            return ErrorAt(t, "invalid syntax");
        return ErrorAt(t, "invalid syntax");
    }

    private ParseException ErrorAt(Token t, string message, bool after = false, string? kind = null, bool useEnd = false)
    {
        int line = after || useEnd ? t.EndLine : t.Line;
        int byteCol = after || useEnd ? t.EndCol : t.Col;
        return ErrorAtPos(line, byteCol, message, kind);
    }

    private ParseException ErrorAt(Node n, string message)
        => ErrorAtPos(n.Line, n.Col, message, null);

    private ParseException ErrorAtPos(int line, int byteCol, string message, string? kind)
    {
        int lineStart = LineStart(line);
        int col = lineStart >= 0 ? Tokenizer.CharColumn(_src, lineStart, byteCol) : byteCol;
        return new ParseException(message, _file, line, col + 1, kind);
    }

    private int[]? _lineStarts;

    private int LineStart(int line)
    {
        if (_lineStarts == null)
        {
            var starts = new List<int> { 0, 0 };
            for (int i = 0; i < _src.Length; i++)
                if (_src[i] == '\n') starts.Add(i + 1);
            _lineStarts = starts.ToArray();
        }
        return line > 0 && line < _lineStarts.Length ? _lineStarts[line] : -1;
    }

    public Module ParseFile()
    {
        var body = new List<Stmt>();
        while (!At(TokenKind.EndOfFile))
        {
            if (Accept(TokenKind.Newline)) continue;
            ParseStatement(body);
        }
        if (EofError != null) throw EofError;
        return new Module(body, Array.Empty<TypeIgnore>());
    }

    /// <summary>Parses the token list of an f-string replacement field: <c>( star_expressions )</c>.</summary>
    public Expr ParseFStringExpression()
    {
        var e = ParseStarExpressions();
        while (Accept(TokenKind.Newline)) { }
        if (!At(TokenKind.EndOfFile)) throw InvalidSyntax();
        return e;
    }
}
