using NumJit.Runtime;

namespace NumJit.Interop;

/// <summary>np.linalg.det/inv/solve for float64 arrays, on NumJit's own LU (no LAPACK is
/// obtainable here); results are numpy arrays owned by the arena.</summary>
public static unsafe class LinearAlgebraCalls
{
    public static double Det(nint a)
    {
        long n = SquareSize(a);
        return LinearAlgebra.Det((byte*)NumpyRuntime.Data(a), n, NumpyRuntime.Stride(a, 0), NumpyRuntime.Stride(a, 1));
    }

    public static nint Inverse(nint a)
    {
        long n = SquareSize(a);
        nint result = ArrayFactory.New2("empty", NumpyRuntime.TypeNumFloat64, n, n, 0);
        LinearAlgebra.Inverse((byte*)NumpyRuntime.Data(a), n, NumpyRuntime.Stride(a, 0), NumpyRuntime.Stride(a, 1),
            (double*)NumpyRuntime.Data(result));
        return result;
    }

    public static nint Solve(nint a, nint b)
    {
        long n = SquareSize(a);
        int bDims = *(int*)(b + PyLayout.ArrayNd);
        long rows = NumpyRuntime.Dim(b, 0);
        long cols = bDims == 2 ? NumpyRuntime.Dim(b, 1) : 1;
        nint result = bDims == 2 ? ArrayFactory.New2("empty", NumpyRuntime.TypeNumFloat64, rows, cols, 0)
            : ArrayFactory.New1("empty", NumpyRuntime.TypeNumFloat64, rows, 0);
        LinearAlgebra.Solve((byte*)NumpyRuntime.Data(a), n, NumpyRuntime.Stride(a, 0), NumpyRuntime.Stride(a, 1),
            (byte*)NumpyRuntime.Data(b), rows, cols, NumpyRuntime.Stride(b, 0), bDims == 2 ? NumpyRuntime.Stride(b, 1) : 0,
            (double*)NumpyRuntime.Data(result));
        return result;
    }

    private static long SquareSize(nint a)
    {
        long n = NumpyRuntime.Dim(a, 0);
        if (NumpyRuntime.Dim(a, 1) != n) throw new PyException("LinAlgError", "Last 2 dimensions of the array must be square");
        return n;
    }
}
