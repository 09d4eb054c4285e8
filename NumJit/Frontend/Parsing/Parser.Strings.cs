using System.Text;
using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

// String literal decoding and implicit concatenation (CPython's _PyPegen_concatenate_strings).
internal sealed partial class Parser
{
    private readonly struct StringParts
    {
        public StringParts(int flags, int contentStart, int contentEnd)
        {
            Flags = flags;
            ContentStart = contentStart;
            ContentEnd = contentEnd;
        }

        public int Flags { get; }
        public int ContentStart { get; }
        public int ContentEnd { get; }
        public bool Raw => (Flags & Tokenizer.StrRaw) != 0;
        public bool Bytes => (Flags & Tokenizer.StrBytes) != 0;
        public bool Format => (Flags & Tokenizer.StrFormat) != 0;
    }

    private StringParts SplitString(Token t)
    {
        int p = t.Start;
        int flags = 0;
        while (_src[p] != '\'' && _src[p] != '"')
        {
            flags |= (_src[p] | 0x20) switch
            {
                'r' => Tokenizer.StrRaw,
                'b' => Tokenizer.StrBytes,
                'u' => Tokenizer.StrUnicode,
                _ => Tokenizer.StrFormat,
            };
            p++;
        }
        byte q = _src[p];
        int quoteLen = p + 2 < t.End && _src[p + 1] == q && _src[p + 2] == q && t.End - p >= 6 ? 3 : 1;
        return new StringParts(flags, p + quoteLen, t.End - quoteLen);
    }

    private sealed class FStringState
    {
        public readonly List<Expr> Values = new();
        public StringBuilder? Last;
        public bool FMode;
    }

    private Expr ParseStrings()
    {
        int first = _p;
        while (At(TokenKind.String)) _p++;
        var ft = _toks[first];
        var lt = _toks[_p - 1];
        bool? bytesMode = null;
        List<byte>? bytes = null;
        var state = new FStringState();
        for (int i = first; i < _p; i++)
        {
            var t = _toks[i];
            var parts = SplitString(t);
            if (bytesMode != null && bytesMode != parts.Bytes)
                throw ErrorAt(ft, "cannot mix bytes and nonbytes literals");
            bytesMode = parts.Bytes;
            if (parts.Bytes)
            {
                bytes ??= new List<byte>();
                DecodeBytes(t, parts, bytes);
            }
            else if (parts.Format)
            {
                int p = parts.ContentStart;
                ConcatFString(state, t, ref p, parts.ContentEnd, parts.Raw, 0, ft, lt);
            }
            else
            {
                var s = parts.Raw ? Utf8(parts.ContentStart, parts.ContentEnd) : DecodeEscapes(t, parts.ContentStart, parts.ContentEnd);
                AppendLiteral(state, s);
            }
        }
        if (bytesMode == true) return Span(new Constant(bytes!.ToArray()), ft, lt);
        return FinishFString(state, ft, lt);
    }

    private static void AppendLiteral(FStringState state, string s)
    {
        if (s.Length == 0) return;
        (state.Last ??= new StringBuilder()).Append(s);
    }

    private Expr FinishFString(FStringState state, Token first, Token last)
    {
        if (!state.FMode) return MakeStr(state.Last?.ToString() ?? "", first, last);
        if (state.Last != null)
        {
            state.Values.Add(MakeStr(state.Last.ToString(), first, last));
            state.Last = null;
        }
        return Span(new JoinedStr(state.Values.ToArray()), first, last);
    }

    private Constant MakeStr(string s, Token first, Token last)
        => Span(new Constant(s, _src[first.Start] == 'u' ? "u" : null), first, last);

