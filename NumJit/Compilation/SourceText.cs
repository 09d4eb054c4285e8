using System.Text;
using NumJit.Frontend.Syntax;

namespace NumJit.Compilation;

/// <summary>
/// A function's source with its place in the original file, so diagnostics can quote the
/// user's line with a caret under the offending expression.
/// </summary>
public sealed class SourceText(string fileName, int firstLine, string source)
{
    private readonly string[] _lines = source.Replace("\r\n", "\n").Split('\n');

    public string FileName { get; } = fileName;
    public string Source { get; } = source;

    public int FileLine(int line) => firstLine + line - 1;

    /// <summary>"message\n  File ..., line N, in f\n    code\n    ^^^^\nHint: ..."</summary>
    public string Format(string message, SourceSpan span, string functionName, string? hint = null)
    {
        var text = new StringBuilder(message);
        text.Append($"\n  File \"{FileName}\", line {FileLine(span.Line)}, in {functionName}");
        if (span.Line >= 1 && span.Line <= _lines.Length)
        {
            string line = _lines[span.Line - 1];
            byte[] bytes = Encoding.UTF8.GetBytes(line);
            int start = Math.Clamp(span.Col, 0, bytes.Length);
            int end = span.EndLine == span.Line ? Math.Clamp(span.EndCol, start, bytes.Length) : bytes.Length;
            int startChars = Encoding.UTF8.GetCharCount(bytes, 0, start);
            int widthChars = Math.Max(1, Encoding.UTF8.GetCharCount(bytes, start, end - start));
            // Like CPython's tracebacks: the line without its indentation, carets shifted to match.
            string code = line.TrimEnd();
            int leading = code.Length - code.TrimStart().Length;
            text.Append("\n    ").Append(code.TrimStart());
            text.Append("\n    ").Append(new string(' ', Math.Max(0, startChars - leading))).Append(new string('^', widthChars));
        }
        if (hint != null) text.Append("\nHint: ").Append(hint);
        return text.ToString();
    }
}
