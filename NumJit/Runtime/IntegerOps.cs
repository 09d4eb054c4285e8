using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>Shifts with Python's meaning for counts the hardware treats differently.</summary>
public static class IntegerOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LeftShift(long value, long count)
    {
        if ((ulong)count < 64) return value << (int)count;
        if (count < 0) throw new PyException("ValueError", "negative shift count");
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RightShift(long value, long count)
    {
        if ((ulong)count < 64) return value >> (int)count;
        if (count < 0) throw new PyException("ValueError", "negative shift count");
        return value < 0 ? -1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LeftShift(ulong value, ulong count) => count < 64 ? value << (int)count : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong RightShift(ulong value, ulong count) => count < 64 ? value >> (int)count : 0;

    /// <summary>range(start, stop, step) as a value (stored in a variable, passed to len).</summary>
    public static (long Start, long Stop, long Step) MakeRange(long start, long stop, long step)
    {
        if (step == 0) throw new PyException("ValueError", "range() arg 3 must not be zero");
        return (start, stop, step);
    }

    /// <summary>pow(base, exp, mod) with Python's rules: the result has the sign of mod, a
    /// negative exponent means the modular inverse.</summary>
    public static long ModPow(long value, long exponent, long modulus)
    {
        if (modulus == 0) throw new PyException("ValueError", "pow() 3rd argument cannot be 0");
        Int128 m = Int128.Abs(modulus);
        Int128 b = ((Int128)value % m + m) % m;
        if (exponent < 0)
        {
            b = Inverse(b, m);
            exponent = -exponent;
        }
        Int128 result = 1 % m;
        ulong e = (ulong)exponent;
        while (e != 0)
        {
            if ((e & 1) != 0) result = result * b % m;
            b = b * b % m;
            e >>= 1;
        }
        if (modulus < 0 && result != 0) result -= m;
        return (long)result;
    }

    private static Int128 Inverse(Int128 value, Int128 modulus)
    {
        Int128 oldR = value, r = modulus, oldS = 1, s = 0;
        while (r != 0)
        {
            Int128 q = oldR / r;
            (oldR, r) = (r, oldR - q * r);
            (oldS, s) = (s, oldS - q * s);
        }
        if (oldR != 1) throw new PyException("ValueError", "base is not invertible for the given modulus");
        return (oldS % modulus + modulus) % modulus;
    }

    /// <summary>len(range(start, stop, step)).</summary>
    public static long RangeLength(long start, long stop, long step)
    {
        if (step == 0) throw new PyException("ValueError", "range() arg 3 must not be zero");
        if (step > 0) return stop > start ? (stop - start - 1) / step + 1 : 0;
        return stop < start ? (start - stop - 1) / -step + 1 : 0;
    }

    /// <summary>Python's min/max: the first argument wins ties, NaN comparisons keep the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b) => b < a ? b : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => b > a ? b : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b) => b < a ? b : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => b > a ? b : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Min(long a, long b) => b < a ? b : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Max(long a, long b) => b > a ? b : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Min(ulong a, ulong b) => b < a ? b : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Max(ulong a, ulong b) => b > a ? b : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Min(bool a, bool b) => a && b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Max(bool a, bool b) => a || b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double a) => Math.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float a) => Math.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Abs(long a) => a < 0 ? unchecked(-a) : a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Abs(ulong a) => a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TrueDiv(float a, float b)
    {
        if (b == 0) throw new PyException("ZeroDivisionError", "division by zero");
        return a / b;
    }

    public static void IndexError(string message) => throw new PyException("IndexError", message);
}
