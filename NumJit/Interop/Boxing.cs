using System.Runtime.CompilerServices;

namespace NumJit.Interop;

/// <summary>Turns compiled results into new references to Python objects.</summary>
public static unsafe class Boxing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Float64(double value) => CApi.PyFloat_FromDouble(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Int64(long value) => CApi.PyLong_FromLongLong(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint UInt64(ulong value) => CApi.PyLong_FromUnsignedLongLong(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Boolean(bool value) => CApi.NewRef(value ? PyTypes.True : PyTypes.False);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint None() => CApi.NewRef(PyTypes.None);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Complex(System.Numerics.Complex value) => CApi.PyComplex_FromDoubles(value.Real, value.Imaginary);

    /// <summary>Float32 results become numpy float32 scalars, as numba returns them.</summary>
    public static nint Float32(float value) => NumpyRuntime.MakeScalar(NumpyRuntime.TypeNumFloat32, &value);

    /// <summary>Small integer types come back as Python ints (numba does the same).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Object(nint obj) => CApi.NewRef(obj);

    /// <summary>A numpy dtype object, for dtype= arguments.</summary>
    public static nint DType(int typeNum) => CApi.NewRef(NumpyRuntime.DType(typeNum));

    public static nint Tuple(nint size) => CApi.PyTuple_New(size);

    /// <summary>Stores a new reference (stolen) into a fresh tuple.</summary>
    public static void TupleSet(nint tuple, nint index, nint item)
    {
        if (item == 0) throw new PythonErrorSet();
        CApi.PyTuple_SetItem(tuple, index, item);
    }
}
