using System.Runtime.InteropServices;
using System.Text;
using NumJit.Gpu.Backends;
using NumJit.Gpu.Backends.OpenCl;
using NumJit.IR.Types;
using static NumJit.Gpu.Runtime.OpenCl.OpenClApi;

namespace NumJit.Gpu.Runtime.OpenCl;

/// <summary>
/// Kernels as OpenCL C, built and run through the ICD loader on the first device of the first
/// platform that has one (pocl's CPU device on our CI). One context and one in-order queue.
/// </summary>
public sealed unsafe class OpenClBackend : GpuBackend
{
    private readonly nint _platform, _device, _context, _queue;
    private readonly long _localMemory, _maxGroup;

    private OpenClBackend(nint platform, nint device)
    {
        _platform = platform;
        _device = device;
        int error;
        nint d = device;
        _context = clCreateContext(null, 1, &d, 0, 0, &error);
        Check(error, "clCreateContext");
        _queue = clCreateCommandQueue(_context, device, 0, &error);
        Check(error, "clCreateCommandQueue");
        _localMemory = DeviceLong(DeviceLocalMemSize);
        _maxGroup = DeviceLong(DeviceMaxWorkGroupSize);
    }

    /// <summary>The backend, or null with the reason none can run here.</summary>
    public static OpenClBackend? TryCreate(out string reason)
    {
        if (!NativeLibrary.TryLoad(Library, out _))
        {
            reason = $"no OpenCL ICD loader ({Library}); install ocl-icd-libopencl1 and a driver such as pocl-opencl-icd";
            return null;
        }
        uint count;
        int status = clGetPlatformIDs(0, null, &count);
        if (status != 0 || count == 0)
        {
            reason = $"no OpenCL platform ({ErrorName(status)}); install a driver such as pocl-opencl-icd";
            return null;
        }
        var platforms = new nint[count];
        fixed (nint* p = platforms) clGetPlatformIDs(count, p, null);
        foreach (var platform in platforms)
        {
            nint device;
            uint devices;
            if (clGetDeviceIDs(platform, DeviceTypeAll, 1, &device, &devices) == 0 && devices > 0)
            {
                reason = "";
                return new OpenClBackend(platform, device);
            }
        }
        reason = "the OpenCL platforms have no devices";
        return null;
    }

    public override string Describe()
    {
        var text = new StringBuilder();
        text.Append($"OpenCL platform: {PlatformString(PlatformName)} ({PlatformString(PlatformVersion)})\n");
        text.Append($"device: {DeviceString(DeviceName)} ({DeviceString(DeviceVersion)})\n");
        text.Append($"global memory: {DeviceLong(DeviceGlobalMemSize) >> 20} MiB, local memory: {_localMemory >> 10} KiB, ");
        text.Append($"max work-group size: {_maxGroup}\n");
        text.Append($"double precision: {(DeviceString(DeviceExtensions).Contains("cl_khr_fp64") ? "yes" : "no")}");
        return text.ToString();
    }

    public override CompiledKernel Compile(TypedKernel typed)
    {
        var source = OpenClEmitter.Emit(typed.Functions);
        byte[] text = Encoding.UTF8.GetBytes(source.Text);
        int error;
        nint program;
        fixed (byte* t = text)
        {
            byte* strings = t;
            nuint length = (nuint)text.Length;
            program = clCreateProgramWithSource(_context, 1, &strings, &length, &error);
        }
        Check(error, "clCreateProgramWithSource");
        nint device = _device;
        byte[] options = "-cl-std=CL1.2\0"u8.ToArray();
        fixed (byte* o = options) error = clBuildProgram(program, 1, &device, o, 0, 0);
        if (error != 0)
        {
            string log = BuildLog(program);
            clReleaseProgram(program);
            throw new GpuException($"the OpenCL compiler rejected kernel {source.EntryName} ({ErrorName(error)}):\n{log}\n--- source ---\n{source.Text}");
        }
        byte[] name = Encoding.UTF8.GetBytes(source.EntryName + "\0");
        nint kernel;
        fixed (byte* n = name) kernel = clCreateKernel(program, n, &error);
        Check(error, "clCreateKernel");
        nuint groupLimit;
        clGetKernelWorkGroupInfo(kernel, _device, KernelWorkGroupSize, (nuint)sizeof(nuint), &groupLimit, null);
        return new OpenClKernel(source, program, kernel, (long)groupLimit);
    }

    private sealed class OpenClKernel(GpuKernelSource source, nint program, nint kernel, long groupLimit) : CompiledKernel(source)
    {
        public nint Program { get; } = program;
        public nint Kernel { get; } = kernel;
        public long GroupLimit { get; } = groupLimit;
        public readonly Lock Gate = new();
    }

    public override void Release(CompiledKernel kernel)
    {
        var k = (OpenClKernel)kernel;
        clReleaseKernel(k.Kernel);
        clReleaseProgram(k.Program);
    }

