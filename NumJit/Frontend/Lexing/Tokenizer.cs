using System.Text;

namespace NumJit.Frontend.Lexing;

/// <summary>
/// Python tokenizer working directly on UTF-8 bytes, because CPython reports column offsets in
/// bytes; scanning bytes makes every column exact without re-encoding. Produces the complete token
/// list up front (the parser backtracks freely over it).
/// </summary>
public sealed partial class Tokenizer
{
    private readonly byte[] _src;
    private readonly string _file;
    private readonly List<Token> _tokens = new();
    private readonly List<int> _indents = new() { 0 };
    private readonly List<int> _altIndents = new() { 0 };
    private readonly Stack<(byte Ch, int Line, int Col, int LineStart)> _parens = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private bool _atLineStart = true;

    private Tokenizer(byte[] src, string file)
    {
        _src = src;
        _file = file;
    }

    /// <summary>Tokenizes normalized source: UTF-8, no BOM, newlines already translated to '\n'.</summary>
    public static List<Token> Tokenize(byte[] utf8, string fileName) => Tokenize(utf8, fileName, out _);

    /// <summary>
    /// Like <see cref="Tokenize(byte[], string)"/>, but an unclosed bracket at end of input is handed
    /// back in <paramref name="eofError"/> instead of thrown: CPython tokenizes lazily, so a parse
    /// error earlier in the bracket wins, and the bracket error is only reported at end of input.
    /// </summary>
    public static List<Token> Tokenize(byte[] utf8, string fileName, out ParseException? eofError)
    {
        var t = new Tokenizer(utf8, fileName);
        t.Run();
        eofError = t._eofError;
        return t._tokens;
    }

    private ParseException? _eofError;

    /// <summary>
    /// Converts a source string into the byte form the tokenizer expects: BOM dropped and
    /// "\r\n"/"\r" translated to "\n", exactly as CPython's universal-newline reading does.
    /// </summary>
    public static byte[] NormalizeSource(string source)
    {
        if (source.Length > 0 && source[0] == '\uFEFF') source = source.Substring(1);
        if (source.IndexOf('\r') >= 0) source = source.Replace("\r\n", "\n").Replace('\r', '\n');
        return Encoding.UTF8.GetBytes(source);
    }

    private byte At(int i) => i < _src.Length ? _src[i] : (byte)0;

    private bool Eof => _pos >= _src.Length;

    internal ParseException Error(string message, int line, int lineStart, int byteCol, string? kind = null)
        => new(message, _file, line, CharColumn(_src, lineStart, byteCol) + 1, kind);

    private ParseException ErrorHere(string message, string? kind = null)
        => Error(message, _line, _lineStart, _pos - _lineStart, kind);

    /// <summary>Converts a byte column to a 0-based character column (CPython reports characters).</summary>
    internal static int CharColumn(byte[] src, int lineStart, int byteCol)
    {
        int chars = 0;
        int end = Math.Min(src.Length, lineStart + byteCol);
        for (int i = lineStart; i < end; i++)
            if ((src[i] & 0xC0) != 0x80) chars++;
        return chars;
    }

    private void Add(TokenKind kind, string text, int start, int startLine, int startLineStart)
        => _tokens.Add(new Token(kind, text, startLine, start - startLineStart, _line, _pos - _lineStart, start, _pos));

