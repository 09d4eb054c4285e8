using System.Numerics;

namespace NumJit.Interop;

/// <summary>
/// Compiled code calling into numpy: array views from indexing, array methods and numpy
/// functions. Arguments arrive as new references (tuples and dicts steal them); results are
/// checked against the type the compiler inferred before compiled code touches them, so a
/// typing mistake raises TypeError instead of misreading memory. Array results are owned by
/// the running function's arena.
/// </summary>
public static unsafe class PythonCalls
{
    private static readonly Dictionary<string, nint> Callables = new();
    private static nint _numpy;

    /// <summary>numpy.&lt;dotted name&gt; (e.g. "linalg.solve"), looked up once.</summary>
    public static nint NumpyAttribute(string dotted)
    {
        lock (Callables)
        {
            if (Callables.TryGetValue(dotted, out var cached)) return cached;
            if (_numpy == 0)
            {
                fixed (byte* name = "numpy\0"u8) _numpy = CApi.PyImport_ImportModule(name);
                if (_numpy == 0) throw new PythonErrorSet();
            }
            nint obj = CApi.NewRef(_numpy);
            foreach (var part in dotted.Split('.'))
            {
                nint next = CApi.GetAttr(obj, part);
                CApi.Py_DecRef(obj);
                if (next == 0) throw new PythonErrorSet();
                obj = next;
            }
            Callables[dotted] = obj;
            return obj;
        }
    }

    public static nint NewTuple(int size) => CApi.PyTuple_New(size);

    /// <summary>Stores a new reference (stolen) in a fresh tuple; returns the tuple for chaining.</summary>
    public static nint TupleSet(nint tuple, int index, nint item)
    {
        if (item == 0) throw new PythonErrorSet();
        CApi.PyTuple_SetItem(tuple, index, item);
        return tuple;
    }

    public static nint NewDict() => CApi.PyDict_New();

    /// <summary>Stores a new reference (stolen) under a keyword; returns the dict.</summary>
    public static nint DictSet(nint dict, string key, nint value)
    {
        if (value == 0) throw new PythonErrorSet();
        CApi.DictSet(dict, key, value);
        CApi.Py_DecRef(value);
        return dict;
    }

    /// <summary>numpy.name(*args, **kwargs); args and kwargs (0 for none) are stolen.</summary>
    public static nint CallNumpy(string name, nint args, nint kwargs) => Call(NumpyAttribute(name), args, kwargs);

    /// <summary>callable(*args) for an object the package keeps alive; args stolen.</summary>
    public static nint CallObject(nint callable, nint args, nint kwargs) => Call(callable, args, kwargs);

    /// <summary>receiver.name(*args, **kwargs); the receiver is borrowed, args and kwargs stolen.</summary>
    public static nint CallMethod(nint receiver, string name, nint args, nint kwargs)
    {
        nint method = CApi.GetAttr(receiver, name);
        if (method == 0)
        {
            CApi.Py_DecRef(args);
            if (kwargs != 0) CApi.Py_DecRef(kwargs);
            throw new PythonErrorSet();
        }
        try { return Call(method, args, kwargs); }
        finally { CApi.Py_DecRef(method); }
    }

    /// <summary>receiver.name (an attribute such as .T); the receiver is borrowed.</summary>
    public static nint GetAttribute(nint receiver, string name)
    {
        nint value = CApi.GetAttr(receiver, name);
        return value != 0 ? value : throw new PythonErrorSet();
    }

    private static nint Call(nint callable, nint args, nint kwargs)
    {
        nint result = CApi.PyObject_Call(callable, args, kwargs);
        CApi.Py_DecRef(args);
        if (kwargs != 0) CApi.Py_DecRef(kwargs);
        return result != 0 ? result : throw new PythonErrorSet();
    }

    /// <summary>array[key] (key stolen): a view, or a copy for advanced indexing.</summary>
    public static nint GetItem(nint array, nint key)
    {
        nint result = CApi.PyObject_GetItem(array, key);
        CApi.Py_DecRef(key);
        return result != 0 ? result : throw new PythonErrorSet();
    }

    /// <summary>array[key] = value (both stolen), with numpy's broadcasting and casting.</summary>
    public static void SetItem(nint array, nint key, nint value)
    {
        int status = CApi.PyObject_SetItem(array, key, value);
        CApi.Py_DecRef(key);
        CApi.Py_DecRef(value);
        if (status != 0) throw new PythonErrorSet();
    }

