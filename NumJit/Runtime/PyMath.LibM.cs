using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

public static partial class PyMath
{
    /// <summary>math.erf: libm's when present (as CPython), else <see cref="ErfPortable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Erf(double x) => LibM.Available ? LibM.erf(x) : ErfPortable(x);

    /// <summary>math.erfc: libm's when present (as CPython), else <see cref="ErfcPortable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Erfc(double x) => LibM.Available ? LibM.erfc(x) : ErfcPortable(x);

    /// <summary>math.expm1: libm's when present (as CPython), else <see cref="Expm1Portable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Expm1(double x) => LibM.Available ? LibM.expm1(x) : Expm1Portable(x);

    /// <summary>math.log1p: libm's when present (as CPython), else <see cref="Log1pPortable"/>;
    /// log1p(-1) is -inf and below -1 nan, with no exception (numba).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log1p(double x) => LibM.Available ? LibM.log1p(x) : Log1pPortable(x);
}
