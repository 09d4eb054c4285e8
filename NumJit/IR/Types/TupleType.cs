namespace NumJit.IR.Types;

/// <summary>A tuple; homogeneous ones print as numba's UniTuple.</summary>
public sealed record TupleType(IReadOnlyList<NjType> Items) : NjType
{
    public bool IsHomogeneous => Items.Count > 0 && Items.All(t => t == Items[0]);

    public override string Name => IsHomogeneous
        ? $"UniTuple({Items[0].Name} x {Items.Count})"
        : $"Tuple({string.Join(", ", Items.Select(t => t.Name))})";

    public bool Equals(TupleType? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items) hash.Add(item);
        return hash.ToHashCode();
    }
}
