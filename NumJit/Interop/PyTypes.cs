namespace NumJit.Interop;

/// <summary>
/// Type-object addresses compared on every call. They are <c>static readonly</c> so that code
/// JIT-compiled after start-up sees them as constants; the class is first touched only after
/// <see cref="CApi.Initialize"/> and <see cref="NumpyRuntime.Configure"/> ran.
/// </summary>
public static class PyTypes
{
    public static readonly nint Float = CApi.FloatType;
    public static readonly nint Long = CApi.LongType;
    public static readonly nint Bool = CApi.BoolType;
    public static readonly nint Complex = CApi.ComplexType;
    public static readonly nint True = CApi.True;
    public static readonly nint False = CApi.False;
    public static readonly nint None = CApi.None;
    public static readonly nint NdArray = NumpyRuntime.NdArrayType;
    public static readonly bool CompactLong = PyLayout.CompactLongTag;
}
