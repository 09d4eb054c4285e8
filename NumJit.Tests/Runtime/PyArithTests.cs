using NUnit.Framework;
using NumJit.Runtime;

namespace NumJit.Tests.Runtime;

// Expected values come from numba 0.56 nopython mode (and CPython 3.11 where they agree).
[TestFixture]
public class PyArithTests
{
    private const long Min = long.MinValue;

    [TestCase(7, 2, 3, 1)]
    [TestCase(-7, 2, -4, 1)]
    [TestCase(7, -2, -4, -1)]
    [TestCase(-7, -2, 3, -1)]
    [TestCase(0, -1, 0, 0)]
    [TestCase(1, -1, -1, 0)]
    [TestCase(-1, -2, 0, -1)]
    [TestCase(6, 3, 2, 0)]
    [TestCase(-6, 3, -2, 0)]
    [TestCase(Min, -1, 0, 0)]   // numba: 0, not a wrapped MinValue
    [TestCase(Min, 1, Min, 0)]
    [TestCase(Min, 7, -1317624576693539402, 6)]
    [TestCase(Min, -7, 1317624576693539401, -1)]
    [TestCase(long.MaxValue, -3, -3074457345618258603, -2)]
    public void IntFloorDivMod(long a, long b, long q, long r)
    {
        Assert.That(PyArith.FloorDiv(a, b), Is.EqualTo(q));
        Assert.That(PyArith.Mod(a, b), Is.EqualTo(r));
        Assert.That(PyArith.DivMod(a, b), Is.EqualTo((q, r)));
    }

    [Test]
    public void IntByZero()
    {
        AssertPy(() => PyArith.FloorDiv(7L, 0L), "ZeroDivisionError", "integer division by zero");
        AssertPy(() => PyArith.Mod(7L, 0L), "ZeroDivisionError", "integer modulo by zero");
        AssertPy(() => PyArith.DivMod(7L, 0L), "ZeroDivisionError", "integer divmod by zero");
        AssertPy(() => PyArith.TrueDiv(0L, 0L), "ZeroDivisionError", "division by zero");
        AssertPy(() => PyArith.FloorDiv(7UL, 0UL), "ZeroDivisionError", "integer division by zero");
        AssertPy(() => PyArith.Mod(7UL, 0UL), "ZeroDivisionError", "integer modulo by zero");
        AssertPy(() => PyArith.DivMod(7UL, 0UL), "ZeroDivisionError", "integer divmod by zero");
    }

    [Test]
    public void UnsignedDivMod()
    {
        Assert.That(PyArith.FloorDiv(ulong.MaxValue, 3UL), Is.EqualTo(6148914691236517205UL));
        Assert.That(PyArith.Mod(ulong.MaxValue, 3UL), Is.EqualTo(0UL));
        Assert.That(PyArith.DivMod(7UL, 2UL), Is.EqualTo((3UL, 1UL)));
    }

    [TestCase(7, 2, 3.5)]
    [TestCase(0, -1, -0.0)]
    [TestCase(Min, -1, 9.223372036854776e18)]
    [TestCase(9007199254740993, 3, 3002399751580330.5)]   // numba converts first; CPython gives ...331.0
    public void IntTrueDiv(long a, long b, double expected)
    {
        Assert.That(RefData.SameDouble(PyArith.TrueDiv(a, b), expected), Is.True);
    }

    [TestCase(7, 0, 1)]
    [TestCase(0, 0, 1)]
    [TestCase(-7, 2, 49)]
    [TestCase(7, -2, 0)]
    [TestCase(2, -1, 0)]
    [TestCase(-2, -1, 0)]
    [TestCase(1, -1, 1)]
    [TestCase(-1, -1, -1)]
    [TestCase(-1, -2, 1)]
    [TestCase(2, 63, Min)]
    [TestCase(3, 40, -6289078614652622848)]
    [TestCase(2, 65536, 0)]                          // repeated squaring wraps to 0
    [TestCase(3, 65536, -5843219465185787904)]
    [TestCase(2, 65537, Min)]                        // pow() path, inf -> MinValue
    [TestCase(1, 1099511627776, 1)]
    [TestCase(-1, 1099511627777, -1)]
    [TestCase(0, 1099511627776, 0)]
    [TestCase(-1, -70001, -1)]
    public void IntPow(long a, long b, long expected)
    {
        Assert.That(PyArith.Pow(a, b), Is.EqualTo(expected));
    }

    [Test]
    public void IntPowErrors()
    {
        AssertPy(() => PyArith.Pow(0L, -1L), "ZeroDivisionError", "0 cannot be raised to a negative power");
        AssertPy(() => PyArith.Pow(0L, -70000L), "ZeroDivisionError", "0 cannot be raised to a negative power");
        AssertPy(() => PyArith.Pow(2L, Min), "OverflowError", "");
        AssertPy(() => PyArith.Pow(2.0, Min), "OverflowError", "");
        AssertPy(() => PyArith.Pow(0.0, -1L), "ZeroDivisionError", "division by zero");
        AssertPy(() => PyArith.Pow(-0.0, -1L), "ZeroDivisionError", "division by zero");
        AssertPy(() => PyArith.Pow(1e-200, -2L), "ZeroDivisionError", "division by zero");
        AssertPy(() => PyArith.Pow(-0.5, -1100L), "ZeroDivisionError", "division by zero");
    }

