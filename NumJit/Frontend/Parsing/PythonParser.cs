using NumJit.Frontend.Lexing;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

/// <summary>Entry point of the front end: Python source text to a CPython-shaped syntax tree.</summary>
public static class PythonParser
{
    /// <summary>Parses a whole module; throws <see cref="ParseException"/> on invalid syntax.</summary>
    public static Module ParseModule(string source, string fileName = "<string>")
    {
        ArgumentNullException.ThrowIfNull(source);
        var bytes = Tokenizer.NormalizeSource(source);
        var tokens = Tokenizer.Tokenize(bytes, fileName, out var eofError);
        return new Parser(tokens, bytes, fileName) { EofError = eofError }.ParseFile();
    }

    /// <summary>
    /// Parses raw file contents, honouring a UTF-8 BOM or a PEP 263 coding cookie as CPython does.
    /// </summary>
    public static Module ParseModule(byte[] source, string fileName = "<string>")
    {
        ArgumentNullException.ThrowIfNull(source);
        return ParseModule(SourceDecoder.Decode(source, fileName), fileName);
    }
}
