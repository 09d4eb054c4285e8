using NumJit.Gpu.Backends;

namespace NumJit.Gpu.Runtime;

/// <summary>
/// A device NumJit can run kernels on: builds emitted kernels, owns device buffers and
/// launches. Buffers are opaque handles; launches may run asynchronously until
/// <see cref="Synchronize"/> or a read. Failures throw <see cref="GpuException"/>.
/// </summary>
public abstract unsafe class GpuBackend
{
    /// <summary>A description of the platform and device, for detect().</summary>
    public abstract string Describe();

    /// <summary>Turns typed IR of a kernel and its device functions into a launchable kernel.</summary>
    public abstract CompiledKernel Compile(TypedKernel kernel);

    public abstract nint Allocate(long bytes);
    public abstract void Free(nint buffer);
    public abstract void Write(nint buffer, void* source, long bytes);
    public abstract void Read(nint buffer, void* target, long bytes);
    public abstract void Launch(CompiledKernel kernel, LaunchConfiguration launch, IReadOnlyList<KernelArgument> args);

    /// <summary>Frees what the driver holds for a kernel; it is never launched again.</summary>
    public abstract void Release(CompiledKernel kernel);

    public abstract void Synchronize();

    /// <summary>The launch errors every backend reports the same way: a block too large, or too much shared memory.</summary>
    protected static void CheckLimits(GpuKernelSource source, LaunchConfiguration launch, long maxThreads, long maxSharedBytes, string device)
    {
        if (launch.ThreadsPerBlock > maxThreads)
            throw new GpuException($"a block of {launch.ThreadsPerBlock} threads is more than {device} allows for {source.EntryName} ({maxThreads})");
        long shared = source.StaticSharedBytes + launch.SharedBytes;
        if (shared > maxSharedBytes)
            throw new GpuException($"too much shared memory: {source.EntryName} needs {shared} bytes per block; {device} has {maxSharedBytes}");
    }
}

/// <summary>A kernel built for one backend, with the text it was built from (inspect_asm()).</summary>
public abstract class CompiledKernel(GpuKernelSource source)
{
    public GpuKernelSource Source { get; } = source;
}

/// <summary>Blocks per grid and threads per block in x, y, z, and the dynamic shared memory in bytes.</summary>
public sealed record LaunchConfiguration(long[] Grid, long[] Block, long SharedBytes)
{
    public long ThreadsPerBlock => Block[0] * Block[1] * Block[2];
}

/// <summary>One launch argument: a device buffer with its shape and byte strides, or a scalar's bits.</summary>
public readonly record struct KernelArgument(nint Buffer, long[]? Shape, long[]? Strides, ulong Bits)
{
    public static KernelArgument Scalar(ulong bits) => new(0, null, null, bits);
}

/// <summary>A device or driver failure, raised in Python as numjit.GpuError.</summary>
public sealed class GpuException(string message) : Exception(message);
