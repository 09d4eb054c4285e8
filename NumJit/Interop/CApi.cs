using System.Runtime.InteropServices;

namespace NumJit.Interop;

/// <summary>
/// The CPython C API, resolved from the running process (Debian links libpython statically into
/// the executable; shared builds export it globally). Leaf calls that can never run Python code
/// use <c>SuppressGCTransition</c>; anything that may call back into Python must not.
/// </summary>
public static unsafe class CApi
{
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, void> Py_IncRef;
    public static delegate* unmanaged[Cdecl]<nint, void> Py_DecRef;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<double, nint> PyFloat_FromDouble;
    public static delegate* unmanaged[Cdecl]<nint, double> PyFloat_AsDouble;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<long, nint> PyLong_FromLongLong;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<ulong, nint> PyLong_FromUnsignedLongLong;
    public static delegate* unmanaged[Cdecl]<nint, int*, long> PyLong_AsLongLongAndOverflow;
    public static delegate* unmanaged[Cdecl]<nint, ulong> PyLong_AsUnsignedLongLong;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<double, double, nint> PyComplex_FromDoubles;
    public static delegate* unmanaged[Cdecl]<nint, double> PyComplex_RealAsDouble;
    public static delegate* unmanaged[Cdecl]<nint, double> PyComplex_ImagAsDouble;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, nint> PyTuple_New;
    public static delegate* unmanaged[Cdecl]<nint, nint, nint, int> PyTuple_SetItem;
    public static delegate* unmanaged[Cdecl]<nint, nint, nint> PyTuple_GetItem;
    public static delegate* unmanaged[Cdecl]<nint, nint> PyTuple_Size;
    public static delegate* unmanaged[Cdecl]<byte*, nint, nint> PyUnicode_FromStringAndSize;
    public static delegate* unmanaged[Cdecl]<nint, nint*, byte*> PyUnicode_AsUTF8AndSize;
    public static delegate* unmanaged[Cdecl]<byte*, nint, nint> PyBytes_FromStringAndSize;
    public static delegate* unmanaged[Cdecl]<nint, byte**, nint*, int> PyBytes_AsStringAndSize;
    public static delegate* unmanaged[Cdecl]<nint, byte*, void> PyErr_SetString;
    public static delegate* unmanaged[Cdecl]<nint, nint, void> PyErr_SetObject;
    public static delegate* unmanaged[Cdecl]<nint> PyErr_Occurred;
    public static delegate* unmanaged[Cdecl]<void> PyErr_Clear;
    public static delegate* unmanaged[Cdecl]<nint, nint, nint, nint> PyObject_Call;
    public static delegate* unmanaged[Cdecl]<nint, nint*, nuint, nint, nint> PyObject_Vectorcall;
    public static delegate* unmanaged[Cdecl]<nint, byte*, nint> PyObject_GetAttrString;
    public static delegate* unmanaged[Cdecl]<nint, nint, nint> PyObject_GetItem;
    public static delegate* unmanaged[Cdecl]<nint, nint, nint, int> PyObject_SetItem;
    public static delegate* unmanaged[Cdecl]<nint, nint, nint, nint> PySlice_New;
    public static delegate* unmanaged[Cdecl]<nint, nint> PyObject_Repr;
    public static delegate* unmanaged[Cdecl]<nint, nint> PyObject_Str;
    public static delegate* unmanaged[Cdecl]<nint, byte*, nint> PyDict_GetItemString;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint> PyDict_New;
    public static delegate* unmanaged[Cdecl]<nint, byte*, nint, int> PyDict_SetItemString;
    public static delegate* unmanaged[Cdecl]<nint, nint, nint, nint, nint> PyCMethod_New;
    public static delegate* unmanaged[Cdecl]<byte*, nint> PyImport_ImportModule;
    public static delegate* unmanaged[Cdecl]<nint, byte*, nint> PyCapsule_GetPointer;
    public static delegate* unmanaged[Cdecl]<int> PyGILState_Ensure;
    public static delegate* unmanaged[Cdecl]<int, void> PyGILState_Release;
    public static delegate* unmanaged[Cdecl]<nint> PyEval_SaveThread;
    public static delegate* unmanaged[Cdecl]<nint, void> PyEval_RestoreThread;

