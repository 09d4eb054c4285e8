using System.Runtime.InteropServices;
using NumJit.Backends.Il;
using NumJit.IR.Types;

namespace NumJit.Interop;

/// <summary>
/// Builds real numpy ufuncs (@vectorize) from compiled scalar kernels: one IL-emitted inner loop
/// per signature, handed to numpy's PyUFunc_FromFuncAndData.
/// numpy then provides broadcasting, out=, casting, .reduce and .accumulate. The loop tables live
/// in native memory for the life of the process, as numpy requires.
/// </summary>
public static unsafe class UfuncFactory
{
    /// <summary>
    /// A new ufunc with one loop per compiled specialization (all scalar, same arity).
    /// <paramref name="identity"/>: numpy's PyUFunc_None (-1), Zero (0) or One (1).
    /// </summary>
    public static nint Create(IReadOnlyList<Compilation.CompiledSpecialization> kernels, string name, string doc, int identity, bool parallel)
    {
        var first = kernels[0].Function;
        int nin = first.ArgTypes.Count;
        var functions = (nint*)NativeMemory.Alloc((nuint)kernels.Count, (nuint)sizeof(nint));
        var data = (nint*)NativeMemory.AllocZeroed((nuint)kernels.Count, (nuint)sizeof(nint));
        var types = (byte*)NativeMemory.Alloc((nuint)(kernels.Count * (nin + 1)));
        for (int i = 0; i < kernels.Count; i++)
        {
            var function = kernels[i].Function;
            if (function.ArgTypes.Count != nin) throw new Runtime.PyException("TypeError", "all signatures of a ufunc need the same number of arguments");
            functions[i] = IlUfuncLoopEmitter.Emit(kernels[i].Module.Kernel, function, parallel, kernels[i].Module.KernelNeedsGil);
            for (int k = 0; k < nin; k++) types[i * (nin + 1) + k] = (byte)TypeNumOf(function.ArgTypes[k]);
            types[i * (nin + 1) + nin] = (byte)TypeNumOf(function.ReturnType!);
        }
        byte* nameBytes = Utf8(name);
        byte* docBytes = Utf8(doc);
        var fromFuncAndData = (delegate* unmanaged[Cdecl]<nint*, nint*, byte*, int, int, int, int, byte*, byte*, int, nint>)NumpyApiTables.Ufunc[NumpyApiTables.FromFuncAndData];
        nint ufunc = fromFuncAndData(functions, data, types, kernels.Count, nin, 1, identity, nameBytes, docBytes, 0);
        return ufunc != 0 ? ufunc : throw new PythonErrorSet();
    }

    internal static int TypeNumOf(NjType type) => type switch
    {
        BooleanType or IntegerType or FloatType or ComplexType => NumpyRuntime.TypeNum(type.Name),
        _ => throw new Runtime.PyException("TypeError", $"a ufunc cannot take or return {type}"),
    };

    internal static byte* Utf8(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text + "\0");
        var native = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(native, bytes.Length));
        return native;
    }

    /// <summary>Raises an exception from inside a ufunc loop, which numpy may run without the GIL.</summary>
    public static void Report(Exception error)
    {
        int state = CApi.PyGILState_Ensure();
        try
        {
            if (CApi.PyErr_Occurred() == 0) ExceptionBridge.Raise(error);
        }
        finally
        {
            CApi.PyGILState_Release(state);
        }
    }

    /// <summary>
    /// The whole loop holding the GIL, for kernels that create arrays or call numpy: numpy releases
    /// the GIL around ufunc loops. Such kernels run serially even under target='parallel'.
    /// </summary>
    public static void HoldingGil(long count, delegate*<byte**, nint*, long, long, void> range, byte** args, nint* steps)
    {
        int state = CApi.PyGILState_Ensure();
        try
        {
            range(args, steps, 0, count);
        }
        finally
        {
            CApi.PyGILState_Release(state);
        }
    }

    /// <summary>target='parallel': the loop's range split across the thread pool in static chunks.</summary>
    public static void ParallelFor(long count, delegate*<byte**, nint*, long, long, void> range, byte** args, nint* steps)
    {
        int workers = Math.Max(1, Math.Min(Environment.ProcessorCount, (int)Math.Min(count / 4096, int.MaxValue)));
        if (workers <= 1)
        {
            range(args, steps, 0, count);
            return;
        }
        nint argsAddress = (nint)args, stepsAddress = (nint)steps, rangeAddress = (nint)range;
        long chunk = (count + workers - 1) / workers;
        Parallel.For(0, workers, worker =>
        {
            long start = worker * chunk, end = Math.Min(count, start + chunk);
            if (start < end)
                ((delegate*<byte**, nint*, long, long, void>)rangeAddress)((byte**)argsAddress, (nint*)stepsAddress, start, end);
        });
    }
}
