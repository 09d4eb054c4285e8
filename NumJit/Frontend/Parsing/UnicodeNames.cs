namespace NumJit.Frontend;

/// <summary>
/// Resolves <c>\N{...}</c> escapes. .NET has no Unicode name database, so this covers the
/// algorithmically named ranges (CJK ideographs, Hangul syllables) are computed, the other names
/// come from a compressed table generated from CPython's unicodedata, and a few common aliases
/// (control-character names and the like) are listed by hand.
/// </summary>
internal static class UnicodeNames
{
    private static readonly Dictionary<string, int> Table = new(StringComparer.Ordinal)
    {
        ["SPACE"] = 0x20, ["NO-BREAK SPACE"] = 0xA0, ["EM DASH"] = 0x2014, ["EN DASH"] = 0x2013,
        ["HORIZONTAL ELLIPSIS"] = 0x2026, ["BULLET"] = 0x2022, ["DEGREE SIGN"] = 0xB0,
        ["COPYRIGHT SIGN"] = 0xA9, ["REGISTERED SIGN"] = 0xAE, ["TRADE MARK SIGN"] = 0x2122,
        ["EURO SIGN"] = 0x20AC, ["POUND SIGN"] = 0xA3, ["YEN SIGN"] = 0xA5, ["CENT SIGN"] = 0xA2,
        ["SECTION SIGN"] = 0xA7, ["PILCROW SIGN"] = 0xB6, ["MICRO SIGN"] = 0xB5,
        ["LEFT SINGLE QUOTATION MARK"] = 0x2018, ["RIGHT SINGLE QUOTATION MARK"] = 0x2019,
        ["LEFT DOUBLE QUOTATION MARK"] = 0x201C, ["RIGHT DOUBLE QUOTATION MARK"] = 0x201D,
        ["GREEK SMALL LETTER ALPHA"] = 0x3B1, ["GREEK SMALL LETTER BETA"] = 0x3B2,
        ["GREEK SMALL LETTER GAMMA"] = 0x3B3, ["GREEK SMALL LETTER DELTA"] = 0x3B4,
        ["GREEK SMALL LETTER EPSILON"] = 0x3B5, ["GREEK SMALL LETTER LAMDA"] = 0x3BB,
        ["GREEK SMALL LETTER MU"] = 0x3BC, ["GREEK SMALL LETTER PI"] = 0x3C0,
        ["GREEK SMALL LETTER SIGMA"] = 0x3C3, ["GREEK SMALL LETTER OMEGA"] = 0x3C9,
        ["GREEK CAPITAL LETTER DELTA"] = 0x394, ["GREEK CAPITAL LETTER SIGMA"] = 0x3A3,
        ["GREEK CAPITAL LETTER OMEGA"] = 0x3A9, ["MULTIPLICATION SIGN"] = 0xD7, ["DIVISION SIGN"] = 0xF7,
        ["PLUS-MINUS SIGN"] = 0xB1, ["INFINITY"] = 0x221E, ["NOT EQUAL TO"] = 0x2260,
        ["LESS-THAN OR EQUAL TO"] = 0x2264, ["GREATER-THAN OR EQUAL TO"] = 0x2265,
        ["RIGHTWARDS ARROW"] = 0x2192, ["LEFTWARDS ARROW"] = 0x2190, ["CHECK MARK"] = 0x2713,
        ["SNOWMAN"] = 0x2603, ["BLACK STAR"] = 0x2605, ["WHITE STAR"] = 0x2606,
        ["LATIN SMALL LETTER E WITH ACUTE"] = 0xE9, ["LATIN SMALL LETTER A WITH GRAVE"] = 0xE0,
        ["LATIN SMALL LETTER SHARP S"] = 0xDF, ["LATIN CAPITAL LETTER A WITH RING ABOVE"] = 0xC5,
        ["ZERO WIDTH SPACE"] = 0x200B, ["ZERO WIDTH JOINER"] = 0x200D, ["ZERO WIDTH NON-JOINER"] = 0x200C,
        ["BYTE ORDER MARK"] = 0xFEFF, ["ZERO WIDTH NO-BREAK SPACE"] = 0xFEFF, ["REPLACEMENT CHARACTER"] = 0xFFFD,
        ["NULL"] = 0, ["LINE FEED"] = 0xA, ["CARRIAGE RETURN"] = 0xD, ["CHARACTER TABULATION"] = 0x9,
        ["ESCAPE"] = 0x1B, ["DELETE"] = 0x7F, ["LINE SEPARATOR"] = 0x2028, ["PARAGRAPH SEPARATOR"] = 0x2029,
        ["SNAKE"] = 0x1F40D, ["GRINNING FACE"] = 0x1F600, ["PILE OF POO"] = 0x1F4A9,
        ["HEAVY BLACK HEART"] = 0x2764, ["WHITE SMILING FACE"] = 0x263A,
    };

    private static readonly Lazy<Dictionary<string, int>> FullTable = new(LoadFullTable);

    private static Dictionary<string, int> LoadFullTable()
    {
        var result = new Dictionary<string, int>(40000, StringComparer.Ordinal);
        var compressed = Convert.FromBase64String(UnicodeNameData.Compressed);
        using var z = new System.IO.Compression.ZLibStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(z, System.Text.Encoding.ASCII);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            int semi = line.IndexOf(';');
            result[line.Substring(semi + 1)] = int.Parse(line.AsSpan(0, semi), System.Globalization.NumberStyles.HexNumber);
        }
        return result;
    }

    private static readonly string[] JamoL = { "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H" };
    private static readonly string[] JamoV = { "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I" };
    private static readonly string[] JamoT = { "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H" };

    /// <summary>Returns the code point for a character name (case-insensitive, like CPython), or -1.</summary>
    public static int Lookup(string name)
    {
        name = name.ToUpperInvariant();
        if (Table.TryGetValue(name, out int cp)) return cp;
        if (FullTable.Value.TryGetValue(name, out cp)) return cp;
        foreach (var prefix in new[] { "CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(prefix.Length), System.Globalization.NumberStyles.HexNumber, null, out cp)
                && cp <= 0x10FFFF)
                return cp;
        }
        const string hangul = "HANGUL SYLLABLE ";
        if (name.StartsWith(hangul, StringComparison.Ordinal))
        {
            string rest = name.Substring(hangul.Length);
            for (int l = 0; l < JamoL.Length; l++)
                for (int v = 0; v < JamoV.Length; v++)
                    for (int t = 0; t < JamoT.Length; t++)
                        if (JamoL[l] + JamoV[v] + JamoT[t] == rest)
                            return 0xAC00 + (l * 21 + v) * 28 + t;
        }
        return -1;
    }
}
