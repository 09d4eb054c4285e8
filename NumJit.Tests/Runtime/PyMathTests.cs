using NUnit.Framework;
using NumJit.Runtime;

namespace NumJit.Tests.Runtime;

/// <summary>
/// Edge cases. Where CPython raises a domain/range error for a float function the expected
/// value is numba 0.56's (or, for functions numba lacks, the C libm value). Ordinary values are
/// CPython 3.11's (numba's gamma/lgamma call libm and differ from CPython in the last bits).
/// </summary>
[TestFixture]
public class PyMathTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NaN = double.NaN;

    private static void Same(double got, double want) =>
        Assert.That(RefData.SameDouble(got, want), Is.True, $"got {RefData.Show(got)}, want {RefData.Show(want)}");

    // numba 0.56: gamma never raises.
    [TestCase(0.0, Inf)]
    [TestCase(-0.0, double.NegativeInfinity)]
    [TestCase(-1.0, NaN)]
    [TestCase(-2.5, -0.9453087204829417)]   // CPython; numba (libm tgamma) gives ...419
    [TestCase(Inf, Inf)]
    [TestCase(double.NegativeInfinity, NaN)]
    [TestCase(NaN, NaN)]
    [TestCase(171.7, Inf)]
    [TestCase(200.0, Inf)]
    [TestCase(1e-320, Inf)]      // CPython: OverflowError
    [TestCase(0.5, 1.7724538509055159)]     // CPython; numba gives ...516
    [TestCase(5.0, 24.0)]
    [TestCase(23.0, 1.1240007277776077e21)]
    [TestCase(-200.5, -0.0)]
    public void Gamma(double x, double want) => Same(PyMath.Gamma(x), want);

    [TestCase(0.0, Inf)]
    [TestCase(-0.0, Inf)]
    [TestCase(-1.0, Inf)]        // CPython: ValueError
    [TestCase(-2.5, -0.05624371649767457)]  // CPython; numba (libm lgamma) gives ...407
    [TestCase(Inf, Inf)]
    [TestCase(double.NegativeInfinity, Inf)]
    [TestCase(NaN, NaN)]
    [TestCase(1.0, 0.0)]
    [TestCase(2.0, 0.0)]
    [TestCase(1e308, Inf)]
    public void Lgamma(double x, double want) => Same(PyMath.Lgamma(x), want);

    [TestCase(0.0, 0.0, 1.0)]
    [TestCase(-0.0, -0.0, 1.0)]
    [TestCase(Inf, 1.0, 0.0)]
    [TestCase(double.NegativeInfinity, -1.0, 2.0)]
    [TestCase(NaN, NaN, NaN)]
    [TestCase(30.0, 1.0, 0.0)]
    [TestCase(1e-300, 1.1283791670955126e-300, 1.0)]
    [TestCase(-7.0, -1.0, 2.0)]
    public void ErfErfc(double x, double erf, double erfc)
    {
        Same(PyMath.ErfPortable(x), erf);
        Same(PyMath.ErfcPortable(x), erfc);
    }

    [Test]
    public void ErfcSubnormalTail() => Same(PyMath.ErfcPortable(26.6), 1.088512588544227e-309);

    [TestCase(0.0, 0.0, 0.0)]
    [TestCase(-0.0, -0.0, -0.0)]
    [TestCase(1e-10, 1.00000000005e-10, 9.999999999500001e-11)]
    [TestCase(Inf, Inf, Inf)]
    [TestCase(NaN, NaN, NaN)]
    [TestCase(-1.0, -0.6321205588285577, double.NegativeInfinity)]
    [TestCase(-2.0, -0.8646647167633873, NaN)]
    [TestCase(1000.0, Inf, 6.90875477931522)]
    [TestCase(709.7, 1.6549840276802644e308, 6.56625039983285)]
    [TestCase(double.NegativeInfinity, -1.0, NaN)]
    [TestCase(1e308, Inf, 709.1962086421661)]
    public void Expm1Log1p(double x, double expm1, double log1p)
    {
        Same(PyMath.Expm1Portable(x), expm1);
        Same(PyMath.Log1pPortable(x), log1p);
    }

    [TestCase(1.5, 1L, 1L, 2L)]
    [TestCase(-1.5, -1L, -2L, -1L)]
    [TestCase(-0.0, 0L, 0L, 0L)]
    [TestCase(NaN, long.MinValue, long.MinValue, long.MinValue)]   // numba; CPython raises
    [TestCase(Inf, long.MinValue, long.MinValue, long.MinValue)]
    [TestCase(-1e19, long.MinValue, long.MinValue, long.MinValue)]
    [TestCase(-9.223372036854775808e18, long.MinValue, long.MinValue, long.MinValue)]
    [TestCase(9.2233720368547748e18, 9223372036854774784L, 9223372036854774784L, 9223372036854774784L)]
    public void TruncFloorCeil(double x, long trunc, long floor, long ceil)
    {
        Assert.That(PyMath.Trunc(x), Is.EqualTo(trunc));
        Assert.That(PyMath.Floor(x), Is.EqualTo(floor));
        Assert.That(PyMath.Ceil(x), Is.EqualTo(ceil));
        Assert.That(PyConvert.FloatToLong(x), Is.EqualTo(trunc));
    }

    [Test]
    public void Factorial()
    {
        Assert.That(PyMath.Factorial(0), Is.EqualTo(1));
        Assert.That(PyMath.Factorial(5), Is.EqualTo(120));
        Assert.That(PyMath.Factorial(20), Is.EqualTo(2432902008176640000L));
        PyArithTests.AssertPy(() => PyMath.Factorial(-1), "ValueError", "factorial() not defined for negative values");
        Assert.That(Assert.Throws<PyException>(() => PyMath.Factorial(21))!.PyType, Is.EqualTo("OverflowError"));
    }

    [TestCase(5, 2, 10L, 20L)]
    [TestCase(5, 0, 1L, 1L)]
    [TestCase(5, 6, 0L, 0L)]
    [TestCase(0, 0, 1L, 1L)]
    [TestCase(100, 5, 75287520L, 9034502400L)]
    [TestCase(1000000000000000000, 1, 1000000000000000000L, 1000000000000000000L)]
    [TestCase(3037000499, 2, 4611686013944624251L, 9223372027889248502L)]
    [TestCase(66, 33, 7219428434016265740L, -1L)]
    [TestCase(20, 20, 1L, 2432902008176640000L)]
    public void CombPerm(long n, long k, long comb, long perm)
    {
        Assert.That(PyMath.Comb(n, k), Is.EqualTo(comb));
        if (perm >= 0) Assert.That(PyMath.Perm(n, k), Is.EqualTo(perm));
        else Assert.That(Assert.Throws<PyException>(() => PyMath.Perm(n, k))!.PyType, Is.EqualTo("OverflowError"));
    }

    [Test]
    public void CombPermErrors()
    {
        PyArithTests.AssertPy(() => PyMath.Comb(-1, 2), "ValueError", "n must be a non-negative integer");
        PyArithTests.AssertPy(() => PyMath.Comb(3, -2), "ValueError", "k must be a non-negative integer");
        PyArithTests.AssertPy(() => PyMath.Perm(-1, 2), "ValueError", "n must be a non-negative integer");
        PyArithTests.AssertPy(() => PyMath.Perm(3, -2), "ValueError", "k must be a non-negative integer");
        Assert.That(Assert.Throws<PyException>(() => PyMath.Comb(67, 33))!.PyType, Is.EqualTo("OverflowError"));
        Assert.That(Assert.Throws<PyException>(() => PyMath.Comb(1000000000000000000, 2))!.PyType, Is.EqualTo("OverflowError"));
        Assert.That(PyMath.Perm(20), Is.EqualTo(2432902008176640000L));
    }

    // numba 0.56 for the MinValue cases.
    [TestCase(0L, 0L, 0L)]
    [TestCase(-4L, 6L, 2L)]
    [TestCase(-12L, -18L, 6L)]
    [TestCase(0L, -5L, 5L)]
    [TestCase(long.MinValue, 0L, long.MinValue)]
    [TestCase(long.MinValue, long.MinValue, long.MinValue)]
    [TestCase(long.MinValue, 6L, 2L)]
    [TestCase(6L, long.MinValue, 2L)]
    [TestCase(long.MinValue, 1L, 1L)]
    public void Gcd(long a, long b, long want)
    {
        Assert.That(PyMath.Gcd(a, b), Is.EqualTo(want));
        Assert.That(PyMath.Gcd(new[] { a, b }), Is.EqualTo(want));
    }

    [Test]
    public void Lcm()
    {
        Assert.That(PyMath.Lcm(4, 6), Is.EqualTo(12));
        Assert.That(PyMath.Lcm(-4, 6), Is.EqualTo(12));
        Assert.That(PyMath.Lcm(0, 6), Is.EqualTo(0));
        Assert.That(PyMath.Lcm(2147483648, 1162261467), Is.EqualTo(2495937495082991616L));
        Assert.That(PyMath.Lcm(3037000499, 3037000493), Is.EqualTo(9223372012704246007L));
        Assert.That(PyMath.Lcm(ReadOnlySpan<long>.Empty), Is.EqualTo(1));
        Assert.That(PyMath.Gcd(ReadOnlySpan<long>.Empty), Is.EqualTo(0));
        Assert.That(Assert.Throws<PyException>(() => PyMath.Lcm(long.MaxValue, 2))!.PyType, Is.EqualTo("OverflowError"));
    }

    [TestCase(0L, 0L)]
    [TestCase(1L, 1L)]
    [TestCase(10L, 3L)]
    [TestCase(999999999999999999L, 999999999L)]
    [TestCase(1000000000000000000L, 1000000000L)]
    [TestCase(long.MaxValue, 3037000499L)]
    [TestCase(9223372030926249001L, 3037000499L)]
    [TestCase(9223372030926249000L, 3037000498L)]
    public void Isqrt(long n, long want) => Assert.That(PyMath.Isqrt(n), Is.EqualTo(want));

    [Test]
    public void IsqrtNegative() =>
        PyArithTests.AssertPy(() => PyMath.Isqrt(-1), "ValueError", "isqrt() argument must be nonnegative");

    [TestCase(2.5, 1.0, 0.5)]
    [TestCase(3.5, 1.0, -0.5)]
    [TestCase(-2.5, 1.0, -0.5)]
    [TestCase(-0.0, 1.0, -0.0)]
    [TestCase(5.0, Inf, 5.0)]
    [TestCase(Inf, 1.0, NaN)]     // CPython: ValueError
    [TestCase(1.0, 0.0, NaN)]     // CPython: ValueError
    [TestCase(NaN, 1.0, NaN)]
    public void Remainder(double x, double y, double want) => Same(PyMath.Remainder(x, y), want);

    [TestCase(1.0, 0.0, NaN)]
    [TestCase(Inf, 1.0, NaN)]
    [TestCase(-0.0, 1.0, -0.0)]
    [TestCase(5.0, Inf, 5.0)]
    [TestCase(-5.5, 2.0, -1.5)]
    public void Fmod(double x, double y, double want) => Same(PyMath.Fmod(x, y), want);

    [TestCase(0.0, 0.0, 0L)]
    [TestCase(-0.0, -0.0, 0L)]
    [TestCase(Inf, Inf, 0L)]
    [TestCase(NaN, NaN, 0L)]
    [TestCase(5e-324, 0.5, -1073L)]
    [TestCase(-8.0, -0.5, 4L)]
    [TestCase(1.7976931348623157e308, 0.9999999999999999, 1024L)]
    public void Frexp(double x, double m, long e)
    {
        var (gm, ge) = PyMath.Frexp(x);
        Same(gm, m);
        Assert.That(ge, Is.EqualTo(e));
    }

    [TestCase(1.0, 1025L, Inf)]            // CPython: OverflowError; numba: inf
    [TestCase(1.0, -1080L, 0.0)]
    [TestCase(1.0, 1099511627776L, Inf)]   // numba 0.56 truncates the exponent and returns 1.0
    [TestCase(-1.0, long.MinValue, -0.0)]
    [TestCase(0.75, -1074L, 5e-324)]
    [TestCase(NaN, 3L, NaN)]
    public void Ldexp(double x, long i, double want) => Same(PyMath.Ldexp(x, i), want);

    [TestCase(Inf, 0.0, Inf)]
    [TestCase(double.NegativeInfinity, -0.0, double.NegativeInfinity)]
    [TestCase(NaN, NaN, NaN)]
    [TestCase(-0.0, -0.0, -0.0)]
    [TestCase(-2.5, -0.5, -2.0)]
    [TestCase(-2.0, -0.0, -2.0)]
    public void Modf(double x, double frac, double whole)
    {
        var (f, w) = PyMath.Modf(x);
        Same(f, frac);
        Same(w, whole);
    }

    [TestCase(1.0, 2.0, 1.0000000000000002)]
    [TestCase(0.0, -1.0, -5e-324)]
    [TestCase(0.0, -0.0, -0.0)]
    [TestCase(-5e-324, 1.0, -0.0)]
    [TestCase(1.7976931348623157e308, Inf, Inf)]
    [TestCase(NaN, 1.0, NaN)]
    [TestCase(1.0, NaN, NaN)]
    public void NextAfter(double x, double y, double want) => Same(PyMath.NextAfter(x, y), want);

    [TestCase(1.0, 2.220446049250313e-16)]
    [TestCase(-1.0, 2.220446049250313e-16)]
    [TestCase(0.0, 5e-324)]
    [TestCase(1.7976931348623157e308, 1.99584030953472e292)]
    [TestCase(Inf, Inf)]
    [TestCase(NaN, NaN)]
    public void Ulp(double x, double want) => Same(PyMath.Ulp(x), want);

    [Test]
    public void IsClose()
    {
        Assert.That(PyMath.IsClose(1.0, 1.0 + 1e-10), Is.True);
        Assert.That(PyMath.IsClose(1.0, 1.0 + 1e-8), Is.False);
        Assert.That(PyMath.IsClose(0.0, 1e-10), Is.False);
        Assert.That(PyMath.IsClose(0.0, 1e-10, 1e-9, 1e-9), Is.True);
        Assert.That(PyMath.IsClose(Inf, Inf), Is.True);
        Assert.That(PyMath.IsClose(Inf, 1e308, 1.0), Is.False);
        Assert.That(PyMath.IsClose(NaN, NaN), Is.False);
        PyArithTests.AssertPy(() => PyMath.IsClose(1.0, 1.0, -1.0), "ValueError", "tolerances must be non-negative");
    }

    [TestCase(Inf, NaN, Inf)]
    [TestCase(NaN, double.NegativeInfinity, Inf)]
    [TestCase(NaN, 1.0, NaN)]
    [TestCase(3.0, 4.0, 5.0)]
    [TestCase(1e308, 1e308, 1.4142135623730951e308)]
    [TestCase(5e-324, 5e-324, 5e-324)]
    [TestCase(0.0, -0.0, 0.0)]
    [TestCase(-3.0, 0.0, 3.0)]
    public void Hypot(double x, double y, double want)
    {
        Same(PyMath.Hypot(x, y), want);
        Same(PyMath.Hypot(new[] { x, y }), want);
    }

    [Test]
    public void HypotVector()
    {
        Same(PyMath.Hypot(ReadOnlySpan<double>.Empty), 0.0);
        Same(PyMath.Hypot(new[] { -2.5 }), 2.5);
        Same(PyMath.Hypot(new[] { 1.0, NaN, Inf }), Inf);
        Same(PyMath.Hypot(new[] { 2.0, 3.0, 6.0 }), 7.0);
    }

    [Test]
    public void Fsum()
    {
        Same(PyMath.Fsum(new[] { 1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50 }), 1e-100);
        Same(PyMath.Fsum(Enumerable.Repeat(0.1, 10).ToArray()), 1.0);
        Same(PyMath.Fsum(new[] { Inf, 1.0, Inf }), Inf);
        Same(PyMath.Fsum(new[] { Inf, double.NegativeInfinity }), NaN);   // CPython: ValueError
        Same(PyMath.Fsum(new[] { NaN, 1.0 }), NaN);
        Same(PyMath.Fsum(ReadOnlySpan<double>.Empty), 0.0);
        Same(PyMath.Fsum(new[] { -0.0, -0.0 }), 0.0);   // CPython's fsum starts from +0.0 too
        Assert.That(Assert.Throws<PyException>(() => PyMath.Fsum(new[] { 1.7e308, 1.7e308, -1.7e308 }))!.PyType,
            Is.EqualTo("OverflowError"));
    }

    [TestCase(8.0, 2.0, 3.0)]
    [TestCase(8.0, 1.0, Inf)]              // CPython: ZeroDivisionError
    [TestCase(0.0, 2.0, double.NegativeInfinity)]
    [TestCase(-1.0, 2.0, NaN)]
    [TestCase(1.0, 1.0, NaN)]
    [TestCase(100.0, 10.0, 2.0)]
    public void LogBase(double x, double b, double want) => Same(PyMath.Log(x, b), want);

    [TestCase(0.0, double.NegativeInfinity)]
    [TestCase(-1.0, NaN)]
    [TestCase(-0.0, double.NegativeInfinity)]
    public void LogDomain(double x, double want)
    {
        Same(PyMath.Log(x), want);
        Same(PyMath.Log2(x), want);
        Same(PyMath.Log10(x), want);
    }

    [TestCase(0.0, -1.0, Inf)]       // numba/C; CPython: ValueError
    [TestCase(-2.0, 0.5, NaN)]
    [TestCase(double.NegativeInfinity, 0.5, Inf)]
    [TestCase(1.0, NaN, 1.0)]
    public void Pow(double x, double y, double want) => Same(PyMath.Pow(x, y), want);

    [Test]
    public void Misc()
    {
        Same(PyMath.Degrees(1.0), 57.29577951308232);
        Same(PyMath.Radians(1.0), 0.017453292519943295);
        Same(PyMath.Fabs(-0.0), 0.0);
        Same(PyMath.CopySign(1.0, -0.0), -1.0);
        Same(PyMath.Cbrt(-8.0), -2.0);
        Same(PyMath.Exp2(3.0), 8.0);
        Same(PyMath.Exp2(-1074.0), 5e-324);
        Same(PyMath.Atan2(0.0, -0.0), Math.PI);
        Same(PyMath.Atan2(-0.0, -0.0), -Math.PI);
        Same(PyMath.Acosh(0.5), NaN);
        Same(PyMath.Atanh(1.0), Inf);
        Same(PyMath.Atanh(2.0), NaN);
        Assert.That(PyConvert.ToBool(NaN), Is.True);
        Assert.That(PyConvert.ToBool(-0.0), Is.False);
    }
}
