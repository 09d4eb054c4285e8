using System.Runtime.InteropServices;
using System.Text;
using NumJit.Gpu.Backends;
using NumJit.Gpu.Backends.Ptx;
using static NumJit.Gpu.Runtime.Cuda.CudaApi;

namespace NumJit.Gpu.Runtime.Cuda;

/// <summary>
/// Kernels as PTX, JIT-compiled by the driver (cuModuleLoadDataEx, with its error log in
/// failures) and launched with cuLaunchKernel on device 0's primary context (numba's choice:
/// other CUDA libraries in the process share it). Every entry makes the context current on the
/// calling thread first. Launches are asynchronous on the default stream; reads synchronize.
/// </summary>
public sealed unsafe class CudaBackend : GpuBackend
{
    private readonly int _device;
    private readonly nint _context;
    private readonly long _maxThreads, _maxShared;
    private readonly (int Major, int Minor) _capability;
    private readonly int _driverVersion;

    private CudaBackend(int device, nint context)
    {
        _device = device;
        _context = context;
        _maxThreads = Attribute(DeviceMaxThreadsPerBlock);
        _maxShared = Attribute(DeviceMaxSharedMemoryPerBlock);
        _capability = ((int)Attribute(DeviceComputeCapabilityMajor), (int)Attribute(DeviceComputeCapabilityMinor));
        int driverVersion;
        Check(cuDriverGetVersion(&driverVersion), "cuDriverGetVersion");
        _driverVersion = driverVersion;
    }

    /// <summary>The PTX .version and .target for this driver and device.</summary>
    private PtxTarget Target => PtxTarget.For(_driverVersion, _capability.Major, _capability.Minor) ?? throw new GpuException(
        _capability.Major < 6 ? $"NumJit's PTX needs compute capability 6.0 or newer; this GPU has {_capability.Major}.{_capability.Minor}"
            : $"NumJit's PTX (ISA 6.4) needs a CUDA 10.1 driver or newer; this one is {DriverText}");

    private string DriverText => $"{_driverVersion / 1000}.{_driverVersion % 1000 / 10}";

    /// <summary>The backend, or null with the reason none can run here.</summary>
    public static CudaBackend? TryCreate(out string reason)
    {
        if (!NativeLibrary.TryLoad(Library, out _))
        {
            reason = $"no CUDA driver ({Library} not found)";
            return null;
        }
        int status = cuInit(0);
        int count = 0;
        if (status == Success) status = cuDeviceGetCount(&count);
        if (status != Success || count == 0)
        {
            reason = status == Success || status == ErrorNoDevice ? "the CUDA driver found no GPU" : $"cuInit failed: {ErrorText(status)}";
            return null;
        }
        int device;
        nint context;
        status = cuDeviceGet(&device, 0);
        if (status == Success) status = cuDevicePrimaryCtxRetain(&context, device);
        else context = 0;
        if (status != Success)
        {
            reason = $"cannot open GPU 0: {ErrorText(status)}";
            return null;
        }
        try
        {
            var backend = new CudaBackend(device, context);
            reason = "";
            return backend;
        }
        catch (GpuException error)
        {
            reason = $"cannot query GPU 0: {error.Message}";   // the driver failing on its own device
            return null;
        }
    }

    private long Attribute(int attribute)
    {
        int value;
        Check(cuDeviceGetAttribute(&value, attribute, _device), "cuDeviceGetAttribute");
        return value;
    }

    private void Enter() => Check(cuCtxSetCurrent(_context), "cuCtxSetCurrent");

    public override string Describe()
    {
        Enter();
        var name = new byte[256];
        fixed (byte* n = name) cuDeviceGetName(n, name.Length, _device);
        nuint memory;
        cuDeviceTotalMem(&memory, _device);
        var target = PtxTarget.For(_driverVersion, _capability.Major, _capability.Minor);
        return $"CUDA driver {DriverText}\n" +
            $"device 0: {Encoding.UTF8.GetString(name).TrimEnd('\0')} (compute capability {_capability.Major}.{_capability.Minor}, " +
            $"{Attribute(DeviceMultiprocessorCount)} multiprocessors)\n" +
            $"global memory: {(ulong)memory >> 20} MiB, shared memory per block: {_maxShared >> 10} KiB, max threads per block: {_maxThreads}\n" +
            (target == null ? "kernels: none (NumJit needs compute capability 6.0 and a CUDA 10.1 driver)"
                : $"kernels: PTX {target.Version} for {target.Target}, JIT-compiled by the driver");
    }

