using System.Text;
using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

// f-strings, following CPython 3.11's string_parser.c so that node positions match it exactly:
// literal parts and FormattedValue nodes span the whole implicit concatenation, a format spec's
// JoinedStr spans its own token, and replacement-field expressions are re-tokenized as "(expr)"
// and shifted to their place in the source. Backslashes, comments and same-quote nesting inside
// replacement fields are accepted too (Python 3.12, PEP 701).
internal sealed partial class Parser
{
    private void ConcatFString(FStringState state, Token t, ref int p, int end, bool raw, int level, Token first, Token last)
    {
        state.FMode = true;
        while (true)
        {
            int result = FindLiteral(t, ref p, end, raw, level, out var literal);
            if (literal != null) AppendLiteral(state, literal);
            if (result == 1) continue;
            if (p >= end || _src[p] == '}') break;
            var expression = FindExpression(t, ref p, end, raw, level, first, last, out var exprText);
            if (exprText != null) AppendLiteral(state, exprText);
            if (state.Last != null)
            {
                state.Values.Add(MakeStr(state.Last.ToString(), first, last));
                state.Last = null;
            }
            state.Values.Add(expression);
        }
        if (level != 0 && (p >= end || _src[p] != '}')) throw ErrorAt(t, "f-string: expecting '}'");
    }

    /// <summary>Returns 1 when the literal ended at a doubled brace (keep scanning), else 0.</summary>
    private int FindLiteral(Token t, ref int p, int end, bool raw, int level, out string? literal)
    {
        literal = null;
        int s = p, literalStart = p;
        int result = 0;
        while (s < end)
        {
            byte ch = _src[s++];
            if (!raw && ch == '\\' && s < end)
            {
                ch = _src[s++];
                if (ch == 'N')
                {
                    if (s < end && _src[s++] == '{')
                    {
                        while (s < end && _src[s++] != '}') { }
                    }
                    continue;
                }
            }
            if (ch == '{' || ch == '}')
            {
                // Doubled braces are only an escape at the top level, so f'{0:{3}}' still closes properly.
                if (level == 0)
                {
                    if (s < end && _src[s] == ch)
                    {
                        p = s + 1;
                        result = 1;
                        goto done;
                    }
                    if (ch == '}') throw ErrorAt(t, "f-string: single '}' is not allowed");
                }
                s--;
                break;
            }
        }
        p = s;
    done:
        int litEnd = result == 1 ? p - 1 : p;
        if (litEnd != literalStart)
            literal = raw ? Utf8(literalStart, litEnd) : DecodeEscapes(t, literalStart, litEnd);
        return result;
    }

