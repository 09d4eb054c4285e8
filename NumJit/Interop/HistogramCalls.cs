using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
            bool nan = typeNum == NumpyRuntime.TypeNumFloat64 && stride == sizeof(double) && Avx.IsSupported
                ? ContiguousRange((double*)data, n, out first, out last)
                : StridedRange(data, n, stride, typeNum, out first, out last);
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
        if (typeNum == NumpyRuntime.TypeNumFloat64) CountFloat64(data, n, stride, first, norm, bins, edges, counts);
        else
            for (long i = 0; i < n; i++) Count(Read(data + i * stride, typeNum), first, norm, bins, edges, counts);
        return (countsArray, edgesArray);
    }

    // A method of its own so that first, norm, edges and counts are plain locals held in registers
    // (in Histogram `first` is address-taken by the out parameters, and the JIT reloaded the
    // others from the stack on every element).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void CountFloat64(byte* data, long n, long stride, double first, double norm, long bins, double* edges, long* counts)
    {
        byte* p = data;                                         // stride may be 0 or negative
        for (long i = 0; i < n; i++, p += stride) Count(*(double*)p, first, norm, bins, edges, counts);
    }

    /// <summary>min and max of the elements; true when one is NaN.</summary>
    private static bool StridedRange(byte* data, long n, long stride, int typeNum, out double first, out double last)
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
        return nan;
    }

    /// <summary>StridedRange over contiguous float64 with AVX: two accumulators each for min, max and
    /// "seen a NaN" (vminpd ignores NaN in its second operand, so NaN is tracked separately).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool ContiguousRange(double* data, long n, out double first, out double last)
    {
        var min0 = Vector256.Create(double.PositiveInfinity);
        var max0 = Vector256.Create(double.NegativeInfinity);
        var (min1, max1) = (min0, max0);
        var nan0 = Vector256<double>.Zero;
        var nan1 = nan0;
        long i = 0;
        for (; i + 8 <= n; i += 8)
        {
            var a = Avx.LoadVector256(data + i);
            var b = Avx.LoadVector256(data + i + 4);
            min0 = Avx.Min(min0, a);
            max0 = Avx.Max(max0, a);
            min1 = Avx.Min(min1, b);
            max1 = Avx.Max(max1, b);
            nan0 = Avx.Or(nan0, Avx.CompareUnordered(a, a));
            nan1 = Avx.Or(nan1, Avx.CompareUnordered(b, b));
        }
        var min = Avx.Min(min0, min1);
        var max = Avx.Max(max0, max1);
        bool nan = Avx.MoveMask(Avx.Or(nan0, nan1)) != 0;
        first = Math.Min(Math.Min(min[0], min[1]), Math.Min(min[2], min[3]));
        last = Math.Max(Math.Max(max[0], max[1]), Math.Max(max[2], max[3]));
        for (; i < n; i++)
        {
            double v = data[i];
            if (double.IsNaN(v)) nan = true;
            if (v < first) first = v;
            if (v > last) last = v;
        }
        return nan;
    }

    /// <summary>numpy's bin index for v, with its corrections at the bin edges.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Count(double v, double first, double norm, long bins, double* edges, long* counts)
    {
        long index = Runtime.PyConvert.FloatToLong((v - first) * norm);
        if (index == bins) index--;
        // edges has bins + 1 entries, so edges[index + 1] can be read first: the rarely true test
        // comes first and the common case takes one branch.
        if (v < edges[index]) index--;
        else if (v >= edges[index + 1] && index != bins - 1) index++;
        counts[index]++;
    }

    private static double Read(byte* p, int typeNum) =>
        typeNum == NumpyRuntime.TypeNumFloat64 ? *(double*)p : ArraySequences.ReadInteger(p, typeNum);

    /// <summary>Python's repr of a float, as numpy's message shows it (-inf, 1.0, 1e+20).</summary>
    private static string Format(double v)
    {
        nint number = CApi.PyFloat_FromDouble(v);
        nint text = CApi.PyObject_Repr(number);
        CApi.Py_DecRef(number);
        string? repr = text != 0 ? CApi.ToUtf8String(text) : null;
        if (text != 0) CApi.Py_DecRef(text);
        else CApi.PyErr_Clear();
        return repr ?? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
