namespace NumJit.Interop;

/// <summary>
/// Offsets of CPython and NumPy object fields read directly on hot paths, gated by the
/// versions the process reports at start-up (3.12 changed int objects; numpy 2 changed
/// PyArray_Descr after <c>type_num</c>, which is all we read).
/// </summary>
public static class PyLayout
{
    public const int ObType = 8;
    public const int FloatValue = 16;          // PyFloatObject.ob_fval, also numpy float64 scalars
    public const int ComplexValue = 16;        // PyComplexObject.cval
    public const int ScalarValue = 16;         // numpy generic scalars: obval follows PyObject_HEAD
    public const int TypeVectorcallOffset = 56;
    public const int TypeFlags = 168;
    public const ulong TpFlagsHaveVectorcall = 1UL << 11;

    // PyArrayObject (numpy 1.x and 2.x share these).
    public const int ArrayData = 16, ArrayNd = 24, ArrayDims = 32, ArrayStrides = 40, ArrayBase = 48,
        ArrayDescr = 56, ArrayFlags = 64;
    public const int DescrByteOrder = 26, DescrTypeNum = 28;
    public const int NpyCContiguous = 0x1, NpyFContiguous = 0x2, NpyAligned = 0x100, NpyWriteable = 0x400;

    /// <summary>Python >= 3.12 stores int size and sign in <c>lv_tag</c>.</summary>
    public static bool CompactLongTag { get; private set; }

    public static void Configure(long pythonHexVersion)
    {
        CompactLongTag = pythonHexVersion >= 0x030C0000;
    }
}
