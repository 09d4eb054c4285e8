using System.Runtime.CompilerServices;

namespace NumJit.Interop;

/// <summary>
/// The numpy objects compiled code needs: the ndarray type, dtype objects and scalar types per
/// type number, and the creation functions. Arrays made by compiled code are created by numpy
/// itself, so they are ordinary arrays that own their memory.
/// </summary>
public static unsafe class NumpyRuntime
{
    public const int TypeNumBool = 0, TypeNumFloat32 = 11, TypeNumFloat64 = 12, TypeNumComplex64 = 14, TypeNumComplex128 = 15;

    public static nint NdArrayType { get; private set; }
    private static readonly Dictionary<string, nint> Functions = new();
    private static readonly nint[] DTypes = new nint[32];
    internal static readonly nint[] ScalarTypes = new nint[32];
    private static readonly Dictionary<string, int> TypeNums = new();

    /// <summary>Reads the dict built by numjit._runtime_info.describe().</summary>
    public static void Configure(nint info)
    {
        NdArrayType = CApi.NewRef(CApi.DictGet(info, "ndarray"));
        nint functions = CApi.DictGet(info, "functions");
        foreach (var name in new[] { "empty", "zeros", "ones", "full", "arange", "empty_like", "zeros_like", "ones_like", "full_like" })
        {
            nint fn = CApi.DictGet(functions, name);
            if (fn != 0) Functions[name] = CApi.NewRef(fn);
        }
        nint dtypes = CApi.DictGet(info, "dtypes");
        foreach (var name in NumpyDTypeNames.All)
        {
            nint entry = CApi.DictGet(dtypes, name);   // (typenum, dtype, scalar type)
            if (entry == 0) continue;
            int num = (int)CApi.PyLong_AsLongLongAndOverflowChecked(CApi.PyTuple_GetItem(entry, 0));
            TypeNums[name] = num;
            DTypes[num] = CApi.NewRef(CApi.PyTuple_GetItem(entry, 1));
            ScalarTypes[num] = CApi.NewRef(CApi.PyTuple_GetItem(entry, 2));
        }
    }

    public static nint DType(int typeNum) => DTypes[typeNum];

    public static nint Function(string name) => Functions[name];

    /// <summary>numpy's type number for a dtype name: as numpy reported it, else the LP64 defaults.</summary>
    public static int TypeNum(string dtypeName) =>
        TypeNums.TryGetValue(dtypeName, out var n) ? n
        : DefaultTypeNums.TryGetValue(dtypeName, out n) ? n
        : throw new InvalidOperationException("numpy has no dtype " + dtypeName);

    private static readonly Dictionary<string, int> DefaultTypeNums = new()
    {
        ["bool"] = 0, ["int8"] = 1, ["uint8"] = 2, ["int16"] = 3, ["uint16"] = 4, ["int32"] = 5, ["uint32"] = 6,
        ["int64"] = 7, ["uint64"] = 8, ["float32"] = 11, ["float64"] = 12, ["complex64"] = 14, ["complex128"] = 15,
    };

    public static nint ScalarType(string dtypeName) =>
        TypeNums.TryGetValue(dtypeName, out var n) ? ScalarTypes[n] : throw new InvalidOperationException("numpy is not configured");

    public static nint MakeScalar(int typeNum, void* value)
    {
        // dtype.type(value) would box twice; numpy scalars are created from their dtype's type.
        nint scalarType = ScalarTypes[typeNum];
        nint arg = typeNum == TypeNumFloat32 ? CApi.PyFloat_FromDouble(*(float*)value) : throw new NotSupportedException();
        nint args = CApi.PyTuple_New(1);
        CApi.PyTuple_SetItem(args, 0, arg);
        nint result = CApi.PyObject_Call(scalarType, args, 0);
        CApi.Py_DecRef(args);
        return result != 0 ? result : throw new PythonErrorSet();
    }

    /// <summary>numpy.&lt;function&gt;(shape, dtype) and friends; returns a new reference.</summary>
    public static nint CreateArray(string function, nint shapeTuple, int typeNum, nint fillValue)
    {
        nint fn = Functions[function];
        bool hasFill = function is "full" or "full_like";
        nint args = CApi.PyTuple_New(hasFill ? 3 : 2);
        CApi.PyTuple_SetItem(args, 0, shapeTuple);
        int next = 1;
        if (hasFill) CApi.PyTuple_SetItem(args, next++, fillValue);
        CApi.PyTuple_SetItem(args, next, CApi.NewRef(DTypes[typeNum]));
        nint result = CApi.PyObject_Call(fn, args, 0);
        CApi.Py_DecRef(args);
        return result != 0 ? result : throw new PythonErrorSet();
    }

    /// <summary>numpy.arange(start, stop, step, dtype).</summary>
    public static nint Arange(nint start, nint stop, nint step, int typeNum)
    {
        nint args = CApi.PyTuple_New(4);
        CApi.PyTuple_SetItem(args, 0, start);
        CApi.PyTuple_SetItem(args, 1, stop);
        CApi.PyTuple_SetItem(args, 2, step);
        CApi.PyTuple_SetItem(args, 3, CApi.NewRef(DTypes[typeNum]));
        nint result = CApi.PyObject_Call(Functions["arange"], args, 0);
        CApi.Py_DecRef(args);
        return result != 0 ? result : throw new PythonErrorSet();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining), GilFree]
    public static nint Data(nint array) => *(nint*)(array + PyLayout.ArrayData);

    [MethodImpl(MethodImplOptions.AggressiveInlining), GilFree]
    public static long Dim(nint array, int axis) => (*(long**)(array + PyLayout.ArrayDims))[axis];

    [MethodImpl(MethodImplOptions.AggressiveInlining), GilFree]
    public static long Stride(nint array, int axis) => (*(long**)(array + PyLayout.ArrayStrides))[axis];

    [GilFree]
    public static long Size(nint array, int ndim)
    {
        long size = 1;
        long* dims = *(long**)(array + PyLayout.ArrayDims);
        for (int i = 0; i < ndim; i++) size *= dims[i];
        return size;
    }
}
