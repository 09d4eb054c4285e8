using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing.Rules;

/// <summary>
/// numpy's typing for whole-array operations, as compiled code sees them: element-wise
/// functions keep float dtypes and turn integers into float64; reductions follow numpy's
/// accumulator rules (integer sums in int64, means in float64). One table per family.
/// </summary>
public static class NumpyFunctionRules
{
    /// <summary>Element-wise functions of one array: numpy name -> result kind.</summary>
    public static readonly IReadOnlyDictionary<string, UnaryKind> Unary = new Dictionary<string, UnaryKind>
    {
        ["sqrt"] = UnaryKind.Float, ["sin"] = UnaryKind.Float, ["cos"] = UnaryKind.Float, ["tan"] = UnaryKind.Float,
        ["arcsin"] = UnaryKind.Float, ["arccos"] = UnaryKind.Float, ["arctan"] = UnaryKind.Float,
        ["sinh"] = UnaryKind.Float, ["cosh"] = UnaryKind.Float, ["tanh"] = UnaryKind.Float,
        ["arcsinh"] = UnaryKind.Float, ["arccosh"] = UnaryKind.Float, ["arctanh"] = UnaryKind.Float,
        ["exp"] = UnaryKind.Float, ["exp2"] = UnaryKind.Float, ["expm1"] = UnaryKind.Float, ["log"] = UnaryKind.Float,
        ["log2"] = UnaryKind.Float, ["log10"] = UnaryKind.Float, ["log1p"] = UnaryKind.Float, ["cbrt"] = UnaryKind.Float,
        ["deg2rad"] = UnaryKind.Float, ["rad2deg"] = UnaryKind.Float, ["degrees"] = UnaryKind.Float, ["radians"] = UnaryKind.Float,
        ["floor"] = UnaryKind.Float, ["ceil"] = UnaryKind.Float, ["trunc"] = UnaryKind.Float, ["rint"] = UnaryKind.Float,
        ["absolute"] = UnaryKind.Same, ["abs"] = UnaryKind.Same, ["fabs"] = UnaryKind.Float, ["negative"] = UnaryKind.Same,
        ["sign"] = UnaryKind.Same, ["square"] = UnaryKind.Same,
        ["isnan"] = UnaryKind.Bool, ["isinf"] = UnaryKind.Bool, ["isfinite"] = UnaryKind.Bool, ["logical_not"] = UnaryKind.Bool,
    };

    /// <summary>Element-wise functions of two arrays (or an array and a scalar).</summary>
    public static readonly IReadOnlyDictionary<string, BinaryKind> Binary = new Dictionary<string, BinaryKind>
    {
        ["add"] = BinaryKind.Promote, ["subtract"] = BinaryKind.Promote, ["multiply"] = BinaryKind.Promote,
        ["divide"] = BinaryKind.TrueDivide, ["true_divide"] = BinaryKind.TrueDivide, ["floor_divide"] = BinaryKind.Promote,
        ["mod"] = BinaryKind.Promote, ["remainder"] = BinaryKind.Promote, ["power"] = BinaryKind.Promote,
        ["maximum"] = BinaryKind.Promote, ["minimum"] = BinaryKind.Promote, ["fmax"] = BinaryKind.Promote, ["fmin"] = BinaryKind.Promote,
        ["arctan2"] = BinaryKind.Float, ["hypot"] = BinaryKind.Float, ["copysign"] = BinaryKind.Float,
        ["greater"] = BinaryKind.Bool, ["greater_equal"] = BinaryKind.Bool, ["less"] = BinaryKind.Bool,
        ["less_equal"] = BinaryKind.Bool, ["equal"] = BinaryKind.Bool, ["not_equal"] = BinaryKind.Bool,
        ["logical_and"] = BinaryKind.Bool, ["logical_or"] = BinaryKind.Bool, ["logical_xor"] = BinaryKind.Bool,
        ["bitwise_and"] = BinaryKind.Promote, ["bitwise_or"] = BinaryKind.Promote, ["bitwise_xor"] = BinaryKind.Promote,
    };

