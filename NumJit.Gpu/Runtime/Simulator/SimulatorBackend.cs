using System.Runtime.InteropServices;
using NumJit.Backends.Il;
using NumJit.Gpu.Backends;
using NumJit.Gpu.Backends.OpenCl;
using NumJit.Gpu.Backends.Simulator;
using NumJit.Runtime;
using NumJit.Runtime.GpuSimulation;

namespace NumJit.Gpu.Runtime.Simulator;

/// <summary>
/// NUMJIT_GPU_BACKEND=sim: kernels compiled by the IL backend and run on the CPU with GPU
/// semantics. Blocks are spread over the cores. A kernel that calls cuda.syncthreads() runs each
/// block's threads concurrently, one OS thread per GPU thread, meeting at a real barrier; one
/// without runs a block's threads one after another. Every array access is bounds-checked and
/// an out-of-range one names the thread and block. The limits are CUDA's (1024 threads and
/// 48 KiB of shared memory per block) so a launch that works here works on a GPU.
/// </summary>
public sealed unsafe class SimulatorBackend : GpuBackend
{
    public const long MaxThreadsPerBlock = 1024, SharedMemoryBytes = 48 * 1024;
    private const int ThreadStackBytes = 512 * 1024;

    public override string Describe() =>
        $"NumJit GPU simulator: kernels as .NET code on {Environment.ProcessorCount} CPU cores\n" +
        $"limits: {MaxThreadsPerBlock} threads per block, {SharedMemoryBytes >> 10} KiB shared memory per block\n" +
        "every array access bounds-checked; an error names its thread and block";

    public override CompiledKernel Compile(TypedKernel typed)
    {
        // The GPU emitter's rules decide what a kernel may contain, so code the simulator accepts
        // also builds for a device; its other facts (parameters, shared memory) are the launch's.
        var source = OpenClEmitter.Emit(typed.Functions);
        var module = IlModuleEmitter.Emit(typed.Functions, typed.Options with { BoundsCheck = true, Parallel = false });
        var entry = KernelTrampoline.Create(module.Kernel, source.Parameters);
        return new SimulatedKernel(source with { Text = module.Listing }, entry);
    }

    private sealed class SimulatedKernel(GpuKernelSource source, SimulatedKernelEntry entry) : CompiledKernel(source)
    {
        public SimulatedKernelEntry Entry { get; } = entry;
    }

    /// <summary>Nothing to free: the kernel's .NET code goes with its last reference.</summary>
    public override void Release(CompiledKernel kernel) { }

