namespace NumJit.Interop;

/// <summary>
/// Run-time checks of a fused expression written straight into an existing array
/// (<c>dst[...] = a * b</c>, <c>dst += a</c>): the value must broadcast to the destination's shape,
/// and an input that shares memory with the destination in any other way than element for element
/// is copied first, so the result is numpy's (which evaluates the right-hand side completely
/// before storing).
/// </summary>
public static unsafe class ArrayAssignment
{
    /// <summary>
    /// The destination's shape, after checking that the inputs (<paramref name="arrays"/> without its
    /// last item, the destination) broadcast to a <paramref name="valueNdim"/>-dimensional value
    /// that broadcasts into it; ValueError worded as numpy's otherwise.
    /// </summary>
    public static long[] Shape(nint[] arrays, int valueNdim)
    {
        nint destination = arrays[^1];
        var value = Broadcasting.Shape(arrays[..^1], valueNdim);
        int ndim = *(int*)(destination + PyLayout.ArrayNd);
        var shape = new long[ndim];
        for (int d = 0; d < ndim; d++) shape[d] = NumpyRuntime.Dim(destination, d);
        for (int i = 0; i < valueNdim; i++)
        {
            long extent = value[i];
            int d = ndim - valueNdim + i;
            if (extent == 1 || (d >= 0 && extent == shape[d])) continue;
            throw new Runtime.PyException("ValueError",
                $"could not broadcast input array from shape {Broadcasting.FormatShape(value)} into shape {Broadcasting.FormatShape(shape)}");
        }
        return shape;
    }

    /// <summary><paramref name="input"/>, or an arena-owned copy when writing the destination element by
    /// element could change values it has yet to read.</summary>
    public static nint Unaliased(nint destination, int destinationItemSize, nint input, int inputItemSize)
    {
        if (input == destination || SameLayout(destination, input)) return input;
        var (aLow, aHigh) = Extent(destination, destinationItemSize);
        var (bLow, bHigh) = Extent(input, inputItemSize);
        if (aLow == aHigh || bLow == bHigh || aHigh <= bLow || bHigh <= aLow) return input;
        nint copy = PythonCalls.CallMethod(input, "copy", CApi.PyTuple_New(0), 0);
        return ArrayArena.Own(copy);
    }

    private static bool SameLayout(nint a, nint b)
    {
        int nd = *(int*)(a + PyLayout.ArrayNd);
        if (NumpyRuntime.Data(a) != NumpyRuntime.Data(b) || nd != *(int*)(b + PyLayout.ArrayNd)) return false;
        for (int d = 0; d < nd; d++)
            if (NumpyRuntime.Dim(a, d) != NumpyRuntime.Dim(b, d) || NumpyRuntime.Stride(a, d) != NumpyRuntime.Stride(b, d)) return false;
        return true;
    }

    /// <summary>The byte range [low, high) an array's elements occupy (empty for a size-0 array).</summary>
    private static (long Low, long High) Extent(nint array, int itemSize)
    {
        int nd = *(int*)(array + PyLayout.ArrayNd);
        long low = NumpyRuntime.Data(array), high = low;
        for (int d = 0; d < nd; d++)
        {
            long extent = NumpyRuntime.Dim(array, d);
            if (extent == 0) return (low, low);
            long span = (extent - 1) * NumpyRuntime.Stride(array, d);
            if (span < 0) low += span; else high += span;
        }
        return (low, high + itemSize);
    }
}
