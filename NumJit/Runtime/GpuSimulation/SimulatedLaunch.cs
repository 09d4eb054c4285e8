namespace NumJit.Runtime.GpuSimulation;

/// <summary>
/// One kernel launch on the simulator: its dimensions, the memory its blocks and threads
/// declare (freed when the launch ends) and the first failure, which stops every other thread.
/// </summary>
public sealed class SimulatedLaunch(long[] gridDim, long[] blockDim, long dynamicSharedBytes) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<nint> _allocations = new();
    private Exception? _failure;

    public long[] GridDim { get; } = gridDim;
    public long[] BlockDim { get; } = blockDim;
    public long DynamicSharedBytes { get; } = dynamicSharedBytes;

    /// <summary>Cancelled once a thread fails: threads waiting at a barrier give up.</summary>
    public CancellationToken Stopped => _stop.Token;

    public bool Failed => _stop.IsCancellationRequested;

    public Exception? Failure
    {
        get
        {
            lock (_allocations) return _failure;
        }
    }

    public void Fail(Exception error)
    {
        lock (_allocations) _failure ??= error;
        _stop.Cancel();
    }

    /// <summary>An array for a site, owned by this launch.</summary>
    public nint Allocate(SimulatedArrays.Site site) => Track(SimulatedArrays.Allocate(site, DynamicSharedBytes));

    public nint Track(nint header)
    {
        lock (_allocations) _allocations.Add(header);
        return header;
    }

    public void Dispose()
    {
        lock (_allocations)
        {
            foreach (var header in _allocations) SimulatedArrays.Free(header);
            _allocations.Clear();
        }
        _stop.Dispose();
    }
}
