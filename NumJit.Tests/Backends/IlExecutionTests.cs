using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using NUnit.Framework;
using NumJit.Compilation;
using NumJit.Runtime;

namespace NumJit.Tests.Backends;

/// <summary>
/// Differential tests of the IL backend: small Python functions over scalars, compiled with
/// <see cref="Compiler.CompileFunction"/> and invoked through <c>Module.Kernel</c>.
///
/// Expected values were generated once by running the same sources under CPython 3.11.2
/// (/usr/bin/python3) and under numba 0.56.4 (njit with the same argument types). Where the
/// two disagree the row carries a note: NumJit follows numba (int64 wrapping, int ** negative
/// int, numba's ZeroDivisionError texts, int/float unification of variables and operands,
/// float ** int by repeated squaring, int(nan), math-domain nan) except where its runtime
/// deliberately matches CPython bit for bit (math.gamma/lgamma, round(x, n): see
/// NumJit/Runtime/PyMath.Gamma.cs and PyArith.Round.cs). Floats compare exactly (bit
/// patterns, so -0.0 differs from 0.0 and NaN equals NaN).
/// </summary>
[TestFixture]
public class IlExecutionTests
{
    public sealed record Raised(string PyType, string Message);

    public sealed record DiffRow(object[] Args, object Expected, string? Note);

    public sealed record DiffCase(string Name, string Source, string[] ArgTypes, DiffRow[] Rows);

    private static object[] A(params object[] args) => args;
    private static object[] T(params object[] items) => items;
    private static Raised Raises(string type, string message) => new(type, message);
    private static DiffRow Row(object[] args, object expected, string? note = null) => new(args, expected, note);
    private static DiffCase Case(string name, string source, string[] argTypes, params DiffRow[] rows) => new(name, source, argTypes, rows);

    /// <summary>Every case gets `math` and itself (`f`, for recursion) as globals, like the Python package ships them.</summary>
    private static readonly Dictionary<string, object> Globals = new()
    {
        ["math"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "math" },
        ["f"] = new Dictionary<string, object> { ["kind"] = "jit", ["id"] = 0 },
    };

    private static readonly Dictionary<string, CompiledSpecialization> Compiled = new();

    private static CompiledSpecialization Compile(DiffCase c)
    {
        lock (Compiled)
        {
            if (!Compiled.TryGetValue(c.Name, out var compiled))
                Compiled[c.Name] = compiled = Compiler.CompileFunction(c.Source, c.ArgTypes, Globals);
            return compiled;
        }
    }

    public static IEnumerable<TestCaseData> Rows()
    {
        foreach (var c in Cases)
            for (int i = 0; i < c.Rows.Length; i++)
                yield return new TestCaseData(c, i).SetName($"{c.Name}[{i}]({string.Join(", ", c.Rows[i].Args.Select(Show))})");
    }

    [TestCaseSource(nameof(Rows))]
    public void MatchesPython(DiffCase c, int rowIndex)
    {
        var row = c.Rows[rowIndex];
        var module = Compile(c).Module;
        object? actual;
        try
        {
            actual = module.Call(row.Args.ToArray());
        }
        catch (TargetInvocationException e) when (e.InnerException is PyException py)
        {
            Assert.That(row.Expected, Is.InstanceOf<Raised>(),
                $"{c.Name}{Show(row.Args)} raised {py.PyType}: {py.Message}\n{c.Source}");
            var expected = (Raised)row.Expected;
            Assert.That((py.PyType, py.Message), Is.EqualTo((expected.PyType, expected.Message)), c.Source);
            return;
        }
        Assert.That(row.Expected, Is.Not.InstanceOf<Raised>(), $"{c.Name}{Show(row.Args)} returned {Show(actual)}, expected {Show(row.Expected)}");
        Assert.That(SameValue(row.Expected, actual), Is.True,
            $"{c.Name}{Show(row.Args)}: expected {Show(row.Expected)}, got {Show(actual)}{(row.Note != null ? " [" + row.Note + "]" : "")}\n{c.Source}");
    }

    [Test]
    public void TableHasAboutSixtyFunctions()
    {
        Assert.That(Cases.Length, Is.GreaterThanOrEqualTo(60));
        Assert.That(Cases.Select(c => c.Name).Distinct().Count(), Is.EqualTo(Cases.Length));
    }

