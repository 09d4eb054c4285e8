using System.Globalization;
using System.Numerics;

namespace NumJit.Runtime;

public static partial class PyArith
{
    // Exact powers of ten representable as doubles (10^22 is the largest).
    private static readonly double[] s_pow10 =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private const double TwoPow52 = 4503599627370496.0;

    /// <summary>
    /// round(x, ndigits) with CPython's result: the exact binary value of x is rounded
    /// half-to-even to ndigits decimal places and the decimal is then correctly rounded back to
    /// a double (CPython does this with dtoa; round(2.675, 2) == 2.67). This deliberately
    /// differs from numba 0.56, which scales by 10**ndigits in floating point and gets 2.68.
    /// When the rounded value overflows, CPython raises OverflowError; like numba we return
    /// +-inf instead.
    /// </summary>
    public static double Round(double x, long ndigits)
    {
        if (!double.IsFinite(x) || x == 0.0)
            return x;
        // CPython's NDIGITS_MAX / NDIGITS_MIN: beyond these the answer is x or a signed zero.
        if (ndigits > 323)
            return x;
        if (ndigits < -308)
            return 0.0 * x;
        int n = (int)ndigits;
        double ax = Math.Abs(x);

        if (n >= 0)
        {
            if (ax >= TwoPow52 || ax == Math.Floor(ax))
                return x;   // already an integer, nothing after the decimal point to round
            if (n <= 22)
            {
                double p = s_pow10[n];
                double y = ax * p;
                if (y < TwoPow52)
                {
                    // ax*p == y + err exactly (p is an integer, so no bits fall below 2^-1074).
                    double err = Math.FusedMultiplyAdd(ax, p, -y);
                    return Math.CopySign(RoundHalfEvenExact(y, err) / p, x);
                }
            }
            // If ten^-n is below half the gap to the nearest neighbour, the rounded decimal lies
            // within half a gap of x and so converts back to x. The factor 2 covers the error in
            // computing 10^-n.
            if (n <= 300)
            {
                double gapBelow = ax - Math.BitDecrement(ax);
                if (Math.Pow(10.0, -n) * 4.0 <= gapBelow)
                    return x;
            }
        }
        else
        {
            int k = -n;
            if (k <= 22)
            {
                double p = s_pow10[k];
                double y = ax / p;
                if (y < TwoPow52)
                {
                    // ax == y*p + rem exactly, so the true quotient is y + rem/p.
                    double rem = Math.FusedMultiplyAdd(-y, p, ax);
                    return Math.CopySign(RoundHalfEvenExact(y, rem) * p, x);
                }
            }
            else if (ax < 0.25 * Math.Pow(10.0, k))
            {
                return 0.0 * x;
            }
        }
        return RoundSlow(x, n);
    }

    /// <summary>
    /// Rounds the exact value y + corr half-to-even, where y >= 0 is below 2^52 and
    /// |corr| <= ulp(y)/2 (so only its sign matters, and only at an exact .5).
    /// </summary>
    private static double RoundHalfEvenExact(double y, double corr)
    {
        double fl = Math.Floor(y);
        double d = (y - fl) - 0.5;
        bool up = d > 0.0
            || (d == 0.0 && (corr > 0.0 || (corr == 0.0 && Math.IEEERemainder(fl, 2.0) != 0.0)));
        return up ? fl + 1.0 : fl;
    }

    /// <summary>Exact big-integer fallback; only reached for extreme ndigits or ~16+ significant digits.</summary>
    private static double RoundSlow(double x, int n)
    {
        long bits = BitConverter.DoubleToInt64Bits(x) & long.MaxValue;
        int biased = (int)(bits >> 52);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        int e;
        if (biased == 0) { e = -1074; }
        else { mant |= 1L << 52; e = biased - 1075; }

        BigInteger num = mant, den = BigInteger.One;
        if (n >= 0) num *= BigInteger.Pow(10, n);
        else den = BigInteger.Pow(10, -n);
        if (e >= 0) num <<= e;
        else den <<= -e;

        BigInteger q = BigInteger.DivRem(num, den, out BigInteger r);
        int c = (r << 1).CompareTo(den);
        if (c > 0 || (c == 0 && !q.IsEven)) q += 1;

        // .NET Core's parser is correctly rounded and returns inf on overflow.
        string s = q.ToString(CultureInfo.InvariantCulture) + "E" + (-n).ToString(CultureInfo.InvariantCulture);
        double v = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.CopySign(v, x);
    }
}