    public override nint Allocate(long bytes)
    {
        int error;
        nint buffer = clCreateBuffer(_context, MemReadWrite, (nuint)Math.Max(bytes, 1), null, &error);
        if (error is -4 or -61 or -6 or -5)
            throw new GpuException($"device out of memory: cannot allocate {bytes} bytes on the OpenCL device ({ErrorName(error)})");
        Check(error, "clCreateBuffer");
        return buffer;
    }

    public override void Free(nint buffer) => clReleaseMemObject(buffer);

    public override void Write(nint buffer, void* source, long bytes)
    {
        if (bytes > 0) Check(clEnqueueWriteBuffer(_queue, buffer, 1, 0, (nuint)bytes, source, 0, null, null), "clEnqueueWriteBuffer");
    }

    public override void Read(nint buffer, void* target, long bytes)
    {
        if (bytes > 0) Check(clEnqueueReadBuffer(_queue, buffer, 1, 0, (nuint)bytes, target, 0, null, null), "clEnqueueReadBuffer");
    }

    public override void Synchronize() => Check(clFinish(_queue), "clFinish");

    public override void Launch(CompiledKernel compiled, LaunchConfiguration launch, IReadOnlyList<KernelArgument> args)
    {
        var kernel = (OpenClKernel)compiled;
        var source = kernel.Source;
        CheckLimits(source, launch, Math.Min(kernel.GroupLimit, _maxGroup), _localMemory, "this OpenCL device");
        lock (kernel.Gate)   // arguments live on the kernel object until the launch is enqueued
        {
            uint index = 0;
            for (int i = 0; i < source.Parameters.Count; i++)
            {
                var parameter = source.Parameters[i];
                var arg = args[i];
                if (parameter.Array is { } array)
                {
                    nint buffer = arg.Buffer;
                    Check(clSetKernelArg(kernel.Kernel, index++, (nuint)sizeof(nint), &buffer), "clSetKernelArg");
                    for (int d = 0; d < array.Ndim; d++) { long v = arg.Shape![d]; Check(clSetKernelArg(kernel.Kernel, index++, 8, &v), "clSetKernelArg"); }
                    for (int d = 0; d < array.Ndim; d++) { long v = arg.Strides![d]; Check(clSetKernelArg(kernel.Kernel, index++, 8, &v), "clSetKernelArg"); }
                }
                else
                {
                    ulong bits = arg.Bits;
                    Check(clSetKernelArg(kernel.Kernel, index++, (nuint)ScalarSize(parameter.Type), &bits), "clSetKernelArg");
                }
            }
            if (source.UsesDynamicShared)
            {
                Check(clSetKernelArg(kernel.Kernel, index++, (nuint)Math.Max(launch.SharedBytes, 1), null), "clSetKernelArg(shared)");
                long count = launch.SharedBytes / Math.Max(1, source.DynamicSharedItemSize);
                Check(clSetKernelArg(kernel.Kernel, index++, 8, &count), "clSetKernelArg");
            }
            nuint* global = stackalloc nuint[3];
            nuint* local = stackalloc nuint[3];
            for (int d = 0; d < 3; d++)
            {
                local[d] = (nuint)launch.Block[d];
                global[d] = (nuint)(launch.Grid[d] * launch.Block[d]);   // a multiple of the work-group size by construction
            }
            int status = clEnqueueNDRangeKernel(_queue, kernel.Kernel, 3, null, global, local, 0, null, null);
            if (status is -5 or -6) throw new GpuException($"the OpenCL device ran out of resources launching {source.EntryName} ({ErrorName(status)})");
            Check(status, "clEnqueueNDRangeKernel");
        }
    }

    /// <summary>Little-endian: the low bytes of the bits are the value for narrower types.</summary>
    private static int ScalarSize(NjType type) => type switch
    {
        BooleanType => 1,
        IntegerType i => i.Bits / 8,
        FloatType f => f.Bits / 8,
        _ => 8,
    };

    private string BuildLog(nint program)
    {
        nuint size;
        clGetProgramBuildInfo(program, _device, ProgramBuildLog, 0, null, &size);
        var log = new byte[(int)size + 1];
        fixed (byte* l = log) clGetProgramBuildInfo(program, _device, ProgramBuildLog, size, l, null);
        return Encoding.UTF8.GetString(log).TrimEnd('\0', '\n');
    }

    private string PlatformString(uint param)
    {
        var buffer = new byte[1024];
        nuint size;
        fixed (byte* b = buffer) clGetPlatformInfo(_platform, param, (nuint)buffer.Length, b, &size);
        return Encoding.UTF8.GetString(buffer, 0, Math.Max(0, (int)size - 1));
    }

    private string DeviceString(uint param)
    {
        var buffer = new byte[8192];
        nuint size;
        fixed (byte* b = buffer) clGetDeviceInfo(_device, param, (nuint)buffer.Length, b, &size);
        return Encoding.UTF8.GetString(buffer, 0, Math.Max(0, (int)size - 1));
    }

    private long DeviceLong(uint param)
    {
        ulong value = 0;
        clGetDeviceInfo(_device, param, 8, &value, null);
        return (long)value;
    }

    private static void Check(int status, string call)
    {
        if (status != 0) throw new GpuException($"{call} failed: {ErrorName(status)}");
    }
}
