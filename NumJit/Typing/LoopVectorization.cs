using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

/// <summary>
/// Recognises range loops a backend can run with vector instructions: a single statement
/// <c>out[i] = f(...)</c> or <c>acc = acc + f(...)</c> where f reads 1-d arrays only at the loop
/// index, plus constants and variables the loop does not assign. Works on the bound IR, so it
/// sees the same types and conversions the scalar loop has.
/// </summary>
public static class LoopVectorization
{
    public static IrVectorLoop? TryCreate(IrVariable loopVariable, IrExpr start, IrExpr stop, IReadOnlyList<IrStmt> userStatements, IrStmt fallback)
    {
        if (userStatements.Count != 1) return null;
        var inputs = new List<IrExpr>();
        switch (userStatements[0])
        {
            case IrArrayStore { Array: IrLoad { Variable.Type: ArrayType { Ndim: 1 } outType } target, Indices: [IrLoad { Variable: var index }] } store
                when index == loopVariable:
            {
                var body = ToElement(store.Value, loopVariable, null, inputs);
                return body == null || body.Type != outType.DType ? null
                    : new IrVectorLoop(loopVariable, start, stop, inputs, body, null, target, fallback);
            }
            case IrAssign { Target: var accumulator, Value: IrBinary { Op: IrBinaryOp.Add, Left: IrLoad { Variable: var self }, Right: var term } }
                when accumulator == self && accumulator.Type is FloatType:
            {
                var body = ToElement(term, loopVariable, accumulator, inputs);
                return body == null || body.Type != accumulator.Type ? null
                    : new IrVectorLoop(loopVariable, start, stop, inputs, body, accumulator, null, fallback);
            }
            case IrAssign { Target: var accumulator, Value: IrIntrinsicCall { Intrinsic: Intrinsic.Max or Intrinsic.Min, Args: [IrLoad { Variable: var self }, var term] } call }
                when accumulator == self && accumulator.Type is FloatType:
            {
                var body = ToElement(term, loopVariable, accumulator, inputs);
                return body == null || body.Type != accumulator.Type ? null
                    : new IrVectorLoop(loopVariable, start, stop, inputs, body, accumulator, null, fallback,
                        call.Intrinsic == Intrinsic.Max ? ReductionOp.Max : ReductionOp.Min);
            }
            default:
                return null;
        }
    }

    private static IrExpr? ToElement(IrExpr e, IrVariable loopVariable, IrVariable? accumulator, List<IrExpr> inputs)
    {
        switch (e)
        {
            case IrConstant:
                return e;
            case IrArrayLoad { Array: IrLoad { Variable.Type: ArrayType { Ndim: 1 } array } load, Indices: [IrLoad { Variable: var index }] }
                when index == loopVariable:
                return Input(load, array.DType, inputs);
            case IrLoad load when load.Variable != loopVariable && load.Variable != accumulator && load.Variable.Type.IsNumeric:
                return Input(load, load.Type, inputs);
            case IrBinary b:
            {
                var l = ToElement(b.Left, loopVariable, accumulator, inputs);
                var r = ToElement(b.Right, loopVariable, accumulator, inputs);
                return l == null || r == null ? null : b with { Left = l, Right = r };
            }
            case IrUnary u:
            {
                var x = ToElement(u.Operand, loopVariable, accumulator, inputs);
                return x == null ? null : u with { Operand = x };
            }
            case IrConvert c:
            {
                var x = ToElement(c.Value, loopVariable, accumulator, inputs);
                return x == null ? null : c with { Value = x };
            }
            case IrIntrinsicCall { Args.Count: 1 } i:
            {
                var x = ToElement(i.Args[0], loopVariable, accumulator, inputs);
                return x == null ? null : i with { Args = [x] };
            }
            default:
                return null;
        }
    }

    /// <summary>One input per distinct array or scalar variable.</summary>
    private static IrExpr Input(IrLoad load, NjType elementType, List<IrExpr> inputs)
    {
        int index = inputs.FindIndex(i => i is IrLoad l && l.Variable == load.Variable);
        if (index < 0)
        {
            inputs.Add(load);
            index = inputs.Count - 1;
        }
        return new IrElementRef(index, elementType);
    }
}