    private void Run()
    {
        while (true)
        {
            if (_atLineStart && _parens.Count == 0)
            {
                if (!HandleIndentation()) break;
            }
            SkipSpaces();
            if (Eof)
            {
                Finish();
                return;
            }
            byte c = _src[_pos];
            if (c == '#')
            {
                while (!Eof && _src[_pos] != '\n') _pos++;
                continue;
            }
            if (c == '\n')
            {
                if (_parens.Count == 0)
                {
                    _pos++;
                    _tokens.Add(new Token(TokenKind.Newline, "", _line, _pos - 1 - _lineStart, _line, _pos - _lineStart, _pos - 1, _pos));
                    _atLineStart = true;
                }
                else
                {
                    _pos++;
                }
                NewLine();
                continue;
            }
            if (c == '\\')
            {
                if (At(_pos + 1) == '\n')
                {
                    _pos += 2;
                    NewLine();
                    if (Eof) throw ErrorHere("unexpected EOF while parsing");
                    continue;
                }
                _pos++;
                throw ErrorHere("unexpected character after line continuation character");
            }
            if (IsIdentStart(c))
            {
                ScanNameOrPrefixedString();
                continue;
            }
            if (IsDigit(c) || (c == '.' && IsDigit(At(_pos + 1))))
            {
                ScanNumber();
                continue;
            }
            if (c == '\'' || c == '"')
            {
                ScanString(_pos, 0);
                continue;
            }
            ScanOperator();
        }
        Finish();
    }

    private void NewLine()
    {
        _line++;
        _lineStart = _pos;
    }

    private void SkipSpaces()
    {
        while (!Eof)
        {
            byte c = _src[_pos];
            if (c == ' ' || c == '\t' || c == '\f') _pos++;
            else break;
        }
    }

    /// <summary>Measures indentation at the start of a logical line; returns false at end of input.</summary>
    private bool HandleIndentation()
    {
        while (true)
        {
            int col = 0, alt = 0;
            int p = _pos;
            while (p < _src.Length)
            {
                byte c = _src[p];
                if (c == ' ') { col++; alt++; }
                else if (c == '\t') { col = (col / 8 + 1) * 8; alt++; }
                else if (c == '\f') { col = 0; alt = 0; }
                else break;
                p++;
            }
            if (p >= _src.Length)
            {
                _pos = p;
                return false;
            }
            byte first = _src[p];
            if (first == '#' || first == '\n' || (first == '\\' && At(p + 1) == '\n' && false))
            {
                // Blank and comment-only lines do not affect indentation.
                _pos = p;
                while (!Eof && _src[_pos] != '\n') _pos++;
                if (Eof) return false;
                _pos++;
                NewLine();
                continue;
            }
            _pos = p;
            _atLineStart = false;
            int top = _indents[^1];
            if (col == top)
            {
                if (alt != _altIndents[^1]) throw TabError();
            }
            else if (col > top)
            {
                if (alt <= _altIndents[^1]) throw TabError();
                if (_tokens.Count == 0 || _tokens[^1].Kind != TokenKind.Newline)
                {
                    // Indentation of the very first line.
                    throw Error("unexpected indent", _line, _lineStart, _pos - _lineStart - 1, "IndentationError");
                }
                _indents.Add(col);
                _altIndents.Add(alt);
                _tokens.Add(new Token(TokenKind.Indent, "", _line, 0, _line, _pos - _lineStart, _lineStart, _pos));
            }
            else
            {
                while (_indents.Count > 1 && col < _indents[^1])
                {
                    _indents.RemoveAt(_indents.Count - 1);
                    _altIndents.RemoveAt(_altIndents.Count - 1);
                    _tokens.Add(new Token(TokenKind.Dedent, "", _line, _pos - _lineStart, _line, _pos - _lineStart, _pos, _pos));
                }
                if (col != _indents[^1])
                    throw Error("unindent does not match any outer indentation level", _line, _lineStart, _pos - _lineStart + 1, "IndentationError");
                if (alt != _altIndents[^1]) throw TabError();
            }
            return true;
        }
    }

    private ParseException TabError()
        => Error("inconsistent use of tabs and spaces in indentation", _line, _lineStart, _pos - _lineStart, "TabError");

