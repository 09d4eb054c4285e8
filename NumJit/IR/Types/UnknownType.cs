namespace NumJit.IR.Types;

/// <summary>
/// "Not inferred yet": only exists while type inference iterates to its fixed point and
/// never reaches a backend.
/// </summary>
public sealed record UnknownType : NjType
{
    public static readonly UnknownType Instance = new();
    public override string Name => "undefined";
}
