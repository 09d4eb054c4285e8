using NumJit.Interop;

namespace NumJit.Runtime.GpuSimulation;

/// <summary>
/// The block a simulated thread belongs to: its index, its shared memory, and the barrier its
/// threads meet at when they run concurrently (kernels that call cuda.syncthreads()). A kernel
/// without a barrier runs its block's threads one after another on one OS thread, and then
/// <see cref="Barrier"/> is null.
/// </summary>
public sealed class SimulatedBlock(SimulatedLaunch launch)
{
    private readonly Dictionary<int, nint> _shared = new();
    private const int DynamicMemory = -1;

    public long[] BlockIdx { get; } = new long[3];

    public Barrier? Barrier { get; set; }

    public void Synchronize()
    {
        if (Barrier == null) throw new InvalidOperationException("cuda.syncthreads() in a kernel the simulator ran without a barrier");
        Barrier.SignalAndWait(launch.Stopped);
    }

    /// <summary>The block's array of a site; every dynamic site views the launch's one dynamic buffer, as in CUDA.</summary>
    public nint Shared(int site)
    {
        lock (_shared)
        {
            if (_shared.TryGetValue(site, out var header)) return header;
            var declared = SimulatedArrays.SiteOf(site);
            if (!declared.Dynamic) return _shared[site] = launch.Allocate(declared);
            if (!_shared.TryGetValue(DynamicMemory, out var bytes))
                bytes = _shared[DynamicMemory] = launch.Allocate(new SimulatedArrays.Site([0], 1, Dynamic: true));
            long count = launch.DynamicSharedBytes / declared.ItemSize;
            return _shared[site] = launch.Track(SimulatedArrays.View(NumpyRuntime.Data(bytes), [count], [declared.ItemSize]));
        }
    }
}
