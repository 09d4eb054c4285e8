using System.Runtime.CompilerServices;

namespace NumJit.Interop;

/// <summary>
/// Owned references to arrays created while compiled code runs. A compiled function that
/// creates arrays records the mark on entry and releases down to it on exit (after taking a new
/// reference to anything it returns); if an exception unwinds, the entry point releases
/// everything above its own mark, so no array leaks either way.
/// </summary>
public static class ArrayArena
{
    [ThreadStatic] private static nint[]? _items;
    [ThreadStatic] private static int _count;

    public static int Mark
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _count;
    }

    /// <summary>Takes ownership of a new reference; returns it for chaining.</summary>
    public static nint Own(nint obj)
    {
        if (obj == 0) throw new PythonErrorSet();
        var items = _items ??= new nint[64];
        if (_count == items.Length) Array.Resize(ref _items, items.Length * 2);
        _items![_count++] = obj;
        return obj;
    }

    public static unsafe void ReleaseTo(int mark)
    {
        while (_count > mark)
        {
            nint obj = _items![--_count];
            CApi.Py_DecRef(obj);
        }
    }

    /// <summary>A new reference for a caller (arrays returned from compiled code).</summary>
    public static unsafe void IncRef(nint obj) => CApi.Py_IncRef(obj);
}
