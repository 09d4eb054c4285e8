using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NumJit.Interop;

/// <summary>
/// Per-dispatcher state and the vectorcall entry CPython calls for every call of a jitted
/// function. The Python Dispatcher class derives from a base type (made by the package with
/// PyType_FromSpec) that reserves two words per instance: the vectorcall pointer at offset 16
/// and our handle at offset 24. Registering a dispatcher fills both and turns vectorcall on for
/// its Python class, so calls skip the interpreter entirely; a miss falls back to the
/// dispatcher's Python <c>_call_slow</c>, which compiles and calls again.
/// </summary>
public static unsafe class DispatcherRegistry
{
    public const int VectorcallSlot = 16, HandleSlot = 24;
    private static readonly nuint ArgumentsOffsetFlag = (nuint)1 << 63;

    private sealed class State
    {
        public nint SlowCall;
        public nint[] Entries = [];   // delegate*<nint*, nint, nint>: result, 0 on error, 1 on mismatch
        public List<Compilation.CompiledSpecialization> Compiled = new();
    }

    private static State?[] _states = new State?[16];
    private static int _count = 1;   // handle 0 means "not registered"
    private static readonly object Sync = new();

    public static long Register(nint dispatcher, nint slowCall, ulong expectedTypeFlags)
    {
        lock (Sync)
        {
            if (_count == _states.Length) Array.Resize(ref _states, _count * 2);
            long handle = _count++;
            _states[handle] = new State { SlowCall = CApi.NewRef(slowCall) };
            *(long*)(dispatcher + HandleSlot) = handle;
            nint type = *(nint*)(dispatcher + PyLayout.ObType);
            // Only patch a type object whose layout we have verified against what Python reports.
            if (*(ulong*)(type + PyLayout.TypeFlags) == expectedTypeFlags ||
                (*(ulong*)(type + PyLayout.TypeFlags) & ~PyLayout.TpFlagsHaveVectorcall) == expectedTypeFlags)
            {
                *(nint*)(type + PyLayout.TypeVectorcallOffset) = VectorcallSlot;
                *(ulong*)(type + PyLayout.TypeFlags) |= PyLayout.TpFlagsHaveVectorcall;
                *(nint*)(dispatcher + VectorcallSlot) = (nint)(delegate* unmanaged<nint, nint*, nuint, nint, nint>)&Vectorcall;
            }
            return handle;
        }
    }

    public static void Unregister(long handle)
    {
        lock (Sync)
        {
            var state = _states[handle];
            if (state == null) return;
            _states[handle] = null;
            CApi.Py_DecRef(state.SlowCall);
        }
    }

    public static void AddEntry(long handle, Compilation.CompiledSpecialization compiled)
    {
        lock (Sync)
        {
            var state = _states[handle] ?? throw new InvalidOperationException("dispatcher is not registered");
            state.Entries = [.. state.Entries, compiled.EntryPoint];   // copy-on-write: callers read without locks
            state.Compiled.Add(compiled);
        }
    }

    /// <summary>The compiled specialization behind entry <paramref name="index"/> (for building ufunc loops).</summary>
    public static Compilation.CompiledSpecialization Compiled(long handle, int index)
    {
        lock (Sync) return _states[handle]!.Compiled[index];
    }

    public static nint Entry(long handle, int index) => _states[handle]!.Entries[index];

    [UnmanagedCallersOnly]
    private static nint Vectorcall(nint self, nint* args, nuint nargsf, nint kwnames)
    {
        int mark = ArrayArena.Mark;
        try
        {
            var state = _states[*(long*)(self + HandleSlot)]!;
            if (kwnames == 0)
            {
                nint count = (nint)(nargsf & ~ArgumentsOffsetFlag);
                var entries = state.Entries;
                for (int i = 0; i < entries.Length; i++)
                {
                    nint result = ((delegate*<nint*, nint, nint>)entries[i])(args, count);
                    if (result != 1) return result;
                }
            }
            return CApi.PyObject_Vectorcall(state.SlowCall, args, nargsf, kwnames);
        }
        catch (Exception error)
        {
            ArrayArena.ReleaseTo(mark);
            ExceptionBridge.Raise(error);
            return 0;
        }
    }

    /// <summary>Sets TypeError for arguments a specialization does not accept; returns NULL.</summary>
    public static nint SignatureMismatch()
    {
        CApi.SetError(ExceptionBridge.BuiltinException("TypeError"), "arguments do not match the compiled signature");
        return 0;
    }

    /// <summary>Calls entry <paramref name="index"/> directly with a tuple of arguments.</summary>
    public static nint Invoke(long handle, int index, nint argsTuple)
    {
        nint count = CApi.PyTuple_Size(argsTuple);
        nint* args = stackalloc nint[(int)Math.Max(count, 1)];
        for (nint i = 0; i < count; i++) args[i] = CApi.PyTuple_GetItem(argsTuple, i);
        int mark = ArrayArena.Mark;
        try
        {
            nint result = ((delegate*<nint*, nint, nint>)Entry(handle, index))(args, count);
            return result == 1 ? SignatureMismatch() : result;
        }
        catch
        {
            ArrayArena.ReleaseTo(mark);
            throw;
        }
    }
}
