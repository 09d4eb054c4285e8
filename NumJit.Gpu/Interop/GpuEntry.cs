using System.Text.Json;
using NumJit.Gpu.Runtime;
using NumJit.Gpu.Runtime.Cuda;
using NumJit.Gpu.Runtime.OpenCl;
using NumJit.Gpu.Runtime.Simulator;
using NumJit.Interop;
using NumJit.IR.Types;

namespace NumJit.Gpu.Interop;

/// <summary>
/// What numjit.cuda and numjit.opencl call. <see cref="Bootstrap"/> is fetched through hostfxr
/// after the NumJit host started (same load context, so the C API bindings are shared) and
/// returns a dict of builtins. Every entry catches everything: nothing may unwind into CPython.
/// </summary>
public static unsafe class GpuEntry
{
    private static readonly Dictionary<string, (GpuBackend? Backend, string Reason)> Backends = new();
    private static readonly Dictionary<long, (GpuBackend Backend, CompiledKernel Kernel)> Kernels = new();
    private static long _nextKernel = 1;

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    public static nint Bootstrap()
    {
        try
        {
            nint dict = CApi.PyDict_New();
            BuiltinFunction.AddTo(dict, "unavailable", &Unavailable);
            BuiltinFunction.AddTo(dict, "detect", &Detect);
            BuiltinFunction.AddTo(dict, "compile", &Compile);
            BuiltinFunction.AddTo(dict, "allocate", &Allocate);
            BuiltinFunction.AddTo(dict, "free", &Free);
            BuiltinFunction.AddTo(dict, "write", &Write);
            BuiltinFunction.AddTo(dict, "read", &Read);
            BuiltinFunction.AddTo(dict, "launch", &Launch);
            BuiltinFunction.AddTo(dict, "release", &Release);
            BuiltinFunction.AddTo(dict, "synchronize", &Synchronize);
            return dict;
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    private static (GpuBackend? Backend, string Reason) Find(string name)
    {
        lock (Backends)
        {
            if (Backends.TryGetValue(name, out var found)) return found;
            string reason = "";
            GpuBackend? backend = name switch
            {
                "opencl" => OpenClBackend.TryCreate(out reason),
                "sim" => new SimulatorBackend(),
                "cuda" => CudaBackend.TryCreate(out reason),
                _ => throw new NumJit.Runtime.PyException("ValueError", $"unknown GPU backend '{name}' (cuda, opencl or sim)"),
            };
            return Backends[name] = (backend, reason);
        }
    }

    private static GpuBackend Require(nint nameObject)
    {
        string name = CApi.ToUtf8String(nameObject) ?? throw new PythonErrorSet();
        var (backend, reason) = Find(name);
        return backend ?? throw new GpuException($"the {name} backend cannot run here: {reason}");
    }

    private static nint Call(nint* args, nint count, int expected, string name, Func<nint> body)
    {
        try
        {
            if (count != expected) throw new NumJit.Runtime.PyException("TypeError", $"{name}() takes {expected} arguments ({count} given)");
            return body();
        }
        catch (GpuException error)
        {
            ExceptionBridge.Raise(new CompilerError("GpuError", error.Message));
            return 0;
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>unavailable(backend) -> None when it can run here, else the reason.</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Unavailable(nint self, nint* args, nint count) => Call(args, count, 1, "unavailable", () =>
    {
        var (backend, reason) = Find(CApi.ToUtf8String(args[0]) ?? throw new PythonErrorSet());
        return backend != null ? Boxing.None() : CApi.FromUtf8(reason);
    });

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Detect(nint self, nint* args, nint count) => Call(args, count, 1, "detect",
        () => CApi.FromUtf8(Require(args[0]).Describe()));

    /// <summary>compile(backend, request_json) -> (kernel id, source text, info json).</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Compile(nint self, nint* args, nint count) => Call(args, count, 2, "compile", () =>
    {
        var backend = Require(args[0]);
        string request = CApi.ToUtf8String(args[1]) ?? throw new PythonErrorSet();
        var typed = GpuCompiler.Type(request);
        var kernel = backend.Compile(typed);
        long id;
        lock (Kernels)
        {
            id = _nextKernel++;
            Kernels[id] = (backend, kernel);
        }
        string info = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["entry"] = kernel.Source.EntryName,
            ["ir"] = string.Join("\n", typed.Functions.Select(f => f.ToString())),
            ["static_shared_bytes"] = kernel.Source.StaticSharedBytes,
            ["dynamic_shared_itemsize"] = kernel.Source.UsesDynamicShared ? kernel.Source.DynamicSharedItemSize : 0,
        });
        nint result = CApi.PyTuple_New(3);
        CApi.PyTuple_SetItem(result, 0, Boxing.Int64(id));
        CApi.PyTuple_SetItem(result, 1, CApi.FromUtf8(kernel.Source.Text));
        CApi.PyTuple_SetItem(result, 2, CApi.FromUtf8(info));
        return result;
    });

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Allocate(nint self, nint* args, nint count) => Call(args, count, 2, "allocate",
        () => Boxing.Int64(Require(args[0]).Allocate(CApi.PyLong_AsLongLongAndOverflowChecked(args[1]))));

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Free(nint self, nint* args, nint count) => Call(args, count, 2, "free", () =>
    {
        Require(args[0]).Free((nint)CApi.PyLong_AsLongLongAndOverflowChecked(args[1]));
        return Boxing.None();
    });

    /// <summary>write(backend, buffer, ndarray, nbytes): the array must be C-contiguous (the package makes sure).</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Write(nint self, nint* args, nint count) => Call(args, count, 4, "write", () =>
    {
        Require(args[0]).Write((nint)CApi.PyLong_AsLongLongAndOverflowChecked(args[1]), (void*)NumpyRuntime.Data(args[2]),
            CApi.PyLong_AsLongLongAndOverflowChecked(args[3]));
        return Boxing.None();
    });

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Read(nint self, nint* args, nint count) => Call(args, count, 4, "read", () =>
    {
        Require(args[0]).Read((nint)CApi.PyLong_AsLongLongAndOverflowChecked(args[1]), (void*)NumpyRuntime.Data(args[2]),
            CApi.PyLong_AsLongLongAndOverflowChecked(args[3]));
        return Boxing.None();
    });

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Synchronize(nint self, nint* args, nint count) => Call(args, count, 1, "synchronize", () =>
    {
        Require(args[0]).Synchronize();
        return Boxing.None();
    });

