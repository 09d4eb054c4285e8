namespace NumJit.Gpu.Backends;

/// <summary>
/// A kernel emitted as text for a driver to build: the entry's name, its parameters in launch
/// order, and whether it declares dynamic shared memory (an extra trailing parameter in OpenCL,
/// the launch's shared byte count in CUDA), and whether it meets at a barrier (the simulator then
/// runs a block's threads concurrently).
/// </summary>
public sealed record GpuKernelSource(string Text, string EntryName, IReadOnlyList<KernelParameter> Parameters, bool UsesDynamicShared,
    long StaticSharedBytes, int DynamicSharedItemSize = 1, bool UsesBarrier = false);