    public static nint None, True, False, ExportedEllipsis;
    public static nint FloatType, LongType, BoolType, ComplexType, TupleType;

    private static nint _process;

    public static void Initialize()
    {
        _process = NativeLibrary.GetMainProgramHandle();
        Py_IncRef = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, void>)Export("Py_IncRef");
        Py_DecRef = (delegate* unmanaged[Cdecl]<nint, void>)Export("Py_DecRef");
        PyFloat_FromDouble = (delegate* unmanaged[Cdecl, SuppressGCTransition]<double, nint>)Export("PyFloat_FromDouble");
        PyFloat_AsDouble = (delegate* unmanaged[Cdecl]<nint, double>)Export("PyFloat_AsDouble");
        PyLong_FromLongLong = (delegate* unmanaged[Cdecl, SuppressGCTransition]<long, nint>)Export("PyLong_FromLongLong");
        PyLong_FromUnsignedLongLong = (delegate* unmanaged[Cdecl, SuppressGCTransition]<ulong, nint>)Export("PyLong_FromUnsignedLongLong");
        PyLong_AsLongLongAndOverflow = (delegate* unmanaged[Cdecl]<nint, int*, long>)Export("PyLong_AsLongLongAndOverflow");
        PyLong_AsUnsignedLongLong = (delegate* unmanaged[Cdecl]<nint, ulong>)Export("PyLong_AsUnsignedLongLong");
        PyComplex_FromDoubles = (delegate* unmanaged[Cdecl, SuppressGCTransition]<double, double, nint>)Export("PyComplex_FromDoubles");
        PyComplex_RealAsDouble = (delegate* unmanaged[Cdecl]<nint, double>)Export("PyComplex_RealAsDouble");
        PyComplex_ImagAsDouble = (delegate* unmanaged[Cdecl]<nint, double>)Export("PyComplex_ImagAsDouble");
        PyTuple_New = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, nint>)Export("PyTuple_New");
        PyTuple_SetItem = (delegate* unmanaged[Cdecl]<nint, nint, nint, int>)Export("PyTuple_SetItem");
        PyTuple_GetItem = (delegate* unmanaged[Cdecl]<nint, nint, nint>)Export("PyTuple_GetItem");
        PyTuple_Size = (delegate* unmanaged[Cdecl]<nint, nint>)Export("PyTuple_Size");
        PyUnicode_FromStringAndSize = (delegate* unmanaged[Cdecl]<byte*, nint, nint>)Export("PyUnicode_FromStringAndSize");
        PyUnicode_AsUTF8AndSize = (delegate* unmanaged[Cdecl]<nint, nint*, byte*>)Export("PyUnicode_AsUTF8AndSize");
        PyBytes_FromStringAndSize = (delegate* unmanaged[Cdecl]<byte*, nint, nint>)Export("PyBytes_FromStringAndSize");
        PyBytes_AsStringAndSize = (delegate* unmanaged[Cdecl]<nint, byte**, nint*, int>)Export("PyBytes_AsStringAndSize");
        PyErr_SetString = (delegate* unmanaged[Cdecl]<nint, byte*, void>)Export("PyErr_SetString");
        PyErr_SetObject = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export("PyErr_SetObject");
        PyErr_Occurred = (delegate* unmanaged[Cdecl]<nint>)Export("PyErr_Occurred");
        PyErr_Clear = (delegate* unmanaged[Cdecl]<void>)Export("PyErr_Clear");
        PyObject_Call = (delegate* unmanaged[Cdecl]<nint, nint, nint, nint>)Export("PyObject_Call");
        PyObject_Vectorcall = (delegate* unmanaged[Cdecl]<nint, nint*, nuint, nint, nint>)Export("PyObject_Vectorcall");
        PyObject_GetAttrString = (delegate* unmanaged[Cdecl]<nint, byte*, nint>)Export("PyObject_GetAttrString");
        PyObject_GetItem = (delegate* unmanaged[Cdecl]<nint, nint, nint>)Export("PyObject_GetItem");
        PyObject_SetItem = (delegate* unmanaged[Cdecl]<nint, nint, nint, int>)Export("PyObject_SetItem");
        PySlice_New = (delegate* unmanaged[Cdecl]<nint, nint, nint, nint>)Export("PySlice_New");
        PyObject_Repr = (delegate* unmanaged[Cdecl]<nint, nint>)Export("PyObject_Repr");
        PyObject_Str = (delegate* unmanaged[Cdecl]<nint, nint>)Export("PyObject_Str");
        PyDict_GetItemString = (delegate* unmanaged[Cdecl]<nint, byte*, nint>)Export("PyDict_GetItemString");
        PyDict_New = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint>)Export("PyDict_New");
        PyDict_SetItemString = (delegate* unmanaged[Cdecl]<nint, byte*, nint, int>)Export("PyDict_SetItemString");
        PyCMethod_New = (delegate* unmanaged[Cdecl]<nint, nint, nint, nint, nint>)Export("PyCMethod_New");
        PyImport_ImportModule = (delegate* unmanaged[Cdecl]<byte*, nint>)Export("PyImport_ImportModule");
        PyCapsule_GetPointer = (delegate* unmanaged[Cdecl]<nint, byte*, nint>)Export("PyCapsule_GetPointer");
        PyGILState_Ensure = (delegate* unmanaged[Cdecl]<int>)Export("PyGILState_Ensure");
        PyGILState_Release = (delegate* unmanaged[Cdecl]<int, void>)Export("PyGILState_Release");
        PyEval_SaveThread = (delegate* unmanaged[Cdecl]<nint>)Export("PyEval_SaveThread");
        PyEval_RestoreThread = (delegate* unmanaged[Cdecl]<nint, void>)Export("PyEval_RestoreThread");

        None = Export("_Py_NoneStruct");
        ExportedEllipsis = Export("_Py_EllipsisObject");
        True = Export("_Py_TrueStruct");
        False = Export("_Py_FalseStruct");
        FloatType = Export("PyFloat_Type");
        LongType = Export("PyLong_Type");
        BoolType = Export("PyBool_Type");
        ComplexType = Export("PyComplex_Type");
        TupleType = Export("PyTuple_Type");
    }

    public static nint Export(string name) => NativeLibrary.GetExport(_process, name);

    /// <summary>The value of an exported <c>PyObject*</c> variable such as <c>PyExc_ValueError</c>.</summary>
    public static nint ExportedObject(string name) => *(nint*)Export(name);

    public static long PyLong_AsLongLongAndOverflowChecked(nint obj)
    {
        int overflow;
        long value = PyLong_AsLongLongAndOverflow(obj, &overflow);
        if (overflow != 0 || (value == -1 && PyErr_Occurred() != 0)) throw new PythonErrorSet();
        return value;
    }

    public static nint NewRef(nint obj) { Py_IncRef(obj); return obj; }

    public static nint FromBytes(byte[] bytes)
    {
        fixed (byte* p = bytes) return PyBytes_FromStringAndSize(p, bytes.Length);
    }

    public static byte[] ToBytes(nint obj)
    {
        byte* data;
        nint length;
        if (PyBytes_AsStringAndSize(obj, &data, &length) != 0) throw new PythonErrorSet();
        return new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
    }

    public static nint FromUtf8(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        fixed (byte* p = bytes) return PyUnicode_FromStringAndSize(p, bytes.Length);
    }

    public static string? ToUtf8String(nint unicode)
    {
        nint size;
        byte* p = PyUnicode_AsUTF8AndSize(unicode, &size);
        return p == null ? null : System.Text.Encoding.UTF8.GetString(p, (int)size);
    }

    public static nint GetAttr(nint obj, string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = bytes) return PyObject_GetAttrString(obj, p);
    }

    public static nint DictGet(nint dict, string key)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(key + "\0");
        fixed (byte* p = bytes) return PyDict_GetItemString(dict, p);
    }

    public static void DictSet(nint dict, string key, nint value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(key + "\0");
        fixed (byte* p = bytes) PyDict_SetItemString(dict, p, value);
    }

    public static void SetError(nint excType, string message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(message + "\0");
        fixed (byte* p = bytes) PyErr_SetString(excType, p);
    }
}
