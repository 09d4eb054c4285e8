namespace NumJit.Interop;

/// <summary>The numpy dtype names NumJit maps to its scalar types.</summary>
public static class NumpyDTypeNames
{
    public static readonly string[] All =
    {
        "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float32", "float64", "complex64", "complex128",
    };
}
