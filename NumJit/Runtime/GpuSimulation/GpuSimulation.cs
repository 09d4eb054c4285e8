using System.Runtime.CompilerServices;

namespace NumJit.Runtime.GpuSimulation;

/// <summary>
/// What a kernel compiled for the GPU simulator calls where GPU code reads hardware registers
/// and uses on-chip memory: launch coordinates, the block barrier and kernel-declared arrays.
/// The simulator's launcher sets <see cref="Current"/> on each OS thread before it runs a
/// simulated thread; compiled code only reads it.
/// </summary>
public static class GpuSimulation
{
    [ThreadStatic] private static SimulatedThread? _current;

    public static SimulatedThread? Current
    {
        get => _current;
        set => _current = value;
    }

    private static SimulatedThread Thread
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _current ?? throw new InvalidOperationException("simulated GPU code ran outside a simulator launch");
    }

    /// <summary>threadIdx (kind 0), blockIdx (1), blockDim (2) or gridDim (3) in one dimension (see IR.GpuIndexKind).</summary>
    public static long Index(int kind, int dimension)
    {
        var thread = Thread;
        return kind switch
        {
            0 => thread.ThreadIdx[dimension],
            1 => thread.Block.BlockIdx[dimension],
            2 => thread.Launch.BlockDim[dimension],
            _ => thread.Launch.GridDim[dimension],
        };
    }

    public static void SyncThreads() => Thread.Block.Synchronize();

    /// <summary>The block's array for a cuda.shared.array site (see <see cref="SimulatedArrays.Register"/>).</summary>
    public static nint SharedArray(int site) => Thread.Block.Shared(site);

    /// <summary>This thread's array for a cuda.local.array site.</summary>
    public static nint LocalArray(int site) => Thread.Local(site);
}
