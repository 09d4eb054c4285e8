using System.Text.Json;
using NUnit.Framework;
using NumJit.Compilation;

namespace NumJit.Tests.Typing;

/// <summary>
/// Compile errors as users see them: the numjit exception class, a one-line message, the
/// file/line/function, the offending source line and a caret under the offending expression.
/// </summary>
[TestFixture]
public class DiagnosticsTests
{
    private static readonly Dictionary<string, object> Globals = new()
    {
        ["math"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "math" },
    };

    private static CompilerError Fail(string source, params string[] args)
    {
        if (args.Length == 0) args = ["float64"];
        return Assert.Throws<CompilerError>(() => Compiler.CompileFunction(source, args, Globals))!;
    }

    /// <summary>Compiles through a full request, with the function's place in its file.</summary>
    private static CompilerError FailAt(string source, int firstLine, int indent, string fileName = "/home/user/model.py")
    {
        var request = new Dictionary<string, object>
        {
            ["entry"] = 0,
            ["args"] = new[] { "float64" },
            ["functions"] = new Dictionary<string, object>
            {
                ["0"] = new Dictionary<string, object>
                {
                    ["name"] = "step", ["qualname"] = "Model.step", ["filename"] = fileName, ["firstlineno"] = firstLine,
                    ["indent"] = indent, ["source"] = source, ["globals"] = new Dictionary<string, object>(),
                },
            },
        };
        return Assert.Throws<CompilerError>(() => Compiler.CompileRequest(JsonSerializer.Serialize(request)))!;
    }

    private static string[] Lines(CompilerError e) => e.Message.Split('\n');

    /// <summary>The caret line's carets, as (column, width) in characters of the quoted source line.</summary>
    private static (int Column, int Width) Caret(CompilerError e)
    {
        var lines = Lines(e);
        var caretLine = lines.Single(l => l.TrimStart().StartsWith('^') && l.Trim().All(c => c == '^'));
        int column = caretLine.IndexOf('^');
        return (column, caretLine.Trim().Length);
    }

    /// <summary>The source text above the carets (what the carets underline).</summary>
    private static string Underlined(CompilerError e)
    {
        var lines = Lines(e);
        int caretIndex = Array.FindIndex(lines, l => l.TrimStart().StartsWith('^') && l.Trim().All(c => c == '^'));
        var (column, width) = Caret(e);
        string code = lines[caretIndex - 1];
        return code.Substring(column, Math.Min(width, code.Length - column));
    }

    // ---- unsupported syntax ----

    [TestCase("def f(x):\n    with x:\n        pass\n    return 1\n", "the 'with' statement is not supported in compiled functions", 2, "with x:")]
    [TestCase("def f(x):\n    try:\n        x = 1.0\n    except Exception:\n        pass\n    return x\n", "the 'try' statement is not supported in compiled functions", 2, "try:")]
    [TestCase("def f(x):\n    y = x + 1\n    return [i for i in range(3)]\n", "listcomp expressions are not supported in compiled code", 3, "[i for i in range(3)]")]
    [TestCase("def f(x):\n    print(x)\n", "print() is not supported in compiled code yet", 2, "print(x)")]
    [TestCase("def f(x):\n    g = lambda a: a\n    return x\n", "lambda expressions are not supported in compiled code", 2, "lambda a: a")]
    [TestCase("def f(x):\n    return f'{x}'\n", "f-strings are not supported in compiled code", 2, "f'{x}'")]
    [TestCase("def f(x):\n    return 'abc'\n", "strings are not supported in compiled code (except as exception messages)", 2, "'abc'")]
    [TestCase("def f(x):\n    return [1, 2]\n", "list literals are not supported in compiled code yet (except as the argument of np.array)", 2, "[1, 2]")]
    [TestCase("def f(x):\n    return math.foo(x)\n", "math.foo() is not supported in compiled code", 2, "math.foo(x)")]
    [TestCase("def f(x):\n    global y\n    return x\n", "'global' and 'nonlocal' statements are not supported in compiled functions", 2, "global y")]
    [TestCase("def f(x):\n    return x is 1.0\n", "'is' is only supported for comparisons with None in compiled code", 2, "x is 1.0")]
    public void UnsupportedSyntax(string source, string message, int line, string underlined)
    {
        var error = Fail(source);
        Assert.That(error.PythonClass, Is.EqualTo("UnsupportedError"));
        Assert.That(Lines(error)[0], Is.EqualTo(message));
        Assert.That(Lines(error)[1], Is.EqualTo($"  File \"<test>\", line {line}, in f"));
        Assert.That(Underlined(error), Is.EqualTo(underlined));
    }

