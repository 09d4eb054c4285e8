namespace NumJit.IR.Types;

public enum ArrayLayout { C, F, A }

/// <summary>An ndarray of <see cref="DType"/> with a fixed number of dimensions and a layout.</summary>
public sealed record ArrayType(NjType DType, int Ndim, ArrayLayout Layout, bool ReadOnly = false) : NjType
{
    public override string Name => $"{(ReadOnly ? "readonly " : "")}array({DType.Name}, {Ndim}d, {Layout})";

    public ArrayType WithLayout(ArrayLayout layout) => this with { Layout = layout };
}
