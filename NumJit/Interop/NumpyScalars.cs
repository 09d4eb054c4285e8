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
    public static readonly nint Int8 = Get("int8");
    public static readonly nint Int16 = Get("int16");
    public static readonly nint Int32 = Get("int32");
    public static readonly nint UInt8 = Get("uint8");
    public static readonly nint UInt16 = Get("uint16");
    public static readonly nint UInt32 = Get("uint32");
    public static readonly nint UInt64 = Get("uint64");

    /// <summary>The field holding numpy's scalar type for an integer width, for generated code to
    /// load: an address baked into IL would not survive into another process's cache hit.</summary>
    public static System.Reflection.FieldInfo IntegerField(string name) =>
        typeof(NumpyScalars).GetField(name.StartsWith('u') ? "UInt" + name[4..] : "Int" + name[3..])
        ?? throw new ArgumentException($"no numpy scalar field for {name}");

    public static nint Get(string name)
    {
        try { return NumpyRuntime.ScalarType(name); }
        catch (InvalidOperationException) { return 0; }
    }
}
