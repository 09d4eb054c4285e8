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
