using System.Text;
using NumJit.IR.Types;

namespace NumJit.IR;

/// <summary>
/// One specialization of a Python function: parameter types fixed, every value typed. Created
/// before its body is bound so that recursive calls can refer to it.
/// </summary>
public sealed class IrFunction(string name, string qualifiedName, IReadOnlyList<NjType> argTypes)
{
    public string Name { get; } = name;
    public string QualifiedName { get; } = qualifiedName;
    public IReadOnlyList<NjType> ArgTypes { get; } = argTypes;
    public NjType? ReturnType { get; set; }
    public IReadOnlyList<IrVariable> Parameters { get; set; } = [];
    public IReadOnlyList<IrVariable> Locals { get; set; } = [];
    public IrBlock Body { get; set; } = IrBlock.Empty;

    /// <summary>True when the body calls other compiled functions (so it may recurse without bound).</summary>
    public bool MakesCalls { get; set; }

    /// <summary>True for a prange loop outlined into a function of (lo, hi, context, chunk); see <see cref="IrParallelFor"/>.</summary>
    public bool IsParallelBody { get; init; }

    /// <summary>True when the body creates arrays, so the backend must release them on exit.</summary>
    public bool CreatesArrays { get; set; }

    public string Signature => $"({string.Join(", ", ArgTypes.Select(t => t.Name))}) -> {ReturnType?.Name ?? "?"}";

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"def {QualifiedName}{Signature}\n");
        IrPrinter.Print(Body, text, 1);
        return text.ToString();
    }
}
