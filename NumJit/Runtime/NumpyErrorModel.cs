using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>
/// error_model='numpy': division by zero does not raise; floats give inf/nan as IEEE says and
/// integers give 0, as numpy's ufuncs do (numba's default, 'python', raises ZeroDivisionError).
/// </summary>
public static class NumpyErrorModel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TrueDiv(double a, double b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FloorDiv(double a, double b) => b == 0.0 ? a / b : PyArith.FloorDiv(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Mod(double a, double b) => b == 0.0 ? double.NaN : PyArith.Mod(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloorDiv(long a, long b) => b == 0 ? 0 : PyArith.FloorDiv(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Mod(long a, long b) => b == 0 ? 0 : PyArith.Mod(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong FloorDiv(ulong a, ulong b) => b == 0 ? 0 : PyArith.FloorDiv(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mod(ulong a, ulong b) => b == 0 ? 0 : PyArith.Mod(a, b);
}

/// <summary>boundscheck=True: the IndexError numpy raises, naming the index, axis and size.</summary>
public static class BoundsCheck
{
    [DoesNotReturn]
    public static void Fail(long index, int axis, long size) =>
        throw new PyException("IndexError", $"index {index} is out of bounds for axis {axis} with size {size}");
}
