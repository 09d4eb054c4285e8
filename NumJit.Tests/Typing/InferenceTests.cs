using System.Text.Json;
using NUnit.Framework;
using NumJit.Compilation;
using NumJit.IR.Types;

namespace NumJit.Tests.Typing;

/// <summary>
/// Type inference end to end: Python source -> inferred return and variable types. Expected
/// return types were checked against numba 0.56.4 (njit with the same argument types,
/// <c>nopython_signatures</c>) when the cases were written.
/// </summary>
[TestFixture]
public class InferenceTests
{
    private static Dictionary<string, object> Module(string name) => new() { ["kind"] = "module", ["name"] = name };
    private static Dictionary<string, object> Jit(int id) => new() { ["kind"] = "jit", ["id"] = id };

    private static readonly Dictionary<string, object> MathGlobals = new() { ["math"] = Module("math") };

    private static CompiledSpecialization Compile(string source, params string[] args) =>
        Compiler.CompileFunction(source, args, new Dictionary<string, object>(MathGlobals) { ["f"] = Jit(0) });

    private static string ReturnType(string source, params string[] args) => Compile(source, args).Function.ReturnType!.Name;

    private static Dictionary<string, string> Variables(CompiledSpecialization compiled)
    {
        using var info = JsonDocument.Parse(compiled.InfoJson);
        return info.RootElement.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static Dictionary<string, object> Function(string source, Dictionary<string, object> globals, int firstLine = 1) => new()
    {
        ["name"] = source[(source.IndexOf("def ", StringComparison.Ordinal) + 4)..source.IndexOf('(')].Trim(),
        ["filename"] = "<test>", ["firstlineno"] = firstLine, ["indent"] = 0, ["source"] = source, ["globals"] = globals,
    };

    /// <summary>A request with several functions, as python/numjit/_request.py writes it (ids are the keys; "jit" globals refer to them).</summary>
    internal static CompiledSpecialization CompileRequest(string? signature, string[]? args, params Dictionary<string, object>[] functions)
    {
        var request = new Dictionary<string, object>
        {
            ["entry"] = 0,
            ["functions"] = functions.Select((f, i) => (f, i)).ToDictionary(p => p.i.ToString(), p => (object)p.f),
        };
        if (signature != null) request["signature"] = signature;
        else request["args"] = args!;
        return Compiler.CompileRequest(JsonSerializer.Serialize(request));
    }

    // ---- variables ----

    [Test]
    public void AccumulatorStartedAtIntBecomesFloat()
    {
        var compiled = Compile("def f(n):\n    s = 0\n    for i in range(n):\n        s += 0.5\n    return s\n", "int64");
        Assert.That(compiled.Function.ReturnType, Is.EqualTo(NjTypes.Float64));
        Assert.That(Variables(compiled), Is.EquivalentTo(new Dictionary<string, string> { ["n"] = "int64", ["s"] = "float64", ["i"] = "int64" }));
        Assert.That((double)compiled.Module.Call(4L)!, Is.EqualTo(2.0));
    }

    [Test]
    public void VariableAssignedIntAndFloatInBranches()
    {
        var compiled = Compile("def f(n):\n    if n > 0:\n        v = 1\n    else:\n        v = 2.5\n    return v\n", "int64");
        Assert.That(Variables(compiled)["v"], Is.EqualTo("float64"));
        Assert.That(compiled.Function.ReturnType, Is.EqualTo(NjTypes.Float64));
        Assert.That(compiled.Module.Call(1L), Is.EqualTo(1.0));
    }

    [Test]
    public void VariableUsedBeforeItsAssignmentInALoopIsInferredByTheFixpoint()
    {
        // y's type depends on x, which is only assigned later in the loop body: needs a second pass.
        var compiled = Compile("def f(n):\n    y = 0\n    x = 0\n    for i in range(n):\n        if i > 0:\n            y = x * 2\n        x = i + 0.5\n    return y\n", "int64");
        var variables = Variables(compiled);
        Assert.That(variables["x"], Is.EqualTo("float64"));
        Assert.That(variables["y"], Is.EqualTo("float64"));
        Assert.That(compiled.Module.Call(3L), Is.EqualTo(3.0));
    }

    [Test]
    public void TypeChainThroughSeveralVariablesConverges()
    {
        var compiled = Compile(
            "def f(n):\n    a = 0\n    b = 0\n    c = 0\n    for i in range(n):\n        c = b\n        b = a\n        a = i / 2\n    return c\n", "int64");
        var variables = Variables(compiled);
        Assert.That((variables["a"], variables["b"], variables["c"]), Is.EqualTo(("float64", "float64", "float64")));
        Assert.That(compiled.Module.Call(5L), Is.EqualTo(1.0));
    }

    [Test]
    public void LoopTargetsOfZipAndEnumerate()
    {
        var compiled = Compile(
            "def f(n):\n    k = 0\n    for i, j in zip(range(n), range(n)):\n        k += i * j\n    for p in enumerate(range(3)):\n        q = p\n    return k\n", "int64");
        var variables = Variables(compiled);
        Assert.That(variables["i"], Is.EqualTo("int64"));
        Assert.That(variables["p"], Is.EqualTo("UniTuple(int64 x 2)"));
        Assert.That(variables["q"], Is.EqualTo("UniTuple(int64 x 2)"));
        Assert.That(compiled.Function.ReturnType, Is.EqualTo(NjTypes.Int64));
    }

    [Test]
    public void TupleVariableUnifiesItemwise()
    {
        var compiled = Compile("def f(n):\n    t = (0, 0)\n    if n > 0:\n        t = (1.5, n)\n    return t\n", "int64");
        Assert.That(Variables(compiled)["t"], Is.EqualTo("Tuple(float64, int64)"));
        Assert.That(compiled.Module.Call(0L), Is.EqualTo((0.0, 0L)));
    }

    // ---- return types (numba 0.56.4's answers) ----

    [TestCase("def f(x, n):\n    return x, n, (x, x)\n", new[] { "float64", "int64" }, "Tuple(float64, int64, UniTuple(float64 x 2))")]
    [TestCase("def f(x):\n    return x, x\n", new[] { "float64" }, "UniTuple(float64 x 2)")]
    [TestCase("def f(a, b):\n    return a + b, a * 2, a / b, a // b\n", new[] { "int32", "int32" }, "Tuple(int64, int64, float64, int64)")]
    [TestCase("def f(x):\n    return x * x, x + 1, x + 1.0, -x\n", new[] { "float32" }, "Tuple(float32, float64, float64, float32)")]
    [TestCase("def f(x):\n    return math.sqrt(x), math.floor(x), math.exp(1)\n", new[] { "float32" }, "Tuple(float32, int64, float64)")]
    [TestCase("def f(a, x):\n    return a and x, divmod(a, 3), round(x), min(a, x), abs(a)\n", new[] { "int64", "float64" }, "Tuple(float64, UniTuple(int64 x 2), int64, float64, int64)")]
    [TestCase("def f(b):\n    return b + b, b & b, not b, -b\n", new[] { "bool" }, "Tuple(int64, bool, bool, int64)")]
    [TestCase("def f(z, x):\n    return z * x, z.real, abs(z)\n", new[] { "complex128", "float64" }, "Tuple(complex128, float64, float64)")]
    [TestCase("def f(a, b):\n    return a + b\n", new[] { "int8", "uint8" }, "int64")]
    [TestCase("def f(a):\n    return a ** 2, a ** -1, 2 ** a, a ** 0.5\n", new[] { "int64" }, "Tuple(int64, int64, int64, float64)")]
    [TestCase("def f(x):\n    pass\n", new[] { "int64" }, "none")]
    [TestCase("def f(x):\n    return\n", new[] { "int64" }, "none")]
    [TestCase("def f(x):\n    if x > 0:\n        return 1\n    return 2.5\n", new[] { "int64" }, "float64")]
    [TestCase("def f(n):\n    if n > 0:\n        return 1.5\n", new[] { "int64" }, "OptionalType(float64)")]
    [TestCase("def f(n):\n    if n > 0:\n        return 1\n    return None\n", new[] { "int64" }, "OptionalType(int64)")]
    [TestCase("def f(n):\n    if n > 0:\n        return None\n    elif n < -5:\n        return 2.5\n    return n\n", new[] { "int64" }, "OptionalType(float64)")]
    [TestCase("def f(n):\n    while True:\n        if n > 10:\n            return n\n        n += 3\n", new[] { "int64" }, "int64")]
    [TestCase("def f(x):\n    return x if x > 0 else 0\n", new[] { "float64" }, "float64")]
    [TestCase("def f(x):\n    return (x, 1) + (2.5,)\n", new[] { "float64" }, "Tuple(float64, int64, float64)")]
    public void InfersReturnType(string source, string[] args, string expected)
    {
        Assert.That(ReturnType(source, args), Is.EqualTo(expected));
    }

    [Test]
    public void OptionalReturnCarriesNoneAndValue()
    {
        var module = Compile("def f(n):\n    if n > 0:\n        return 1.5\n", "int64").Module;
        var some = (NumJit.Runtime.Optional<double>)module.Call(1L)!;
        var none = (NumJit.Runtime.Optional<double>)module.Call(0L)!;
        Assert.That((some.HasValue, some.Value), Is.EqualTo((true, 1.5)));
        Assert.That(none.HasValue, Is.False);
    }

    // ---- recursion ----

    [Test]
    public void SelfRecursionInfersFromTheBaseCase()
    {
        var compiled = Compile("def f(n):\n    if n < 2:\n        return n\n    return f(n - 1) + f(n - 2)\n", "int64");
        Assert.That(compiled.Function.ReturnType, Is.EqualTo(NjTypes.Int64));
        Assert.That(compiled.Module.Call(20L), Is.EqualTo(6765L));
    }

    [Test]
    public void SelfRecursionWithBaseCaseLast()
    {
        var compiled = Compile("def f(n):\n    if n > 0:\n        return f(n - 1) * 0.5\n    return 1\n", "int64");
        Assert.That(compiled.Function.ReturnType, Is.EqualTo(NjTypes.Float64));
        Assert.That(compiled.Module.Call(3L), Is.EqualTo(0.125));
    }

    [Test]
    public void OnlyRecursiveReturnsIsATypingError()
    {
        var error = Assert.Throws<CompilerError>(() => Compile("def f(n):\n    return f(n - 1)\n", "int64"))!;
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(error.Message, Does.Contain("cannot infer the return type of f()"));
    }

    [Test]
    public void MutualRecursionAcrossTwoFunctions()
    {
        const string isEven = "def is_even(n):\n    if n == 0:\n        return True\n    return is_odd(n - 1)\n";
        const string isOdd = "def is_odd(n):\n    if n == 0:\n        return False\n    return is_even(n - 1)\n";
        var compiled = CompileRequest(null, ["int64"],
            Function(isEven, new() { ["is_odd"] = Jit(1) }),
            Function(isOdd, new() { ["is_even"] = Jit(0) }));
        Assert.That(compiled.Function.ReturnType, Is.EqualTo(NjTypes.Bool));
        using var info = JsonDocument.Parse(compiled.InfoJson);
        string ir = info.RootElement.GetProperty("ir").GetString()!;
        Assert.That(ir, Does.Contain("def is_even(int64) -> bool").And.Contain("def is_odd(int64) -> bool"));
        Assert.That(compiled.Module.Call(10L), Is.EqualTo(true));
        Assert.That(compiled.Module.Call(7L), Is.EqualTo(false));
    }

    [Test]
    public void MutualRecursionWithoutABaseCaseIsATypingError()
    {
        var error = Assert.Throws<CompilerError>(() => CompileRequest(null, ["int64"],
            Function("def g(n):\n    return h(n)\n", new() { ["h"] = Jit(1) }),
            Function("def h(n):\n    return g(n)\n", new() { ["g"] = Jit(0) })))!;
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(error.Message, Does.Contain("cannot infer the return type"));
    }

    [Test]
    public void HelperIsSpecializedPerArgumentTypes()
    {
        var compiled = CompileRequest(null, ["int64"],
            Function("def f(n):\n    return sq(n) + sq(n * 0.5)\n", new() { ["sq"] = Jit(1) }),
            Function("def sq(x):\n    return x * x\n", new()));
        Assert.That(compiled.Function.ReturnType, Is.EqualTo(NjTypes.Float64));
        using var info = JsonDocument.Parse(compiled.InfoJson);
        string ir = info.RootElement.GetProperty("ir").GetString()!;
        Assert.That(ir, Does.Contain("def sq(int64) -> int64").And.Contain("def sq(float64) -> float64"));
        Assert.That(compiled.Module.Call(4L), Is.EqualTo(20.0));
    }

    [Test]
    public void HelperWithDefaultArgument()
    {
        var helper = Function("def scale(x, k=3):\n    return x * k\n", new());
        helper["defaults"] = new Dictionary<string, object> { ["k"] = new Dictionary<string, object> { ["kind"] = "const", ["type"] = "int64", ["value"] = 3 } };
        var compiled = CompileRequest(null, ["float64"],
            Function("def f(x):\n    return scale(x) + scale(x, k=2)\n", new() { ["scale"] = Jit(1) }), helper);
        Assert.That(compiled.Module.Call(1.5), Is.EqualTo(7.5));
    }

    // ---- declared signatures and globals ----

    [Test]
    public void DeclaredReturnTypeConvertsTheResult()
    {
        var compiled = CompileRequest("f8(i8)", null, Function("def f(n):\n    return n * 2\n", new()));
        Assert.That(compiled.Function.ReturnType, Is.EqualTo(NjTypes.Float64));
        Assert.That(compiled.Module.Call(21L), Is.EqualTo(42.0));
    }

    [Test]
    public void ConstantGlobalsAreFrozenWithTheirTypes()
    {
        var globals = new Dictionary<string, object>
        {
            ["K"] = new Dictionary<string, object> { ["kind"] = "const", ["type"] = "float64", ["value"] = "0.25" },
            ["N"] = new Dictionary<string, object> { ["kind"] = "const", ["type"] = "int64", ["value"] = 4 },
            ["P"] = new Dictionary<string, object> { ["kind"] = "const", ["type"] = "UniTuple(int64 x 2)", ["value"] = new[] { 1, 2 } },
        };
        var compiled = Compiler.CompileFunction("def f(x):\n    return x * K + N, P\n", ["int64"], globals);
        Assert.That(compiled.Function.ReturnType!.Name, Is.EqualTo("Tuple(float64, UniTuple(int64 x 2))"));
        Assert.That(compiled.Module.Call(2L), Is.EqualTo((4.5, (1L, 2L))));
    }

    [Test]
    public void ArgumentCountMustMatchTheSignature()
    {
        var error = Assert.Throws<CompilerError>(() => Compiler.CompileFunction("def f(a, b):\n    return a\n", ["int64"]))!;
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(error.Message, Does.StartWith("f() takes 2 arguments but the signature has 1"));
    }
}
