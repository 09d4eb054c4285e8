using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing.Rules;

/// <summary>
/// Typing of arithmetic operators on scalars, numba's rules (checked cell by cell against numba
/// in NumJit.Tests/Typing/TypeLatticeTests.cs): integer arithmetic widens to int64 (uint64 for
/// two unsigned operands), `/` always gives a float, `**` of two integers stays an integer,
/// bitwise operators need integers (or two bools).
/// </summary>
public static class BinaryOperatorRules
{
    /// <summary>The operation type (operands are converted to it) and result type, or null if unsupported.</summary>
    public static (NjType Left, NjType Right, NjType Result)? Resolve(IrBinaryOp op, NjType left, NjType right)
    {
        if (!left.IsNumeric || !right.IsNumeric) return null;
        switch (op)
        {
            case IrBinaryOp.Add or IrBinaryOp.Sub or IrBinaryOp.Mul:
            {
                var t = NjTypes.ArithmeticType(left, right);
                return (t, t, t);
            }
            case IrBinaryOp.TrueDiv:
            {
                var t = NjTypes.ArithmeticType(left, right);
                if (t is IntegerType) t = NjTypes.Float64;
                return (t, t, t);
            }
            case IrBinaryOp.FloorDiv or IrBinaryOp.Mod:
            {
                var t = NjTypes.ArithmeticType(left, right);
                return t is ComplexType ? null : (t, t, t);
            }
            case IrBinaryOp.Pow:
            {
                // float ** int keeps the base's type and an integral exponent: repeated
                // multiplication, like numba (float32 ** int stays float32).
                if (left is FloatType && right is IntegerType or BooleanType) return (left, NjTypes.Int64, left);
                var t = NjTypes.ArithmeticType(left, right);
                if (t is FloatType && right is IntegerType or BooleanType) return (t, NjTypes.Int64, t);
                return (t, t, t);
            }
            case IrBinaryOp.LShift or IrBinaryOp.RShift:
            {
                // numba: the shifted value's signedness decides (uint8 << int64 is uint64).
                if (left is not (IntegerType or BooleanType) || right is not (IntegerType or BooleanType)) return null;
                var t = left is IntegerType { Signed: false } ? NjTypes.UInt64 : NjTypes.Int64;
                return (t, t, t);
            }
            default:   // BitAnd, BitOr, BitXor
            {
                if (left is BooleanType && right is BooleanType) return (NjTypes.Bool, NjTypes.Bool, NjTypes.Bool);
                var t = NjTypes.ArithmeticType(left, right);
                return t is IntegerType ? (t, t, t) : null;
            }
        }
    }

    public static string Symbol(IrBinaryOp op) => op switch
    {
        IrBinaryOp.Add => "+", IrBinaryOp.Sub => "-", IrBinaryOp.Mul => "*", IrBinaryOp.TrueDiv => "/",
        IrBinaryOp.FloorDiv => "//", IrBinaryOp.Mod => "%", IrBinaryOp.Pow => "**", IrBinaryOp.LShift => "<<",
        IrBinaryOp.RShift => ">>", IrBinaryOp.BitAnd => "&", IrBinaryOp.BitOr => "|", _ => "^",
    };
}