    /// <summary>The kernel a Python int names (taken out of the registry when <paramref name="remove"/>).</summary>
    private static (GpuBackend Backend, CompiledKernel Kernel) FindKernel(nint pyId, bool remove)
    {
        long id = CApi.PyLong_AsLongLongAndOverflowChecked(pyId);
        (GpuBackend Backend, CompiledKernel Kernel) entry;
        bool found;
        lock (Kernels) found = remove ? Kernels.Remove(id, out entry) : Kernels.TryGetValue(id, out entry);
        return found ? entry : throw new NumJit.Runtime.PyException("ValueError", $"no kernel {id}");
    }

    /// <summary>release(kernel id): the kernel's dispatcher is gone; the driver's module is freed.</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Release(nint self, nint* args, nint count) => Call(args, count, 1, "release", () =>
    {
        var entry = FindKernel(args[0], remove: true);
        entry.Backend.Release(entry.Kernel);
        return Boxing.None();
    });

    /// <summary>
    /// launch(kernel id, grid (3 ints), block (3 ints), shared bytes, args): an array argument is
    /// (buffer, shape, byte strides); a scalar is a Python number converted to the parameter's type.
    /// </summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint Launch(nint self, nint* args, nint count) => Call(args, count, 5, "launch", () =>
    {
        var entry = FindKernel(args[0], remove: false);
        var launch = new LaunchConfiguration(Longs(args[1]), Longs(args[2]), CApi.PyLong_AsLongLongAndOverflowChecked(args[3]));
        var parameters = entry.Kernel.Source.Parameters;
        if (CApi.PyTuple_Size(args[4]) != parameters.Count)
            throw new NumJit.Runtime.PyException("TypeError", $"{entry.Kernel.Source.EntryName} takes {parameters.Count} arguments");
        var values = new KernelArgument[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            nint item = CApi.PyTuple_GetItem(args[4], i);
            values[i] = parameters[i].Type switch
            {
                ArrayType => new KernelArgument((nint)CApi.PyLong_AsLongLongAndOverflowChecked(CApi.PyTuple_GetItem(item, 0)), null, null, 0)
                {
                    Shape = Longs(CApi.PyTuple_GetItem(item, 1)),
                    Strides = Longs(CApi.PyTuple_GetItem(item, 2)),
                },
                FloatType { Bits: 32 } => KernelArgument.Scalar(BitConverter.SingleToUInt32Bits((float)Double(item))),
                FloatType => KernelArgument.Scalar(BitConverter.DoubleToUInt64Bits(Double(item))),
                _ => KernelArgument.Scalar((ulong)CApi.PyLong_AsLongLongAndOverflowChecked(item)),
            };
        }
        entry.Backend.Launch(entry.Kernel, launch, values);
        return Boxing.None();
    });

    private static double Double(nint value)
    {
        double d = CApi.PyFloat_AsDouble(value);
        if (d == -1.0 && CApi.PyErr_Occurred() != 0) throw new PythonErrorSet();
        return d;
    }

    private static long[] Longs(nint tuple)
    {
        long n = CApi.PyTuple_Size(tuple);
        if (n < 0) throw new PythonErrorSet();
        var values = new long[n];
        for (int i = 0; i < n; i++) values[i] = CApi.PyLong_AsLongLongAndOverflowChecked(CApi.PyTuple_GetItem(tuple, i));
        return values;
    }
}
