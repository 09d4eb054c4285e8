namespace NumJit.Interop;

/// <summary>
/// numpy broadcasting for fused array expressions: the result shape of the inputs, and each
/// input's per-result-dimension byte stride (0 where the input is broadcast along it).
/// </summary>
public static unsafe class Broadcasting
{
    /// <summary>The broadcast shape of <paramref name="arrays"/> with <paramref name="ndim"/> dimensions;
    /// ValueError worded as numpy's when they do not broadcast.</summary>
    public static long[] Shape(nint[] arrays, int ndim)
    {
        var shape = new long[ndim];
        Array.Fill(shape, 1L);
        foreach (var array in arrays)
        {
            int nd = *(int*)(array + PyLayout.ArrayNd);
            for (int i = 0; i < nd; i++)
            {
                long extent = NumpyRuntime.Dim(array, i);
                int d = ndim - nd + i;
                if (extent == shape[d] || extent == 1) continue;
                if (shape[d] == 1) { shape[d] = extent; continue; }
                throw new Runtime.PyException("ValueError", "operands could not be broadcast together with shapes " +
                    string.Join(" ", arrays.Select(Describe)));
            }
        }
        return shape;
    }

    /// <summary>Byte strides of <paramref name="array"/> along each of the <paramref name="ndim"/> result dimensions.</summary>
    public static long[] Strides(nint array, int ndim)
    {
        var strides = new long[ndim];
        int nd = *(int*)(array + PyLayout.ArrayNd);
        for (int i = 0; i < nd; i++)
            strides[ndim - nd + i] = NumpyRuntime.Dim(array, i) == 1 ? 0 : NumpyRuntime.Stride(array, i);
        return strides;
    }

    private static string Describe(nint array)
    {
        int nd = *(int*)(array + PyLayout.ArrayNd);
        return FormatShape(Enumerable.Range(0, nd).Select(i => NumpyRuntime.Dim(array, i)).ToArray());
    }

    /// <summary>A shape as Python prints the tuple: (3,) or (2,4).</summary>
    public static string FormatShape(long[] shape) =>
        "(" + string.Join(",", shape) + (shape.Length == 1 ? ",)" : ")");

    /// <summary>True when every array is C-contiguous with exactly <paramref name="shape"/>: the fused
    /// loop can then run over one flat index (and be vectorized).</summary>
    public static bool AllContiguous(nint[] arrays, long[] shape)
    {
        foreach (var array in arrays)
        {
            if (*(int*)(array + PyLayout.ArrayNd) != shape.Length) return false;
            if ((*(int*)(array + PyLayout.ArrayFlags) & PyLayout.NpyCContiguous) == 0) return false;
            for (int i = 0; i < shape.Length; i++)
                if (NumpyRuntime.Dim(array, i) != shape[i]) return false;
        }
        return true;
    }

    public static long Size(long[] shape)
    {
        long size = 1;
        foreach (var extent in shape) size *= extent;
        return size;
    }
}