    [Test]
    public void UnsignedPow()
    {
        Assert.That(PyArith.Pow(2UL, 70000UL), Is.EqualTo(ulong.MaxValue));
        Assert.That(PyArith.Pow(1UL, 70000UL), Is.EqualTo(1UL));
        Assert.That(PyArith.Pow(0UL, 70000UL), Is.EqualTo(0UL));
        Assert.That(PyArith.Pow(3UL, 65536UL), Is.EqualTo(12603524608523763712UL));
        Assert.That(PyArith.Pow(2UL, 63UL), Is.EqualTo(9223372036854775808UL));
        Assert.That(PyArith.Pow(2UL, 64UL), Is.EqualTo(0UL));
    }

    // Float ** int / float ** float special cases (numba: C pow semantics, no Python exceptions).
    [TestCase(0.0, -70000L, double.PositiveInfinity)]
    [TestCase(0.5, -70000L, double.PositiveInfinity)]
    [TestCase(2.0, -70000L, 0.0)]
    [TestCase(-1.0, -70001L, -1.0)]
    [TestCase(double.NaN, 0L, 1.0)]
    [TestCase(double.PositiveInfinity, -1L, 0.0)]
    [TestCase(1.1, 17L, 5.054470284992943)]
    [TestCase(1.0000001, 70000L, 1.0070245569185057)]
    [TestCase(2.0, 1100L, double.PositiveInfinity)]
    public void FloatIntPow(double a, long b, double expected)
    {
        Assert.That(RefData.SameDouble(PyArith.Pow(a, b), expected), Is.True, RefData.Show(PyArith.Pow(a, b)));
    }

    [TestCase(0.0, -1.0, double.PositiveInfinity)]
    [TestCase(-0.0, -1.0, double.NegativeInfinity)]
    [TestCase(-8.0, 1.0 / 3.0, double.NaN)]
    [TestCase(-2.0, 0.5, double.NaN)]
    [TestCase(0.0, -1.5, double.PositiveInfinity)]
    [TestCase(-0.0, -3.0, double.NegativeInfinity)]
    [TestCase(double.PositiveInfinity, -1.0, 0.0)]
    [TestCase(double.NegativeInfinity, 3.0, double.NegativeInfinity)]
    [TestCase(double.NegativeInfinity, 0.5, double.PositiveInfinity)]
    [TestCase(1.0, double.NaN, 1.0)]
    [TestCase(double.NaN, 0.0, 1.0)]
    [TestCase(-1.0, double.PositiveInfinity, 1.0)]
    [TestCase(2.0, 1e308, double.PositiveInfinity)]
    [TestCase(0.0, double.NegativeInfinity, double.PositiveInfinity)]
    [TestCase(-8.0, 3.0, -512.0)]
    public void FloatPow(double a, double b, double expected)
    {
        Assert.That(RefData.SameDouble(PyArith.Pow(a, b), expected), Is.True, RefData.Show(PyArith.Pow(a, b)));
    }

    [TestCase(-0.0, 1.0, -0.0, 0.0)]
    [TestCase(0.0, -1.0, -0.0, -0.0)]
    [TestCase(-1.0, double.PositiveInfinity, -1.0, double.PositiveInfinity)]
    [TestCase(1.0, double.PositiveInfinity, 0.0, 1.0)]
    [TestCase(double.PositiveInfinity, 2.0, double.NaN, double.NaN)]
    [TestCase(5.0, double.NegativeInfinity, -1.0, double.NegativeInfinity)]
    [TestCase(-5.0, double.PositiveInfinity, -1.0, double.PositiveInfinity)]
    [TestCase(double.NaN, 1.0, double.NaN, double.NaN)]
    [TestCase(1.0, double.NaN, double.NaN, double.NaN)]
    [TestCase(-7.5, 2.0, -4.0, 0.5)]
    public void FloatFloorDivMod(double a, double b, double q, double r)
    {
        Assert.That(RefData.SameDouble(PyArith.FloorDiv(a, b), q), Is.True, "floordiv " + RefData.Show(PyArith.FloorDiv(a, b)));
        Assert.That(RefData.SameDouble(PyArith.Mod(a, b), r), Is.True, "mod " + RefData.Show(PyArith.Mod(a, b)));
        var (dq, dr) = PyArith.DivMod(a, b);
        Assert.That(RefData.SameDouble(dq, q) && RefData.SameDouble(dr, r), Is.True, "divmod");
    }

