using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>
/// Throw helpers kept out of line so that the arithmetic helpers that call them stay small
/// enough for the JIT to inline into compiled user code. They must not be NoInlining: the
/// JIT's inline probe is what discovers that they never return, which keeps loop-carried
/// floating-point values in registers across the (cold) call.
/// </summary>
internal static class PyThrow
{
    [DoesNotReturn]
    public static void ZeroDivision(string message) => throw new PyException("ZeroDivisionError", message);

    [DoesNotReturn]
    public static void Value(string message) => throw new PyException("ValueError", message);

    [DoesNotReturn]
    public static void Overflow(string message) => throw new PyException("OverflowError", message);
}
