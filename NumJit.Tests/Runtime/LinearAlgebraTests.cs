using NUnit.Framework;
using NumJit.Runtime;

namespace NumJit.Tests.Runtime;

// Reference values were produced once with numpy 1.24.2 (OpenBLAS) on CPython 3 using
// np.random.default_rng(12345) matrices rounded to 6 decimals, printed with repr().
[TestFixture]
public unsafe class LinearAlgebraTests
{
    // ---- numpy reference data ----

    private static readonly double[] A3 =
    {
        -1.423825, 1.263728, -0.870662, -0.259173, -0.075343, -0.740885, -1.367793, 0.648893, 0.361058,
    };
    private const double DetA3 = 0.9892589184065879;

    private static readonly double[] A5 =
    {
        -1.952863, 2.34741, 0.968497, -0.759387, 0.902198, -0.466953, -0.06069, 0.788844, -1.256668,
        0.575858, 1.398979, 1.322298, -0.299699, 0.902919, -1.621583, -0.158189, 0.449484, -1.343601,
        -0.081688, 1.72474, 2.618159, 0.777361, 0.828633, -0.958988, -1.209388,
    };
    private const double DetA5 = -8.272996023424875;

    private static readonly double[] A8 =
    {
        -1.412292, 0.541547, 0.751939, -0.65876, -1.228675, 0.257558, 0.312903, -0.130812, 1.269983,
        -0.092962, -0.066151, -1.108214, 0.135957, 1.347078, 0.061144, 0.070915, 0.433655, 0.277484,
        0.530252, 0.536721, 0.61835, -0.795017, 0.300031, -1.602702, 0.266799, -1.261624, -0.071271,
        0.47405, -0.414854, 0.097717, -1.640418, -0.857259, 0.688282, -1.15453, 0.650452, -1.38836,
        -0.907382, -1.095425, 0.007146, 0.53436, -1.065808, -0.181473, 1.621952, -0.317392, -0.815815,
        0.386579, -0.223639, -0.701691, -1.795713, 0.818326, -0.571033, 0.000786, -1.063643, 1.301715,
        0.747873, 0.980876, -0.110419, 0.467919, 0.890607, 1.023009, 0.312383, -0.061905, -0.35948,
        -0.748644,
    };
    private const double DetA8 = 16.068980217322487;

    private static readonly double[] InvIn =
    {
        -0.965479, 0.360035, -0.244553, -1.995857, -0.155248, 1.063831, -0.275172, -1.853336,
        -0.124342, 0.784975, 0.201999, -0.428074, 1.848289, 1.899953, -0.098425, 0.813445,
    };
    private static readonly double[] InvOut =
    {
        -4.1617898609078505, 3.9671192688344625, -0.2767036134811376, -1.3183215728594981,
        2.5265435617516476, -2.3200791611732043, 0.46152231489013534, 1.155946775380187,
        -6.5172721546505485, 5.163372264271866, 2.7362778464696627, -2.7866053010814045,
        2.7665224921479643, -2.9702519883400966, -0.11816940868312217, 1.1876931951097607,
    };

    private static readonly double[] SolveA =
    {
        0.392494, 0.781443, 1.453272, 0.820186, 0.087705, -0.653506, -0.811887, -0.025538, 1.158185,
        0.300521, 0.053057, 0.257272, 0.035743, 0.547237, -1.122962, -1.975248, -0.42515, -1.149074,
        1.615138, -0.158477, -0.252873, -1.538154, 0.282086, -0.623612, 1.121822,
    };
    private static readonly double[] SolveB =
    {
        0.841221, -0.775896, 0.410716, -2.722416, -0.673305, 1.246222, 0.790208, 0.175341, -0.029295, -1.419514,
    };
    private static readonly double[] SolveX =
    {
        -0.3929275756007914, -3.1891515076742594, 0.6162631931061747, 1.1422142326801927,
        0.10999819956992327, 1.3896798175645209, 0.3364866807464711, -2.726322286627686,
        0.8896777746682836, -2.283106796953629,
    };