    private void Finish()
    {
        if (_parens.Count > 0)
        {
            var (ch, line, col, ls) = _parens.Peek();
            _eofError = Error($"'{(char)ch}' was never closed", line, ls, col);
        }
        if (_tokens.Count > 0 && _tokens[^1].Kind is not (TokenKind.Newline or TokenKind.Dedent or TokenKind.Indent))
            _tokens.Add(new Token(TokenKind.Newline, "", _line, _pos - _lineStart, _line, _pos - _lineStart + 1, _pos, _pos));
        while (_indents.Count > 1)
        {
            _indents.RemoveAt(_indents.Count - 1);
            _tokens.Add(new Token(TokenKind.Dedent, "", _line, _pos - _lineStart, _line, _pos - _lineStart, _pos, _pos));
        }
        _tokens.Add(new Token(TokenKind.EndOfFile, "", _line, _pos - _lineStart, _line, _pos - _lineStart, _pos, _pos));
    }

    internal static bool IsDigit(byte c) => c >= '0' && c <= '9';

    internal static bool IsIdentStart(byte c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;

    internal static bool IsIdentChar(byte c) => IsIdentStart(c) || IsDigit(c);

    private static readonly HashSet<string> Keywords = new()
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield",
    };

    private static readonly Dictionary<string, string> Interned = new();

    private void ScanNameOrPrefixedString()
    {
        int start = _pos;
        bool ascii = true;
        while (!Eof && IsIdentChar(_src[_pos]))
        {
            if (_src[_pos] >= 0x80) ascii = false;
            _pos++;
        }
        int len = _pos - start;
        if (len <= 3 && ascii && !Eof && (_src[_pos] == '\'' || _src[_pos] == '"'))
        {
            int flags = PrefixFlags(start, len);
            if (flags >= 0)
            {
                _pos = start;
                ScanString(start + len, flags);
                return;
            }
        }
        string text = ascii ? Encoding.ASCII.GetString(_src, start, len) : DecodeIdentifier(start, len);
        var kind = Keywords.Contains(text) ? TokenKind.Keyword : TokenKind.Name;
        _tokens.Add(new Token(kind, text, _line, start - _lineStart, _line, _pos - _lineStart, start, _pos));
    }

    private string DecodeIdentifier(int start, int len)
    {
        string raw;
        try
        {
            raw = new UTF8Encoding(false, true).GetString(_src, start, len);
        }
        catch (DecoderFallbackException)
        {
            throw Error("(unicode error) 'utf-8' codec can't decode byte", _line, _lineStart, start - _lineStart);
        }
        int i = 0;
        foreach (var rune in raw.EnumerateRunes())
        {
            bool ok = i == 0 ? IsXidStart(rune) : IsXidContinue(rune);
            if (!ok)
            {
                int byteCol = start - _lineStart + Encoding.UTF8.GetByteCount(raw.Substring(0, i));
                throw Error(i == 0 || !IsPrintable(rune)
                        ? $"invalid character '{rune}' (U+{rune.Value:X4})"
                        : $"invalid character '{rune}' (U+{rune.Value:X4})",
                    _line, _lineStart, byteCol);
            }
            i += rune.Utf16SequenceLength;
        }
        string normalized;
        try
        {
            normalized = raw.Normalize(NormalizationForm.FormKC);
        }
        catch (PlatformNotSupportedException)
        {
            normalized = raw;
        }
        return CompatibilityFold(normalized);
    }

