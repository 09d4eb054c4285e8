namespace NumJit.Frontend.Syntax;

/// <summary>
/// Base of every syntax node. Node classes mirror CPython's <c>ast</c> module one to one
/// (same class names, fields in the same order, PascalCased) so that the tree can be
/// compared with <c>ast.dump</c> and so that error messages can quote Python's own vocabulary.
/// Positions follow CPython: 1-based lines, 0-based UTF-8 byte column offsets.
/// </summary>
public abstract record Node
{
    public int Line { get; set; }
    public int Col { get; set; }
    public int EndLine { get; set; }
    public int EndCol { get; set; }

    public SourceSpan Span => new(Line, Col, EndLine, EndCol);
}

/// <summary>A region of source text, CPython-style (1-based lines, 0-based byte columns).</summary>
public readonly record struct SourceSpan(int Line, int Col, int EndLine, int EndCol);

public abstract record Expr : Node;
public abstract record Stmt : Node;
public abstract record Pattern : Node;

public enum ExprContext { Load, Store, Del }
public enum BoolOperator { And, Or }
public enum BinaryOperator { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv }
public enum UnaryOperator { Invert, Not, UAdd, USub }
public enum CompareOperator { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn }
