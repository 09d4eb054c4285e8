namespace NumJit.Interop;

/// <summary>
/// np.histogram(a, bins) for float64 and integer arrays, compiled: numpy's algorithm step by
/// step (range from min/max, widened by 0.5 when empty; linspace edges; index by scaling, then
/// numpy's corrections at the edges), so counts and edges equal numpy's. (numba skips the edge
/// corrections, which is faster but can count a value into the neighbouring bin.)
/// </summary>
public static unsafe class HistogramCalls
{
    // Compiled by the JIT for this CPU rather than taken from the ReadyToRun image: it is a hot loop.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (nint Counts, nint Edges) Histogram(nint array, long bins)
    {
        if (bins <= 0) throw new Runtime.PyException("ValueError", "`bins` must be positive, when an integer");
        int typeNum = *(int*)(*(nint*)(array + PyLayout.ArrayDescr) + PyLayout.DescrTypeNum);
        long n = NumpyRuntime.Dim(array, 0), stride = NumpyRuntime.Stride(array, 0);
        byte* data = (byte*)NumpyRuntime.Data(array);
        double first = 0, last = 1;
        if (n > 0)
        {
            first = double.PositiveInfinity;
            last = double.NegativeInfinity;
            bool nan = false;
            for (long i = 0; i < n; i++)
            {
                double v = Read(data + i * stride, typeNum);
                if (double.IsNaN(v)) nan = true;
                if (v < first) first = v;
                if (v > last) last = v;
            }
            if (nan || double.IsInfinity(first) || double.IsInfinity(last))
                throw new Runtime.PyException("ValueError", $"autodetected range of [{(nan ? "nan" : Format(first))}, {(nan ? "nan" : Format(last))}] is not finite");
        }
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }
        nint edgesArray = ArrayFactory.New1("empty", NumpyRuntime.TypeNumFloat64, bins + 1, 0);
        double* edges = (double*)NumpyRuntime.Data(edgesArray);
        double step = (last - first) / bins;                    // numpy.linspace: i * step + start, last = stop
        for (long i = 0; i < bins; i++) edges[i] = i * step + first;
        edges[bins] = last;
        nint countsArray = ArrayFactory.New1("zeros", NumpyRuntime.TypeNum("int64"), bins, 0);
        long* counts = (long*)NumpyRuntime.Data(countsArray);
        double norm = bins / (last - first);
        if (typeNum == NumpyRuntime.TypeNumFloat64)
            for (long i = 0; i < n; i++) Count(*(double*)(data + i * stride), first, norm, bins, edges, counts);
        else
            for (long i = 0; i < n; i++) Count(Read(data + i * stride, typeNum), first, norm, bins, edges, counts);
        return (countsArray, edgesArray);
    }

    /// <summary>numpy's bin index for v, with its corrections at the bin edges.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Count(double v, double first, double norm, long bins, double* edges, long* counts)
    {
        long index = Runtime.PyConvert.FloatToLong((v - first) * norm);
        if (index == bins) index--;
        if (v < edges[index]) index--;
        else if (index != bins - 1 && v >= edges[index + 1]) index++;
        counts[index]++;
    }

    private static double Read(byte* p, int typeNum) =>
        typeNum == NumpyRuntime.TypeNumFloat64 ? *(double*)p : ArraySequences.ReadInteger(p, typeNum);

    private static string Format(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
