namespace NumJit.Runtime;

/// <summary>
/// Recursion guard for compiled code. A .NET stack overflow kills the Python process, so deep
/// recursion must raise RecursionError instead. Asking the runtime on every call doubled the
/// time of recursive kernels, so compiled functions carry a hidden call-depth argument (0 from
/// Python, +1 per compiled call) and only frames deeper than <see cref="UncheckedDepth"/> ask.
/// </summary>
public static class StackGuard
{
    /// <summary>Compiled frames are small (locals in registers, a few spills): 512 of them fit easily.</summary>
    public const long UncheckedDepth = 512;

    public static void CheckDeep()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new PyException("RecursionError", "maximum recursion depth exceeded in compiled code");
    }
}
