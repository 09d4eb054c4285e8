using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>
/// Throw helpers kept out of line so that the arithmetic helpers that call them stay small
/// enough for the JIT to inline into compiled user code.
/// </summary>
internal static class PyThrow
{
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ZeroDivision(string message) => throw new PyException("ZeroDivisionError", message);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void Value(string message) => throw new PyException("ValueError", message);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void Overflow(string message) => throw new PyException("OverflowError", message);
}