    /// <summary>
    /// The NFKC mappings that matter for identifiers, applied by hand because globalization-invariant
    /// mode leaves compatibility characters unnormalized: fullwidth forms, Latin ligatures, long s,
    /// micro sign and the mathematical alphanumeric letters and digits.
    /// </summary>
    private static string CompatibilityFold(string s)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < s.Length; i++)
        {
            int width = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
            int cp = width == 2 ? char.ConvertToUtf32(s[i], s[i + 1]) : s[i];
            string? repl = cp switch
            {
                >= 0xFF01 and <= 0xFF5E => ((char)(cp - 0xFEE0)).ToString(),
                0xFB00 => "ff", 0xFB01 => "fi", 0xFB02 => "fl", 0xFB03 => "ffi", 0xFB04 => "ffl", 0xFB05 or 0xFB06 => "st",
                0x017F => "s",
                0x00B5 => "\u03BC",
                0x00AA => "a", 0x00BA => "o",
                >= 0x1D400 and <= 0x1D6A3 => ((cp - 0x1D400) % 52 is var k && k < 26 ? (char)('A' + k) : (char)('a' + k - 26)).ToString(),
                >= 0x1D7CE and <= 0x1D7FF => ((char)('0' + (cp - 0x1D7CE) % 10)).ToString(),
                _ => null,
            };
            if (repl != null && sb == null) sb = new StringBuilder(s, 0, i, s.Length);
            if (sb != null) sb.Append(repl ?? s.Substring(i, width));
            i += width - 1;
        }
        return sb?.ToString() ?? s;
    }

    private static bool IsXidStart(Rune r)
    {
        if (r.Value == '_') return true;
        var cat = Rune.GetUnicodeCategory(r);
        return cat is System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter
            or System.Globalization.UnicodeCategory.TitlecaseLetter or System.Globalization.UnicodeCategory.ModifierLetter
            or System.Globalization.UnicodeCategory.OtherLetter or System.Globalization.UnicodeCategory.LetterNumber
            || r.Value is 0x1885 or 0x1886 or 0x2118 or 0x212E or 0x309B or 0x309C;
    }

    private static bool IsXidContinue(Rune r)
    {
        if (IsXidStart(r)) return true;
        var cat = Rune.GetUnicodeCategory(r);
        return cat is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.ConnectorPunctuation
            || r.Value is 0x00B7 or 0x0387 or 0x19DA || (r.Value >= 0x1369 && r.Value <= 0x1371);
    }

    private static bool IsPrintable(Rune r) => !Rune.IsControl(r);

    /// <summary>Returns string-prefix flags for an identifier directly followed by a quote, or -1.</summary>
    private int PrefixFlags(int start, int len)
    {
        int flags = 0;
        for (int i = start; i < start + len; i++)
        {
            int f = (_src[i] | 0x20) switch
            {
                'r' => StrRaw,
                'b' => StrBytes,
                'u' => StrUnicode,
                'f' => StrFormat,
                _ => -1,
            };
            if (f < 0 || (flags & f) != 0) return -1;
            flags |= f;
        }
        if ((flags & StrUnicode) != 0 && flags != StrUnicode) return -1;
        if ((flags & StrBytes) != 0 && (flags & StrFormat) != 0) return -1;
        return flags;
    }

    internal const int StrRaw = 1, StrBytes = 2, StrUnicode = 4, StrFormat = 8;

    private void ScanOperator()
    {
        int start = _pos;
        byte c = _src[_pos];
        byte c1 = At(_pos + 1);
        byte c2 = At(_pos + 2);
        TokenKind kind;
        int len = 1;
        switch (c)
        {
            case (byte)'(': case (byte)'[': case (byte)'{':
                _parens.Push((c, _line, _pos - _lineStart, _lineStart));
                kind = c == '(' ? TokenKind.LPar : c == '[' ? TokenKind.LSqb : TokenKind.LBrace;
                break;
            case (byte)')': case (byte)']': case (byte)'}':
            {
                if (_parens.Count == 0) throw ErrorHere($"unmatched '{(char)c}'");
                var open = _parens.Pop();
                byte expected = open.Ch == '(' ? (byte)')' : open.Ch == '[' ? (byte)']' : (byte)'}';
                if (expected != c)
                {
                    if (open.Line != _line)
                        throw ErrorHere($"closing parenthesis '{(char)c}' does not match opening parenthesis '{(char)open.Ch}' on line {open.Line}");
                    throw ErrorHere($"closing parenthesis '{(char)c}' does not match opening parenthesis '{(char)open.Ch}'");
                }
                kind = c == ')' ? TokenKind.RPar : c == ']' ? TokenKind.RSqb : TokenKind.RBrace;
                break;
            }
            case (byte)':': (kind, len) = c1 == '=' ? (TokenKind.ColonEqual, 2) : (TokenKind.Colon, 1); break;
            case (byte)',': kind = TokenKind.Comma; break;
            case (byte)';': kind = TokenKind.Semi; break;
            case (byte)'.': (kind, len) = c1 == '.' && c2 == '.' ? (TokenKind.Ellipsis, 3) : (TokenKind.Dot, 1); break;
            case (byte)'@': (kind, len) = c1 == '=' ? (TokenKind.AtEqual, 2) : (TokenKind.At, 1); break;
            case (byte)'~': kind = TokenKind.Tilde; break;
            case (byte)'+': (kind, len) = c1 == '=' ? (TokenKind.PlusEqual, 2) : (TokenKind.Plus, 1); break;
            case (byte)'-':
                (kind, len) = c1 == '=' ? (TokenKind.MinEqual, 2) : c1 == '>' ? (TokenKind.RArrow, 2) : (TokenKind.Minus, 1);
                break;
            case (byte)'*':
                if (c1 == '*') (kind, len) = c2 == '=' ? (TokenKind.DoubleStarEqual, 3) : (TokenKind.DoubleStar, 2);
                else (kind, len) = c1 == '=' ? (TokenKind.StarEqual, 2) : (TokenKind.Star, 1);
                break;
            case (byte)'/':
                if (c1 == '/') (kind, len) = c2 == '=' ? (TokenKind.DoubleSlashEqual, 3) : (TokenKind.DoubleSlash, 2);
                else (kind, len) = c1 == '=' ? (TokenKind.SlashEqual, 2) : (TokenKind.Slash, 1);
                break;
            case (byte)'%': (kind, len) = c1 == '=' ? (TokenKind.PercentEqual, 2) : (TokenKind.Percent, 1); break;
            case (byte)'|': (kind, len) = c1 == '=' ? (TokenKind.VBarEqual, 2) : (TokenKind.VBar, 1); break;
            case (byte)'&': (kind, len) = c1 == '=' ? (TokenKind.AmperEqual, 2) : (TokenKind.Amper, 1); break;
            case (byte)'^': (kind, len) = c1 == '=' ? (TokenKind.CircumflexEqual, 2) : (TokenKind.Circumflex, 1); break;
            case (byte)'=': (kind, len) = c1 == '=' ? (TokenKind.EqEqual, 2) : (TokenKind.Equal, 1); break;
            case (byte)'!':
                if (c1 != '=') goto default;
                (kind, len) = (TokenKind.NotEqual, 2);
                break;
            case (byte)'<':
                if (c1 == '<') (kind, len) = c2 == '=' ? (TokenKind.LeftShiftEqual, 3) : (TokenKind.LeftShift, 2);
                else (kind, len) = c1 == '=' ? (TokenKind.LessEqual, 2) : (TokenKind.Less, 1);
                break;
            case (byte)'>':
                if (c1 == '>') (kind, len) = c2 == '=' ? (TokenKind.RightShiftEqual, 3) : (TokenKind.RightShift, 2);
                else (kind, len) = c1 == '=' ? (TokenKind.GreaterEqual, 2) : (TokenKind.Greater, 1);
                break;
            default:
                throw InvalidCharacter();
        }
        _pos += len;
        _tokens.Add(new Token(kind, Encoding.ASCII.GetString(_src, start, len), _line, start - _lineStart, _line, _pos - _lineStart, start, _pos));
    }

    private ParseException InvalidCharacter()
    {
        byte c = _src[_pos];
        if (c < 0x80)
        {
            if (c == '$' || c == '?' || c == '`' || c == '!')
                return ErrorHere("invalid syntax");
            return ErrorHere($"invalid non-printable character U+{c:X4}");
        }
        var rune = Rune.DecodeFromUtf8(_src.AsSpan(_pos), out var r, out _) == System.Buffers.OperationStatus.Done ? r : Rune.ReplacementChar;
        return ErrorHere($"invalid character '{rune}' (U+{rune.Value:X4})");
    }
}