    // ---- strided views over pinned managed buffers ----

    /// <summary>Element strides (not bytes) as a function of (rows, cols); gaps are NaN-filled.</summary>
    public static readonly object[] Layouts =
    {
        new object[] { "C" },
        new object[] { "F" },          // transposed storage: swapped strides
        new object[] { "NegBoth" },    // m[::-1, ::-1] of a C array
        new object[] { "NegRowsF" },   // Fortran storage with the row axis reversed
        new object[] { "Padded" },     // every other column of a wider C array, with row padding
        new object[] { "NegPaddedT" }, // non-contiguous, transposed, both strides negative
    };

    private static (long rs, long cs) Strides(string layout, int rows, int cols) => layout switch
    {
        "C" => (cols, 1),
        "F" => (1, rows),
        "NegBoth" => (-cols, -1),
        "NegRowsF" => (-1, rows),
        "Padded" => (2 * cols + 3, 2),
        "NegPaddedT" => (-3, -(3 * rows + 2)),
        _ => throw new ArgumentException(layout),
    };

    /// <summary>A strided view of a C-order rows x cols matrix: storage, byte offset of (0,0), byte strides.</summary>
    private sealed class View
    {
        public readonly double[] Buf;
        public readonly long Base, Rs, Cs;

        public View(double[] m, int rows, int cols, string layout)
        {
            var (rs, cs) = Strides(layout, rows, cols);
            long lo = Math.Min(0, (rows - 1) * rs) + Math.Min(0, (cols - 1) * cs);
            long hi = Math.Max(0, (rows - 1) * rs) + Math.Max(0, (cols - 1) * cs);
            Buf = new double[Math.Max(1, hi - lo + 1)];
            Array.Fill(Buf, double.NaN); // a read of a gap would poison the result
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    Buf[-lo + i * rs + j * cs] = m[i * cols + j];
            Base = -lo * sizeof(double);
            Rs = rs * sizeof(double);
            Cs = cs * sizeof(double);
        }
    }

    private static double Det(double[] m, int n, string layout = "C")
    {
        var v = new View(m, n, n, layout);
        fixed (double* p = v.Buf)
            return LinearAlgebra.Det((byte*)p + v.Base, n, v.Rs, v.Cs);
    }

    private static double[] Inv(double[] m, int n, string layout = "C")
    {
        var v = new View(m, n, n, layout);
        var output = new double[n * n];
        fixed (double* p = v.Buf)
        fixed (double* o = output)
            LinearAlgebra.Inverse((byte*)p + v.Base, n, v.Rs, v.Cs, o);
        return output;
    }

    private static double[] Solve(double[] a, int n, double[] b, int bRows, int k,
                                  string aLayout = "C", string bLayout = "C")
    {
        var va = new View(a, n, n, aLayout);
        var vb = new View(b, bRows, k, bLayout);
        var output = new double[Math.Max(1, n * k)];
        fixed (double* pa = va.Buf)
        fixed (double* pb = vb.Buf)
        fixed (double* o = output)
            LinearAlgebra.Solve((byte*)pa + va.Base, n, va.Rs, va.Cs,
                                (byte*)pb + vb.Base, bRows, k, vb.Rs, vb.Cs, o);
        return output;
    }

    /// <summary>Solve with a 1-D b, passed the way compiled code does: bCols = 1, bColStride = 0.</summary>
    private static double[] Solve1D(double[] a, int n, double[] b, long bStrideElems = 1)
    {
        var va = new View(a, n, n, "C");
        long len = b.Length;
        var buf = new double[Math.Max(1, (len - 1) * Math.Abs(bStrideElems) + 1)];
        long baseIdx = bStrideElems < 0 ? (len - 1) * -bStrideElems : 0;
        for (int i = 0; i < len; i++)
            buf[baseIdx + i * bStrideElems] = b[i];
        var output = new double[Math.Max(1, n)];
        fixed (double* pa = va.Buf)
        fixed (double* pb = buf)
        fixed (double* o = output)
            LinearAlgebra.Solve((byte*)pa + va.Base, n, va.Rs, va.Cs,
                                (byte*)(pb + baseIdx), len, 1, bStrideElems * sizeof(double), 0, o);
        return output;
    }

