using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>Conversions with the semantics numba's nopython mode gives them.</summary>
public static class PyConvert
{
    // 2^63 as a double; every double in [-2^63, 2^63) truncates to a representable int64.
    private const double TwoPow63 = 9223372036854775808.0;

    /// <summary>
    /// int(x) for a float: truncation toward zero. Out-of-range values, inf and nan give
    /// long.MinValue, because numba compiles int(x) to cvttsd2si whose "integer indefinite"
    /// result is 0x8000000000000000 (CPython would raise instead). .NET's own cast saturates,
    /// so the range check is required to reproduce numba.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloatToLong(double x)
    {
        // cvttsd2si itself: one instruction, and its "integer indefinite" is numba's answer.
        if (System.Runtime.Intrinsics.X86.Sse2.X64.IsSupported)
            return System.Runtime.Intrinsics.X86.Sse2.X64.ConvertToInt64WithTruncation(System.Runtime.Intrinsics.Vector128.CreateScalarUnsafe(x));
        // Written so that nan fails the test.
        if (x >= -TwoPow63 && x < TwoPow63)
            return (long)x;
        return long.MinValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LongToDouble(long x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ULongToDouble(ulong x) => x;

    /// <summary>bool(x) for a float: nan is truthy in Python, which a naive "x != 0" gets right but "x > 0 || x < 0" does not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ToBool(double x) => x != 0.0;
}
