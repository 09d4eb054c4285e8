using System.Runtime.CompilerServices;

namespace NumJit.Interop;

/// <summary>
/// Exact-type fast paths that read Python argument objects without C-API calls. Each returns
/// false when the object is not of the expected type, so the dispatcher can try the next
/// specialization. Generated entry wrappers call these; the JIT inlines them.
/// </summary>
public static unsafe class Unboxing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Float64(nint obj, out double value)
    {
        nint type = *(nint*)(obj + PyLayout.ObType);
        if (type == PyTypes.Float || type == NumpyScalars.Float64)
        {
            value = *(double*)(obj + PyLayout.FloatValue);
            return true;
        }
        value = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Float32(nint obj, out float value)
    {
        if (*(nint*)(obj + PyLayout.ObType) == NumpyScalars.Float32)
        {
            value = *(float*)(obj + PyLayout.ScalarValue);
            return true;
        }
        value = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Int64(nint obj, out long value)
    {
        nint type = *(nint*)(obj + PyLayout.ObType);
        if (type == PyTypes.Long) return PyLong(obj, out value);
        if (type == NumpyScalars.Int64)
        {
            value = *(long*)(obj + PyLayout.ScalarValue);
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>A numpy scalar of the given exact type, read as raw bytes of T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Scalar<T>(nint obj, nint scalarType, out T value) where T : unmanaged
    {
        if (scalarType != 0 && *(nint*)(obj + PyLayout.ObType) == scalarType)
        {
            value = *(T*)(obj + PyLayout.ScalarValue);
            return true;
        }
        value = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Boolean(nint obj, out bool value)
    {
        if (obj == PyTypes.True) { value = true; return true; }
        if (obj == PyTypes.False) { value = false; return true; }
        if (*(nint*)(obj + PyLayout.ObType) == NumpyScalars.Bool)
        {
            value = *(byte*)(obj + PyLayout.ScalarValue) != 0;
            return true;
        }
        value = false;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Complex128(nint obj, out System.Numerics.Complex value)
    {
        nint type = *(nint*)(obj + PyLayout.ObType);
        if (type == PyTypes.Complex || type == NumpyScalars.Complex128)
        {
            double* parts = (double*)(obj + PyLayout.ComplexValue);
            value = new System.Numerics.Complex(parts[0], parts[1]);
            return true;
        }
        value = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Complex64(nint obj, out System.Numerics.Complex value)
    {
        if (*(nint*)(obj + PyLayout.ObType) == NumpyScalars.Complex64)
        {
            float* parts = (float*)(obj + PyLayout.ScalarValue);
            value = new System.Numerics.Complex(parts[0], parts[1]);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>
    /// An exact ndarray with the given element type number, dimension count and layout
    /// requirement (0 = any, 1 = C-contiguous, 2 = F-contiguous); mutable arrays must be writeable.
    /// The array itself is the value compiled code works with (a borrowed reference).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Array(nint obj, int typeNum, int ndim, int layoutFlag, bool mutable)
    {
        if (*(nint*)(obj + PyLayout.ObType) != PyTypes.NdArray) return false;
        if (*(int*)(obj + PyLayout.ArrayNd) != ndim) return false;
        nint descr = *(nint*)(obj + PyLayout.ArrayDescr);
        if (*(int*)(descr + PyLayout.DescrTypeNum) != typeNum || *(byte*)(descr + PyLayout.DescrByteOrder) == (byte)'>')
            return false;
        int flags = *(int*)(obj + PyLayout.ArrayFlags);
        if ((flags & layoutFlag) != layoutFlag || (flags & PyLayout.NpyAligned) == 0) return false;
        return !mutable || (flags & PyLayout.NpyWriteable) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTuple(nint obj, int size) =>
        *(nint*)(obj + PyLayout.ObType) == CApi.TupleType && *(nint*)(obj + 16) == size;

    /// <summary>Borrowed item of an exact tuple (PyTupleObject.ob_item starts at offset 24).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint TupleItem(nint tuple, int index) => *(nint*)(tuple + 24 + index * sizeof(nint));

    private static bool PyLong(nint obj, out long value)
    {
        uint* digits = (uint*)(obj + 24);
        if (!PyTypes.CompactLong)
        {
            nint size = *(nint*)(obj + 16);
            switch (size)
            {
                case 0: value = 0; return true;
                case 1: value = digits[0]; return true;
                case -1: value = -(long)digits[0]; return true;
                case 2: value = digits[0] | ((long)digits[1] << 30); return true;
                case -2: value = -(digits[0] | ((long)digits[1] << 30)); return true;
            }
        }
        else
        {
            ulong tag = *(ulong*)(obj + 16);
            if (tag >> 3 <= 1)
            {
                long magnitude = digits[0];
                value = (tag & 3) == 2 ? -magnitude : magnitude;
                return true;
            }
        }
        int overflow;
        value = CApi.PyLong_AsLongLongAndOverflow(obj, &overflow);
        if (overflow != 0) { value = 0; return false; }
        if (value == -1 && CApi.PyErr_Occurred() != 0) { CApi.PyErr_Clear(); return false; }
        return true;
    }
}