    [Test]
    public void WithStatementFullMessage()
    {
        var error = Fail("def f(x):\n    with x:\n        pass\n    return 1\n");
        Assert.That(error.Message, Is.EqualTo(
            "the 'with' statement is not supported in compiled functions\n" +
            "  File \"<test>\", line 2, in f\n" +
            "    with x:\n" +
            "    ^^^^^^^\n" +
            "Hint: keep this part of the program in plain Python and call the compiled function from it"));
    }

    [Test]
    public void ListComprehensionFullMessage()
    {
        var error = Fail("def f(n):\n    return [i * i for i in range(n)]\n", "int64");
        Assert.That(error.Message, Is.EqualTo(
            "listcomp expressions are not supported in compiled code\n" +
            "  File \"<test>\", line 2, in f\n" +
            "    return [i * i for i in range(n)]\n" +
            "           ^^^^^^^^^^^^^^^^^^^^^^^^^"));
    }

    [Test]
    public void VarArgsAreUnsupported()
    {
        var error = Fail("def f(*a):\n    return 1\n");
        Assert.That(error.PythonClass, Is.EqualTo("UnsupportedError"));
        Assert.That(Lines(error)[0], Does.StartWith("*args, **kwargs and keyword-only parameters are not supported"));
        Assert.That(Lines(error)[1], Does.EndWith("line 1, in f"));
    }

    // ---- typing errors ----

    [Test]
    public void AddingFloatAndTupleNamesBothTypes()
    {
        var error = Fail("def f(x):\n    y = 2.0 * x\n    return y + (1, 2)\n");
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(error.Message, Is.EqualTo(
            "unsupported operand types for +: float64 and UniTuple(int64 x 2)\n" +
            "  File \"<test>\", line 3, in f\n" +
            "    return y + (1, 2)\n" +
            "           ^^^^^^^^^^"));
    }

    [Test]
    public void OptionalOperandGetsAHint()
    {
        var error = Fail("def f(n):\n    v = 1.5 if n > 0 else None\n    return v * 2\n", "int64");
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(Lines(error)[0], Is.EqualTo("unsupported operand types for *: OptionalType(float64) and int64"));
        Assert.That(Lines(error)[^1], Does.StartWith("Hint: the value may be None here"));
        Assert.That(Underlined(error), Is.EqualTo("v * 2"));
    }

    [Test]
    public void UndefinedNameIsANameError()
    {
        var error = Fail("def f(x):\n    return undefined_thing + 1\n");
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(Lines(error)[0], Is.EqualTo("NameError: name 'undefined_thing' is not defined"));
        Assert.That(Underlined(error), Is.EqualTo("undefined_thing"));
    }

    [Test]
    public void MathWithoutTheMathGlobalIsUndefined()
    {
        var error = Assert.Throws<CompilerError>(() => Compiler.CompileFunction("def f(x):\n    return math.sqrt(x)\n", ["float64"]))!;
        Assert.That(Lines(error)[0], Is.EqualTo("NameError: name 'math' is not defined"));
    }

    [Test]
    public void CannotUnifyIntAndTupleForAVariable()
    {
        var error = Fail("def f(n):\n    y = 1\n    if n > 0:\n        y = (1, 2)\n    return y\n", "int64");
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(error.Message, Is.EqualTo(
            "cannot unify int64 and UniTuple(int64 x 2) for variable 'y'\n" +
            "  File \"<test>\", line 4, in f\n" +
            "    y = (1, 2)\n" +
            "    ^\n" +
            "Hint: a variable keeps one type in compiled code; use a new name for the value of the other type"));
    }

    [Test]
    public void IncompatibleReturnTypes()
    {
        var error = Fail("def f(x):\n    if x > 0:\n        return 1\n    return (1, 2)\n");
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(Lines(error)[0], Is.EqualTo("cannot unify the return types int64 and UniTuple(int64 x 2) of f()"));
        Assert.That(Lines(error)[1], Does.EndWith("line 4, in f"));
    }