    [Test]
    public void FloatByZero()
    {
        AssertPy(() => PyArith.FloorDiv(7.0, 0.0), "ZeroDivisionError", "division by zero");
        AssertPy(() => PyArith.Mod(7.0, -0.0), "ZeroDivisionError", "modulo by zero");
        AssertPy(() => PyArith.DivMod(0.0, 0.0), "ZeroDivisionError", "modulo by zero");
        AssertPy(() => PyArith.TrueDiv(double.NaN, 0.0), "ZeroDivisionError", "division by zero");
        Assert.That(PyArith.TrueDiv(1.0, double.PositiveInfinity), Is.EqualTo(0.0));
    }

    [TestCase(0.5, 0L)]
    [TestCase(1.5, 2L)]
    [TestCase(2.5, 2L)]
    [TestCase(-0.5, 0L)]
    [TestCase(-1.5, -2L)]
    [TestCase(-2.5, -2L)]
    [TestCase(2.5000000000000004, 3L)]
    [TestCase(double.NaN, Min)]
    [TestCase(double.PositiveInfinity, Min)]
    [TestCase(1e19, Min)]
    public void RoundToInt(double x, long expected)
    {
        Assert.That(PyArith.Round(x), Is.EqualTo(expected));
    }

    // CPython 3.11 round(x, n). numba 0.56 gets some of these wrong (2.675 -> 2.68, 1e300,-400 -> nan).
    [TestCase(2.675, 2L, 2.67)]
    [TestCase(0.5, 0L, 0.0)]
    [TestCase(-0.5, 0L, -0.0)]
    [TestCase(1.5, 0L, 2.0)]
    [TestCase(-0.4, 0L, -0.0)]
    [TestCase(1234.5, -1L, 1230.0)]
    [TestCase(1250.0, -2L, 1200.0)]
    [TestCase(1350.0, -2L, 1400.0)]
    [TestCase(1e300, -400L, 0.0)]
    [TestCase(-1e300, -400L, -0.0)]
    [TestCase(1e-300, 400L, 1e-300)]
    [TestCase(double.NaN, 2L, double.NaN)]
    [TestCase(double.PositiveInfinity, 1L, double.PositiveInfinity)]
    [TestCase(-0.0, 2L, -0.0)]
    [TestCase(0.125, 2L, 0.12)]
    [TestCase(0.375, 2L, 0.38)]
    [TestCase(5e-324, 400L, 5e-324)]
    [TestCase(5e-324, 323L, 0.0)]
    [TestCase(123.456, -2L, 100.0)]
    [TestCase(1.7976931348623157e308, -308L, double.PositiveInfinity)]   // CPython: OverflowError
    [TestCase(2.5, -1000L, 0.0)]
    [TestCase(0.1, 20L, 0.1)]
    [TestCase(123456.78901234567, 15L, 123456.78901234567)]
    [TestCase(1.0000000000000002, 15L, 1.0)]
    [TestCase(5e22, -22L, 5e22)]
    [TestCase(1.5e22, -22L, 2e22)]
    public void RoundDigits(double x, long n, double expected)
    {
        double got = PyArith.Round(x, n);
        Assert.That(RefData.SameDouble(got, expected), Is.True, RefData.Show(got));
    }

    [Test]
    public void AbsWraps()
    {
        Assert.That(PyArith.Abs(Min), Is.EqualTo(Min));
        Assert.That(PyArith.Abs(-5L), Is.EqualTo(5L));
    }

    [Test]
    public void ReferenceSweep()
    {
        int n = 0;
        var failures = new List<string>();
        foreach (var name in new[] { "floordiv", "mod", "round2", "ipow", "fpowi" })
        {
            foreach (string[] row in RefData.Rows("arith_ref.txt", name))
            {
                n++;
                string expected = row[^1];
                string got;
                try
                {
                    got = name switch
                    {
                        "floordiv" => Fmt(PyArith.FloorDiv(RefData.D(row[1]), RefData.D(row[2])), expected),
                        "mod" => Fmt(PyArith.Mod(RefData.D(row[1]), RefData.D(row[2])), expected),
                        "round2" => Fmt(PyArith.Round(RefData.D(row[1]), RefData.L(row[2])), expected),
                        "ipow" => PyArith.Pow(RefData.L(row[1]), RefData.L(row[2])).ToString(),
                        _ => Fmt(PyArith.Pow(RefData.D(row[1]), RefData.L(row[2])), expected),
                    };
                }
                catch (PyException e)
                {
                    got = "!" + e.PyType;
                }
                if (got != expected) failures.Add($"{string.Join(' ', row)} got {got}");
            }
        }
        Assert.That(n, Is.GreaterThan(1500));
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(30)));
    }

    // Echo the expected text when the value is bit-identical, so string comparison is exact.
    private static string Fmt(double v, string expected) =>
        !expected.StartsWith('!') && RefData.SameDouble(v, RefData.D(expected)) ? expected : RefData.Show(v);

    internal static void AssertPy(TestDelegate code, string pyType, string message)
    {
        var ex = Assert.Throws<PyException>(code)!;
        Assert.That(ex.PyType, Is.EqualTo(pyType));
        Assert.That(ex.Message, Is.EqualTo(message));
    }
}
