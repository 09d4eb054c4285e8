namespace NumJit.Interop;

/// <summary>Run-time conditions for the vector form of a loop (see IrVectorLoop).</summary>
public static unsafe class VectorLoops
{
    /// <summary>
    /// True when every array is unit-stride and holds indices [start, stop), and the output (if
    /// any) does not partly overlap an input: same-buffer updates like a[i] = a[i] * 2 are fine,
    /// shifted views like a[1:] from a[:-1] are not (the scalar loop's order would matter).
    /// It only reads array headers, so runs without the GIL (prange chunks, nogil).
    /// </summary>
    [GilFree]
    public static bool CanRun(nint[] arrays, int itemSize, long start, long stop, nint output)
    {
        if (start < 0 || stop <= start) return false;
        foreach (var array in arrays)
            if (NumpyRuntime.Stride(array, 0) != itemSize || NumpyRuntime.Dim(array, 0) < stop) return false;
        if (output == 0) return true;
        nint outStart = NumpyRuntime.Data(output), outEnd = outStart + (nint)(NumpyRuntime.Dim(output, 0) * itemSize);
        foreach (var array in arrays)
        {
            nint data = NumpyRuntime.Data(array);
            if (array == output || data == outStart) continue;
            nint end = data + (nint)(NumpyRuntime.Dim(array, 0) * itemSize);
            if (data < outEnd && outStart < end) return false;
        }
        return true;
    }
}
