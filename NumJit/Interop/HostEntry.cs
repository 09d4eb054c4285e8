using System.Runtime.InteropServices;
using NumJit.Compilation;

namespace NumJit.Interop;

/// <summary>
/// What the Python package calls. <see cref="Bootstrap"/> is fetched through hostfxr and
/// returns a dict of builtin functions; the package uses those from then on. Every entry point
/// catches everything: an exception escaping into CPython aborts the process.
/// </summary>
public static unsafe class HostEntry
{
    [UnmanagedCallersOnly]
    public static nint Bootstrap(long pythonHexVersion)
    {
        try
        {
            CApi.Initialize();
            PyLayout.Configure(pythonHexVersion);
            nint dict = CApi.PyDict_New();
            BuiltinFunction.AddTo(dict, "configure", &Configure);
            BuiltinFunction.AddTo(dict, "register", &Register);
            BuiltinFunction.AddTo(dict, "unregister", &Unregister);
            BuiltinFunction.AddTo(dict, "compile", &Compile);
            BuiltinFunction.AddTo(dict, "load_cached", &LoadCached);
            BuiltinFunction.AddTo(dict, "set_num_threads", &SetNumThreads);
            BuiltinFunction.AddTo(dict, "get_num_threads", &GetNumThreads);
            BuiltinFunction.AddTo(dict, "cache_salt", &CacheSalt);
            BuiltinFunction.AddTo(dict, "invoke", &Invoke);
            BuiltinFunction.AddTo(dict, "make_ufunc", &MakeUfunc);
            BuiltinFunction.AddTo(dict, "make_gufunc", &MakeGufunc);
            return dict;
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>configure(info: dict): numpy objects and numjit's exception classes.</summary>
    [UnmanagedCallersOnly]
    private static nint Configure(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 1, "configure");
            NumpyRuntime.Configure(args[0]);
            // Initialise the classes whose static readonly fields generated code reads, so the
            // JIT folds them to constants in every method compiled from now on.
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(PyTypes).TypeHandle);
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(NumpyScalars).TypeHandle);
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Runtime.LibM).TypeHandle);
            if (Environment.GetEnvironmentVariable("NUMJIT_NO_WARMUP") is null or "" or "0") CompilerWarmup.Start();
            nint errors = CApi.DictGet(args[0], "errors");
            foreach (var name in new[] { "NumJitError", "TypingError", "UnsupportedError", "GpuError" })
            {
                nint cls = CApi.DictGet(errors, name);
                if (cls != 0) ExceptionBridge.RegisterPackageException(name, cls);
            }
            return Boxing.None();
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>register(dispatcher, slow_call, type_flags) -> handle.</summary>
    [UnmanagedCallersOnly]
    private static nint Register(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 3, "register");
            ulong flags = (ulong)CApi.PyLong_AsLongLongAndOverflowChecked(args[2]);
            return Boxing.Int64(DispatcherRegistry.Register(args[0], args[1], flags));
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static nint Unregister(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 1, "unregister");
            DispatcherRegistry.Unregister(CApi.PyLong_AsLongLongAndOverflowChecked(args[0]));
            return Boxing.None();
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>
    /// compile(handle, request_json[, cache_key]) -> (info_json, builtin[, cache entry bytes or None]).
    /// Adds the new entry to the dispatcher; the builtin function calls this one specialization
    /// directly. With a cache key the code is emitted to be saved too (None: it cannot be).
    /// </summary>
    [UnmanagedCallersOnly]
    private static nint Compile(nint self, nint* args, nint count)
    {
        try
        {
            if (count != 2 && count != 3) throw new Runtime.PyException("TypeError", $"compile() takes 2 or 3 arguments ({count} given)");
            long handle = CApi.PyLong_AsLongLongAndOverflowChecked(args[0]);
            string request = CApi.ToUtf8String(args[1]) ?? throw new PythonErrorSet();
            string? key = count == 3 ? CApi.ToUtf8String(args[2]) ?? throw new PythonErrorSet() : null;
            var compiled = Compiler.CompileRequest(request, key);
            nint result = AddCompiled(handle, compiled, count);
            if (key != null)
                CApi.PyTuple_SetItem(result, 2, compiled.CacheEntry != null ? CApi.FromBytes(compiled.CacheEntry) : Boxing.None());
            return result;
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>load_cached(handle, cache_key, entry_bytes) -> (info_json, builtin), or None when the
    /// bytes are not a valid entry for the key (the caller compiles instead).</summary>
    [UnmanagedCallersOnly]
    private static nint LoadCached(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 3, "load_cached");
            long handle = CApi.PyLong_AsLongLongAndOverflowChecked(args[0]);
            string key = CApi.ToUtf8String(args[1]) ?? throw new PythonErrorSet();
            var compiled = CacheEntry.Read(key, CApi.ToBytes(args[2]));
            return compiled == null ? Boxing.None() : AddCompiled(handle, compiled, 2);
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    private static nint AddCompiled(long handle, CompiledSpecialization compiled, nint resultSize)
    {
        nint builtin = BuiltinFunction.Create(compiled.Name, (delegate* unmanaged<nint, nint*, nint, nint>)compiled.Module.BuiltinEntryPoint);
        DispatcherRegistry.AddEntry(handle, compiled);
        nint result = CApi.PyTuple_New(resultSize);
        CApi.PyTuple_SetItem(result, 0, CApi.FromUtf8(compiled.InfoJson));
        CApi.PyTuple_SetItem(result, 1, builtin);
        return result;
    }

    /// <summary>cache_salt() -> (build id, CPU features): see CacheEntry. Asked for only by
    /// cache=True and AOT modules, so host start-up does not pay for it.</summary>
    [UnmanagedCallersOnly]
    private static nint CacheSalt(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 0, "cache_salt");
            nint result = CApi.PyTuple_New(2);
            CApi.PyTuple_SetItem(result, 0, CApi.FromUtf8(CacheEntry.BuildId));
            CApi.PyTuple_SetItem(result, 1, CApi.FromUtf8(CacheEntry.CpuFeatures()));
            return result;
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static nint SetNumThreads(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 1, "set_num_threads");
            Runtime.ParallelRuntime.NumThreads = (int)Math.Clamp(CApi.PyLong_AsLongLongAndOverflowChecked(args[0]), int.MinValue, int.MaxValue);
            return Boxing.None();
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static nint GetNumThreads(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 0, "get_num_threads");
            return Boxing.Int64(Runtime.ParallelRuntime.NumThreads);
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>invoke(handle, index, args_tuple): calls one specialization directly.</summary>
    [UnmanagedCallersOnly]
    private static nint Invoke(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 3, "invoke");
            long handle = CApi.PyLong_AsLongLongAndOverflowChecked(args[0]);
            int index = (int)CApi.PyLong_AsLongLongAndOverflowChecked(args[1]);
            return DispatcherRegistry.Invoke(handle, index, args[2]);
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>make_ufunc(handle, (entry indices...), name, doc, identity, parallel) -> a numpy ufunc.</summary>
    [UnmanagedCallersOnly]
    private static nint MakeUfunc(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 6, "make_ufunc");
            var kernels = CompiledKernels(args[0], args[1]);
            string name = CApi.ToUtf8String(args[2]) ?? throw new PythonErrorSet();
            string doc = CApi.ToUtf8String(args[3]) ?? throw new PythonErrorSet();
            int identity = (int)CApi.PyLong_AsLongLongAndOverflowChecked(args[4]);
            bool parallel = CApi.PyLong_AsLongLongAndOverflowChecked(args[5]) != 0;
            return UfuncFactory.Create(kernels, name, doc, identity, parallel);
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>
    /// make_gufunc(handle, (entry indices...), name, doc, signature, nin, ((core dim index, ...) per argument))
    /// -> a numpy gufunc.
    /// </summary>
    [UnmanagedCallersOnly]
    private static nint MakeGufunc(nint self, nint* args, nint count)
    {
        try
        {
            RequireArgs(count, 7, "make_gufunc");
            var kernels = CompiledKernels(args[0], args[1]);
            string name = CApi.ToUtf8String(args[2]) ?? throw new PythonErrorSet();
            string doc = CApi.ToUtf8String(args[3]) ?? throw new PythonErrorSet();
            string signature = CApi.ToUtf8String(args[4]) ?? throw new PythonErrorSet();
            int inputs = (int)CApi.PyLong_AsLongLongAndOverflowChecked(args[5]);
            var coreDims = new List<int[]>();
            for (nint k = 0; k < CApi.PyTuple_Size(args[6]); k++)
            {
                nint dims = CApi.PyTuple_GetItem(args[6], k);
                coreDims.Add(Enumerable.Range(0, (int)CApi.PyTuple_Size(dims))
                    .Select(d => (int)CApi.PyLong_AsLongLongAndOverflowChecked(CApi.PyTuple_GetItem(dims, d))).ToArray());
            }
            return GufuncFactory.Create(kernels, name, doc, signature, inputs, coreDims);
        }
        catch (Exception error)
        {
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>The specializations a (dispatcher handle, tuple of entry indices) pair names.</summary>
    private static List<Compilation.CompiledSpecialization> CompiledKernels(nint handleObject, nint indices)
    {
        long handle = CApi.PyLong_AsLongLongAndOverflowChecked(handleObject);
        var kernels = new List<Compilation.CompiledSpecialization>();
        for (nint i = 0; i < CApi.PyTuple_Size(indices); i++)
            kernels.Add(DispatcherRegistry.Compiled(handle, (int)CApi.PyLong_AsLongLongAndOverflowChecked(CApi.PyTuple_GetItem(indices, i))));
        return kernels;
    }

    private static void RequireArgs(nint count, int expected, string name)
    {
        if (count != expected)
            throw new Runtime.PyException("TypeError", $"{name}() takes {expected} arguments ({count} given)");
    }
}