    /// <summary>Exact equality, with the CLR type of the result checked too (an int64 result is a long, not a double).</summary>
    private static bool SameValue(object? expected, object? actual)
    {
        switch (expected)
        {
            case object[] items:
                if (actual is not ITuple tuple || tuple.Length != items.Length) return false;
                for (int i = 0; i < items.Length; i++)
                    if (!SameValue(items[i], tuple[i])) return false;
                return true;
            case double d:
                return actual is double a && BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(d)
                    || actual is double n && double.IsNaN(n) && double.IsNaN(d);
            case Complex z:
                return actual is Complex w && SameValue(z.Real, w.Real) && SameValue(z.Imaginary, w.Imaginary);
            default:
                return Equals(expected, actual);
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "None",
        object[] items => "(" + string.Join(", ", items.Select(Show)) + ")",
        ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Show(tuple[i]))) + ")",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + (d == 0 && double.IsNegative(d) ? "(-0)" : ""),
        Complex z => $"({Show(z.Real)}{(z.Imaginary < 0 || double.IsNegative(z.Imaginary) ? "" : "+")}{Show(z.Imaginary)}j)",
        bool b => b ? "True" : "False",
        Raised r => $"raise {r.PyType}({r.Message})",
        _ => value.ToString()!,
    };

    // ---- emitted code ----

    [Test]
    public void MinusOnePowerIsRewrittenWithoutACallToPow()
    {
        const string source = "def f(n):\n    s = 0.0\n    for i in range(n):\n        s += (-1.0) ** i / (2 * i + 1)\n    return 4.0 * s\n";
        var compiled = Compiler.CompileFunction(source, ["int64"]);
        Assert.That(compiled.Module.Listing, Does.Not.Contain("PyArith::Pow"));
        Assert.That(compiled.Module.Listing, Does.Not.Contain("Math::Pow"));
        Assert.That(compiled.Module.Call(3L), Is.EqualTo(4.0 * (1.0 - 1.0 / 3 + 1.0 / 5)));
    }

    [Test]
    public void GeneralFloatPowerStillCallsPow()
    {
        // The control for the test above: the listing names the call when there is one.
        var compiled = Compiler.CompileFunction("def f(x, n):\n    return x ** n\n", ["float64", "int64"]);
        Assert.That(compiled.Module.Listing, Does.Contain("call PyArith::Pow"));
    }

    [Test]
    public void EmittedMethodsAreAggressivelyOptimized()
    {
        var compiled = Compiler.CompileFunction("def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n", ["int64"]);
        var kernel = compiled.Module.Kernel;
        Assert.That(kernel.IsStatic, Is.True);
        Assert.That(kernel.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization), Is.True);
        var entry = kernel.DeclaringType!.GetMethod("Entry")!;
        Assert.That(entry.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization), Is.True);
        Assert.That(compiled.EntryPoint, Is.Not.EqualTo(nint.Zero));
        Assert.That(compiled.Module.Call(10L), Is.EqualTo(45L));
    }

    [Test]
    public void KernelSignatureUsesClrScalarTypes()
    {
        var compiled = Compiler.CompileFunction("def f(a, x, b, z):\n    return a, x, b, z\n", ["int64", "float64", "bool", "complex128"]);
        Assert.That(compiled.Module.Kernel.GetParameters().Select(p => p.ParameterType),
            Is.EqualTo(new[] { typeof(long), typeof(double), typeof(bool), typeof(Complex), typeof(long) }));   // + call depth
        Assert.That(compiled.Module.Kernel.ReturnType, Is.EqualTo(typeof(ValueTuple<long, double, bool, Complex>)));
    }

    private static readonly DiffCase[] Cases =
    [
        Case("int_floordiv", "def f(a, b):\n    return a // b\n",
            ["int64", "int64"],
            Row(A(7L, 2L), 3L),
            Row(A(-7L, 2L), -4L),
            Row(A(7L, -2L), -4L),
            Row(A(-7L, -2L), 3L),
            Row(A(0L, -3L), 0L),
            Row(A(-1L, 5L), -1L),
            Row(A(9223372036854775807L, -3L), -3074457345618258603L),
            Row(A(7L, 0L), Raises("ZeroDivisionError", "integer division by zero"), "numba (CPython: Raises(\"ZeroDivisionError\", \"integer division or modulo by zero\"))")),
        Case("int_mod", "def f(a, b):\n    return a % b\n",
            ["int64", "int64"],
            Row(A(7L, 2L), 1L),
            Row(A(-7L, 2L), 1L),
            Row(A(7L, -2L), -1L),
            Row(A(-7L, -2L), -1L),
            Row(A(0L, -3L), 0L),
            Row(A(-1L, 5L), 4L),
            Row(A(-9223372036854775808L, 7L), 6L),
            Row(A(7L, 0L), Raises("ZeroDivisionError", "integer modulo by zero"))),
        Case("float_floordiv", "def f(a, b):\n    return a // b\n",
            ["float64", "float64"],
            Row(A(7.5, 2.0), 3.0),
            Row(A(-7.5, 2.0), -4.0),
            Row(A(7.5, -2.0), -4.0),
            Row(A(1.0, 0.1), 9.0),
            Row(A(-0.0, 1.0), -0.0),
            Row(A(5.0, double.PositiveInfinity), 0.0),
            Row(A(-5.0, double.PositiveInfinity), -1.0),
            Row(A(1.0, 0.0), Raises("ZeroDivisionError", "division by zero"), "numba (CPython: Raises(\"ZeroDivisionError\", \"float floor division by zero\"))")),
        Case("float_mod", "def f(a, b):\n    return a % b\n",
            ["float64", "float64"],
            Row(A(7.5, 2.0), 1.5),
            Row(A(-7.5, 2.0), 0.5),
            Row(A(7.5, -2.0), -0.5),
            Row(A(-1e-20, 1.0), 1.0),
            Row(A(0.0, -1.0), -0.0),
            Row(A(-0.0, 1.0), 0.0),
            Row(A(1.0, 0.0), Raises("ZeroDivisionError", "modulo by zero"), "numba (CPython: Raises(\"ZeroDivisionError\", \"float modulo\"))")),
        Case("mixed_floordiv", "def f(a, b):\n    return a // b, a % b\n",
            ["int64", "float64"],
            Row(A(7L, 2.0), T(3.0, 1.0)),
            Row(A(-7L, 2.5), T(-3.0, 0.5)),
            Row(A(7L, -0.5), T(-14.0, -0.0))),
        Case("int_add_wrap", "def f(a):\n    return a + 1\n",
            ["int64"],
            Row(A(5L), 6L),
            Row(A(9223372036854775807L), -9223372036854775808L, "numba (CPython: 9223372036854775808L)")),
        Case("int_mul_wrap", "def f(a, b):\n    return a * b\n",
            ["int64", "int64"],
            Row(A(3L, -4L), -12L),
            Row(A(4611686018427387904L, 2L), -9223372036854775808L, "numba (CPython: 9223372036854775808L)"),
            Row(A(3037000500L, 3037000500L), -9223372036709301616L, "numba (CPython: 9223372037000250000L)")),
        Case("int_neg_wrap", "def f(a):\n    return -a\n",
            ["int64"],
            Row(A(5L), -5L),
            Row(A(-9223372036854775808L), -9223372036854775808L, "numba (CPython: 9223372036854775808L)")),
        Case("int_truediv", "def f(a, b):\n    return a / b\n",
            ["int64", "int64"],
            Row(A(7L, 2L), 3.5),
            Row(A(-7L, 2L), -3.5),
            Row(A(1L, 3L), 0.3333333333333333),
            Row(A(9007199254740993L, 1L), 9007199254740992.0),
            Row(A(0L, -5L), -0.0),
            Row(A(7L, 0L), Raises("ZeroDivisionError", "division by zero"))),
        Case("float_truediv", "def f(a, b):\n    return a / b\n",
            ["float64", "float64"],
            Row(A(1.0, 3.0), 0.3333333333333333),
            Row(A(-0.0, 5.0), -0.0),
            Row(A(1e+308, 1e-10), double.PositiveInfinity),
            Row(A(1.0, 0.0), Raises("ZeroDivisionError", "division by zero"), "numba (CPython: Raises(\"ZeroDivisionError\", \"float division by zero\"))")),
        Case("int_pow", "def f(a, b):\n    return a ** b\n",
            ["int64", "int64"],
            Row(A(2L, 10L), 1024L),
            Row(A(-3L, 3L), -27L),
            Row(A(2L, 0L), 1L),
            Row(A(0L, 0L), 1L),
            Row(A(-1L, 7L), -1L),
            Row(A(3L, 40L), -6289078614652622848L, "numba (CPython: 12157665459056928801L)"),
            Row(A(2L, -1L), 0L, "numba (CPython: 0.5)"),
            Row(A(-1L, -3L), -1L, "numba (CPython: -1.0)"),
            Row(A(1L, -5L), 1L, "numba (CPython: 1.0)")),
        Case("float_pow_int", "def f(x, n):\n    return x ** n\n",
            ["float64", "int64"],
            Row(A(2.0, 10L), 1024.0),
            Row(A(1.5, -3L), 0.2962962962962963),
            Row(A(-2.0, 3L), -8.0),
            Row(A(0.5, 0L), 1.0),
            Row(A(10.0, -2L), 0.01),
            Row(A(1.1, 100L), 13780.612339822364, "numba (CPython: 13780.61233982238)"),
            Row(A(0.0, -1L), Raises("ZeroDivisionError", "division by zero"), "numba (CPython: Raises(\"ZeroDivisionError\", \"0.0 cannot be raised to a negative power\"))")),
        Case("float_pow_float", "def f(x, y):\n    return x ** y\n",
            ["float64", "float64"],
            Row(A(2.0, 0.5), 1.4142135623730951),
            Row(A(2.0, -1.5), 0.3535533905932738),
            Row(A(10.0, 0.3), 1.9952623149688795),
            Row(A(0.0, 0.0), 1.0),
            Row(A(-2.0, 2.0), 4.0),
            Row(A(double.NaN, 0.0), 1.0)),
        Case("int_pow_float", "def f(a, y):\n    return a ** y\n",
            ["int64", "float64"],
            Row(A(2L, 0.5), 1.4142135623730951),
            Row(A(9L, -0.5), 0.3333333333333333)),
        Case("alternating_series", "def f(n):\n    s = 0.0\n    for i in range(n):\n        s += (-1.0) ** i / (2 * i + 1)\n    return 4.0 * s\n",
            ["int64"],
            Row(A(0L), 0.0),
            Row(A(1L), 4.0),
            Row(A(10L), 3.0418396189294032),
            Row(A(1001L), 3.1425916543395442)),
        Case("minus_one_pow", "def f(i):\n    return (-1.0) ** i, 1.0 ** i, (-1.0) ** -i\n",
            ["int64"],
            Row(A(0L), T(1.0, 1.0, 1.0)),
            Row(A(3L), T(-1.0, 1.0, -1.0)),
            Row(A(-4L), T(1.0, 1.0, 1.0)),
            Row(A(-7L), T(-1.0, 1.0, -1.0))),
        Case("const_small_pow", "def f(x):\n    return x ** 0, x ** 1, x ** 2, x ** 3, x ** 4\n",
            ["float64"],
            Row(A(1.5), T(1.0, 1.5, 2.25, 3.375, 5.0625)),
            Row(A(-0.1), T(1.0, -0.1, 0.010000000000000002, -0.0010000000000000002, 0.00010000000000000005), "numba (CPython: T(1.0, -0.1, 0.010000000000000002, -0.0010000000000000002, 0.00010000000000000002))"),
            Row(A(double.NaN), T(1.0, double.NaN, double.NaN, double.NaN, double.NaN))),
        Case("float_compare", "def f(x, y):\n    return x < y, x <= y, x == y, x != y, x > y, x >= y\n",
            ["float64", "float64"],
            Row(A(1.0, 2.0), T(true, true, false, true, false, false)),
            Row(A(2.0, 2.0), T(false, true, true, false, false, true)),
            Row(A(double.NaN, 1.0), T(false, false, false, true, false, false)),
            Row(A(double.NaN, double.NaN), T(false, false, false, true, false, false)),
            Row(A(-0.0, 0.0), T(false, true, true, false, false, true)),
            Row(A(double.PositiveInfinity, 1e+308), T(false, false, false, true, true, true))),
        Case("mixed_compare", "def f(a, x):\n    return a < x, a == x, a > x\n",
            ["int64", "float64"],
            Row(A(1L, 1.5), T(true, false, false)),
            Row(A(2L, 2.0), T(false, true, false)),
            Row(A(9007199254740993L, 9007199254740992.0), T(false, true, false), "numba (CPython: T(false, false, true))")),
        Case("chained_compare", "def f(a, b, c):\n    return a < b < c, a <= b == c, a < b > c != a\n",
            ["int64", "int64", "int64"],
            Row(A(1L, 2L, 3L), T(true, false, false)),
            Row(A(1L, 2L, 2L), T(false, true, false)),
            Row(A(3L, 2L, 1L), T(false, false, false)),
            Row(A(2L, 2L, 2L), T(false, true, false)),
            Row(A(1L, 3L, 2L), T(false, false, true))),
        Case("range_check", "def f(x):\n    return 0.0 <= x < 1.0\n",
            ["float64"],
            Row(A(0.5), true),
            Row(A(1.0), false),
            Row(A(-0.0), true),
            Row(A(double.NaN), false)),
        Case("and_ints", "def f(a, b):\n    return a and b\n",
            ["int64", "int64"],
            Row(A(0L, 5L), 0L),
            Row(A(3L, 5L), 5L),
            Row(A(3L, 0L), 0L)),
        Case("or_ints", "def f(a, b):\n    return a or b\n",
            ["int64", "int64"],
            Row(A(0L, 5L), 5L),
            Row(A(3L, 5L), 3L),
            Row(A(0L, 0L), 0L)),
        Case("or_mixed", "def f(a, x):\n    return a or x\n",
            ["int64", "float64"],
            Row(A(0L, 2.5), 2.5),
            Row(A(3L, 2.5), 3.0, "numba (CPython: 3L)")),
        Case("and_or_floats", "def f(x, y):\n    return (x and y) or -1.0\n",
            ["float64", "float64"],
            Row(A(0.0, 2.0), -1.0),
            Row(A(1.5, 0.0), -1.0),
            Row(A(1.5, 2.0), 2.0),
            Row(A(double.NaN, 3.0), 3.0)),
        Case("not_ops", "def f(a, x):\n    return not a, not x, not (a and x)\n",
            ["int64", "float64"],
            Row(A(0L, 0.0), T(true, true, true)),
            Row(A(1L, 0.0), T(false, true, true)),
            Row(A(2L, 0.5), T(false, false, false))),
        Case("ternary", "def f(x):\n    return x if x > 0 else -x if x < -10 else 0.0\n",
            ["float64"],
            Row(A(3.0), 3.0),
            Row(A(-20.0), 20.0),
            Row(A(-5.0), 0.0),
            Row(A(double.NaN), 0.0)),
        Case("ternary_mixed", "def f(a):\n    return a if a > 0 else 0.5\n",
            ["int64"],
            Row(A(3L), 3.0, "numba (CPython: 3L)"),
            Row(A(-3L), 0.5)),
        Case("collatz", "def f(n):\n    steps = 0\n    while n != 1:\n        if n % 2 == 0:\n            n //= 2\n        else:\n            n = 3 * n + 1\n        steps += 1\n    return steps\n",
            ["int64"],
            Row(A(1L), 0L),
            Row(A(6L), 8L),
            Row(A(27L), 111L),
            Row(A(97L), 118L)),
        Case("break_continue", "def f(n):\n    s = 0\n    for i in range(n):\n        if i % 3 == 0:\n            continue\n        if s > 100:\n            break\n        s += i\n    return s\n",
            ["int64"],
            Row(A(0L), 0L),
            Row(A(5L), 7L),
            Row(A(10L), 27L),
            Row(A(1000L), 108L)),
        Case("for_else_prime", "def f(n):\n    if n < 2:\n        return False\n    for d in range(2, n):\n        if d * d > n:\n            break\n        if n % d == 0:\n            return False\n    else:\n        return True\n    return True\n",
            ["int64"],
            Row(A(1L), false),
            Row(A(2L), true),
            Row(A(9L), false),
            Row(A(97L), true),
            Row(A(221L), false),
            Row(A(7919L), true)),
        Case("for_else_flag", "def f(n, k):\n    r = -1\n    for i in range(n):\n        if i == k:\n            r = i\n            break\n    else:\n        r = 1000\n    return r\n",
            ["int64", "int64"],
            Row(A(5L, 3L), 3L),
            Row(A(5L, 7L), 1000L),
            Row(A(0L, 0L), 1000L)),
        Case("while_else", "def f(n):\n    i = 0\n    while i < n:\n        if i == 7:\n            break\n        i += 1\n    else:\n        i = -i\n    return i\n",
            ["int64"],
            Row(A(3L), -3L),
            Row(A(10L), 7L),
            Row(A(0L), 0L)),
        Case("range_negative_step", "def f(n):\n    s = 0\n    for i in range(n, -n, -3):\n        s = s * 3 + i\n    return s\n",
            ["int64"],
            Row(A(0L), 0L),
            Row(A(1L), 1L),
            Row(A(10L), 9301L)),
        Case("range_variable_step", "def f(a, b, c):\n    s = 0\n    for i in range(a, b, c):\n        s += i\n    return s\n",
            ["int64", "int64", "int64"],
            Row(A(0L, 10L, 3L), 18L),
            Row(A(10L, 0L, -4L), 18L),
            Row(A(5L, 5L, 1L), 0L),
            Row(A(0L, 10L, -1L), 0L),
            Row(A(1L, 2L, 0L), Raises("ValueError", "range() arg 3 must not be zero"))),
        Case("nested_loops", "def f(n):\n    c = 0\n    for i in range(n):\n        for j in range(i):\n            if (i + j) % 5 == 0:\n                break\n            c += i * j\n    return c\n",
            ["int64"],
            Row(A(0L), 0L),
            Row(A(7L), 41L),
            Row(A(30L), 830L)),
        Case("enumerate_range", "def f(n):\n    s = 0\n    for i, v in enumerate(range(3, n)):\n        s += i * v\n    return s\n",
            ["int64"],
            Row(A(0L), 0L),
            Row(A(5L), 4L),
            Row(A(20L), 1904L)),
        Case("enumerate_start", "def f(n):\n    s = 0\n    for i, v in enumerate(range(n, 0, -2), 10):\n        s = s * 7 + i - v\n    return s\n",
            ["int64"],
            Row(A(0L), 0L),
            Row(A(9L), 4199L)),
        Case("zip_ranges", "def f(n, m):\n    s = 0\n    for a, b in zip(range(n), range(m, 0, -1)):\n        s += a * b\n    return s\n",
            ["int64", "int64"],
            Row(A(5L, 3L), 4L),
            Row(A(3L, 5L), 10L),
            Row(A(0L, 4L), 0L),
            Row(A(10L, 10L), 165L)),
        Case("tuple_swap", "def f(a, b):\n    a, b = b, a\n    return a, b, a - b\n",
            ["int64", "int64"],
            Row(A(1L, 2L), T(2L, 1L, 1L)),
            Row(A(-5L, 7L), T(7L, -5L, 12L))),
        Case("fib_iter", "def f(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n",
            ["int64"],
            Row(A(0L), 0L),
            Row(A(1L), 1L),
            Row(A(10L), 55L),
            Row(A(90L), 2880067194370816120L)),
        Case("tuple_unpack_mixed", "def f(x):\n    t = (x, 2 * x, x > 1.0)\n    p, q, r = t\n    return q - p, r, len(t)\n",
            ["float64"],
            Row(A(0.5), T(0.5, false, 3L)),
            Row(A(3.0), T(3.0, true, 3L))),
        Case("tuple_iter", "def f(a):\n    s = 0\n    for v in (a, a + 1, a * 2):\n        s = s * 10 + v\n    return s\n",
            ["int64"],
            Row(A(1L), 122L),
            Row(A(4L), 458L)),
        Case("in_tuple", "def f(a):\n    return a in (1, 3, 5), a not in (2, 4)\n",
            ["int64"],
            Row(A(1L), T(true, true)),
            Row(A(2L), T(false, false)),
            Row(A(6L), T(false, true))),
        Case("divmod_int", "def f(a, b):\n    return divmod(a, b)\n",
            ["int64", "int64"],
            Row(A(7L, 2L), T(3L, 1L)),
            Row(A(-7L, 2L), T(-4L, 1L)),
            Row(A(7L, -2L), T(-4L, -1L)),
            Row(A(-7L, -2L), T(3L, -1L)),
            Row(A(7L, 0L), Raises("ZeroDivisionError", "integer divmod by zero"), "numba (CPython: Raises(\"ZeroDivisionError\", \"integer division or modulo by zero\"))")),
        Case("divmod_float", "def f(a, b):\n    return divmod(a, b)\n",
            ["float64", "float64"],
            Row(A(7.5, 2.0), T(3.0, 1.5)),
            Row(A(-7.5, 2.0), T(-4.0, 0.5)),
            Row(A(7.5, -2.0), T(-4.0, -0.5)),
            Row(A(1.0, 0.1), T(9.0, 0.09999999999999995))),
        Case("round_int", "def f(x):\n    return round(x)\n",
            ["float64"],
            Row(A(0.5), 0L),
            Row(A(1.5), 2L),
            Row(A(2.5), 2L),
            Row(A(-0.5), 0L),
            Row(A(-1.5), -2L),
            Row(A(2.675), 3L),
            Row(A(1000000000000000.5), 1000000000000000L)),
        Case("round_digits", "def f(x, n):\n    return round(x, n)\n",
            ["float64", "int64"],
            Row(A(2.675, 2L), 2.67, "CPython (numba: 2.68); PyArith.Round: CPython's correctly rounded round(x, n)"),
            Row(A(1234.5, -2L), 1200.0),
            Row(A(0.125, 2L), 0.12),
            Row(A(-1.005, 2L), -1.0),
            Row(A(1.5, 0L), 2.0),
            Row(A(12345.6789, 1L), 12345.7)),
        Case("abs_values", "def f(a, x):\n    return abs(a), abs(x)\n",
            ["int64", "float64"],
            Row(A(-3L, -2.5), T(3L, 2.5)),
            Row(A(4L, -0.0), T(4L, 0.0)),
            Row(A(0L, double.NegativeInfinity), T(0L, double.PositiveInfinity))),
        Case("min_max", "def f(a, b, x):\n    return min(a, b), max(a, b), max(a, x), min(a, b, x)\n",
            ["int64", "int64", "float64"],
            Row(A(1L, 2L, 1.5), T(1L, 2L, 1.5, 1.0), "numba (CPython: T(1L, 2L, 1.5, 1L))"),
            Row(A(5L, -5L, 10.0), T(-5L, 5L, 10.0, -5.0), "numba (CPython: T(-5L, 5L, 10.0, -5L))"),
            Row(A(3L, 3L, 3.0), T(3L, 3L, 3.0, 3.0), "numba (CPython: T(3L, 3L, 3L, 3L))")),
        Case("min_max_tuple", "def f(a, b):\n    t = (a, b, a * b)\n    return min(t), max(t)\n",
            ["int64", "int64"],
            Row(A(2L, 3L), T(2L, 6L)),
            Row(A(-2L, 3L), T(-6L, 3L))),
        Case("int_float_bool_conv", "def f(x):\n    return int(x), float(int(x)), bool(x)\n",
            ["float64"],
            Row(A(2.7), T(2L, 2.0, true)),
            Row(A(-2.7), T(-2L, -2.0, true)),
            Row(A(0.0), T(0L, 0.0, false)),
            Row(A(-0.0), T(0L, 0.0, false)),
            Row(A(double.NaN), T(-9223372036854775808L, -9.223372036854776e+18, true), "numba (CPython: Raises(\"ValueError\", \"cannot convert float NaN to integer\"))")),
        Case("int_of_bool", "def f(b, a):\n    return int(b), float(a), bool(a), b + b, b * 3\n",
            ["bool", "int64"],
            Row(A(true, 0L), T(1L, 0.0, false, 2L, 3L)),
            Row(A(false, 7L), T(0L, 7.0, true, 0L, 0L))),
        Case("bitwise", "def f(a, b):\n    return a & b, a | b, a ^ b, a << 3, a >> 2, ~a\n",
            ["int64", "int64"],
            Row(A(12L, 10L), T(8L, 14L, 6L, 96L, 3L, -13L)),
            Row(A(-12L, 10L), T(0L, -2L, -2L, -96L, -3L, 11L)),
            Row(A(0L, -1L), T(0L, -1L, -1L, 0L, 0L, -1L))),
        Case("bool_bitwise", "def f(p, q):\n    return p & q, p | q, p ^ q\n",
            ["bool", "bool"],
            Row(A(true, false), T(false, true, true)),
            Row(A(true, true), T(true, true, false)),
            Row(A(false, false), T(false, false, false))),
        Case("neg_mod_loop", "def f(n):\n    s = 0\n    for i in range(-n, n):\n        s = s * 3 + (i % 7) - (i // 7)\n    return s\n",
            ["int64"],
            Row(A(0L), 0L),
            Row(A(5L), 102361L),
            Row(A(20L), 8841263966026414148L, "numba (CPython: 27288008039735965764L)")),
        Case("aug_assign_mix", "def f(n):\n    s = 0\n    for i in range(1, n):\n        s += i\n        s *= 2\n        s -= i // 2\n        s %= 1000003\n    x = 1.0\n    x /= 3\n    x **= 2\n    return s, x\n",
            ["int64"],
            Row(A(1L), T(0L, 0.1111111111111111)),
            Row(A(50L), T(254985L, 0.1111111111111111))),
        Case("gcd_while", "def f(a, b):\n    while b:\n        a, b = b, a % b\n    return a\n",
            ["int64", "int64"],
            Row(A(48L, 18L), 6L),
            Row(A(17L, 5L), 1L),
            Row(A(0L, 9L), 9L),
            Row(A(-12L, 8L), 4L)),
        Case("math_gamma", "def f(x):\n    return math.gamma(x), math.lgamma(x)\n",
            ["float64"],
            Row(A(0.5), T(1.7724538509055159, 0.5723649429247004), "CPython (numba: T(1.772453850905516, 0.5723649429247001)); PyMath.Gamma: CPython's gamma/lgamma bit for bit"),
            Row(A(5.0), T(24.0, 3.178053830347945), "CPython (numba: T(24.0, 3.1780538303479458)); PyMath.Gamma: CPython's gamma/lgamma bit for bit"),
            Row(A(-1.5), T(2.3632718012073544, 0.8600470153764812), "CPython (numba: T(2.363271801207355, 0.8600470153764809)); PyMath.Gamma: CPython's gamma/lgamma bit for bit"),
            Row(A(1e-10), T(9999999999.422785, 23.025850929882736), "CPython (numba: T(9999999999.422783, 23.025850929882736)); PyMath.Gamma: CPython's gamma/lgamma bit for bit"),
            Row(A(30.5), T(4.8226969334909095e+31, 72.9534711841694), "CPython (numba: T(4.822696933490909e+31, 72.9534711841694)); PyMath.Gamma: CPython's gamma/lgamma bit for bit")),
        Case("math_erf", "def f(x):\n    return math.erf(x), math.erfc(x)\n",
            ["float64"],
            Row(A(0.0), T(0.0, 1.0)),
            Row(A(0.5), T(0.5204998778130465, 0.4795001221869535)),
            Row(A(-1.2), T(-0.9103139782296353, 1.9103139782296354)),
            Row(A(3.0), T(0.9999779095030014, 2.2090496998585438e-05)),
            Row(A(10.0), T(1.0, 2.088487583762545e-45))),
        Case("math_factorial", "def f(n):\n    return math.factorial(n)\n",
            ["int64"],
            Row(A(0L), 1L),
            Row(A(5L), 120L),
            Row(A(20L), 2432902008176640000L)),
        Case("math_floor_ceil", "def f(x):\n    return math.floor(x), math.ceil(x), math.trunc(x)\n",
            ["float64"],
            Row(A(2.5), T(2L, 3L, 2L)),
            Row(A(-2.5), T(-3L, -2L, -2L)),
            Row(A(-0.0), T(0L, 0L, 0L)),
            Row(A(3.0), T(3L, 3L, 3L))),
        Case("math_hypot_atan2", "def f(x, y):\n    return math.hypot(x, y), math.atan2(y, x), math.copysign(x, y)\n",
            ["float64", "float64"],
            Row(A(3.0, 4.0), T(5.0, 0.9272952180016122, 3.0)),
            Row(A(-1.0, -0.0), T(1.0, -3.141592653589793, -1.0)),
            Row(A(0.0, 0.0), T(0.0, 0.0, 0.0)),
            Row(A(-0.0, -0.0), T(0.0, -3.141592653589793, -0.0)),
            Row(A(1e+200, 1e+200), T(1.414213562373095e+200, 0.7853981633974483, 1e+200))),
        Case("math_elementary", "def f(x):\n    return math.sqrt(x), math.exp(x), math.log(x), math.sin(x), math.cos(x), math.tan(x)\n",
            ["float64"],
            Row(A(0.5), T(0.7071067811865476, 1.6487212707001282, -0.6931471805599453, 0.479425538604203, 0.8775825618903728, 0.5463024898437905)),
            Row(A(2.0), T(1.4142135623730951, 7.38905609893065, 0.6931471805599453, 0.9092974268256817, -0.4161468365471424, -2.185039863261519)),
            Row(A(100.0), T(10.0, 2.6881171418161356e+43, 4.605170185988092, -0.5063656411097588, 0.8623188722876839, -0.5872139151569291))),
        Case("math_log_base", "def f(x):\n    return math.log(x, 2), math.log(x, 10.0), math.log10(x), math.log2(x), math.log1p(x)\n",
            ["float64"],
            Row(A(8.0), T(3.0, 0.9030899869919434, 0.9030899869919435, 3.0, 2.1972245773362196)),
            Row(A(1000.0), T(9.965784284662087, 2.9999999999999996, 3.0, 9.965784284662087, 6.90875477931522)),
            Row(A(0.1), T(-3.321928094887362, -0.9999999999999998, -1.0, -3.321928094887362, 0.09531017980432487))),
        Case("math_domain", "def f(x):\n    return math.sqrt(x)\n",
            ["float64"],
            Row(A(-1.0), double.NaN, "numba (CPython: Raises(\"ValueError\", \"math domain error\"))")),
        Case("math_predicates", "def f(x):\n    return math.isnan(x), math.isinf(x), math.isfinite(x)\n",
            ["float64"],
            Row(A(1.0), T(false, false, true)),
            Row(A(double.NaN), T(true, false, false)),
            Row(A(double.NegativeInfinity), T(false, true, false))),
        Case("math_int_arg", "def f(a):\n    return math.sqrt(a), math.floor(a), math.gcd(a, 12)\n",
            ["int64"],
            Row(A(16L), T(4.0, 16L, 4L)),
            Row(A(18L), T(4.242640687119285, 18L, 6L))),
        Case("math_constants", "def f(r):\n    return math.pi * r * r, math.e ** r, math.tau\n",
            ["float64"],
            Row(A(1.0), T(3.141592653589793, 2.718281828459045, 6.283185307179586)),
            Row(A(2.5), T(19.634954084936208, 12.182493960703471, 6.283185307179586))),
        Case("complex_arith", "def f(z, w):\n    return z * w + z / w - 1j\n",
            ["complex128", "complex128"],
            Row(A(new Complex(1.0, 2.0), new Complex(3.0, -1.0)), new Complex(5.1, 4.7)),
            Row(A(new Complex(-0.5, 0.0), new Complex(0.0, 1.0)), new Complex(0.0, -1.0))),
        Case("complex_parts", "def f(z):\n    return z.real, z.imag, z.conjugate(), abs(z)\n",
            ["complex128"],
            Row(A(new Complex(3.0, 4.0)), T(3.0, 4.0, new Complex(3.0, -4.0), 5.0)),
            Row(A(new Complex(-1.5, 0.0)), T(-1.5, 0.0, new Complex(-1.5, -0.0), 1.5))),
        Case("complex_mixed", "def f(z, x, a):\n    return z + x, z * a, x - z\n",
            ["complex128", "float64", "int64"],
            Row(A(new Complex(1.0, 1.0), 2.0, 3L), T(new Complex(3.0, 1.0), new Complex(3.0, 3.0), new Complex(1.0, -1.0))),
            Row(A(new Complex(0.0, 0.0), -1.5, -2L), T(new Complex(-1.5, 0.0), new Complex(-0.0, 0.0), new Complex(-1.5, 0.0)))),
        Case("complex_pow", "def f(z):\n    return z ** 2, z * z\n",
            ["complex128"],
            Row(A(new Complex(1.0, 2.0)), T(new Complex(-3.0, 4.0), new Complex(-3.0, 4.0))),
            Row(A(new Complex(0.5, -0.5)), T(new Complex(0.0, -0.5), new Complex(0.0, -0.5)))),
        Case("complex_div_zero", "def f(z):\n    return z / 0j\n",
            ["complex128"],
            Row(A(new Complex(1.0, 1.0)), Raises("ZeroDivisionError", "complex division by zero"))),
        Case("recursive_fib", "def f(n):\n    if n < 2:\n        return n\n    return f(n - 1) + f(n - 2)\n",
            ["int64"],
            Row(A(0L), 0L),
            Row(A(1L), 1L),
            Row(A(15L), 610L)),
        Case("recursive_gcd", "def f(a, b):\n    if b == 0:\n        return a\n    return f(b, a % b)\n",
            ["int64", "int64"],
            Row(A(48L, 18L), 6L),
            Row(A(1071L, 462L), 21L)),
        Case("recursive_power", "def f(x, n):\n    if n == 0:\n        return 1.0\n    h = f(x, n // 2)\n    if n % 2 == 0:\n        return h * h\n    return h * h * x\n",
            ["float64", "int64"],
            Row(A(2.0, 10L), 1024.0),
            Row(A(1.5, 7L), 17.0859375),
            Row(A(3.0, 0L), 1.0)),
        Case("raise_value_error", "def f(x):\n    if x < 0:\n        raise ValueError(\"x must be non-negative\")\n    return x * 2\n",
            ["int64"],
            Row(A(3L), 6L),
            Row(A(-1L), Raises("ValueError", "x must be non-negative"))),
        Case("raise_no_message", "def f(x):\n    if x == 0:\n        raise ZeroDivisionError\n    return 1 / x\n",
            ["float64"],
            Row(A(4.0), 0.25),
            Row(A(0.0), Raises("ZeroDivisionError", ""))),
        Case("assert_message", "def f(x):\n    assert x > 0, \"x must be positive\"\n    assert x != 5\n    return x\n",
            ["int64"],
            Row(A(1L), 1L),
            Row(A(0L), Raises("AssertionError", "x must be positive")),
            Row(A(5L), Raises("AssertionError", ""))),
        Case("float_div_zero", "def f(x, y):\n    return x / y\n",
            ["float64", "int64"],
            Row(A(1.0, 2L), 0.5),
            Row(A(1.0, 0L), Raises("ZeroDivisionError", "division by zero"), "numba (CPython: Raises(\"ZeroDivisionError\", \"float division by zero\"))")),
        Case("pow_builtin", "def f(a, b):\n    return pow(a, b), pow(float(a), b)\n",
            ["int64", "int64"],
            Row(A(3L, 4L), T(81L, 81.0)),
            Row(A(-2L, 5L), T(-32L, -32.0))),
        Case("float_to_int_loop", "def f(x):\n    n = 0\n    while x > 1.0:\n        x = x / 2\n        n += 1\n    return n, x\n",
            ["float64"],
            Row(A(1.0), T(0L, 1.0)),
            Row(A(1000.0), T(10L, 0.9765625)),
            Row(A(1e+300), T(997L, 0.7466108948025751))),
        Case("variable_int_then_float", "def f(n):\n    v = 1\n    if n > 0:\n        v = 2.5\n    return v * n\n",
            ["int64"],
            Row(A(3L), 7.5),
            Row(A(-3L), -3.0, "numba (CPython: -3L)")),
        Case("sum_float_loop", "def f(n):\n    s = 0\n    for i in range(n):\n        s += 0.1\n    return s\n",
            ["int64"],
            Row(A(0L), 0.0, "numba (CPython: 0L)"),
            Row(A(10L), 0.9999999999999999),
            Row(A(1000L), 99.9999999999986)),
        Case("unary_ops", "def f(a, x):\n    return -a, +a, -x, +x, -(-x)\n",
            ["int64", "float64"],
            Row(A(3L, 0.0), T(-3L, 3L, -0.0, 0.0, 0.0)),
            Row(A(-7L, -2.5), T(7L, -7L, 2.5, -2.5, -2.5))),
    ];
}
