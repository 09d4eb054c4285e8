using System.Numerics;

namespace NumJit.Runtime;

/// <summary>
/// Dense float64 linear algebra for compiled <c>np.linalg.solve</c>, <c>np.linalg.inv</c> and
/// <c>np.linalg.det</c>. No LAPACK is available to NumJit, so this is a self-contained LU
/// factorisation with partial pivoting, following the same algorithm numpy reaches through
/// LAPACK (<c>getrf</c> for det, <c>gesv</c> = <c>getrf</c> + <c>getrs</c> for solve/inv):
/// the pivot of column k is the first row holding the largest |a_ik|, rows are swapped in full,
/// and a matrix is "singular" exactly when some pivot is exactly 0.0 (getrf's info &gt; 0).
/// Rounding is not bit-identical to LAPACK/OpenBLAS (blocking and FMA differ), but results agree
/// to a few ulps times the condition number.
///
/// Inputs are strided views: element (i, j) lives at <c>data + i*rowStride + j*colStride</c>,
/// strides in bytes, any sign. Inputs are never written. Outputs are C-contiguous buffers provided
/// by the caller; <paramref name="output"/> of <see cref="Solve"/> may alias b only when b is the
/// same C-contiguous n x k buffer (b is fully read before it is permuted in place).
/// </summary>
public static unsafe class LinearAlgebra
{
    /// <summary>Working matrices up to this many doubles (8 KiB) live on the stack.</summary>
    private const long StackDoubles = 1024;

    /// <summary>Largest order whose n*n working copy still fits a managed array indexed by int.</summary>
    private const long MaxOrder = 46340;

    /// <summary>Determinant, as numpy.linalg.det: 1.0 for 0x0, exactly 0.0 when a pivot is exactly zero.</summary>
    public static double Det(byte* a, long n, long rowStride, long colStride)
    {
        CheckOrder(n);
        if (n == 0)
            return 1.0; // numpy: det of an empty matrix is the empty product
        int order = (int)n;
        long count = n * n;
        Span<double> luSpan = count <= StackDoubles ? stackalloc double[(int)count] : new double[count];
        Span<int> pivSpan = n <= StackDoubles ? stackalloc int[order] : new int[order];
        fixed (double* lu = luSpan)
        fixed (int* piv = pivSpan)
        {
            CopyIn(a, order, order, rowStride, colStride, lu);
            if (!Factor(lu, order, piv))
                return 0.0; // numpy maps getrf's info > 0 to sign 0, i.e. det == +0.0

            // Multiply the diagonal keeping the binary exponent apart: scaling by powers of two is
            // exact, so each step rounds exactly like the plain product, but an intermediate product
            // cannot overflow or underflow when the final determinant is representable (numpy sums
            // logs, so it returns finite values there too).
            bool negative = false;
            double mantissa = 1.0;
            int exponent = 0;
            for (int i = 0; i < order; i++)
            {
                if (piv[i] != i)
                    negative = !negative;
                mantissa *= lu[(long)i * order + i];
                if (mantissa != 0.0 && double.IsFinite(mantissa))
                {
                    int e = Math.ILogB(mantissa);
                    mantissa = Math.ScaleB(mantissa, -e);
                    exponent += e;
                }
            }
            double det = Math.ScaleB(mantissa, exponent);
            return negative ? -det : det;
        }
    }

    /// <summary>Inverse of the n x n matrix a into the C-contiguous n*n <paramref name="output"/>.</summary>
    /// <exception cref="PyException">LinAlgError "Singular matrix" when a pivot is exactly zero.</exception>
    public static void Inverse(byte* a, long n, long rowStride, long colStride, double* output)
    {
        CheckOrder(n);
        if (n == 0)
            return;
        int order = (int)n;
        long count = n * n;
        Span<double> luSpan = count <= StackDoubles ? stackalloc double[(int)count] : new double[count];
        Span<int> pivSpan = n <= StackDoubles ? stackalloc int[order] : new int[order];
        fixed (double* lu = luSpan)
        fixed (int* piv = pivSpan)
        {
            // a is copied before output is touched, so output may even overlap a.
            CopyIn(a, order, order, rowStride, colStride, lu);
            if (!Factor(lu, order, piv))
                throw Singular();
            // numpy.linalg.inv is gesv(A, I): solve against the identity.
            new Span<double>(output, checked((int)count)).Clear();
            for (long i = 0; i < n; i++)
                output[i * n + i] = 1.0;
            SolveFactored(lu, order, piv, output, order);
        }
    }

    /// <summary>
    /// Solves A X = B for the n x n matrix a and the bRows x bCols matrix b, writing the n x bCols X
    /// C-contiguous into <paramref name="output"/>. A 1-D b is passed as bCols = 1, bColStride = 0.
    /// </summary>
    /// <exception cref="PyException">ValueError when bRows != n; LinAlgError "Singular matrix".</exception>
    public static void Solve(byte* a, long n, long aRowStride, long aColStride,
                             byte* b, long bRows, long bCols, long bRowStride, long bColStride,
                             double* output)
    {
        CheckOrder(n);
        if (bRows < 0 || bCols < 0)
            throw new ArgumentOutOfRangeException(nameof(bRows), "b dimensions must be non-negative");
        if (bRows != n)
            throw ShapeMismatch(n, bRows, oneDimensional: bCols == 1 && bColStride == 0);
        if (n == 0)
            return; // numpy returns an empty result without calling LAPACK
        int order = (int)n;
        long count = n * n;
        Span<double> luSpan = count <= StackDoubles ? stackalloc double[(int)count] : new double[count];
        Span<int> pivSpan = n <= StackDoubles ? stackalloc int[order] : new int[order];
        fixed (double* lu = luSpan)
        fixed (int* piv = pivSpan)
        {
            CopyIn(a, order, order, aRowStride, aColStride, lu);
            // Factor before writing output, and raise for a singular A even when b has no columns:
            // numpy's gesv still factors A then (solve(zeros((2,2)), zeros((2,0))) raises).
            if (!Factor(lu, order, piv))
                throw Singular();
            if (bCols == 0)
                return;
            int k = checked((int)bCols);
            checked { _ = n * bCols; }
            CopyIn(b, order, k, bRowStride, bColStride, output);
            SolveFactored(lu, order, piv, output, k);
        }
    }

