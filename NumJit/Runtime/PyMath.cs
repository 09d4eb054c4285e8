using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>
/// Python 3.11 <c>math</c> functions that System.Math lacks or gets subtly different.
/// Domain policy follows numba's nopython mode: float functions never raise domain or range
/// errors and return what C's libm would (nan / +-inf) instead. Functions numba does not
/// support give CPython's values, again without the exceptions. Integer-valued functions
/// (factorial, comb, ...) do raise, since there is no nan to return.
/// </summary>
public static partial class PyMath
{
    private const double TwoPow63 = 9223372036854775808.0;
    private const double DegToRad = Math.PI / 180.0;
    private const double RadToDeg = 180.0 / Math.PI;

    // ---------------------------------------------------------------- rounding to int

    /// <summary>math.trunc -> int64; nan, inf and out-of-range give long.MinValue as in numba.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Trunc(double x) => PyConvert.FloatToLong(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Floor(double x) => PyConvert.FloatToLong(Math.Floor(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Ceil(double x) => PyConvert.FloatToLong(Math.Ceiling(x));

    // ---------------------------------------------------------------- simple wrappers

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double CopySign(double x, double y) => Math.CopySign(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Fabs(double x) => Math.Abs(x);

    // CPython multiplies by a rounded constant rather than computing x*180/pi; so do we.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Degrees(double x) => x * RadToDeg;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Radians(double x) => x * DegToRad;

    /// <summary>math.pow: C pow() semantics as numba uses (0.0 ** -1.0 is inf, (-2.0) ** 0.5 is nan; no ValueError).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double x, double y) => Math.Pow(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Atan2(double y, double x) => Math.Atan2(y, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Acosh(double x) => Math.Acosh(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Asinh(double x) => Math.Asinh(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Atanh(double x) => Math.Atanh(x);

    /// <summary>On glibc this is libm cbrt, the same function CPython 3.11 calls.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Cbrt(double x) => Math.Cbrt(x);

    /// <summary>
    /// math.exp2. .NET has no exp2 binding; pow(2, x) from the same libm agrees with exp2 except
    /// possibly in the last bit for non-integral x (both are within 1 ulp of the true value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp2(double x) => Math.Pow(2.0, x);

    /// <summary>math.log(x): log(0) is -inf and log(negative) nan, as in numba.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => Math.Log(x);

    /// <summary>
    /// math.log(x, base) = log(x) / log(base) like CPython; where CPython raises
    /// (ZeroDivisionError for base 1, ValueError for non-positive inputs) this returns the C
    /// quotient (inf, -inf or nan) instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x, double logBase) => Math.Log(x) / Math.Log(logBase);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log2(double x) => Math.Log2(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log10(double x) => Math.Log10(x);

    // ---------------------------------------------------------------- remainders

    /// <summary>math.fmod: C fmod (exact). CPython raises ValueError for fmod(inf, y) and fmod(x, 0); those give nan.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Fmod(double x, double y) => x % y;

    /// <summary>
    /// math.remainder: IEEE 754 remainder, x - n*y with n the integer nearest x/y (ties to
    /// even). Computed from fmod, which is exact, so the result is exact too. Cases where
    /// CPython raises ValueError (x infinite, y zero) give nan.
    /// </summary>
    public static double Remainder(double x, double y)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsNaN(y)) return y;
        if (double.IsInfinity(x) || y == 0.0) return double.NaN;
        if (double.IsInfinity(y)) return x;

        double absx = Math.Abs(x), absy = Math.Abs(y);
        double m = absx % absy;
        // m is in [0, absy); the candidates are m and m - absy, the nearer one wins.
        double c = absy - m;
        double r;
        if (m < c)
        {
            r = m;
        }
        else if (m > c)
        {
            r = -c;
        }
        else
        {
            // Exactly halfway: choose the candidate whose quotient is even. 0.5*(absx - m) is
            // exact here (m has at most absx's precision and absx - m is a multiple of absy).
            r = m - 2.0 * ((0.5 * (absx - m)) % absy);
        }
        return Math.CopySign(1.0, x) * r;
    }

    // ---------------------------------------------------------------- decomposition

    /// <summary>math.frexp: (m, e) with x == m * 2**e and 0.5 <= |m| < 1; (x, 0) for 0, inf and nan.</summary>
    public static (double Mantissa, long Exponent) Frexp(double x)
    {
        if (x == 0.0 || !double.IsFinite(x))
            return (x, 0);
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        int adjust = 0;
        if (biased == 0)
        {
            // Subnormal: scale into the normal range first so the exponent field is meaningful.
            x *= 18014398509481984.0;   // 2^54
            bits = BitConverter.DoubleToInt64Bits(x);
            biased = (int)((bits >> 52) & 0x7FF);
            adjust = -54;
        }
        long mbits = (bits & ~(0x7FFL << 52)) | (1022L << 52);
        return (BitConverter.Int64BitsToDouble(mbits), biased - 1022 + adjust);
    }

    /// <summary>
    /// math.ldexp. Overflow gives +-inf (CPython raises OverflowError; numba returns inf).
    /// Exponents beyond the int range are clamped rather than truncated to 32 bits as numba
    /// 0.56 accidentally does (it returns 1.0 for ldexp(1.0, 2**40)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Ldexp(double x, long i) => Math.ScaleB(x, (int)Math.Clamp(i, -4000L, 4000L));

    /// <summary>math.modf: (fractional, integral) parts, both carrying x's sign; modf(inf) = (+-0.0, inf).</summary>
    public static (double Fractional, double Integral) Modf(double x)
    {
        if (double.IsInfinity(x))
            return (Math.CopySign(0.0, x), x);
        double ip = Math.Truncate(x);
        return (Math.CopySign(x - ip, x), ip);
    }

    // ---------------------------------------------------------------- neighbours

    /// <summary>math.nextafter(x, y) (Python 3.11 form, one step).</summary>
    public static double NextAfter(double x, double y)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsNaN(y)) return y;
        if (x == y) return y;   // also gives nextafter(0.0, -0.0) == -0.0 like C
        return x < y ? Math.BitIncrement(x) : Math.BitDecrement(x);
    }

    /// <summary>math.ulp: the gap to the next double away from zero (for DBL_MAX, the gap below).</summary>
    public static double Ulp(double x)
    {
        if (double.IsNaN(x)) return x;
        x = Math.Abs(x);
        if (double.IsInfinity(x)) return x;
        double up = Math.BitIncrement(x);
        if (double.IsInfinity(up))
            return x - Math.BitDecrement(x);
        return up - x;
    }

    /// <summary>math.isclose with CPython's symmetric test. Negative tolerances raise ValueError as in CPython (an argument error, not a domain error).</summary>
    public static bool IsClose(double a, double b, double relTol = 1e-09, double absTol = 0.0)
    {
        if (relTol < 0.0 || absTol < 0.0)
            PyThrow.Value("tolerances must be non-negative");
        if (a == b) return true;
        if (double.IsInfinity(a) || double.IsInfinity(b)) return false;
        double diff = Math.Abs(b - a);
        return diff <= Math.Abs(relTol * b) || diff <= Math.Abs(relTol * a) || diff <= absTol;
    }
}
