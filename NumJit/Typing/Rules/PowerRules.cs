using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing.Rules;

/// <summary>
/// Exact rewrites of <c>**</c> with constant operands, so common idioms cost no call:
/// <c>(-1.0) ** i</c> becomes a select on the parity of i (the alternating sign of series),
/// <c>1.0 ** i</c> becomes 1.0, and small constant integer exponents of floats become
/// multiplications (numba's float ** int is repeated multiplication too, so results are identical).
/// </summary>
public static class PowerRules
{
    public static IrExpr Simplify(IrExpr e)
    {
        if (e is not IrBinary { Op: IrBinaryOp.Pow } pow || pow.Type is not FloatType) return e;
        if (pow.Right.Type is IntegerType && pow.Left is IrConstant { Value: double b })
        {
            if (b == 1.0) return new IrConstant(Cast(1.0, pow.Type), pow.Type);
            if (b == -1.0)
            {
                var isOdd = new IrCompare(IrCompareOp.Ne,
                    new IrBinary(IrBinaryOp.BitAnd, pow.Right, new IrConstant(1L, NjTypes.Int64), NjTypes.Int64),
                    new IrConstant(0L, NjTypes.Int64));
                return new IrConditional(isOdd, new IrConstant(Cast(-1.0, pow.Type), pow.Type),
                    new IrConstant(Cast(1.0, pow.Type), pow.Type), pow.Type);
            }
        }
        if (pow.Right is IrConstant { Value: long k } && pow.Left is IrLoad or IrConstant)
        {
            switch (k)
            {
                case 0: return new IrConstant(Cast(1.0, pow.Type), pow.Type);
                case 1: return pow.Left;
                case 2: return new IrBinary(IrBinaryOp.Mul, pow.Left, pow.Left, pow.Type);
                case 3: return new IrBinary(IrBinaryOp.Mul, new IrBinary(IrBinaryOp.Mul, pow.Left, pow.Left, pow.Type), pow.Left, pow.Type);
            }
        }
        return e;
    }

    private static object Cast(double value, NjType type) => type == NjTypes.Float32 ? (float)value : value;
}
