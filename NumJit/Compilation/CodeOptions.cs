namespace NumJit.Compilation;

/// <summary>
/// Options that change the code generated for a compilation (numba's names and defaults):
/// bounds checking of element accesses, whether division by zero raises (Python) or gives
/// inf/nan/0 (numpy), whether floating-point arithmetic may be reassociated, whether the entry
/// releases the GIL around the compiled code, and whether prange loops run on several threads.
/// </summary>
public sealed record CodeOptions(bool BoundsCheck = false, bool NumpyErrorModel = false, bool FastMath = false, bool NoGil = false,
    bool Parallel = false)
{
    public static readonly CodeOptions Default = new();
}
