namespace NumJit.IR.Types;

/// <summary>The scalar types by name, and numba's unification and promotion rules.</summary>
public static class NjTypes
{
    public static readonly BooleanType Bool = new();
    public static readonly IntegerType Int8 = new(8, true), Int16 = new(16, true), Int32 = new(32, true), Int64 = new(64, true);
    public static readonly IntegerType UInt8 = new(8, false), UInt16 = new(16, false), UInt32 = new(32, false), UInt64 = new(64, false);
    public static readonly FloatType Float32 = new(32), Float64 = new(64);
    public static readonly ComplexType Complex64 = new(64), Complex128 = new(128);
    public static readonly NoneType None = new();
    public static readonly RangeType Range = new();

    public static readonly IReadOnlyDictionary<string, NjType> ByName = new Dictionary<string, NjType>
    {
        ["bool"] = Bool, ["boolean"] = Bool, ["bool_"] = Bool, ["b1"] = Bool,
        ["int8"] = Int8, ["i1"] = Int8, ["int16"] = Int16, ["i2"] = Int16, ["int32"] = Int32, ["i4"] = Int32,
        ["int64"] = Int64, ["i8"] = Int64, ["intp"] = Int64, ["int_"] = Int64, ["intc"] = Int32,
        ["uint8"] = UInt8, ["u1"] = UInt8, ["byte"] = UInt8, ["uint16"] = UInt16, ["u2"] = UInt16,
        ["uint32"] = UInt32, ["u4"] = UInt32, ["uint64"] = UInt64, ["u8"] = UInt64, ["uintp"] = UInt64, ["uintc"] = UInt32,
        ["float32"] = Float32, ["f4"] = Float32, ["single"] = Float32,
        ["float64"] = Float64, ["f8"] = Float64, ["double"] = Float64, ["float_"] = Float64,
        ["complex64"] = Complex64, ["c8"] = Complex64, ["complex128"] = Complex128, ["c16"] = Complex128, ["complex_"] = Complex128,
        ["none"] = None, ["void"] = None,
    };

    /// <summary>
    /// numba's unification: the type a variable gets when assigned values of both types, or
    /// null when there is none (e.g. an array and a float).
    /// </summary>
    public static NjType? Unify(NjType a, NjType b)
    {
        if (a == b) return a;
        if (a is NoneType) return b is OptionalType ? b : new OptionalType(b);
        if (b is NoneType) return a is OptionalType ? a : new OptionalType(a);
        if (a is OptionalType oa) return Unify(oa.Inner, b is OptionalType ob2 ? ob2.Inner : b) is { } u ? new OptionalType(u) : null;
        if (b is OptionalType ob) return Unify(a, ob.Inner) is { } u2 ? new OptionalType(u2) : null;
        if (a.IsNumeric && b.IsNumeric) return PromoteNumeric(a, b);
        if (a is ArrayType aa && b is ArrayType ab && aa.DType == ab.DType && aa.Ndim == ab.Ndim)
            return new ArrayType(aa.DType, aa.Ndim, aa.Layout == ab.Layout ? aa.Layout : ArrayLayout.A, aa.ReadOnly || ab.ReadOnly);
        if (a is TupleType ta && b is TupleType tb && ta.Items.Count == tb.Items.Count)
        {
            var items = new NjType[ta.Items.Count];
            for (int i = 0; i < items.Length; i++)
                if ((items[i] = Unify(ta.Items[i], tb.Items[i])!) is null) return null;
            return new TupleType(items);
        }
        return null;
    }

    /// <summary>
    /// The common type of two numeric operands (numpy's promotion as numba applies it to
    /// scalars): bool &lt; integers &lt; floats &lt; complex; mixed-sign 64-bit integers give float64.
    /// </summary>
    public static NjType PromoteNumeric(NjType a, NjType b)
    {
        if (a == b) return a;
        if (a is BooleanType) return b;
        if (b is BooleanType) return a;
        if (a is ComplexType || b is ComplexType)
        {
            int bits = Math.Max(ComplexBits(a), ComplexBits(b));
            return bits == 64 ? Complex64 : Complex128;
        }
        if (a is FloatType || b is FloatType)
        {
            int fa = FloatBits(a), fb = FloatBits(b);
            return Math.Max(fa, fb) == 32 ? Float32 : Float64;
        }
        var ia = (IntegerType)a;
        var ib = (IntegerType)b;
        if (ia.Signed == ib.Signed) return new IntegerType(Math.Max(ia.Bits, ib.Bits), ia.Signed);
        var signed = ia.Signed ? ia : ib;
        var unsigned = ia.Signed ? ib : ia;
        if (unsigned.Bits < signed.Bits) return signed;
        return unsigned.Bits < 64 ? new IntegerType(unsigned.Bits * 2, true) : Float64;
    }

    /// <summary>
    /// The type scalar arithmetic happens in, numba's operator typing (not numpy's promotion):
    /// integers widen to the machine word, uint64 only when both operands are unsigned (so
    /// int64 + uint64 is int64 and wraps; bool counts as signed), and int16/int8/uint8 are the
    /// only integers float32 and complex64 absorb.
    /// </summary>
    public static NjType ArithmeticType(NjType a, NjType b)
    {
        if (a is ComplexType || b is ComplexType)
            return Math.Max(OperatorComplexBits(a), OperatorComplexBits(b)) == 64 ? Complex64 : Complex128;
        if (a is FloatType || b is FloatType)
            return Math.Max(OperatorFloatBits(a), OperatorFloatBits(b)) == 32 ? Float32 : Float64;
        bool bothUnsigned = a is IntegerType { Signed: false } && b is IntegerType { Signed: false };
        return bothUnsigned ? UInt64 : Int64;
    }

    private static int OperatorFloatBits(NjType t) => t switch
    {
        FloatType f => f.Bits,
        ComplexType c => c.Bits / 2,
        IntegerType { Bits: 8 } or IntegerType { Bits: 16, Signed: true } or BooleanType => 32,
        _ => 64,
    };

    private static int OperatorComplexBits(NjType t) => OperatorFloatBits(t) * 2;

    private static int FloatBits(NjType t) => t switch
    {
        FloatType f => f.Bits,
        IntegerType i => i.Bits <= 16 ? 32 : 64,   // numpy: int8/int16 fit float32 exactly
        _ => 32,
    };

    private static int ComplexBits(NjType t) => t switch
    {
        ComplexType c => c.Bits,
        FloatType f => f.Bits * 2,
        IntegerType i => i.Bits <= 16 ? 64 : 128,
        _ => 64,
    };

    /// <summary>Whether values of this type hold arrays (which compiled code must reference-count).</summary>
    public static bool ContainsArrays(NjType type) => type switch
    {
        ArrayType => true,
        TupleType t => t.Items.Any(ContainsArrays),
        OptionalType o => ContainsArrays(o.Inner),
        _ => false,
    };
}
