using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>
/// Python-semantics arithmetic for compiled code, matching numba 0.56's nopython mode
/// (which matches CPython except where noted). Integer ops wrap like int64 two's complement.
/// Exception messages are numba's.
/// </summary>
public static partial class PyArith
{
    // Numba switches from repeated squaring to pow() for integer exponents above this.
    private const long PowLoopLimit = 0x10000;

    // ---------------------------------------------------------------- int64

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloorDiv(long a, long b)
    {
        if (b == 0) PyThrow.ZeroDivision("integer division by zero");
        // Also dodges the hardware trap for MinValue / -1; numba yields 0 there, not MinValue.
        if (b == -1) return a == long.MinValue ? 0 : -a;
        long q = a / b;
        if ((a ^ b) < 0 && q * b != a) q--;
        return q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Mod(long a, long b)
    {
        if (b == 0) PyThrow.ZeroDivision("integer modulo by zero");
        if (b == -1) return 0;
        long r = a % b;
        if (r != 0 && (r ^ b) < 0) r += b;
        return r;
    }

    public static (long Quotient, long Remainder) DivMod(long a, long b)
    {
        if (b == 0) PyThrow.ZeroDivision("integer divmod by zero");
        if (b == -1) return (a == long.MinValue ? 0 : -a, 0);
        long q = a / b;
        long r = a - q * b;
        if (r != 0 && (r ^ b) < 0) { q--; r += b; }
        return (q, r);
    }

    /// <summary>int / int: numba converts both operands to float first (not CPython's exact quotient).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TrueDiv(long a, long b)
    {
        if (b == 0) PyThrow.ZeroDivision("division by zero");
        return (double)a / (double)b;
    }

    /// <summary>
    /// int ** int as numba does it: negative exponents give 0 unless the base is +-1
    /// (0 raises), exponents above 0x10000 go through float pow() and the int64 conversion
    /// (so overflow shows up as long.MinValue), smaller ones use wrapping repeated squaring.
    /// Numba's implementation returns "1.0 / r if invert else r", which unifies to float64,
    /// so even the wrapped integer result makes a round trip through double: results beyond
    /// 2^53 lose their low bits (3 ** 40 == -6289078614652622848, not the wrapped odd value).
    /// </summary>
    public static long Pow(long a, long b)
    {
        ulong e;
        if (b < 0)
        {
            if (b == long.MinValue) PyThrow.Overflow("");
            if (a == 0) PyThrow.ZeroDivision("0 cannot be raised to a negative power");
            if (a != 1 && a != -1) return 0;
            e = (ulong)(-b);
        }
        else
        {
            e = (ulong)b;
        }
        if (e > PowLoopLimit)
            return PyConvert.FloatToLong(Math.Pow(a, b));
        long r = 1;
        while (e != 0)
        {
            if ((e & 1) != 0) r = unchecked(r * a);
            e >>= 1;
            a = unchecked(a * a);
        }
        return PyConvert.FloatToLong(r);
    }

    /// <summary>abs() of an int64 wraps for MinValue, like numba.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Abs(long a) => a < 0 ? unchecked(-a) : a;

    // ---------------------------------------------------------------- uint64

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong FloorDiv(ulong a, ulong b)
    {
        if (b == 0) PyThrow.ZeroDivision("integer division by zero");
        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mod(ulong a, ulong b)
    {
        if (b == 0) PyThrow.ZeroDivision("integer modulo by zero");
        return a % b;
    }

    public static (ulong Quotient, ulong Remainder) DivMod(ulong a, ulong b)
    {
        if (b == 0) PyThrow.ZeroDivision("integer divmod by zero");
        return (a / b, a % b);
    }

    public static ulong Pow(ulong a, ulong b)
    {
        if (b > PowLoopLimit)
        {
            // Numba converts the float pow() result back to uint64; an overflowing (inf)
            // result comes out as ulong.MaxValue there.
            return FloatToULong(Math.Pow(a, b));
        }
        ulong r = 1;
        while (b != 0)
        {
            if ((b & 1) != 0) r = unchecked(r * a);
            b >>= 1;
            a = unchecked(a * a);
        }
        // Same float64 round trip as the signed version.
        return FloatToULong(r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FloatToULong(double p) => p < 18446744073709551616.0 ? (ulong)p : ulong.MaxValue;

    // ---------------------------------------------------------------- float64

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TrueDiv(double a, double b)
    {
        if (b == 0.0) PyThrow.ZeroDivision("division by zero");
        return a / b;
    }

    public static double FloorDiv(double a, double b)
    {
        if (b == 0.0) PyThrow.ZeroDivision("division by zero");
        return DivModCore(a, b, out _);
    }

    public static double Mod(double a, double b)
    {
        if (b == 0.0) PyThrow.ZeroDivision("modulo by zero");
        // float_rem's sign fix-up alone, without the quotient work.
        double mod = a % b;
        if (mod != 0.0)
        {
            if ((b < 0.0) != (mod < 0.0)) mod += b;
        }
        else
        {
            mod = Math.CopySign(0.0, b);
        }
        return mod;
    }

    public static (double Quotient, double Remainder) DivMod(double a, double b)
    {
        if (b == 0.0) PyThrow.ZeroDivision("modulo by zero");
        double q = DivModCore(a, b, out double r);
        return (q, r);
    }

    /// <summary>
    /// CPython's float_divmod: the quotient is derived from the exact fmod remainder so that
    /// a == q*b + r holds as closely as possible, then snapped to an integer. nan in the
    /// comparisons deliberately falls through the same way it does in C.
    /// </summary>
    private static double DivModCore(double vx, double wx, out double rem)
    {
        double mod = vx % wx;   // .NET's % is exact C fmod
        double div = (vx - mod) / wx;
        if (mod != 0.0 || double.IsNaN(mod))
        {
            if ((wx < 0.0) != (mod < 0.0))
            {
                mod += wx;
                div -= 1.0;
            }
        }
        else
        {
            mod = Math.CopySign(0.0, wx);
        }
        double floordiv;
        if (div != 0.0 || double.IsNaN(div))
        {
            floordiv = Math.Floor(div);
            if (div - floordiv > 0.5) floordiv += 1.0;
        }
        else
        {
            floordiv = Math.CopySign(0.0, vx / wx);
        }
        rem = mod;
        return floordiv;
    }

    /// <summary>float ** float: numba compiles this to C pow(), so no Python exceptions: 0.0 ** -1.0 is inf, (-8.0) ** (1/3) is nan.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double a, double b) => Math.Pow(a, b);

    /// <summary>
    /// float ** int as numba does it: repeated squaring (so results can differ from pow() in
    /// the last bits), pow() above 0x10000, and a ZeroDivisionError when a negative exponent
    /// meets a zero intermediate (0.0 ** -1, or underflow as in 1e-200 ** -2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double a, long b)
    {
        // The large-exponent test inlines into the caller, so big exponents reach pow() directly.
        if ((ulong)(b + PowLoopLimit) > 2 * PowLoopLimit && b != long.MinValue) return Math.Pow(a, b);
        return PowBySquaring(a, b);
    }

    private static double PowBySquaring(double a, long b)
    {
        bool invert = b < 0;
        ulong e;
        if (invert)
        {
            if (b == long.MinValue) PyThrow.Overflow("");
            e = (ulong)(-b);
        }
        else
        {
            e = (ulong)b;
        }
        if (e > PowLoopLimit)
            return Math.Pow(a, b);
        double r = 1.0;
        while (e != 0)
        {
            if ((e & 1) != 0) r *= a;
            e >>= 1;
            a *= a;
        }
        if (invert)
        {
            if (r == 0.0) PyThrow.ZeroDivision("division by zero");
            return 1.0 / r;
        }
        return r;
    }

    /// <summary>round(x) -> int: half to even; out-of-range and non-finite give long.MinValue like numba.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Round(double x) => PyConvert.FloatToLong(Math.Round(x, MidpointRounding.ToEven));
}