    /// <summary>slice(start, stop, step); each a new reference or 0 for None.</summary>
    public static nint Slice(nint start, nint stop, nint step)
    {
        nint slice = CApi.PySlice_New(start, stop, step);
        if (start != 0) CApi.Py_DecRef(start);
        if (stop != 0) CApi.Py_DecRef(stop);
        if (step != 0) CApi.Py_DecRef(step);
        return slice != 0 ? slice : throw new PythonErrorSet();
    }

    public static nint None() => CApi.NewRef(CApi.None);

    public static nint Ellipsis() => CApi.NewRef(CApi.ExportedEllipsis);

    // ---- results: check the type the compiler inferred, then hand the value to compiled code ----

    /// <summary>Takes an array result into the arena after checking dtype, dimensions and layout.</summary>
    public static nint ExpectArray(nint result, int typeNum, int ndim, int layoutFlag, string what)
    {
        if (ndim == 0 && *(nint*)(result + PyLayout.ObType) != PyTypes.NdArray)
        {
            // numpy ufuncs give scalars for 0-d operands; compiled code expects a 0-d array.
            nint args = NewTuple(1);
            TupleSet(args, 0, result);
            result = CallNumpy("asarray", args, 0);
        }
        ArrayArena.Own(result);
        if (!Unboxing.Array(result, typeNum, ndim, layoutFlag, mutable: false))
            throw new Runtime.PyException("TypeError", $"{what} returned {Describe(result)}, " +
                $"not the array of {ndim} dimension(s) (numpy type {typeNum}) the compiled code expects");
        return result;
    }

    public static double ExpectFloat64(nint result, string what)
    {
        try
        {
            if (Unboxing.Float64(result, out double value)) return value;
            if (Unboxing.Scalar(result, NumpyScalars.Get("float32"), out float f)) return f;
            throw Mismatch(result, "a float", what);
        }
        finally { CApi.Py_DecRef(result); }
    }

    public static long ExpectInt64(nint result, string what)
    {
        try
        {
            if (Unboxing.Int64(result, out long value)) return value;
            if (Unboxing.Scalar(result, NumpyScalars.Get("uint64"), out ulong unsigned)) return unchecked((long)unsigned);
            foreach (var name in new[] { "int32", "int16", "int8", "uint8", "uint16", "uint32" })
            {
                nint type = NumpyScalars.Get(name);
                if (type != 0 && *(nint*)(result + PyLayout.ObType) == type)
                    return (long)(CApi.PyLong_AsLongLongAndOverflowChecked(result));
            }
            throw Mismatch(result, "an integer", what);
        }
        finally { CApi.Py_DecRef(result); }
    }

    public static bool ExpectBool(nint result, string what)
    {
        try
        {
            if (Unboxing.Boolean(result, out bool value)) return value;
            throw Mismatch(result, "a bool", what);
        }
        finally { CApi.Py_DecRef(result); }
    }

    public static Complex ExpectComplex(nint result, string what)
    {
        try
        {
            if (Unboxing.Complex128(result, out var value) || Unboxing.Complex64(result, out value)) return value;
            throw Mismatch(result, "a complex number", what);
        }
        finally { CApi.Py_DecRef(result); }
    }

    public static void Discard(nint result) => CApi.Py_DecRef(result);

    /// <summary>A new reference to item <paramref name="index"/> of a tuple result of <paramref name="size"/> items.</summary>
    public static nint TupleItem(nint tuple, int index, int size, string what)
    {
        if (!Unboxing.IsTuple(tuple, size)) throw Mismatch(tuple, $"a tuple of {size} items", what);
        return CApi.NewRef(Unboxing.TupleItem(tuple, index));
    }

    private static Runtime.PyException Mismatch(nint result, string expected, string what) =>
        new("TypeError", $"{what} returned {Describe(result)}, not {expected} as the compiled code expects");

    private static string Describe(nint obj)
    {
        nint repr = CApi.PyObject_Repr(*(nint*)(obj + PyLayout.ObType));
        if (repr == 0) { CApi.PyErr_Clear(); return "an object"; }
        string text = CApi.ToUtf8String(repr) ?? "an object";
        CApi.Py_DecRef(repr);
        if (*(nint*)(obj + PyLayout.ObType) == PyTypes.NdArray)
            text += $" of {*(int*)(obj + PyLayout.ArrayNd)} dimension(s), numpy type {*(int*)(*(nint*)(obj + PyLayout.ArrayDescr) + PyLayout.DescrTypeNum)}";
        return text;
    }
}
