namespace NumJit.Runtime;

/// <summary>
/// A Python exception raised from compiled code. The interop layer maps <see cref="PyType"/>
/// (e.g. "ZeroDivisionError") to the Python exception class and uses <see cref="Exception.Message"/>
/// verbatim as its message, so messages must be exactly Python's/numba's text.
/// </summary>
public sealed class PyException : Exception
{
    public string PyType { get; }

    public PyException(string pyType, string message) : base(message)
    {
        PyType = pyType;
    }

    public override string ToString() => Message.Length == 0 ? PyType : PyType + ": " + Message;
}
