using System.Runtime.InteropServices;
using NumJit.Interop;

namespace NumJit.Runtime.GpuSimulation;

/// <summary>
/// Arrays of the simulator: device buffers and kernel-declared arrays are plain native memory,
/// and compiled code reaches them through a header laid out like the fields of a numpy
/// PyArrayObject it reads (data, nd, dimensions, strides, flags). No Python object is involved,
/// so simulated threads run without the GIL. Kernel code on a GPU target only indexes arrays and
/// reads their shape (the GPU emitters reject the rest), so nothing else of the object is read.
/// </summary>
public static unsafe class SimulatedArrays
{
    /// <summary>A cuda.shared.array or cuda.local.array in the source: its shape and element size.</summary>
    public sealed record Site(long[] Shape, int ItemSize, bool Dynamic)
    {
        public long Count => Shape.Aggregate(1L, (a, b) => a * b);
    }

    private static readonly List<Site> Sites = new();

    /// <summary>Records a site when a kernel is compiled; the compiled code passes its number.</summary>
    public static int Register(long[] shape, int itemSize, bool dynamic)
    {
        lock (Sites)
        {
            Sites.Add(new Site(shape, itemSize, dynamic));
            return Sites.Count - 1;
        }
    }

    public static Site SiteOf(int site)
    {
        lock (Sites) return Sites[site];
    }

    private static int HeaderBytes(int ndim) => (PyLayout.ArrayFlags + 8 + 16 * ndim + 63) & ~63;

    /// <summary>A header over existing memory; release it with <see cref="Free"/>.</summary>
    public static nint View(nint data, ReadOnlySpan<long> shape, ReadOnlySpan<long> strides)
    {
        int bytes = HeaderBytes(shape.Length);
        nint header = (nint)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        new Span<byte>((void*)header, bytes).Clear();
        Fill(header, data, shape, strides);
        return header;
    }

    /// <summary>
    /// A C-ordered array of a site with its header in one allocation (release it with <see cref="Free"/>). The
    /// elements start as 0xFF bytes (NaN, -1): a GPU does not clear shared or local memory
    /// either, and a kernel that reads before it writes shows it at once.
    /// </summary>
    public static nint Allocate(Site site, long dynamicBytes)
    {
        long[] shape = site.Dynamic ? [dynamicBytes / site.ItemSize] : site.Shape;
        long count = shape.Aggregate(1L, (a, b) => a * b);
        int headerBytes = HeaderBytes(shape.Length);
        nint header = (nint)NativeMemory.AlignedAlloc((nuint)(headerBytes + count * site.ItemSize), 64);
        new Span<byte>((void*)header, headerBytes).Clear();
        new Span<byte>((void*)(header + headerBytes), (int)(count * site.ItemSize)).Fill(0xFF);
        var strides = new long[shape.Length];
        long step = site.ItemSize;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = step;
            step *= Math.Max(1, shape[d]);
        }
        Fill(header, header + headerBytes, shape, strides);
        return header;
    }

    public static void Free(nint header) => NativeMemory.AlignedFree((void*)header);

    private static void Fill(nint header, nint data, ReadOnlySpan<long> shape, ReadOnlySpan<long> strides)
    {
        long* dims = (long*)(header + PyLayout.ArrayFlags + 8);
        long* steps = dims + shape.Length;
        for (int d = 0; d < shape.Length; d++)
        {
            dims[d] = shape[d];
            steps[d] = strides[d];
        }
        *(nint*)(header + PyLayout.ArrayData) = data;
        *(int*)(header + PyLayout.ArrayNd) = shape.Length;
        *(long**)(header + PyLayout.ArrayDims) = dims;
        *(long**)(header + PyLayout.ArrayStrides) = steps;
        *(int*)(header + PyLayout.ArrayFlags) = PyLayout.NpyAligned | PyLayout.NpyWriteable;
    }
}
