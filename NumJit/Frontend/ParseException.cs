namespace NumJit.Frontend;

/// <summary>
/// A Python syntax error. <see cref="Line"/> is 1-based and <see cref="Column"/> is the 1-based
/// character offset, the same convention as CPython's <c>SyntaxError.lineno</c>/<c>offset</c>, so
/// errors can be compared with the reference interpreter directly.
/// </summary>
public sealed class ParseException : Exception
{
    public ParseException(string message, string fileName, int line, int column, string? errorKind = null)
        : base(message)
    {
        FileName = fileName;
        Line = line;
        Column = column;
        ErrorKind = errorKind ?? "SyntaxError";
    }

    public string FileName { get; }
    public int Line { get; }
    public int Column { get; }

    /// <summary>"SyntaxError", "IndentationError" or "TabError", as CPython would raise.</summary>
    public string ErrorKind { get; }

    public override string ToString() => $"File \"{FileName}\", line {Line}, column {Column}: {ErrorKind}: {Message}";
}