    private static void CheckOrder(long n)
    {
        // Negative orders are a caller bug; orders past MaxOrder would need ~16 GiB and weeks of CPU.
        if (n < 0 || n > MaxOrder)
            throw new ArgumentOutOfRangeException(nameof(n), n, "matrix order out of range");
    }

    private static PyException Singular() => new("LinAlgError", "Singular matrix");

    /// <summary>numpy's gufunc core-dimension message (numpy 1.24); 1-D b goes through the solve1 gufunc.</summary>
    private static PyException ShapeMismatch(long n, long bRows, bool oneDimensional)
    {
        string message = oneDimensional
            ? $"solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) (size {bRows} is different from {n})"
            : $"solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size {bRows} is different from {n})";
        return new PyException("ValueError", message);
    }

    /// <summary>Copies a strided rows x cols view into a C-contiguous buffer.</summary>
    private static void CopyIn(byte* src, int rows, int cols, long rowStride, long colStride, double* dst)
    {
        for (int i = 0; i < rows; i++)
        {
            byte* row = src + i * rowStride;
            double* d = dst + (long)i * cols;
            if (colStride == sizeof(double))
            {
                Buffer.MemoryCopy(row, d, (long)cols * sizeof(double), (long)cols * sizeof(double));
                continue;
            }
            for (int j = 0; j < cols; j++)
                d[j] = *(double*)(row + j * colStride);
        }
    }

    /// <summary>
    /// In-place LU with partial pivoting of the row-major n x n matrix: on return the strict lower
    /// triangle holds L (unit diagonal implied), the upper triangle U, and row k was swapped with
    /// row piv[k] at step k (LAPACK's ipiv, 0-based). Returns false at the first exactly-zero pivot,
    /// where getrf would report info &gt; 0; callers treat that as singular and stop.
    /// Right-looking i-k-j order: every update is a contiguous row AXPY, which vectorises.
    /// </summary>
    private static bool Factor(double* lu, int n, int* piv)
    {
        for (int k = 0; k < n; k++)
        {
            // idamax semantics: the first index of the largest magnitude (strict '>'); a NaN never
            // wins over an earlier entry, matching LAPACK's comparison behaviour.
            int p = k;
            double best = Math.Abs(lu[(long)k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(lu[(long)i * n + k]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }
            piv[k] = p;
            double* rowK = lu + (long)k * n;
            if (p != k)
                SwapRows(rowK, lu + (long)p * n, n); // full rows, so L stays consistent with P

            double pivot = rowK[k];
            if (pivot == 0.0)
                return false;

            int tail = n - k - 1;
            for (int i = k + 1; i < n; i++)
            {
                double* rowI = lu + (long)i * n;
                // Divide rather than multiply by 1/pivot: at least as accurate, and no overflow
                // of the reciprocal for tiny pivots.
                double l = rowI[k] / pivot;
                rowI[k] = l;
                SubtractScaled(rowI + k + 1, rowK + k + 1, l, tail);
            }
        }
        return true;
    }

    /// <summary>
    /// Overwrites the row-major n x k matrix x (holding B) with A^-1 B given Factor's output:
    /// apply the row swaps, then forward substitution with unit L and back substitution with U.
    /// Each step is a row AXPY over the k right-hand sides, so it vectorises along k.
    /// </summary>
    private static void SolveFactored(double* lu, int n, int* piv, double* x, int k)
    {
        // Swaps in factorisation order, as LAPACK's laswp; in place, so x may alias b.
        for (int i = 0; i < n; i++)
        {
            if (piv[i] != i)
                SwapRows(x + (long)i * k, x + (long)piv[i] * k, k);
        }

        for (int i = 1; i < n; i++)
        {
            double* xi = x + (long)i * k;
            double* li = lu + (long)i * n;
            for (int j = 0; j < i; j++)
                SubtractScaled(xi, x + (long)j * k, li[j], k);
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double* xi = x + (long)i * k;
            double* ui = lu + (long)i * n;
            for (int j = i + 1; j < n; j++)
                SubtractScaled(xi, x + (long)j * k, ui[j], k);
            double d = ui[i];
            for (int c = 0; c < k; c++)
                xi[c] /= d; // divide like trsm does, not multiply by a rounded reciprocal
        }
    }

    /// <summary>
    /// dst[j] -= s * src[j]. Vector multiply and subtract are separate IEEE operations (the JIT
    /// never contracts them into an FMA), so the vector body and scalar tail round identically.
    /// </summary>
    private static void SubtractScaled(double* dst, double* src, double s, int len)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<double>.Count)
        {
            var vs = new Vector<double>(s);
            int last = len - Vector<double>.Count;
            for (; j <= last; j += Vector<double>.Count)
                Vector.Store(Vector.Load(dst + j) - vs * Vector.Load(src + j), dst + j);
        }
        for (; j < len; j++)
            dst[j] -= s * src[j];
    }

    private static void SwapRows(double* r1, double* r2, int len)
    {
        for (int j = 0; j < len; j++)
        {
            double t = r1[j];
            r1[j] = r2[j];
            r2[j] = t;
        }
    }
}
