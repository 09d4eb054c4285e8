using System.Text;
using System.Text.RegularExpressions;

namespace NumJit.Frontend.Lexing;

/// <summary>
/// Turns the bytes of a source file into text the way CPython's tokenizer does: a UTF-8 BOM,
/// or a PEP 263 coding cookie on one of the first two lines, selects the encoding; UTF-8 otherwise.
/// </summary>
internal static partial class SourceDecoder
{
    static SourceDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex(@"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")]
    private static partial Regex CookieRegex();

    public static string Decode(byte[] source, string fileName)
    {
        bool bom = source.Length >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF;
        int offset = bom ? 3 : 0;
        string? cookie = FindCookie(source, offset);
        Encoding encoding = StrictUtf8;
        if (cookie != null)
        {
            string normal = NormalName(cookie);
            if (bom && normal != "utf-8")
                throw new ParseException($"encoding problem: {cookie} with BOM", fileName, 0, 0);
            encoding = normal switch
            {
                "utf-8" => StrictUtf8,
                "iso-8859-1" => Encoding.Latin1,
                _ => Lookup(cookie) ?? throw new ParseException($"unknown encoding: {cookie}", fileName, 0, 0),
            };
        }
        try
        {
            return encoding.GetString(source, offset, source.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            int pos = ex.Index >= 0 ? ex.Index : 0;
            int line = 1;
            for (int i = offset; i < Math.Min(source.Length, offset + pos); i++)
                if (source[i] == '\n') line++;
            byte b = ex.BytesUnknown is { Length: > 0 } u ? u[0] : (byte)0;
            throw new ParseException(
                $"(unicode error) 'utf-8' codec can't decode byte 0x{b:x2} in position {pos}: invalid start byte",
                fileName, line, 0);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static string? FindCookie(byte[] src, int offset)
    {
        int p = offset;
        for (int lineNo = 0; lineNo < 2 && p < src.Length; lineNo++)
        {
            int end = Array.IndexOf(src, (byte)'\n', p);
            if (end < 0) end = src.Length;
            string line = Encoding.Latin1.GetString(src, p, end - p);
            var m = CookieRegex().Match(line);
            if (m.Success) return m.Groups[1].Value;
            // Only a comment or blank first line lets the cookie sit on the second line.
            string trimmed = line.TrimStart(' ', '\t', '\f', '\r');
            if (trimmed.Length > 0 && trimmed[0] != '#') return null;
            p = end + 1;
        }
        return null;
    }

    /// <summary>CPython's get_normal_name: only the UTF-8 and Latin-1 spellings are canonicalized.</summary>
    private static string NormalName(string name)
    {
        string n = name.ToLowerInvariant().Replace('_', '-');
        if (n == "utf-8" || n.StartsWith("utf-8-", StringComparison.Ordinal)) return "utf-8";
        foreach (var l in new[] { "latin-1", "iso-8859-1", "iso-latin-1" })
            if (n == l || n.StartsWith(l + "-", StringComparison.Ordinal)) return "iso-8859-1";
        return n;
    }

    private static Encoding? Lookup(string name)
    {
        string n = name.ToLowerInvariant();
        var candidates = new List<string> { n, n.Replace('_', '-'), n.Replace('-', '_') };
        if (n.StartsWith("cp") && int.TryParse(n.AsSpan(2), out int cp))
        {
            try
            {
                return Encoding.GetEncoding(cp, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
            }
        }
        if (n is "utf8" or "utf-8" or "utf_8" or "u8") return StrictUtf8;
        if (n is "latin1" or "l1") return Encoding.Latin1;
        if (n is "ascii" or "us-ascii") return Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        foreach (var c in candidates)
        {
            try
            {
                return Encoding.GetEncoding(c, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
            }
        }
        return null;
    }
}
