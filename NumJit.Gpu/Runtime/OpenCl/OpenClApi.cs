using System.Runtime.InteropServices;

namespace NumJit.Gpu.Runtime.OpenCl;

/// <summary>
/// The OpenCL 1.2 entry points NumJit uses, through the ICD loader's versioned soname
/// (<c>DllImport("OpenCL")</c> does not resolve on Debian). Handles are opaque pointers.
/// </summary>
internal static unsafe partial class OpenClApi
{
    public const string Library = "libOpenCL.so.1";

    public const ulong DeviceTypeAll = 0xFFFFFFFF;
    public const uint PlatformName = 0x0902, PlatformVersion = 0x0901;
    public const uint DeviceName = 0x102B, DeviceVersion = 0x102F, DeviceExtensions = 0x1030, DeviceMaxWorkGroupSize = 0x1004,
        DeviceLocalMemSize = 0x1023, DeviceGlobalMemSize = 0x101F, DeviceMaxWorkItemSizes = 0x1005;
    public const uint ProgramBuildLog = 0x1183;
    public const uint KernelWorkGroupSize = 0x11B0, KernelLocalMemSize = 0x11B2;
    public const ulong MemReadWrite = 1;

    [LibraryImport(Library)] public static partial int clGetPlatformIDs(uint count, nint* platforms, uint* available);
    [LibraryImport(Library)] public static partial int clGetPlatformInfo(nint platform, uint param, nuint size, void* value, nuint* returned);
    [LibraryImport(Library)] public static partial int clGetDeviceIDs(nint platform, ulong type, uint count, nint* devices, uint* available);
    [LibraryImport(Library)] public static partial int clGetDeviceInfo(nint device, uint param, nuint size, void* value, nuint* returned);
    [LibraryImport(Library)] public static partial nint clCreateContext(nint* properties, uint count, nint* devices, nint notify, nint user, int* error);
    [LibraryImport(Library)] public static partial nint clCreateCommandQueue(nint context, nint device, ulong properties, int* error);
    [LibraryImport(Library)] public static partial nint clCreateBuffer(nint context, ulong flags, nuint size, void* host, int* error);
    [LibraryImport(Library)] public static partial int clReleaseMemObject(nint buffer);
    [LibraryImport(Library)] public static partial int clEnqueueWriteBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* source,
        uint waits, nint* waitList, nint* evt);
    [LibraryImport(Library)] public static partial int clEnqueueReadBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* target,
        uint waits, nint* waitList, nint* evt);
    [LibraryImport(Library)] public static partial int clEnqueueCopyBuffer(nint queue, nint source, nint target, nuint sourceOffset, nuint targetOffset,
        nuint size, uint waits, nint* waitList, nint* evt);
    [LibraryImport(Library)] public static partial nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* error);
    [LibraryImport(Library)] public static partial int clBuildProgram(nint program, uint count, nint* devices, byte* options, nint notify, nint user);
    [LibraryImport(Library)] public static partial int clGetProgramBuildInfo(nint program, nint device, uint param, nuint size, void* value, nuint* returned);
    [LibraryImport(Library)] public static partial nint clCreateKernel(nint program, byte* name, int* error);
    [LibraryImport(Library)] public static partial int clGetKernelWorkGroupInfo(nint kernel, nint device, uint param, nuint size, void* value, nuint* returned);
    [LibraryImport(Library)] public static partial int clSetKernelArg(nint kernel, uint index, nuint size, void* value);
    [LibraryImport(Library)] public static partial int clEnqueueNDRangeKernel(nint queue, nint kernel, uint dimensions, nuint* offset, nuint* global,
        nuint* local, uint waits, nint* waitList, nint* evt);
    [LibraryImport(Library)] public static partial int clFinish(nint queue);
    [LibraryImport(Library)] public static partial int clReleaseKernel(nint kernel);
    [LibraryImport(Library)] public static partial int clReleaseProgram(nint program);

    /// <summary>The name of an OpenCL error code, for messages.</summary>
    public static string ErrorName(int code) => code switch
    {
        -1 => "CL_DEVICE_NOT_FOUND", -2 => "CL_DEVICE_NOT_AVAILABLE", -4 => "CL_MEM_OBJECT_ALLOCATION_FAILURE",
        -5 => "CL_OUT_OF_RESOURCES", -6 => "CL_OUT_OF_HOST_MEMORY", -11 => "CL_BUILD_PROGRAM_FAILURE",
        -30 => "CL_INVALID_VALUE", -38 => "CL_INVALID_MEM_OBJECT", -46 => "CL_INVALID_KERNEL_NAME", -48 => "CL_INVALID_KERNEL",
        -49 => "CL_INVALID_ARG_INDEX", -50 => "CL_INVALID_ARG_VALUE", -51 => "CL_INVALID_ARG_SIZE", -52 => "CL_INVALID_KERNEL_ARGS",
        -53 => "CL_INVALID_WORK_DIMENSION", -54 => "CL_INVALID_WORK_GROUP_SIZE", -55 => "CL_INVALID_WORK_ITEM_SIZE",
        -61 => "CL_INVALID_BUFFER_SIZE", -63 => "CL_INVALID_GLOBAL_WORK_SIZE", -1001 => "CL_PLATFORM_NOT_FOUND_KHR",
        _ => $"OpenCL error {code}",
    };
}
