using System.Numerics;
using NumJit.IR.Types;
using NumJit.Runtime;

namespace NumJit.Backends.Il;

/// <summary>
/// How NumJit types live in IL: scalars as their CLR primitives, complex as System.Numerics.Complex,
/// arrays as the borrowed or owned PyArrayObject pointer (nint), tuples as ValueTuples (nested past
/// seven items), optionals as <see cref="Optional{T}"/>, ranges as (start, stop, step), None as a placeholder byte.
/// </summary>
public static class ClrTypes
{
    public static Type Of(NjType type) => type switch
    {
        BooleanType => typeof(bool),
        IntegerType { Bits: 8, Signed: true } => typeof(sbyte),
        IntegerType { Bits: 16, Signed: true } => typeof(short),
        IntegerType { Bits: 32, Signed: true } => typeof(int),
        IntegerType { Bits: 64, Signed: true } => typeof(long),
        IntegerType { Bits: 8 } => typeof(byte),
        IntegerType { Bits: 16 } => typeof(ushort),
        IntegerType { Bits: 32 } => typeof(uint),
        IntegerType { Bits: 64 } => typeof(ulong),
        FloatType { Bits: 32 } => typeof(float),
        FloatType => typeof(double),
        ComplexType => typeof(Complex),
        ArrayType => typeof(nint),
        NoneType => typeof(byte),
        DTypeObjectType => typeof(byte),
        RangeType => typeof(ValueTuple<long, long, long>),
        OptionalType o => typeof(Optional<>).MakeGenericType(Of(o.Inner)),
        TupleType t => Tuple(t.Items.Select(Of).ToArray()),
        _ => throw new InvalidOperationException($"type {type} has no IL representation"),
    };

    /// <summary>The method return type: void for functions returning None.</summary>
    public static Type Return(NjType type) => type is NoneType ? typeof(void) : Of(type);

    public static Type Tuple(Type[] items)
    {
        if (items.Length == 0) return typeof(ValueTuple);
        if (items.Length <= 7) return ValueTupleDefinition(items.Length).MakeGenericType(items);
        var rest = Tuple(items[7..]);
        return typeof(ValueTuple<,,,,,,,>).MakeGenericType([.. items[..7], rest]);
    }

    private static Type ValueTupleDefinition(int count) => count switch
    {
        1 => typeof(ValueTuple<>), 2 => typeof(ValueTuple<,>), 3 => typeof(ValueTuple<,,>), 4 => typeof(ValueTuple<,,,>),
        5 => typeof(ValueTuple<,,,,>), 6 => typeof(ValueTuple<,,,,,>), _ => typeof(ValueTuple<,,,,,,>),
    };
}