    public static string Ufunc(IrBinaryOp op) => op switch
    {
        IrBinaryOp.Add => "add", IrBinaryOp.Sub => "subtract", IrBinaryOp.Mul => "multiply", IrBinaryOp.TrueDiv => "true_divide",
        IrBinaryOp.FloorDiv => "floor_divide", IrBinaryOp.Mod => "remainder", IrBinaryOp.Pow => "power",
        IrBinaryOp.LShift => "left_shift", IrBinaryOp.RShift => "right_shift", IrBinaryOp.BitAnd => "bitwise_and",
        IrBinaryOp.BitOr => "bitwise_or", _ => "bitwise_xor",
    };

    public static string Ufunc(IrCompareOp op) => op switch
    {
        IrCompareOp.Eq => "equal", IrCompareOp.Ne => "not_equal", IrCompareOp.Lt => "less", IrCompareOp.Le => "less_equal",
        IrCompareOp.Gt => "greater", _ => "greater_equal",
    };

    /// <summary>The element type of an element-wise result.</summary>
    public static NjType ElementResult(UnaryKind kind, NjType dtype) => kind switch
    {
        UnaryKind.Bool => NjTypes.Bool,
        UnaryKind.Same => dtype is BooleanType ? NjTypes.Bool : dtype,
        _ => FloatFor(dtype),
    };

    /// <summary>
    /// The float type a floating ufunc computes an input in: numpy picks float16 for 8-bit
    /// integers, which numba (and NumJit) do not have, so like numba: float32 for bool and
    /// integers up to 16 bits, float64 for wider ones.
    /// </summary>
    public static NjType FloatFor(NjType dtype) => dtype switch
    {
        FloatType or ComplexType => dtype,
        BooleanType or IntegerType { Bits: <= 16 } => NjTypes.Float32,
        _ => NjTypes.Float64,
    };

    public static NjType? ElementResult(BinaryKind kind, NjType left, NjType right)
    {
        var common = NjTypes.PromoteNumeric(left, right);
        return kind switch
        {
            BinaryKind.Bool => NjTypes.Bool,
            BinaryKind.TrueDivide or BinaryKind.Float => common is FloatType or ComplexType ? common : NjTypes.Float64,
            _ => common,
        };
    }

    /// <summary>Reductions: numpy name -> how the accumulator type follows the element type.</summary>
    public static readonly IReadOnlyDictionary<string, ReductionKind> Reductions = new Dictionary<string, ReductionKind>
    {
        ["sum"] = ReductionKind.Accumulate, ["prod"] = ReductionKind.Accumulate, ["cumsum"] = ReductionKind.Accumulate,
        ["cumprod"] = ReductionKind.Accumulate, ["min"] = ReductionKind.Same, ["max"] = ReductionKind.Same,
        ["amin"] = ReductionKind.Same, ["amax"] = ReductionKind.Same, ["mean"] = ReductionKind.Mean,
        ["var"] = ReductionKind.Spread, ["std"] = ReductionKind.Spread, ["argmin"] = ReductionKind.Index,
        ["argmax"] = ReductionKind.Index, ["all"] = ReductionKind.Bool, ["any"] = ReductionKind.Bool,
    };

    public static NjType ReductionResult(ReductionKind kind, NjType dtype) => kind switch
    {
        ReductionKind.Accumulate => dtype switch
        {
            BooleanType => NjTypes.Int64,
            IntegerType { Signed: true } => NjTypes.Int64,
            IntegerType => NjTypes.UInt64,
            _ => dtype,
        },
        ReductionKind.Same => dtype,
        ReductionKind.Mean => dtype is FloatType or ComplexType ? dtype : NjTypes.Float64,
        ReductionKind.Spread => dtype switch { FloatType => dtype, ComplexType c => c.Component, _ => NjTypes.Float64 },
        ReductionKind.Index => NjTypes.Int64,
        _ => NjTypes.Bool,
    };
}

public enum UnaryKind { Float, Same, Bool }
public enum BinaryKind { Promote, TrueDivide, Float, Bool }
public enum ReductionKind { Accumulate, Same, Mean, Spread, Index, Bool }
