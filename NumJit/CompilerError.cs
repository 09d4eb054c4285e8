namespace NumJit;

/// <summary>
/// A user-facing compilation failure (unsupported syntax, a typing error...). The message is
/// already formatted with file, line and caret; <see cref="PythonClass"/> names the numjit
/// exception class it surfaces as.
/// </summary>
public sealed class CompilerError : Exception
{
    public string PythonClass { get; }

    public CompilerError(string pythonClass, string message) : base(message) => PythonClass = pythonClass;
}
