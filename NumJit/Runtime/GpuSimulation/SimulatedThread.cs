namespace NumJit.Runtime.GpuSimulation;

/// <summary>
/// The GPU thread an OS thread is simulating: its index in the block, its block and its local
/// arrays. An OS thread that simulates several GPU threads in turn keeps their local arrays:
/// a GPU does not clear local memory between threads either.
/// </summary>
public sealed class SimulatedThread(SimulatedLaunch launch)
{
    private readonly Dictionary<int, nint> _locals = new();

    public SimulatedLaunch Launch { get; } = launch;

    public SimulatedBlock Block { get; set; } = null!;

    public long[] ThreadIdx { get; } = new long[3];

    public nint Local(int site) =>
        _locals.TryGetValue(site, out var header) ? header : _locals[site] = Launch.Allocate(SimulatedArrays.SiteOf(site));
}
