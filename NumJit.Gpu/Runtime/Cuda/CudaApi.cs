using System.Runtime.InteropServices;

namespace NumJit.Gpu.Runtime.Cuda;

/// <summary>
/// The CUDA driver API entry points NumJit uses (driver only: no toolkit at run time), with the
/// _v2 exports where they exist. Every call returns a CUresult (0 is success).
/// </summary>
internal static unsafe partial class CudaApi
{
    public const string Library = "libcuda.so.1";

    public const int Success = 0, ErrorOutOfMemory = 2, ErrorNoDevice = 100, ErrorLaunchOutOfResources = 701;
    public const int DeviceMaxThreadsPerBlock = 1, DeviceMaxSharedMemoryPerBlock = 8, DeviceMultiprocessorCount = 16,
        DeviceComputeCapabilityMajor = 75, DeviceComputeCapabilityMinor = 76;
    public const int FunctionMaxThreadsPerBlock = 0, FunctionSharedSizeBytes = 1;
    public const int JitErrorLogBuffer = 5, JitErrorLogBufferSizeBytes = 6;

    [LibraryImport(Library)] public static partial int cuInit(uint flags);
    [LibraryImport(Library)] public static partial int cuDriverGetVersion(int* version);
    [LibraryImport(Library)] public static partial int cuDeviceGetCount(int* count);
    [LibraryImport(Library)] public static partial int cuDeviceGet(int* device, int ordinal);
    [LibraryImport(Library)] public static partial int cuDeviceGetName(byte* name, int length, int device);
    [LibraryImport(Library)] public static partial int cuDeviceGetAttribute(int* value, int attribute, int device);
    [LibraryImport(Library, EntryPoint = "cuDeviceTotalMem_v2")] public static partial int cuDeviceTotalMem(nuint* bytes, int device);
    [LibraryImport(Library)] public static partial int cuDevicePrimaryCtxRetain(nint* context, int device);
    [LibraryImport(Library)] public static partial int cuCtxSetCurrent(nint context);
    [LibraryImport(Library)] public static partial int cuCtxSynchronize();
    [LibraryImport(Library)] public static partial int cuModuleLoadDataEx(nint* module, byte* image, uint count, int* options, void** values);
    [LibraryImport(Library)] public static partial int cuModuleGetFunction(nint* function, nint module, byte* name);
    [LibraryImport(Library)] public static partial int cuModuleUnload(nint module);
    [LibraryImport(Library)] public static partial int cuFuncGetAttribute(int* value, int attribute, nint function);
    [LibraryImport(Library, EntryPoint = "cuMemAlloc_v2")] public static partial int cuMemAlloc(ulong* pointer, nuint bytes);
    [LibraryImport(Library, EntryPoint = "cuMemFree_v2")] public static partial int cuMemFree(ulong pointer);
    [LibraryImport(Library, EntryPoint = "cuMemcpyHtoD_v2")] public static partial int cuMemcpyHtoD(ulong target, void* source, nuint bytes);
    [LibraryImport(Library, EntryPoint = "cuMemcpyDtoH_v2")] public static partial int cuMemcpyDtoH(void* target, ulong source, nuint bytes);
    [LibraryImport(Library)] public static partial int cuLaunchKernel(nint function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY,
        uint blockZ, uint sharedBytes, nint stream, void** parameters, void** extra);
    [LibraryImport(Library)] public static partial int cuGetErrorName(int error, byte** name);
    [LibraryImport(Library)] public static partial int cuGetErrorString(int error, byte** text);

    public static string ErrorText(int error)
    {
        byte* name = null, text = null;
        cuGetErrorName(error, &name);
        cuGetErrorString(error, &text);
        string n = name != null ? Marshal.PtrToStringUTF8((nint)name)! : $"CUresult {error}";
        return text != null ? $"{n}: {Marshal.PtrToStringUTF8((nint)text)}" : n;
    }
}