    public override nint Allocate(long bytes)
    {
        try
        {
            return (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 1), 64);
        }
        catch (OutOfMemoryException)
        {
            throw new GpuException($"device out of memory: cannot allocate {bytes} bytes for the simulator");
        }
    }

    public override void Free(nint buffer) => NativeMemory.AlignedFree((void*)buffer);

    public override void Write(nint buffer, void* source, long bytes) => Buffer.MemoryCopy(source, (void*)buffer, bytes, bytes);

    public override void Read(nint buffer, void* target, long bytes) => Buffer.MemoryCopy((void*)buffer, target, bytes, bytes);

    /// <summary>Launches run to completion before they return.</summary>
    public override void Synchronize() { }

    public override void Launch(CompiledKernel compiled, LaunchConfiguration configuration, IReadOnlyList<KernelArgument> args)
    {
        var kernel = (SimulatedKernel)compiled;
        var source = kernel.Source;
        CheckLimits(source, configuration, MaxThreadsPerBlock, SharedMemoryBytes, "the simulated GPU");
        using var launch = new SimulatedLaunch(configuration.Grid, configuration.Block, configuration.SharedBytes);
        ulong* slots = stackalloc ulong[Math.Max(1, args.Count)];
        for (int i = 0; i < args.Count; i++)
            slots[i] = source.Parameters[i].Array != null
                ? (ulong)launch.Track(SimulatedArrays.View(args[i].Buffer, args[i].Shape, args[i].Strides))
                : args[i].Bits;
        if (source.UsesBarrier) RunConcurrently(launch, kernel.Entry, slots);
        else RunSequentially(launch, kernel.Entry, slots);
        if (launch.Failure is { } failure) throw failure;
    }

    /// <summary>Workers take whole blocks in turn and run their threads x-fastest, as a warp scheduler would order them.</summary>
    private static void RunSequentially(SimulatedLaunch launch, SimulatedKernelEntry entry, ulong* slots)
    {
        long blocks = launch.GridDim[0] * launch.GridDim[1] * launch.GridDim[2];
        long next = -1;
        nint args = (nint)slots;
        int workers = (int)Math.Min(Environment.ProcessorCount, blocks);
        Parallel.For(0, workers, _ =>
        {
            var block = new SimulatedBlock(launch);
            var thread = new SimulatedThread(launch) { Block = block };
            var saved = GpuSimulation.Current;
            GpuSimulation.Current = thread;
            try
            {
                for (long b = Interlocked.Increment(ref next); b < blocks && !launch.Failed; b = Interlocked.Increment(ref next))
                {
                    Unflatten(b, launch.GridDim, block.BlockIdx);
                    long[] t = thread.ThreadIdx;
                    for (t[2] = 0; t[2] < launch.BlockDim[2]; t[2]++)
                        for (t[1] = 0; t[1] < launch.BlockDim[1]; t[1]++)
                            for (t[0] = 0; t[0] < launch.BlockDim[0]; t[0]++)
                                entry((ulong*)args);
                }
            }
            catch (Exception error)
            {
                launch.Fail(Located(error, thread));
            }
            finally
            {
                GpuSimulation.Current = saved;
            }
        });
    }

    /// <summary>
    /// One OS thread per GPU thread of a block; the blocks run one after another. A thread that
    /// returns leaves the block's barrier (so early-exiting threads do not hold the rest), and all
    /// meet at a second barrier whose post-phase action moves the block on.
    /// </summary>
    private static void RunConcurrently(SimulatedLaunch launch, SimulatedKernelEntry entry, ulong* slots)
    {
        long blocks = launch.GridDim[0] * launch.GridDim[1] * launch.GridDim[2];
        int threads = (int)(launch.BlockDim[0] * launch.BlockDim[1] * launch.BlockDim[2]);
        long current = 0;
        nint args = (nint)slots;
        var block = new SimulatedBlock(launch) { Barrier = new Barrier(threads) };
        using var boundary = new Barrier(threads, _ =>
        {
            block.Barrier!.Dispose();
            block.Barrier = new Barrier(threads);
            if (++current < blocks) Unflatten(current, launch.GridDim, block.BlockIdx);
        });
        void Run(long linear)
        {
            var thread = new SimulatedThread(launch) { Block = block };
            Unflatten(linear, launch.BlockDim, thread.ThreadIdx);
            GpuSimulation.Current = thread;
            try
            {
                while (current < blocks && !launch.Failed)
                {
                    entry((ulong*)args);
                    block.Barrier!.RemoveParticipant();
                    boundary.SignalAndWait(launch.Stopped);
                }
            }
            catch (OperationCanceledException) when (launch.Failed)
            {
                // another thread failed first
            }
            catch (Exception error)
            {
                launch.Fail(Located(error, thread));
            }
        }
        var workers = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            long linear = i;
            workers[i] = new Thread(() => Run(linear), ThreadStackBytes) { IsBackground = true, Name = "numjit sim" };
            workers[i].Start();
        }
        foreach (var worker in workers) worker.Join();
        block.Barrier!.Dispose();
    }

    private static void Unflatten(long linear, long[] extents, long[] index)
    {
        index[0] = linear % extents[0];
        index[1] = linear / extents[0] % extents[1];
        index[2] = linear / (extents[0] * extents[1]);
    }

    /// <summary>The error with the thread and block it happened in (Python exceptions keep their type).</summary>
    private static Exception Located(Exception error, SimulatedThread thread)
    {
        long[] t = thread.ThreadIdx, b = thread.Block.BlockIdx;
        string where = $"(in thread ({t[0]}, {t[1]}, {t[2]}) of block ({b[0]}, {b[1]}, {b[2]}))";
        return error is PyException python
            ? new PyException(python.PyType, $"{python.Message} {where}")
            : new GpuException($"kernel failed {where}: {error.GetType().Name}: {error.Message}");
    }
}
