using System.Runtime.InteropServices;

namespace NumJit.Runtime;

/// <summary>
/// The C math library CPython itself calls for erf, erfc, expm1 and log1p, so that compiled code
/// returns bit-identical results on glibc systems. Elsewhere the portable double-double
/// implementations in <see cref="PyMath"/> (within 1 ulp) are used.
/// </summary>
internal static partial class LibM
{
    private const string Library = "libm.so.6";

    public static readonly bool Available = Probe();

    private static bool Probe()
    {
        try { return erf(0.5) > 0.5; }
        catch (Exception) { return false; }   // DllNotFoundException, EntryPointNotFoundException
    }

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial double erf(double x);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial double erfc(double x);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial double expm1(double x);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial double log1p(double x);
}
