namespace NumJit.Typing;

/// <summary>Builtin names compiled code understands without a global descriptor.</summary>
public static class BuiltinNames
{
    public static readonly HashSet<string> Exceptions =
    [
        "Exception", "ValueError", "TypeError", "IndexError", "KeyError", "ZeroDivisionError", "ArithmeticError",
        "OverflowError", "RuntimeError", "AssertionError", "NotImplementedError", "LookupError", "FloatingPointError",
        "StopIteration", "MemoryError", "RecursionError",
    ];

    public static readonly HashSet<string> Functions =
    [
        "abs", "min", "max", "len", "range", "int", "float", "bool", "complex", "round", "divmod", "pow",
        "enumerate", "zip", "print",
    ];
}
