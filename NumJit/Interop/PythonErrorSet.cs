namespace NumJit.Interop;

/// <summary>Thrown when a C-API call failed and already set the Python error indicator.</summary>
public sealed class PythonErrorSet : Exception
{
    public PythonErrorSet() : base("a Python exception is set") { }
}
