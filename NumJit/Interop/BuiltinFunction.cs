using System.Runtime.InteropServices;

namespace NumJit.Interop;

/// <summary>
/// Makes real CPython builtin function objects whose C entry point is a C#
/// [UnmanagedCallersOnly] method (METH_FASTCALL). The PyMethodDef and its name live in native
/// memory for the life of the process, as CPython requires.
/// </summary>
public static unsafe class BuiltinFunction
{
    private const int MethFastcall = 0x80;

    /// <summary>Creates the builtin and stores it in <paramref name="dict"/> under its name (the hosts' bootstrap dicts).</summary>
    public static void AddTo(nint dict, string name, delegate* unmanaged<nint, nint*, nint, nint> entry)
    {
        nint function = Create(name, entry);
        CApi.DictSet(dict, name, function);
        CApi.Py_DecRef(function);
    }

    public static nint Create(string name, delegate* unmanaged<nint, nint*, nint, nint> entry)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        byte* nativeName = (byte*)NativeMemory.Alloc((nuint)nameBytes.Length);
        nameBytes.CopyTo(new Span<byte>(nativeName, nameBytes.Length));
        nint* def = (nint*)NativeMemory.AllocZeroed(4, (nuint)sizeof(nint));
        def[0] = (nint)nativeName;
        def[1] = (nint)entry;
        *(int*)&def[2] = MethFastcall;
        nint function = CApi.PyCMethod_New((nint)def, 0, 0, 0);
        return function != 0 ? function : throw new PythonErrorSet();
    }
}
