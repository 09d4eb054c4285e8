namespace NumJit.Interop;

/// <summary>
/// numpy's C API tables (the _ARRAY_API and _UFUNC_API capsules of _multiarray_umath), read
/// once. Entries are addressed by their index in numpy's generated headers, which numpy keeps
/// stable across versions (numpy 1.x: numpy.core, 2.x: numpy._core).
/// </summary>
public static unsafe class NumpyApiTables
{
    /// <summary>_ARRAY_API[94]: PyArray_NewFromDescr(subtype, descr (stolen), nd, dims, strides, data, flags, obj).</summary>
    public const int NewFromDescr = 94;
    /// <summary>_UFUNC_API[1]: PyUFunc_FromFuncAndData.</summary>
    public const int FromFuncAndData = 1;
    /// <summary>_UFUNC_API[31]: PyUFunc_FromFuncAndDataAndSignature.</summary>
    public const int FromFuncAndDataAndSignature = 31;

    private static nint* _array, _ufunc;

    public static nint* Array => _array != null ? _array : _array = Load("_ARRAY_API");

    public static nint* Ufunc => _ufunc != null ? _ufunc : _ufunc = Load("_UFUNC_API");

    private static nint* Load(string capsuleName)
    {
        nint capsule = 0;
        foreach (var module in new[] { "numpy.core._multiarray_umath", "numpy._core._multiarray_umath" })
        {
            nint mod;
            var name = System.Text.Encoding.UTF8.GetBytes(module + "\0");
            fixed (byte* p = name) mod = CApi.PyImport_ImportModule(p);
            if (mod == 0) { CApi.PyErr_Clear(); continue; }
            capsule = CApi.GetAttr(mod, capsuleName);
            CApi.Py_DecRef(mod);
            if (capsule != 0) break;
            CApi.PyErr_Clear();
        }
        if (capsule == 0) throw new Runtime.PyException("RuntimeError", $"numpy's C API ({capsuleName}) was not found");
        var table = (nint*)CApi.PyCapsule_GetPointer(capsule, null);
        CApi.Py_DecRef(capsule);   // the module keeps the capsule alive
        return table != null ? table : throw new PythonErrorSet();
    }
}
