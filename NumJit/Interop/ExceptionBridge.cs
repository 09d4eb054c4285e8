using NumJit.Runtime;

namespace NumJit.Interop;

/// <summary>
/// Turns any .NET exception into a pending Python exception. Every [UnmanagedCallersOnly]
/// entry point catches everything and calls this: an exception escaping into CPython would
/// abort the process.
/// </summary>
public static unsafe class ExceptionBridge
{
    /// <summary>Python classes supplied at start-up (numjit.errors.*), by name.</summary>
    private static readonly Dictionary<string, nint> PackageExceptions = new();

    public static void RegisterPackageException(string name, nint type) => PackageExceptions[name] = CApi.NewRef(type);

    public static void Raise(Exception error)
    {
        try
        {
            switch (error)
            {
                case PythonErrorSet when CApi.PyErr_Occurred() != 0:
                    return;
                case PyException py:
                    CApi.SetError(BuiltinException(py.PyType), py.Message);
                    return;
                case CompilerError compile:
                    CApi.SetError(PackageExceptions.TryGetValue(compile.PythonClass, out var cls)
                        ? cls : BuiltinException(compile.PythonClass), compile.Message);
                    return;
                case DivideByZeroException:
                    CApi.SetError(BuiltinException("ZeroDivisionError"), "division by zero");
                    return;
                case IndexOutOfRangeException:
                    CApi.SetError(BuiltinException("IndexError"), error.Message);
                    return;
                case OverflowException:
                    CApi.SetError(BuiltinException("OverflowError"), error.Message);
                    return;
                case InsufficientExecutionStackException:
                    CApi.SetError(BuiltinException("RecursionError"), "maximum recursion depth exceeded in compiled code");
                    return;
                case OutOfMemoryException:
                    CApi.SetError(BuiltinException("MemoryError"), error.Message);
                    return;
                default:
                    CApi.SetError(BuiltinException("SystemError"),
                        "NumJit internal error: " + error.GetType().Name + ": " + error.Message);
                    return;
            }
        }
        catch
        {
            // Reporting must never throw back into native code.
        }
    }

    public static nint BuiltinException(string name)
    {
        if (name == "LinAlgError")
        {
            try { return PythonCalls.NumpyAttribute("linalg.LinAlgError"); }
            catch (PythonErrorSet) { CApi.PyErr_Clear(); }
        }
        try { return CApi.ExportedObject("PyExc_" + name); }
        catch (EntryPointNotFoundException) { return CApi.ExportedObject("PyExc_RuntimeError"); }
    }
}