    private Expr FindExpression(Token t, ref int p, int end, bool raw, int level, Token first, Token last, out string? exprText)
    {
        exprText = null;
        if (level >= 2) throw ErrorAt(t, "f-string: expressions nested too deeply");
        int bracePos = p;
        p++;
        int exprStart = p;
        byte quote = 0;
        bool triple = false;
        var parens = new Stack<byte>();
        for (; p < end; p++)
        {
            byte ch = _src[p];
            if (quote != 0)
            {
                if (ch == '\\')
                {
                    p++;
                    continue;
                }
                if (ch == quote)
                {
                    if (triple)
                    {
                        if (p + 2 < end && _src[p + 1] == ch && _src[p + 2] == ch)
                        {
                            p += 2;
                            quote = 0;
                        }
                    }
                    else
                    {
                        quote = 0;
                    }
                }
                continue;
            }
            if (ch == '\'' || ch == '"')
            {
                if (p + 2 < end && _src[p + 1] == ch && _src[p + 2] == ch)
                {
                    triple = true;
                    p += 2;
                }
                else
                {
                    triple = false;
                }
                quote = ch;
                continue;
            }
            if (ch == '[' || ch == '{' || ch == '(')
            {
                parens.Push(ch);
                continue;
            }
            if (ch == '#')
            {
                while (p + 1 < end && _src[p + 1] != '\n') p++;
                continue;
            }
            if (parens.Count == 0 && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<'))
            {
                if (p + 1 < end)
                {
                    byte next = _src[p + 1];
                    if ((ch == '!' && next == '=') || (ch == '=' && next == '=') || (ch == '<' && next == '=') || (ch == '>' && next == '='))
                    {
                        p++;
                        continue;
                    }
                }
                if (ch == '>' || ch == '<') continue;
                break;
            }
            if (ch == ']' || ch == '}' || ch == ')')
            {
                if (parens.Count == 0) throw ErrorAt(t, $"f-string: unmatched '{(char)ch}'");
                byte open = parens.Pop();
                if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}')))
                    throw ErrorAt(t, $"f-string: closing parenthesis '{(char)ch}' does not match opening parenthesis '{(char)open}'");
            }
        }
        int exprEnd = p;
        if (quote != 0) throw ErrorAt(t, "f-string: unterminated string");
        if (parens.Count > 0) throw ErrorAt(t, $"f-string: unmatched '{(char)parens.Peek()}'");
        if (p >= end) throw ErrorAt(t, "f-string: expecting '}'");
        var simple = CompileFStringExpression(t, bracePos, exprStart, exprEnd);
        int conversion = -1;
        Expr? formatSpec = null;
        if (_src[p] == '=')
        {
            p++;
            while (p < end && _src[p] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v') p++;
            if (p >= end) throw ErrorAt(t, "f-string: expecting '}'");
            exprText = Utf8(exprStart, p);
        }
        if (_src[p] == '!')
        {
            p++;
            if (p >= end) throw ErrorAt(t, "f-string: expecting '}'");
            conversion = _src[p++];
            if (conversion is not ('s' or 'r' or 'a'))
                throw ErrorAt(t, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
        if (p < end && _src[p] == ':')
        {
            p++;
            if (p >= end) throw ErrorAt(t, "f-string: expecting '}'");
            var specState = new FStringState();
            ConcatFString(specState, t, ref p, end, raw, level + 1, first, last);
            formatSpec = FinishFString(specState, t, t);
        }
        if (p >= end || _src[p] != '}') throw ErrorAt(t, "f-string: expecting '}'");
        p++;
        if (exprText != null && formatSpec == null && conversion == -1) conversion = 'r';
        return Span(new FormattedValue(simple, conversion, formatSpec), first, last);
    }

    /// <summary>Parses a replacement field's code, positioned as CPython's fstring_compile_expr does.</summary>
    private Expr CompileFStringExpression(Token t, int bracePos, int exprStart, int exprEnd)
    {
        bool blank = true;
        for (int i = exprStart; i < exprEnd; i++)
        {
            if (_src[i] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r'))
            {
                blank = false;
                break;
            }
        }
        if (blank) throw ErrorAt(t, "f-string: empty expression not allowed");

        bool newlineAfterBrace = true;
        for (int i = bracePos + 1; i < exprEnd && _src[i] != '}' && _src[i] != '\n'; i++)
        {
            if (_src[i] is not ((byte)' ' or (byte)'\t' or (byte)'\f'))
            {
                newlineAfterBrace = false;
                break;
            }
        }
        int cols = 0, lines = 0;
        if (!newlineAfterBrace)
        {
            int s = bracePos;
            while (s > t.Start && _src[s] != '\n') s--;
            cols = bracePos - s;
            if (_src[s] == '\n') cols--;
        }
        for (int i = t.Start; i < bracePos; i++)
            if (_src[i] == '\n') lines++;

        var buf = new byte[exprEnd - exprStart + 2];
        buf[0] = (byte)'(';
        Array.Copy(_src, exprStart, buf, 1, exprEnd - exprStart);
        buf[^1] = (byte)')';
        List<Token> tokens;
        try
        {
            tokens = Tokenizer.Tokenize(buf, _file);
        }
        catch (ParseException ex)
        {
            throw new ParseException(ex.Message, _file, t.Line + lines + ex.Line - 1, ex.Column, ex.ErrorKind);
        }
        int baseLine = t.Line + lines;
        int startCol = lines != 0 ? cols : t.Col + cols;
        for (int i = 0; i < tokens.Count; i++)
        {
            var k = tokens[i];
            int shift = k.EndLine == 1 ? startCol : 0;
            tokens[i] = k with
            {
                Line = k.Line + baseLine - 1,
                EndLine = k.EndLine + baseLine - 1,
                Col = k.Col + shift,
                EndCol = k.EndCol + shift,
            };
        }
        return new Parser(tokens, buf, _file).ParseFStringExpression();
    }
}
