using System.Runtime.CompilerServices;

namespace NumJit.Interop;

/// <summary>Creation calls emitted code makes; each returns a new reference owned by the arena.</summary>
public static unsafe class ArrayFactory
{
    public static nint New(string function, int typeNum, long[] shape, nint fill)
    {
        nint tuple = CApi.PyTuple_New(shape.Length);
        for (int i = 0; i < shape.Length; i++) CApi.PyTuple_SetItem(tuple, i, CApi.PyLong_FromLongLong(shape[i]));
        return ArrayArena.Own(NumpyRuntime.CreateArray(function, tuple, typeNum, fill));
    }

    public static nint New1(string function, int typeNum, long n, nint fill)
    {
        nint tuple = CApi.PyTuple_New(1);
        CApi.PyTuple_SetItem(tuple, 0, CApi.PyLong_FromLongLong(n));
        return ArrayArena.Own(NumpyRuntime.CreateArray(function, tuple, typeNum, fill));
    }

    public static nint New2(string function, int typeNum, long n0, long n1, nint fill)
    {
        nint tuple = CApi.PyTuple_New(2);
        CApi.PyTuple_SetItem(tuple, 0, CApi.PyLong_FromLongLong(n0));
        CApi.PyTuple_SetItem(tuple, 1, CApi.PyLong_FromLongLong(n1));
        return ArrayArena.Own(NumpyRuntime.CreateArray(function, tuple, typeNum, fill));
    }

    public static nint Like(string function, nint source, int typeNum, nint fill)
    {
        nint args = CApi.PyTuple_New(function == "full_like" ? 3 : 2);
        CApi.PyTuple_SetItem(args, 0, CApi.NewRef(source));
        int next = 1;
        if (function == "full_like") CApi.PyTuple_SetItem(args, next++, fill);
        CApi.PyTuple_SetItem(args, next, CApi.NewRef(NumpyRuntime.DType(typeNum)));
        nint result = CApi.PyObject_Call(NumpyRuntime.Function(function), args, 0);
        CApi.Py_DecRef(args);
        return ArrayArena.Own(result);
    }

    public static nint Arange(nint start, nint stop, nint step, int typeNum) =>
        ArrayArena.Own(NumpyRuntime.Arange(start, stop, step, typeNum));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static System.Numerics.Complex ReadComplex64(nint address) =>
        new(*(float*)address, *(float*)(address + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteComplex64(nint address, System.Numerics.Complex value)
    {
        *(float*)address = (float)value.Real;
        *(float*)(address + 4) = (float)value.Imaginary;
    }
}
