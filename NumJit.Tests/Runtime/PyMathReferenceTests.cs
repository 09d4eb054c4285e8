using NUnit.Framework;
using NumJit.Runtime;

namespace NumJit.Tests.Runtime;

/// <summary>
/// Sweeps generated CPython 3.11 reference values (Data/math_ref.txt, made by a throwaway
/// script from random inputs; inputs where CPython raises are left out, those edge cases are in
/// <see cref="PyMathTests"/>). Functions that are exact in CPython are compared bit for bit.
/// </summary>
[TestFixture]
public class PyMathReferenceTests
{
    private const string File = "math_ref.txt";

    // Bit-exact: same algorithm (gamma, lgamma), exact operations, or the same libm call.
    [TestCase("gamma")]
    [TestCase("lgamma")]
    [TestCase("fmod")]
    [TestCase("remainder")]
    [TestCase("frexp")]
    [TestCase("modf")]
    [TestCase("ulp")]
    [TestCase("ldexp")]
    [TestCase("fsum")]
    [TestCase("cbrt")]
    [TestCase("log2")]
    [TestCase("log10")]
    [TestCase("logb")]
    [TestCase("atanh")]
    [TestCase("asinh")]
    [TestCase("acosh")]
    [TestCase("degrees")]
    [TestCase("radians")]
    [TestCase("atan2")]
    public void Exact(string name) => Sweep(name, 0);

    // Ours are computed in double-double and are correctly rounded in all sampled cases
    // (erf/erfc checked against a 60-digit reference: max error 0.4998 ulp). CPython uses glibc
    // (erf, erfc, expm1, log1p) or its own vector_norm (hypot). Measured difference to CPython
    // on 3000-4000 random inputs each: erf, expm1, log1p <= 1 ulp (96-99% bit-identical);
    // erfc <= 2 ulp (73% identical; glibc's erfc itself is up to 2.4 ulp from the true value).
    [TestCase("erf", 1)]
    [TestCase("erfc", 2)]
    [TestCase("expm1", 1)]
    [TestCase("log1p", 1)]
    [TestCase("hypot", 1)]
    [TestCase("hypotn", 1)]
    [TestCase("exp2", 1)]
    public void WithinUlps(string name, int maxUlps) => Sweep(name, maxUlps);

    private static void Sweep(string name, long maxUlps)
    {
        int count = 0, inexact = 0;
        long worst = 0;
        var failures = new List<string>();
        foreach (string[] row in RefData.Rows(File, name))
        {
            count++;
            (double[] got, double[] want) = Evaluate(name, row);
            for (int i = 0; i < got.Length; i++)
            {
                long d = RefData.UlpDistance(got[i], want[i]);
                bool ok = maxUlps == 0 ? RefData.SameDouble(got[i], want[i]) : d <= maxUlps;
                if (d > 0) inexact++;
                worst = Math.Max(worst, d);
                if (!ok) failures.Add($"{string.Join(' ', row)} got {RefData.Show(got[i])} ({d} ulp)");
            }
        }
        TestContext.Out.WriteLine($"{name}: {count} cases, {inexact} not bit-identical, worst {worst} ulp");
        Assert.That(count, Is.GreaterThan(10));
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
    }

    private static (double[] Got, double[] Want) Evaluate(string name, string[] row)
    {
        double A(int i) => RefData.D(row[i]);
        double[] W(int n) => row[^n..].Select(RefData.D).ToArray();
        switch (name)
        {
            case "frexp":
            {
                var (m, e) = PyMath.Frexp(A(1));
                return (new[] { m, e }, W(2));
            }
            case "modf":
            {
                var (f, i) = PyMath.Modf(A(1));
                return (new[] { f, i }, W(2));
            }
            case "ldexp":
                return (new[] { PyMath.Ldexp(A(1), RefData.L(row[2])) }, W(1));
            case "hypotn":
            case "fsum":
            {
                double[] xs = row[1..^1].Select(RefData.D).ToArray();
                double v = name == "fsum" ? PyMath.Fsum(xs) : PyMath.Hypot(xs);
                return (new[] { v }, W(1));
            }
        }
        double r = name switch
        {
            "gamma" => PyMath.Gamma(A(1)),
            "lgamma" => PyMath.Lgamma(A(1)),
            "erf" => PyMath.ErfPortable(A(1)),
            "erfc" => PyMath.ErfcPortable(A(1)),
            "expm1" => PyMath.Expm1Portable(A(1)),
            "log1p" => PyMath.Log1pPortable(A(1)),
            "hypot" => PyMath.Hypot(A(1), A(2)),
            "fmod" => PyMath.Fmod(A(1), A(2)),
            "remainder" => PyMath.Remainder(A(1), A(2)),
            "ulp" => PyMath.Ulp(A(1)),
            "cbrt" => PyMath.Cbrt(A(1)),
            "exp2" => PyMath.Exp2(A(1)),
            "log2" => PyMath.Log2(A(1)),
            "log10" => PyMath.Log10(A(1)),
            "logb" => PyMath.Log(A(1), A(2)),
            "atanh" => PyMath.Atanh(A(1)),
            "asinh" => PyMath.Asinh(A(1)),
            "acosh" => PyMath.Acosh(A(1)),
            "degrees" => PyMath.Degrees(A(1)),
            "radians" => PyMath.Radians(A(1)),
            "atan2" => PyMath.Atan2(A(1), A(2)),
            _ => throw new ArgumentException(name),
        };
        return (new[] { r }, W(1));
    }
}
