namespace NumJit.Frontend.Lexing;

public enum TokenKind : byte
{
    EndOfFile, Name, Keyword, Number, String, Newline, Indent, Dedent,
    LPar, RPar, LSqb, RSqb, LBrace, RBrace,
    Colon, Comma, Semi, Dot, Ellipsis, At, RArrow, ColonEqual,
    Plus, Minus, Star, Slash, DoubleSlash, Percent, DoubleStar, VBar, Amper, Circumflex, Tilde,
    LeftShift, RightShift, Less, Greater, Equal, EqEqual, NotEqual, LessEqual, GreaterEqual,
    PlusEqual, MinEqual, StarEqual, SlashEqual, DoubleSlashEqual, PercentEqual, DoubleStarEqual,
    VBarEqual, AmperEqual, CircumflexEqual, LeftShiftEqual, RightShiftEqual, AtEqual,
}