    public override CompiledKernel Compile(TypedKernel typed)
    {
        var source = PtxEmitter.Emit(typed.Functions, typed.Options.FastMath, Target);
        Enter();
        byte[] image = Encoding.UTF8.GetBytes(source.Text + "\0");
        var log = new byte[16384];
        nint module;
        int status;
        fixed (byte* i = image)
        fixed (byte* l = log)
        {
            int* options = stackalloc int[] { JitErrorLogBuffer, JitErrorLogBufferSizeBytes };
            void** values = stackalloc void*[] { l, (void*)(nint)log.Length };
            status = cuModuleLoadDataEx(&module, i, 2, options, values);
        }
        if (status != Success)
        {
            string text = Encoding.UTF8.GetString(log).TrimEnd('\0', '\n');
            throw new GpuException($"the CUDA driver rejected the PTX of {source.EntryName} ({ErrorText(status)}):\n{text}\n--- PTX ---\n{source.Text}");
        }
        nint function;
        fixed (byte* n = Encoding.UTF8.GetBytes(source.EntryName + "\0")) Check(cuModuleGetFunction(&function, module, n), "cuModuleGetFunction");
        int limit;
        Check(cuFuncGetAttribute(&limit, FunctionMaxThreadsPerBlock, function), "cuFuncGetAttribute");
        return new CudaKernel(source, module, function, limit);
    }

    private sealed class CudaKernel(GpuKernelSource source, nint module, nint function, long threadLimit) : CompiledKernel(source)
    {
        public nint Module { get; } = module;
        public nint Function { get; } = function;
        public long ThreadLimit { get; } = threadLimit;
    }

    public override void Release(CompiledKernel kernel)
    {
        Enter();
        Check(cuModuleUnload(((CudaKernel)kernel).Module), "cuModuleUnload");
    }

    public override nint Allocate(long bytes)
    {
        Enter();
        ulong pointer;
        int status = cuMemAlloc(&pointer, (nuint)Math.Max(bytes, 1));
        if (status == ErrorOutOfMemory) throw new GpuException($"device out of memory: cannot allocate {bytes} bytes on the GPU");
        Check(status, "cuMemAlloc");
        return (nint)pointer;
    }

    public override void Free(nint buffer)
    {
        Enter();
        Check(cuMemFree((ulong)buffer), "cuMemFree");
    }

    public override void Write(nint buffer, void* source, long bytes)
    {
        Enter();
        if (bytes > 0) Check(cuMemcpyHtoD((ulong)buffer, source, (nuint)bytes), "cuMemcpyHtoD");
    }

    public override void Read(nint buffer, void* target, long bytes)
    {
        Enter();
        if (bytes > 0) Check(cuMemcpyDtoH(target, (ulong)buffer, (nuint)bytes), "cuMemcpyDtoH");
    }

    public override void Synchronize()
    {
        Enter();
        Check(cuCtxSynchronize(), "cuCtxSynchronize (a kernel failed)");
    }

    public override void Launch(CompiledKernel compiled, LaunchConfiguration launch, IReadOnlyList<KernelArgument> args)
    {
        var kernel = (CudaKernel)compiled;
        var source = kernel.Source;
        CheckLimits(source, launch, Math.Min(kernel.ThreadLimit, _maxThreads), _maxShared, "this GPU");
        // One 8-byte slot per PTX parameter, in the emitter's order; the driver reads each parameter's own size from its slot.
        var slots = new List<ulong>();
        for (int i = 0; i < source.Parameters.Count; i++)
        {
            if (source.Parameters[i].Array is { } array)
            {
                slots.Add((ulong)args[i].Buffer);
                for (int d = 0; d < array.Ndim; d++) slots.Add((ulong)args[i].Shape![d]);
                for (int d = 0; d < array.Ndim; d++) slots.Add((ulong)args[i].Strides![d]);
            }
            else slots.Add(args[i].Bits);
        }
        Enter();
        var values = slots.ToArray();
        fixed (ulong* v = values)
        {
            void** pointers = stackalloc void*[Math.Max(1, values.Length)];
            for (int i = 0; i < values.Length; i++) pointers[i] = v + i;
            int status = cuLaunchKernel(kernel.Function, (uint)launch.Grid[0], (uint)launch.Grid[1], (uint)launch.Grid[2],
                (uint)launch.Block[0], (uint)launch.Block[1], (uint)launch.Block[2], (uint)launch.SharedBytes, 0, pointers, null);
            if (status == ErrorLaunchOutOfResources)
                throw new GpuException($"the GPU ran out of resources launching {source.EntryName} ({ErrorText(status)})");
            Check(status, "cuLaunchKernel");
        }
    }

    private static void Check(int status, string call)
    {
        if (status != Success) throw new GpuException($"{call} failed: {ErrorText(status)}");
    }
}