    private string Utf8(int start, int end)
    {
        try
        {
            return StrictUtf8.GetString(_src, start, end - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.UTF8.GetString(_src, start, end - start);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private void DecodeBytes(Token t, StringParts parts, List<byte> output)
    {
        int p = parts.ContentStart, end = parts.ContentEnd;
        while (p < end)
        {
            byte c = _src[p];
            if (c >= 0x80) throw ErrorAt(t, "bytes can only contain ASCII literal characters");
            if (c != '\\' || parts.Raw)
            {
                output.Add(c);
                p++;
                if (c == '\\' && p < end)
                {
                    // In raw literals a backslash still protects the next character from the tokenizer.
                    if (_src[p] >= 0x80) throw ErrorAt(t, "bytes can only contain ASCII literal characters");
                    output.Add(_src[p]);
                    p++;
                }
                continue;
            }
            p++;
            byte e = _src[p++];
            switch (e)
            {
                case (byte)'\n': break;
                case (byte)'\\': output.Add((byte)'\\'); break;
                case (byte)'\'': output.Add((byte)'\''); break;
                case (byte)'"': output.Add((byte)'"'); break;
                case (byte)'a': output.Add(7); break;
                case (byte)'b': output.Add(8); break;
                case (byte)'f': output.Add(12); break;
                case (byte)'n': output.Add(10); break;
                case (byte)'r': output.Add(13); break;
                case (byte)'t': output.Add(9); break;
                case (byte)'v': output.Add(11); break;
                case >= (byte)'0' and <= (byte)'7':
                {
                    int v = e - '0';
                    for (int k = 0; k < 2 && p < end && _src[p] >= '0' && _src[p] <= '7'; k++) v = v * 8 + (_src[p++] - '0');
                    output.Add((byte)v);
                    break;
                }
                case (byte)'x':
                {
                    if (p + 2 > end || !Uri.IsHexDigit((char)_src[p]) || !Uri.IsHexDigit((char)_src[p + 1]))
                        throw ErrorAt(t, $"(value error) invalid \\x escape at position {p - 2 - parts.ContentStart}");
                    output.Add((byte)(HexValue((char)_src[p]) * 16 + HexValue((char)_src[p + 1])));
                    p += 2;
                    break;
                }
                default:
                    if (e >= 0x80) throw ErrorAt(t, "bytes can only contain ASCII literal characters");
                    output.Add((byte)'\\');
                    output.Add(e);
                    break;
            }
        }
    }

    /// <summary>Decodes a non-raw str literal body (CPython's decode_unicode_with_escapes).</summary>
    private string DecodeEscapes(Token t, int start, int end)
    {
        int bs = Array.IndexOf(_src, (byte)'\\', start, end - start);
        if (bs < 0) return Utf8(start, end);
        var sb = new StringBuilder(end - start);
        int p = start;
        while (p < end)
        {
            bs = Array.IndexOf(_src, (byte)'\\', p, end - p);
            if (bs < 0)
            {
                sb.Append(Utf8(p, end));
                break;
            }
            if (bs > p) sb.Append(Utf8(p, bs));
            p = bs + 1;
            if (p >= end)
            {
                sb.Append('\\');
                break;
            }
            byte e = _src[p++];
            switch (e)
            {
                case (byte)'\n': break;
                case (byte)'\\': sb.Append('\\'); break;
                case (byte)'\'': sb.Append('\''); break;
                case (byte)'"': sb.Append('"'); break;
                case (byte)'a': sb.Append('\a'); break;
                case (byte)'b': sb.Append('\b'); break;
                case (byte)'f': sb.Append('\f'); break;
                case (byte)'n': sb.Append('\n'); break;
                case (byte)'r': sb.Append('\r'); break;
                case (byte)'t': sb.Append('\t'); break;
                case (byte)'v': sb.Append('\v'); break;
                case >= (byte)'0' and <= (byte)'7':
                {
                    int v = e - '0';
                    for (int k = 0; k < 2 && p < end && _src[p] >= '0' && _src[p] <= '7'; k++) v = v * 8 + (_src[p++] - '0');
                    sb.Append((char)v);
                    break;
                }
                case (byte)'x':
                    AppendCodePoint(sb, ReadHex(t, ref p, end, 2, "truncated \\xXX escape", bs - start));
                    break;
                case (byte)'u':
                    AppendCodePoint(sb, ReadHex(t, ref p, end, 4, "truncated \\uXXXX escape", bs - start));
                    break;
                case (byte)'U':
                {
                    int cp = ReadHex(t, ref p, end, 8, "truncated \\UXXXXXXXX escape", bs - start);
                    if (cp > 0x10FFFF)
                        throw ErrorAt(t, $"(unicode error) 'unicodeescape' codec can't decode bytes in position {bs - start}-{p - 1 - start}: illegal Unicode character");
                    AppendCodePoint(sb, cp);
                    break;
                }
                case (byte)'N':
                {
                    int close = p < end && _src[p] == '{' ? Array.IndexOf(_src, (byte)'}', p, end - p) : -1;
                    int cp = -1;
                    if (close > p + 1) cp = UnicodeNames.Lookup(Encoding.ASCII.GetString(_src, p + 1, close - p - 1));
                    if (cp < 0)
                    {
                        throw ErrorAt(t, close < 0
                            ? $"(unicode error) 'unicodeescape' codec can't decode bytes in position {bs - start}-{p - 1 - start}: malformed \\N character escape"
                            : $"(unicode error) 'unicodeescape' codec can't decode bytes in position {bs - start}-{close - start}: unknown Unicode character name");
                    }
                    AppendCodePoint(sb, cp);
                    p = close + 1;
                    break;
                }
                default:
                    // Invalid escapes are kept verbatim (CPython only warns).
                    sb.Append('\\');
                    p--;
                    break;
            }
        }
        return sb.ToString();
    }

    private int ReadHex(Token t, ref int p, int end, int digits, string what, int escapeOffset)
    {
        int v = 0;
        for (int i = 0; i < digits; i++)
        {
            if (p >= end || !Uri.IsHexDigit((char)_src[p]))
                throw ErrorAt(t, $"(unicode error) 'unicodeescape' codec can't decode bytes in position {escapeOffset}-{escapeOffset + 1 + i}: {what}");
            v = v * 16 + HexValue((char)_src[p++]);
        }
        return v;
    }

    private static void AppendCodePoint(StringBuilder sb, int cp)
    {
        if (cp < 0x10000) sb.Append((char)cp);
        else
        {
            cp -= 0x10000;
            sb.Append((char)(0xD800 + (cp >> 10)));
            sb.Append((char)(0xDC00 + (cp & 0x3FF)));
        }
    }
}