    [TestCase("def f(x):\n    return x if x else (1,)\n", "the branches of the conditional expression have incompatible types float64 and UniTuple(int64 x 1)", "x if x else (1,)")]
    [TestCase("def f(x):\n    a, b = x, x, x\n    return a\n", "cannot unpack a tuple of 3 values into 2 targets", "a, b")]
    [TestCase("def f(x):\n    raise x\n", "'x' is not an exception class", "x")]
    [TestCase("def f(x):\n    for i in range(x * 0.5):\n        pass\n", "range() arguments must be integers, not float64", "x * 0.5")]
    [TestCase("def f(x):\n    return x[0]\n", "'float64' object is not subscriptable", "x[0]")]
    [TestCase("def f(x):\n    return x.foo\n", "'float64' has no attribute 'foo'", "x.foo")]
    [TestCase("def f(x):\n    return len(x)\n", "object of type float64 has no len()", "len(x)")]
    [TestCase("def f(x):\n    return math.sqrt(1j)\n", "this function needs a real number, not complex128", "math.sqrt(1j)")]
    [TestCase("def f(x):\n    return -(1, 2)\n", "bad operand type for unary operator: UniTuple(int64 x 2)", "-(1, 2)")]
    [TestCase("def f(x):\n    return x // 1j\n", "unsupported operand types for //: float64 and complex128", "x // 1j")]
    [TestCase("def f(x):\n    return 99999999999999999999999\n", "the integer 99999999999999999999999 does not fit in 64 bits", "99999999999999999999999")]
    [TestCase("def f(x):\n    for i in range(3):\n        pass\n    break\n", "'break' outside loop", "break")]
    [TestCase("def f(x):\n    return x @ x\n", "numpy.matmul() is supported for 1-d and 2-d arrays, not float64 and float64", "x @ x")]
    [TestCase("def f(x):\n    return 1j < x\n", "'<' is not supported between complex numbers (complex128 and float64)", "1j < x")]
    [TestCase("def f(x):\n    return print\n", "'print' (function builtins.print) cannot be used as a value in compiled code", "print")]
    public void TypingErrors(string source, string message, string underlined)
    {
        var error = Fail(source);
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(Lines(error)[0], Is.EqualTo(message));
        Assert.That(Underlined(error), Is.EqualTo(underlined));
    }

    [Test]
    public void OnlyRecursiveReturns()
    {
        var error = Assert.Throws<CompilerError>(() => Compiler.CompileFunction("def f(n):\n    return f(n - 1)\n", ["int64"],
            new Dictionary<string, object> { ["f"] = new Dictionary<string, object> { ["kind"] = "jit", ["id"] = 0 } }))!;
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(Lines(error)[0], Does.StartWith("cannot infer the return type of f()"));
        Assert.That(Lines(error)[^1], Does.StartWith("Hint: "));
    }

    // ---- positions ----

    [Test]
    public void LineNumbersHonourFirstLineNo()
    {
        var error = FailAt("def step(x):\n    a = x * 2.0\n    return a + (1, 2)\n", firstLine: 40, indent: 0);
        Assert.That(Lines(error)[1], Is.EqualTo("  File \"/home/user/model.py\", line 42, in Model.step"));
    }

    [Test]
    public void QuotedLineDropsItsIndentationLikeCPythonTracebacks()
    {
        // A method's source arrives dedented (indent says by how much); the quoted line is shown
        // without indentation at all, with the carets shifted to match.
        var error = FailAt("def step(x):\n    a = x * 2.0\n    return a + (1, 2)\n", firstLine: 12, indent: 4);
        Assert.That(error.Message, Is.EqualTo(
            "unsupported operand types for +: float64 and UniTuple(int64 x 2)\n" +
            "  File \"/home/user/model.py\", line 14, in Model.step\n" +
            "    return a + (1, 2)\n" +
            "           ^^^^^^^^^^"));
    }

    [Test]
    public void CaretCountsCharactersNotBytes()
    {
        var error = Fail("def f(x):\n    é = 1.0\n    return é + (1, 2)\n");
        Assert.That(Underlined(error), Is.EqualTo("é + (1, 2)"));
        Assert.That(Caret(error), Is.EqualTo((11, 10)));   // "    return " is 11 characters
    }

    [Test]
    public void MultiLineExpressionIsUnderlinedToTheEndOfItsFirstLine()
    {
        var error = Fail("def f(x):\n    return (x +\n            (1, 2))\n");
        Assert.That(Lines(error)[1], Does.EndWith("line 2, in f"));
        Assert.That(Underlined(error), Is.EqualTo("x +"));
    }

    // ---- size ----

    private static readonly string[] ErrorSources =
    [
        "def f(x):\n    with x:\n        pass\n",
        "def f(x):\n    return [i for i in range(3)]\n",
        "def f(x):\n    print(x)\n",
        "def f(x):\n    return x + (1, 2)\n",
        "def f(x):\n    return y\n",
        "def f(x):\n    y = 1\n    y = (1,)\n    return 0\n",
        "def f(x):\n    if x > 0:\n        return 1\n    return (1, 2)\n",
        "def f(x):\n    return math.sqrt(1j)\n",
        "def f(x):\n    return " + string.Join(" + ", Enumerable.Range(0, 60).Select(i => "x")) + " + (1, 2)\n",
    ];

    [TestCaseSource(nameof(ErrorSources))]
    public void MessagesFitOnOneScreen(string source)
    {
        var error = Fail(source);
        Assert.That(Lines(error), Has.Length.LessThan(25));
        Assert.That(Lines(error), Has.Length.InRange(4, 5), "message, File line, code, carets, optional hint");
        Assert.That(Lines(error)[0], Has.Length.LessThan(200));
    }
}
