using System.Text;

namespace NumJit.Frontend.Lexing;

// Number and string scanning. Strings are only delimited here; decoding happens in the parser,
// which also needs the raw bytes to position f-string replacement fields the way CPython does.
public sealed partial class Tokenizer
{
    private void ScanNumber()
    {
        int start = _pos;
        byte c = _src[_pos];
        string kindName = "decimal";
        if (c == '0' && (At(_pos + 1) | 0x20) is (byte)'x' or (byte)'o' or (byte)'b')
        {
            byte radix = (byte)(At(_pos + 1) | 0x20);
            kindName = radix == 'x' ? "hexadecimal" : radix == 'o' ? "octal" : "binary";
            _pos += 2;
            int digits = 0;
            while (true)
            {
                if (At(_pos) == '_') _pos++;
                byte d = At(_pos);
                bool ok = radix == 'x' ? Uri.IsHexDigit((char)d) : radix == 'o' ? d >= '0' && d <= '7' : d == '0' || d == '1';
                if (!ok)
                {
                    if (IsDigit(d)) throw ErrorHere($"invalid digit '{(char)d}' in {kindName} literal");
                    if (digits == 0 || _src[_pos - 1] == '_') throw ErrorHere($"invalid {kindName} literal");
                    break;
                }
                digits++;
                _pos++;
            }
        }
        else
        {
            bool isFloat = false;
            if (c != '.') ReadDecimalDigits();
            if (At(_pos) == '.')
            {
                isFloat = true;
                _pos++;
                if (IsDigit(At(_pos))) ReadDecimalDigits();
            }
            if ((At(_pos) | 0x20) == 'e')
            {
                int save = _pos;
                _pos++;
                if (At(_pos) == '+' || At(_pos) == '-') _pos++;
                if (!IsDigit(At(_pos)))
                {
                    if (IsIdentChar(At(save + 1)) || At(save + 1) == '+' || At(save + 1) == '-')
                        throw ErrorHere("invalid decimal literal");
                    _pos = save;
                }
                else
                {
                    isFloat = true;
                    ReadDecimalDigits();
                }
            }
            if ((At(_pos) | 0x20) == 'j')
            {
                isFloat = true;
                _pos++;
            }
            if (!isFloat && c == '0')
            {
                for (int i = start; i < _pos; i++)
                {
                    if (_src[i] != '0' && _src[i] != '_')
                        throw Error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                            _line, _lineStart, start - _lineStart);
                }
            }
        }
        VerifyEndOfNumber(kindName);
        _tokens.Add(new Token(TokenKind.Number, Encoding.ASCII.GetString(_src, start, _pos - start), _line, start - _lineStart, _line, _pos - _lineStart, start, _pos));
    }

    private void ReadDecimalDigits()
    {
        while (true)
        {
            while (IsDigit(At(_pos))) _pos++;
            if (At(_pos) != '_') return;
            if (!IsDigit(At(_pos + 1))) throw ErrorHere("invalid decimal literal");
            _pos++;
        }
    }

    private static readonly string[] KeywordsAfterNumber = { "and", "else", "for", "if", "in", "is", "not", "or" };

    private void VerifyEndOfNumber(string kindName)
    {
        if (!IsIdentChar(At(_pos))) return;
        // CPython still accepts "1if x else y" and friends (with a deprecation warning).
        foreach (var kw in KeywordsAfterNumber)
        {
            if (_pos + kw.Length <= _src.Length && Encoding.ASCII.GetString(_src, _pos, kw.Length) == kw
                && !IsIdentChar(At(_pos + kw.Length)))
                return;
        }
        throw ErrorHere($"invalid {kindName} literal");
    }

    /// <summary>Scans a string token whose prefix starts at <see cref="_pos"/> and quote at <paramref name="quotePos"/>.</summary>
    private void ScanString(int quotePos, int flags)
    {
        int start = _pos;
        int startLine = _line, startLineStart = _lineStart;
        _pos = SkipString(quotePos, flags, start, startLine, startLineStart);
        _tokens.Add(new Token(TokenKind.String, "", startLine, start - startLineStart, _line, _pos - _lineStart, start, _pos));
    }

    /// <summary>
    /// Finds the end of a string literal. Replacement fields of f-strings are skipped as nested
    /// code (PEP 701), so quotes inside them do not end the literal; every 3.11-valid f-string ends
    /// at the same place under this rule.
    /// </summary>
    private int SkipString(int quotePos, int flags, int tokStart, int tokLine, int tokLineStart)
    {
        byte q = _src[quotePos];
        bool triple = At(quotePos + 1) == q && At(quotePos + 2) == q;
        int p = quotePos + (triple ? 3 : 1);
        bool isF = (flags & StrFormat) != 0;
        while (true)
        {
            if (p >= _src.Length) throw Unterminated(triple, tokLine, tokLineStart, tokStart);
            byte c = _src[p];
            if (c == '\\')
            {
                p++;
                if (p < _src.Length && _src[p] == '\n') NewLineAt(p);
                p++;
                continue;
            }
            if (c == '\n')
            {
                if (!triple) throw Unterminated(false, tokLine, tokLineStart, tokStart);
                NewLineAt(p);
                p++;
                continue;
            }
            if (c == q)
            {
                if (!triple) return p + 1;
                if (At(p + 1) == q && At(p + 2) == q) return p + 3;
                p++;
                continue;
            }
            if (isF && c == '{')
            {
                if (At(p + 1) == '{')
                {
                    p += 2;
                    continue;
                }
                p = SkipReplacementField(p + 1, q, triple, tokLine, tokLineStart, tokStart);
                continue;
            }
            p++;
        }
    }

    private void NewLineAt(int newlinePos)
    {
        _line++;
        _lineStart = newlinePos + 1;
    }

    private ParseException Unterminated(bool triple, int line, int lineStart, int tokStart)
        => triple
            ? Error($"unterminated triple-quoted string literal (detected at line {_line})", line, lineStart, tokStart - lineStart)
            : Error($"unterminated string literal (detected at line {_line})", line, lineStart, tokStart - lineStart);

    /// <summary>Skips the code of a replacement field starting after '{'; returns the index after its '}'.</summary>
    private int SkipReplacementField(int p, byte outerQuote, bool outerTriple, int tokLine, int tokLineStart, int tokStart)
    {
        int depth = 0;
        while (true)
        {
            if (p >= _src.Length) throw Unterminated(outerTriple, tokLine, tokLineStart, tokStart);
            byte c = _src[p];
            if (c == '\n')
            {
                NewLineAt(p);
                p++;
                continue;
            }
            if (c == '\\')
            {
                p++;
                if (p < _src.Length && _src[p] == '\n') NewLineAt(p);
                p++;
                continue;
            }
            if (IsIdentStart(c))
            {
                int s = p;
                while (p < _src.Length && IsIdentChar(_src[p])) p++;
                if (p - s <= 3 && (At(p) == '\'' || At(p) == '"'))
                {
                    int f = PrefixFlags(s, p - s);
                    if (f >= 0) p = SkipString(p, f, tokStart, tokLine, tokLineStart);
                }
                continue;
            }
            if (IsDigit(c))
            {
                while (p < _src.Length && (IsIdentChar(_src[p]) || _src[p] == '.')) p++;
                continue;
            }
            if (c == '\'' || c == '"')
            {
                if (c == outerQuote && !outerTriple && At(p + 1) != c)
                {
                    // Under pre-3.12 rules this quote closes the literal; treat an unclosed field
                    // that way so the f-string parser reports the missing '}'.
                    if (depth == 0 && !LooksLikeNestedString(p)) return p;
                }
                p = SkipString(p, 0, tokStart, tokLine, tokLineStart);
                continue;
            }
            if (c == '#')
            {
                while (p < _src.Length && _src[p] != '\n') p++;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}')
            {
                if (depth == 0)
                    return c == '}' ? p + 1 : p + 1;
                depth--;
            }
            else if (c == ':' && depth == 0)
            {
                return SkipFormatSpec(p + 1, outerQuote, outerTriple, tokLine, tokLineStart, tokStart);
            }
            p++;
        }
    }

    /// <summary>Heuristic for a same-quote string nested in a single-quoted f-string (PEP 701).</summary>
    private bool LooksLikeNestedString(int p)
    {
        // A nested string must itself be closed before the end of the line.
        byte q = _src[p];
        for (int i = p + 1; i < _src.Length && _src[i] != '\n'; i++)
        {
            if (_src[i] == '\\') { i++; continue; }
            if (_src[i] == q) return true;
        }
        return false;
    }

    private int SkipFormatSpec(int p, byte outerQuote, bool outerTriple, int tokLine, int tokLineStart, int tokStart)
    {
        while (true)
        {
            if (p >= _src.Length) throw Unterminated(outerTriple, tokLine, tokLineStart, tokStart);
            byte c = _src[p];
            if (c == '{')
            {
                p = SkipReplacementField(p + 1, outerQuote, outerTriple, tokLine, tokLineStart, tokStart);
                continue;
            }
            if (c == '}') return p + 1;
            if (c == outerQuote)
            {
                if (!outerTriple || (At(p + 1) == c && At(p + 2) == c)) return p;
            }
            if (c == '\n')
            {
                if (!outerTriple) throw Unterminated(false, tokLine, tokLineStart, tokStart);
                NewLineAt(p);
            }
            if (c == '\\')
            {
                p++;
                if (p < _src.Length && _src[p] == '\n') NewLineAt(p);
            }
            p++;
        }
    }
}
