using NumJit.IR.Types;

namespace NumJit.IR;

/// <summary>A local variable or parameter of an <see cref="IrFunction"/>; compared by identity.</summary>
public sealed class IrVariable(string name, NjType type, bool isParameter)
{
    public string Name { get; } = name;
    public NjType Type { get; } = type;
    public bool IsParameter { get; } = isParameter;
    public override string ToString() => $"{Name}: {Type}";
}
