namespace NumJit.Interop;

/// <summary>
/// Marks a bridge method that only reads numpy's structs (no Python API call), so compiled code
/// calling it may run without the GIL (nogil=True, ufunc loops numpy runs with the GIL released).
/// Every other NumJit.Interop method is assumed to need the GIL.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GilFreeAttribute : Attribute;
