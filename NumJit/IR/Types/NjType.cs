namespace NumJit.IR.Types;

/// <summary>
/// A NumJit type: numba's lattice (bool, fixed-width integers, floats, complex, arrays, tuples,
/// none, optional). Types are values: two equal types are interchangeable. <see cref="Name"/>
/// spells them as numba does, so signatures and error messages read the same.
/// </summary>
public abstract record NjType
{
    public abstract string Name { get; }
    public sealed override string ToString() => Name;

    public bool IsNumeric => this is BooleanType or IntegerType or FloatType or ComplexType;
    public bool IsScalar => IsNumeric;
}

public sealed record BooleanType : NjType
{
    public override string Name => "bool";
}

public sealed record IntegerType(int Bits, bool Signed) : NjType
{
    public override string Name => (Signed ? "int" : "uint") + Bits;
}

public sealed record FloatType(int Bits) : NjType
{
    public override string Name => "float" + Bits;
}

/// <summary>complex64 (two float32) or complex128 (two float64).</summary>
public sealed record ComplexType(int Bits) : NjType
{
    public override string Name => "complex" + Bits;
    public FloatType Component => new(Bits / 2);
}

public sealed record NoneType : NjType
{
    public override string Name => "none";
}

public sealed record OptionalType(NjType Inner) : NjType
{
    public override string Name => $"OptionalType({Inner.Name})";
}

/// <summary>A range object (only iterated, never stored in an array or returned).</summary>
public sealed record RangeType : NjType
{
    public override string Name => "range_state64";
}
