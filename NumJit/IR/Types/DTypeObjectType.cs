namespace NumJit.IR.Types;

/// <summary>A numpy dtype object (only passed to numpy functions, never computed with).</summary>
public sealed record DTypeObjectType(NjType DType) : NjType
{
    public override string Name => $"dtype({DType.Name})";
}
