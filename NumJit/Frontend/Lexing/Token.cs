namespace NumJit.Frontend.Lexing;

/// <summary>
/// One token. Positions are CPython's (1-based lines, 0-based UTF-8 byte columns);
/// <see cref="Start"/>/<see cref="End"/> are byte offsets into the tokenized buffer, kept so that
/// string literals (f-strings especially) can be re-read from the raw source.
/// </summary>
public readonly record struct Token(TokenKind Kind, string Text, int Line, int Col, int EndLine, int EndCol, int Start, int End)
{
    public override string ToString() => $"{Kind} '{Text}' {Line}:{Col}-{EndLine}:{EndCol}";
}