    /// <summary>Deterministic matrix with entries in [-1, 1), plus <paramref name="diag"/> on the diagonal.</summary>
    private static double[] Random(int rows, int cols, ulong seed, double diag = 0)
    {
        var m = new double[rows * cols];
        ulong s = seed * 0x9E3779B97F4A7C15UL + 1;
        for (int i = 0; i < m.Length; i++)
        {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17; // xorshift64
            m[i] = (s >> 11) * (2.0 / (1UL << 53)) - 1.0;
        }
        for (int i = 0; i < Math.Min(rows, cols); i++)
            m[i * cols + i] += diag;
        return m;
    }

    private static double[] MatMul(double[] a, double[] b, int n, int m, int k)
    {
        var c = new double[n * k];
        for (int i = 0; i < n; i++)
            for (int l = 0; l < m; l++)
                for (int j = 0; j < k; j++)
                    c[i * k + j] += a[i * m + l] * b[l * k + j];
        return c;
    }

    private static double[] Identity(int n)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
            m[i * n + i] = 1;
        return m;
    }

    private static void AssertClose(double[] actual, double[] expected, double tol, int count = -1)
    {
        if (count < 0)
            count = expected.Length;
        double scale = 0;
        for (int i = 0; i < count; i++)
            scale = Math.Max(scale, Math.Abs(expected[i]));
        for (int i = 0; i < count; i++)
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(tol * Math.Max(scale, 1)), $"element {i}");
    }

    private static void AssertPy(Action action, string pyType, string message)
    {
        var ex = Assert.Throws<PyException>(action)!;
        Assert.That(ex.PyType, Is.EqualTo(pyType));
        Assert.That(ex.Message, Is.EqualTo(message));
    }

    // ---- det ----

    [TestCaseSource(nameof(Layouts))]
    public void DetMatchesNumpy(string layout)
    {
        Assert.That(Det(A3, 3, layout), Is.EqualTo(DetA3).Within(1e-11).Percent);
        Assert.That(Det(A5, 5, layout), Is.EqualTo(DetA5).Within(1e-11).Percent);
        Assert.That(Det(A8, 8, layout), Is.EqualTo(DetA8).Within(1e-11).Percent);
    }

    [Test]
    public void DetIsAccurateToAFewUlps()
    {
        // Exact rational determinant of A5 (Python fractions) rounds to -8.272996023424884; numpy's
        // exp(sum(log)) lands 5 ulps away (DetA5), the direct product is closer.
        Assert.That(Det(A5, 5), Is.EqualTo(-8.272996023424884).Within(4e-16 * 8.3));
    }

    /// <summary>a_ij = ((37 i + 91 j) mod 101) / 50 - 1 (+3 on the diagonal): exact in both C# and numpy.</summary>
    private static double[] Modular(int n)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                m[i * n + j] = ((i * 37 + j * 91) % 101) / 50.0 - 1 + (i == j ? 3.0 : 0.0);
        return m;
    }

    [Test]
    public void LargerMatricesMatchNumpy()
    {
        // numpy: det 100278117850759.02 (exact 100278117850758.97), cond 34; n=100: cond 4e3.
        Assert.That(Det(Modular(30), 30), Is.EqualTo(100278117850758.97).Within(1e-13 * 1.003e14));
        Assert.That(Det(Modular(100), 100, "NegBoth"), Is.EqualTo(-1.0266552991948569e+47).Within(1e-12 * 1.03e47));
        var inv = Inv(Modular(30), 30, "Padded");
        Assert.That(inv[0], Is.EqualTo(0.3671082904173234).Within(1e-14));
        Assert.That(inv[5 * 30 + 17], Is.EqualTo(0.07758894078277295).Within(1e-14));
        Assert.That(inv[29 * 30 + 1], Is.EqualTo(0.041372243554782175).Within(1e-14));
        var b = new double[90];
        for (int i = 0; i < 30; i++)
            for (int j = 0; j < 3; j++)
                b[i * 3 + j] = ((i * 13 + j * 5) % 17) / 8.0 - 1;
        var x = Solve(Modular(30), 30, b, 30, 3, "F", "NegPaddedT");
        AssertClose(x[..3], new[] { -0.27378985440764037, -0.14635680028820358, -0.06689334452361351 }, 1e-14);
        AssertClose(x[87..], new[] { -0.27755795156823987, -0.10687131731786158, 0.26468791393815755 }, 1e-14);
    }

    [Test]
    public void DetExactCases()
    {
        Assert.That(Det(Array.Empty<double>(), 0), Is.EqualTo(1.0)); // numpy: det of 0x0 is 1.0
        Assert.That(Det(new[] { -2.5 }, 1), Is.EqualTo(-2.5));
        Assert.That(Det(new[] { 2.0, 7, -3, 0, 3, 5, 0, 0, -4 }, 3), Is.EqualTo(-24.0)); // upper triangular
        Assert.That(Det(new[] { 2.0, 0, 0, 1, 3, 0, 1, 1, 4 }, 3), Is.EqualTo(24.0));    // lower triangular
        Assert.That(Det(new[] { 0.0, 1, 1, 0 }, 2), Is.EqualTo(-1.0));
        Assert.That(Det(new[] { 0.0, 1, 0, 0, 0, 1, 1, 0, 0 }, 3), Is.EqualTo(1.0));       // cyclic permutation
        Assert.That(Det(new[] { 0.0, 0, 1, 0, 1, 0, 1, 0, 0 }, 3), Is.EqualTo(-1.0));      // anti-diagonal
        Assert.That(Det(new[] { 2.0, -1, 0, -1, 2, -1, 0, -1, 2 }, 3), Is.EqualTo(4.0).Within(1e-15));
    }

    [Test]
    public void DetOfSingularIsExactlyZero()
    {
        Assert.That(Det(new[] { 0.0 }, 1), Is.EqualTo(0.0));
        Assert.That(Det(new[] { 1.0, 2, 2, 4 }, 2), Is.EqualTo(0.0));
        Assert.That(Det(new double[16], 4), Is.EqualTo(0.0));
        Assert.That(Det(new[] { 1.0, 0, 3, 2, 0, 1, 5, 0, 7 }, 3), Is.EqualTo(0.0)); // zero column
        double d = Det(new[] { 1.0, 2, 3, 2, 4, 6, 1, 1, 1 }, 3);                     // dependent rows
        Assert.That(d, Is.EqualTo(0.0));
        Assert.That(double.IsNegative(d), Is.False, "numpy returns +0.0");
    }

    [Test]
    public void DetOfNumericallySingularMatchesNumpy()
    {
        // Rounding leaves a tiny nonzero pivot here, in numpy as well: numpy gives 6.66133814775094e-16.
        double d = Det(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9 }, 3);
        Assert.That(Math.Abs(d), Is.LessThan(1e-14));
    }

    [Test]
    public void DetAvoidsIntermediateOverflow()
    {
        // numpy (via slogdet) gives 1.000000000000022e+200 and 1.0; a naive product would give inf and 0.
        Assert.That(Det(new[] { 1e200, 0, 0, 0, 1e200, 0, 0, 0, 1e-200 }, 3), Is.EqualTo(1e200).Within(1e-12).Percent);
        var d4 = new double[16];
        d4[0] = 1e-200; d4[5] = 1e-200; d4[10] = 1e200; d4[15] = 1e200;
        Assert.That(Det(d4, 4), Is.EqualTo(1.0).Within(1e-14));
        Assert.That(Det(new[] { 1e300, 0, 0, 1e300 }, 2), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void DetSignFollowsRowSwap()
    {
        var swapped = (double[])A5.Clone();
        for (int j = 0; j < 5; j++)
            (swapped[j], swapped[15 + j]) = (swapped[15 + j], swapped[j]);
        Assert.That(Det(swapped, 5), Is.EqualTo(-DetA5).Within(1e-11).Percent);
    }

    [Test]
    public void DetPropagatesNaN()
    {
        Assert.That(Det(new[] { 1.0, double.NaN, 3, 4 }, 2), Is.NaN);
    }

    [TestCase(40)]
    [TestCase(120)]
    public void DetOfProductIsProductOfDets(int n)
    {
        var a = Random(n, n, 1, diag: 2);
        var b = Random(n, n, 2, diag: 2);
        double expected = Det(a, n) * Det(b, n);
        // Loose: rounding in the product matrix itself perturbs det by ~n^2 eps cond.
        Assert.That(Det(MatMul(a, b, n, n, n), n), Is.EqualTo(expected).Within(1e-8 * Math.Abs(expected)));
        Assert.That(Det(a, n, "NegPaddedT"), Is.EqualTo(Det(a, n)).Within(1e-12 * Math.Abs(Det(a, n))));
    }

    // ---- inverse ----

    [TestCaseSource(nameof(Layouts))]
    public void InverseMatchesNumpy(string layout)
    {
        AssertClose(Inv(InvIn, 4, layout), InvOut, 1e-13);
        AssertClose(MatMul(A8, Inv(A8, 8, layout), 8, 8, 8), Identity(8), 1e-13);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(17)]
    [TestCase(64)]
    [TestCase(200)] // heap-allocated working copy
    public void InverseTimesMatrixIsIdentity(int n)
    {
        var a = Random(n, n, (ulong)n, diag: 4);
        var inv = Inv(a, n, "F");
        AssertClose(MatMul(a, inv, n, n, n), Identity(n), 1e-12);
        AssertClose(MatMul(inv, a, n, n, n), Identity(n), 1e-12);
    }

    [Test]
    public void InverseWithoutDiagonalDominanceNeedsPivoting()
    {
        // Zero leading entry: fails without row exchanges.
        AssertClose(Inv(new[] { 0.0, 1, 2, 3 }, 2), new[] { -1.5, 0.5, 1, 0 }, 1e-15);
        var a = Random(50, 50, 99);
        AssertClose(MatMul(a, Inv(a, 50), 50, 50, 50), Identity(50), 1e-10);
    }

    [Test]
    public void InverseSmallAndEmpty()
    {
        Assert.That(Inv(new[] { 4.0 }, 1), Is.EqualTo(new[] { 0.25 }));
        var sentinel = new[] { 42.0 };
        fixed (double* o = sentinel)
        {
            double dummy = 0;
            LinearAlgebra.Inverse((byte*)&dummy, 0, 8, 8, o);
        }
        Assert.That(sentinel[0], Is.EqualTo(42.0), "0x0 writes nothing");
    }

    [Test]
    public void InverseOfSingularRaisesLinAlgError()
    {
        AssertPy(() => Inv(new[] { 0.0 }, 1), "LinAlgError", "Singular matrix");
        AssertPy(() => Inv(new[] { 1.0, 2, 2, 4 }, 2), "LinAlgError", "Singular matrix");
        AssertPy(() => Inv(new double[9], 3, "NegBoth"), "LinAlgError", "Singular matrix");
        AssertPy(() => Inv(new[] { 1.0, 2, 3, 2, 4, 6, 1, 1, 1 }, 3, "F"), "LinAlgError", "Singular matrix");
    }

    [Test]
    public void InputIsNotModified()
    {
        var a = (double[])A5.Clone();
        var b = (double[])SolveB.Clone();
        fixed (double* pa = a)
        fixed (double* pb = b)
        {
            var o = stackalloc double[25];
            LinearAlgebra.Det((byte*)pa, 5, 40, 8);
            LinearAlgebra.Inverse((byte*)pa, 5, 40, 8, o);
            LinearAlgebra.Solve((byte*)pa, 5, 40, 8, (byte*)pb, 5, 2, 16, 8, o);
        }
        Assert.That(a, Is.EqualTo(A5));
        Assert.That(b, Is.EqualTo(SolveB));
    }

    // ---- solve ----

    public static IEnumerable<object[]> LayoutPairs()
    {
        foreach (object[] la in Layouts)
            foreach (object[] lb in Layouts)
                yield return new[] { la[0], lb[0] };
    }

    [TestCaseSource(nameof(LayoutPairs))]
    public void SolveMatchesNumpy(string aLayout, string bLayout)
    {
        AssertClose(Solve(SolveA, 5, SolveB, 5, 2, aLayout, bLayout), SolveX, 1e-13);
    }

    [TestCase(1L)]
    [TestCase(3L)]
    [TestCase(-2L)]
    public void SolveWithOneDimensionalB(long stride)
    {
        var b = new double[5];
        var x = new double[5];
        for (int i = 0; i < 5; i++)
        {
            b[i] = SolveB[2 * i + 1];
            x[i] = SolveX[2 * i + 1];
        }
        AssertClose(Solve1D(SolveA, 5, b, stride), x, 1e-13);
    }

    [TestCase(1, 1)]
    [TestCase(3, 7)]
    [TestCase(33, 1)]
    [TestCase(150, 5)] // heap path
    public void SolveResidual(int n, int k)
    {
        var a = Random(n, n, (ulong)(n + 1000), diag: 3);
        var b = Random(n, k, (ulong)(n + 2000));
        var x = Solve(a, n, b, n, k, "NegPaddedT", "F");
        AssertClose(MatMul(a, x, n, n, k), b, 1e-12);
    }

    [Test]
    public void SolveOutputMayAliasContiguousB()
    {
        var a = (double[])SolveA.Clone();
        var bx = (double[])SolveB.Clone();
        fixed (double* pa = a)
        fixed (double* pb = bx)
            LinearAlgebra.Solve((byte*)pa, 5, 40, 8, (byte*)pb, 5, 2, 16, 8, pb);
        AssertClose(bx, SolveX, 1e-13);
    }

    [Test]
    public void SolveEmptyCases()
    {
        double dummy = 0;
        var sentinel = new[] { 42.0 };
        fixed (double* o = sentinel)
        {
            LinearAlgebra.Solve((byte*)&dummy, 0, 8, 8, (byte*)&dummy, 0, 1, 8, 0, o); // 0x0, 1-D b
            LinearAlgebra.Solve((byte*)&dummy, 0, 8, 8, (byte*)&dummy, 0, 3, 24, 8, o); // 0x0, (0, 3) b
        }
        Assert.That(sentinel[0], Is.EqualTo(42.0));
        // b with no columns: nothing to write, but a singular A still raises, as numpy does.
        Assert.That(Solve(A3, 3, Array.Empty<double>(), 3, 0)[0], Is.EqualTo(0.0));
        AssertPy(() => Solve(new double[4], 2, Array.Empty<double>(), 2, 0), "LinAlgError", "Singular matrix");
        Assert.That(Solve(new[] { 4.0 }, 1, new[] { 2.0, -1.0 }, 1, 2), Is.EqualTo(new[] { 0.5, -0.25 }));
    }

    [Test]
    public void SolveSingularRaisesLinAlgError()
    {
        AssertPy(() => Solve(new[] { 1.0, 2, 2, 4 }, 2, new[] { 1.0, 2 }, 2, 1), "LinAlgError", "Singular matrix");
        AssertPy(() => Solve1D(new[] { 1.0, 2, 3, 2, 4, 6, 1, 1, 1 }, 3, new[] { 1.0, 2, 3 }),
                 "LinAlgError", "Singular matrix");
    }

    [Test]
    public void SolveShapeMismatchUsesNumpyMessage()
    {
        // numpy 1.24: np.linalg.solve(np.eye(3), np.ones(4)) and np.ones((4, 2)).
        AssertPy(() => Solve1D(Identity(3), 3, new double[4]), "ValueError",
                 "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) (size 4 is different from 3)");
        AssertPy(() => Solve(Identity(3), 3, new double[8], 4, 2), "ValueError",
                 "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size 4 is different from 3)");
    }
}
