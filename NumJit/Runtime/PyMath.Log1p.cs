namespace NumJit.Runtime;

public static partial class PyMath
{
    /// <summary>
    /// math.expm1. .NET's double.ExpM1 is exp(x) - 1 and loses all precision near 0, so this is
    /// computed in double-double; results are correctly rounded except in rare near-halfway
    /// cases (glibc, which CPython uses, is likewise within 1 ulp).
    /// </summary>
    public static double Expm1Portable(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < 1e-4)
        {
            if (ax < 1.1102230246251565e-16) return x;   // also keeps -0.0
            // x^6/720 < 2e-27: five terms are far beyond double precision.
            double tail = x * x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120))));
            return x + tail;
        }
        if (x > 709.8) return double.PositiveInfinity;
        if (x < -40.0) return -1.0;   // e^-40 < 2^-54: -1 + e^x rounds to -1
        DoubleDouble m = DoubleDouble.Exp(new DoubleDouble(x, 0.0), out int k, out DoubleDouble mMinus1);
        if (k == 0) return mMinus1.Value;
        if (k >= 1000) return Math.ScaleB(m.Value, k);   // the -1 is far below an ulp
        return (m.ScaleB(k) + (-1.0)).Value;
    }

    /// <summary>
    /// math.log1p, to double-double accuracy. log1p(-1) is -inf and log1p(x < -1) nan, as with
    /// C (CPython raises ValueError).
    /// </summary>
    public static double Log1pPortable(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < 1e-4)
        {
            if (ax < 1.1102230246251565e-16) return x;
            // x^6/6 < 2e-25 relative: five terms suffice.
            double tail = x * x * (-0.5 + x * (1.0 / 3 + x * (-0.25 + x * 0.2)));
            return x + tail;
        }
        if (x <= -1.0) return x == -1.0 ? double.NegativeInfinity : double.NaN;
        if (double.IsPositiveInfinity(x)) return x;

        // 1 + x exactly, then one Newton step on y0 = log(hi): log(u) = y0 + log(u * e^-y0),
        // where u * e^-y0 = 1 + d with d tiny, so log(1 + d) = d - d^2/2 is plenty.
        DoubleDouble u = DoubleDouble.TwoSum(1.0, x);
        double y0 = Math.Log(u.Hi);
        DoubleDouble e = DoubleDouble.Exp(new DoubleDouble(-y0, 0.0), out int k, out _);
        // Scale u rather than e so neither side under- or overflows for huge x.
        DoubleDouble d = u.ScaleB(k) * e + (-1.0);
        double dd = d.Hi;
        DoubleDouble y = new DoubleDouble(y0, 0.0) + d + (-0.5 * dd * dd);
        return y.Value;
    }
}
