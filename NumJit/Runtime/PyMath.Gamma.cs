namespace NumJit.Runtime;

public static partial class PyMath
{
    // CPython's gamma/lgamma (Modules/mathmodule.c, shared with numba's helper library):
    // the Lanczos approximation with N = 13, g = 6.024680040776729583740234375, written as a
    // rational function whose denominator is x(x+1)...(x+11). The same constants, operation
    // order and libm calls are used so the results match CPython bit for bit.
    private const int LanczosN = 13;
    private const double LanczosG = 6.024680040776729583740234375;
    private const double LanczosGMinusHalf = 5.524680040776729583740234375;
    private const double LogPi = 1.1447298858494002;

    private static readonly double[] s_lanczosNum =
    {
        23531376880.410759688572007674451636754734846804940,
        42919803642.649098768957899047001988850926355848959,
        35711959237.355668049440185451547166705960488635843,
        17921034426.037209699919755754458931112671403265390,
        6039542586.3520280050642916443072979210699388420708,
        1439720407.3117216736632230727949123939715485786772,
        248874557.86205415651146038641322942321632125127801,
        31426415.585400194380614231628318205362874684987640,
        2876370.6289353724412254090516208496135991145378768,
        186056.26539522349504029498971604569928220784236328,
        8071.6720023658162106380029022722506138218516325024,
        210.82427775157934587250973392071336271166969580291,
        2.5066282746310002701649081771338373386264310793408,
    };

    // Coefficients of x(x+1)...(x+11), lowest degree first.
    private static readonly double[] s_lanczosDen =
    {
        0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
        13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0,
    };

    // gamma(n) for n = 1..23 is exact in double; CPython returns these directly.
    private static readonly double[] s_gammaIntegral =
    {
        1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0,
        39916800.0, 479001600.0, 6227020800.0, 87178291200.0, 1307674368000.0,
        20922789888000.0, 355687428096000.0, 6402373705728000.0, 121645100408832000.0,
        2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0,
    };

    private static double LanczosSum(double x)
    {
        double num = 0.0, den = 0.0;
        // For large x evaluate as a rational function of 1/x to avoid overflow.
        if (x < 5.0)
        {
            for (int i = LanczosN - 1; i >= 0; i--)
            {
                num = num * x + s_lanczosNum[i];
                den = den * x + s_lanczosDen[i];
            }
        }
        else
        {
            for (int i = 0; i < LanczosN; i++)
            {
                num = num / x + s_lanczosNum[i];
                den = den / x + s_lanczosDen[i];
            }
        }
        return num / den;
    }

    /// <summary>sin(pi*x) for finite x, reduced first so that it is exact at integers and half-integers.</summary>
    private static double SinPi(double x)
    {
        double y = Math.Abs(x) % 2.0;
        int n = (int)Math.Round(2.0 * y, MidpointRounding.AwayFromZero);   // C round()
        double r = n switch
        {
            0 => Math.Sin(Math.PI * y),
            1 => Math.Cos(Math.PI * (y - 0.5)),
            // sin(pi*(1-y)), not -sin(pi*(y-1)): the latter gives -0.0 at y == 1.
            2 => Math.Sin(Math.PI * (1.0 - y)),
            3 => -Math.Cos(Math.PI * (y - 1.5)),
            _ => Math.Sin(Math.PI * (y - 2.0)),
        };
        return Math.CopySign(1.0, x) * r;
    }

    /// <summary>
    /// math.gamma with CPython's values. Poles and overflow return what numba returns instead of
    /// raising: gamma(+-0.0) = +-inf, gamma(negative integer) = nan, gamma(-inf) = nan,
    /// overflow = inf.
    /// </summary>
    public static double Gamma(double x)
    {
        if (!double.IsFinite(x))
            return double.IsNaN(x) || x > 0.0 ? x : double.NaN;
        if (x == 0.0)
            return Math.CopySign(double.PositiveInfinity, x);
        if (x == Math.Floor(x))
        {
            if (x < 0.0) return double.NaN;
            if (x <= s_gammaIntegral.Length) return s_gammaIntegral[(int)x - 1];
        }
        double absx = Math.Abs(x);
        if (absx < 1e-20)
            return 1.0 / x;
        if (absx > 200.0)
            return x < 0.0 ? 0.0 / SinPi(x) : double.PositiveInfinity;

        double y = absx + LanczosGMinusHalf;
        // Recover the rounding error of y so the exp/pow below can be corrected for it.
        double z;
        if (absx > LanczosGMinusHalf)
        {
            double q = y - absx;
            z = q - LanczosGMinusHalf;
        }
        else
        {
            double q = y - LanczosGMinusHalf;
            z = q - absx;
        }
        z = z * LanczosG / y;

        double r;
        if (x < 0.0)
        {
            r = -Math.PI / SinPi(absx) / absx * Math.Exp(y) / LanczosSum(absx);
            r -= z * r;
            if (absx < 140.0)
            {
                r /= Math.Pow(y, absx - 0.5);
            }
            else
            {
                double sqrtpow = Math.Pow(y, absx / 2.0 - 0.25);
                r /= sqrtpow;
                r /= sqrtpow;
            }
        }
        else
        {
            r = LanczosSum(absx) / Math.Exp(y);
            r += z * r;
            if (absx < 140.0)
            {
                r *= Math.Pow(y, absx - 0.5);
            }
            else
            {
                double sqrtpow = Math.Pow(y, absx / 2.0 - 0.25);
                r *= sqrtpow;
                r *= sqrtpow;
            }
        }
        return r;
    }

    /// <summary>math.lgamma with CPython's values; poles give inf (CPython raises ValueError, numba returns inf).</summary>
    public static double Lgamma(double x)
    {
        if (!double.IsFinite(x))
            return double.IsNaN(x) ? x : double.PositiveInfinity;
        if (x == Math.Floor(x) && x <= 2.0)
            return x <= 0.0 ? double.PositiveInfinity : 0.0;
        double absx = Math.Abs(x);
        if (absx < 1e-20)
            return -Math.Log(absx);
        double r = Math.Log(LanczosSum(absx)) - LanczosG;
        r += (absx - 0.5) * (Math.Log(absx + LanczosG - 0.5) - 1);
        if (x < 0.0)
            r = LogPi - Math.Log(Math.Abs(SinPi(absx))) - Math.Log(absx) - r;
        return r;
    }
}
