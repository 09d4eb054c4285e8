namespace NumJit.Interop;

/// <summary>numpy scalar type objects as JIT-time constants (see <see cref="PyTypes"/>).</summary>
public static class NumpyScalars
{
    public static readonly nint Float64 = Get("float64");
    public static readonly nint Float32 = Get("float32");
    public static readonly nint Int64 = Get("int64");
    public static readonly nint Bool = Get("bool");
    public static readonly nint Complex128 = Get("complex128");
    public static readonly nint Complex64 = Get("complex64");

    public static nint Get(string name)
    {
        try { return NumpyRuntime.ScalarType(name); }
        catch (InvalidOperationException) { return 0; }
    }
}
