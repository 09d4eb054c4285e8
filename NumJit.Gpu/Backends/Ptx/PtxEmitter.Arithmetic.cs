using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.Ptx;

public sealed partial class PtxEmitter
{
    private string Binary(IrBinary b)
    {
        var type = b.Type;
        if (b.Op == IrBinaryOp.Pow) return Power(b);
        string left = ExprAs(b.Left, type), right = ExprAs(b.Right, type);
        string t = PtxTypes.Arithmetic(type), bits = PtxTypes.Bits(type), result = NewRegister(type);
        bool isFloat = type is FloatType;
        string rounding = isFloat && !_fastMath ? ".rn" : "";
        switch (b.Op)
        {
            case IrBinaryOp.Add: Line($"add{rounding}.{t} {result}, {left}, {right};"); break;
            case IrBinaryOp.Sub: Line($"sub{rounding}.{t} {result}, {left}, {right};"); break;
            case IrBinaryOp.Mul: Line(isFloat ? $"mul{rounding}.{t} {result}, {left}, {right};" : $"mul.lo.{t} {result}, {left}, {right};"); break;
            case IrBinaryOp.TrueDiv when isFloat: Line($"div.rn.{t} {result}, {left}, {right};"); break;
            case IrBinaryOp.FloorDiv or IrBinaryOp.Mod when isFloat:
                return FloatFloorDivMod(left, right, type, b.Op == IrBinaryOp.FloorDiv);
            case IrBinaryOp.FloorDiv or IrBinaryOp.Mod:
                return IntegerFloorDivMod(left, right, type, b.Op == IrBinaryOp.FloorDiv);
            case IrBinaryOp.LShift: Line($"shl.{bits} {result}, {left}, {ShiftCount(right, type)};"); break;
            // PTX clamps shift counts above the width, which gives Python's results for large shifts.
            case IrBinaryOp.RShift: Line($"shr.{t} {result}, {left}, {ShiftCount(right, type)};"); break;
            case IrBinaryOp.BitAnd: Line($"and.{bits} {result}, {left}, {right};"); break;
            case IrBinaryOp.BitOr: Line($"or.{bits} {result}, {left}, {right};"); break;
            case IrBinaryOp.BitXor: Line($"xor.{bits} {result}, {left}, {right};"); break;
            default: throw Unsupported($"{_function.Name}: the operator {b.Op} on {type} is not supported in GPU code");
        }
        return Narrow(result, type);
    }

    private string ShiftCount(string count, NjType type)
    {
        if (PtxTypes.Bits(type) == "b32") return count;
        string narrow = NewRegister(NjTypes.UInt32);
        Line($"cvt.u32.u64 {narrow}, {count};");
        return narrow;
    }

    /// <summary>Python's // and % on integers: the quotient rounds toward minus infinity, the remainder takes the divisor's sign.</summary>
    private string IntegerFloorDivMod(string a, string b, NjType type, bool quotient)
    {
        string t = PtxTypes.Arithmetic(type), q = NewRegister(type), r = NewRegister(type);
        Line($"div.{t} {q}, {a}, {b};");
        Line($"rem.{t} {r}, {a}, {b};");
        if (type is IntegerType { Signed: true })
        {
            string nonZero = NewPredicate(), signsDiffer = NewPredicate(), adjust = NewPredicate(), x = NewRegister(type);
            Line($"setp.ne.{t} {nonZero}, {r}, 0;");
            Line($"xor.{PtxTypes.Bits(type)} {x}, {r}, {b};");
            Line($"setp.lt.{t} {signsDiffer}, {x}, 0;");
            Line($"and.pred {adjust}, {nonZero}, {signsDiffer};");
            Line($"@{adjust} sub.{t} {q}, {q}, 1;");
            Line($"@{adjust} add.{t} {r}, {r}, {b};");
        }
        return Narrow(quotient ? q : r, type);
    }

    /// <summary>
    /// Python's // and % on floats: q = floor(a / b) and r = a - q*b (one rounding, by fma), then
    /// moved one step where rounding put r on the wrong side of zero; a zero r takes b's sign.
    /// Exact whenever the quotient is below 2**53; an infinite b is a case of its own.
    /// </summary>
    private string FloatFloorDivMod(string a, string b, NjType type, bool quotient)
    {
        string t = PtxTypes.Arithmetic(type);
        string q = NewRegister(type), r = NewRegister(type), negated = NewRegister(type);
        Line($"div.rn.{t} {q}, {a}, {b};");
        Line($"cvt.rmi.{t}.{t} {q}, {q};");
        Line($"neg.{t} {negated}, {q};");
        Line($"fma.rn.{t} {r}, {negated}, {b}, {a};");
        string nonZero = NewPredicate(), rNegative = NewPredicate(), bNegative = NewPredicate(), differ = NewPredicate(), adjust = NewPredicate();
        Line($"setp.ne.{t} {nonZero}, {r}, {Zero(type)};");
        Line($"setp.lt.{t} {rNegative}, {r}, {Zero(type)};");
        Line($"setp.lt.{t} {bNegative}, {b}, {Zero(type)};");
        Line($"xor.pred {differ}, {rNegative}, {bNegative};");
        Line($"and.pred {adjust}, {nonZero}, {differ};");
        Line($"@{adjust} add.rn.{t} {r}, {r}, {b};");
        Line($"@{adjust} sub.rn.{t} {q}, {q}, {One(type)};");
        // A finite a over an infinite b: fma would give inf * 0 = NaN. Python's answer is r = a,
        // q = a / b (a signed zero), or r = b and q = -1 where a is non-zero with the other sign.
        string infinite = NewPredicate(), finite = NewPredicate(), special = NewPredicate(), aNonZero = NewPredicate(),
            aNegative = NewPredicate(), opposite = NewPredicate();
        Line($"testp.infinite.{t} {infinite}, {b};");
        Line($"testp.finite.{t} {finite}, {a};");
        Line($"and.pred {special}, {infinite}, {finite};");
        Line($"@{special} mov.{t} {r}, {a};");
        Line($"@{special} div.rn.{t} {q}, {a}, {b};");
        Line($"setp.ne.{t} {aNonZero}, {a}, {Zero(type)};");
        Line($"setp.lt.{t} {aNegative}, {a}, {Zero(type)};");
        Line($"xor.pred {opposite}, {aNegative}, {bNegative};");
        Line($"and.pred {opposite}, {opposite}, {aNonZero};");
        Line($"and.pred {opposite}, {opposite}, {special};");
        Line($"@{opposite} mov.{t} {r}, {b};");
        Line($"@{opposite} mov.{t} {q}, {MinusOne(type)};");
        string zero = NewPredicate();
        Line($"setp.eq.{t} {zero}, {r}, {Zero(type)};");
        Line($"@{zero} copysign.{t} {r}, {b}, {r};");   // a zero remainder takes b's sign
        return quotient ? q : r;
    }

    private static string One(NjType type) => type is FloatType { Bits: 32 } ? "0f3F800000" : "0d3FF0000000000000";

    private static string MinusOne(NjType type) => type is FloatType { Bits: 32 } ? "0fBF800000" : "0dBFF0000000000000";

    /// <summary>
    /// Integer powers by squaring (ints, and floats raised to ints: a negative exponent takes the
    /// reciprocal). A float raised to a float calls the float64 math library.
    /// </summary>
    private string Power(IrBinary b)
    {
        var type = b.Type;
        if (MathLibraryFunction(b) is { } power)
            return Convert(Call(new IrCall(power, [b.Left, b.Right], NjTypes.Float64)).Single(), NjTypes.Float64, type);
        string result = Constant(type is FloatType ? 1.0 : 1L, type);
        string factor = NewRegister(type), exponent = NewRegister(NjTypes.Int64);
        Line($"mov.{PtxTypes.Bits(type)} {factor}, {ExprAs(b.Left, type)};");
        Line($"mov.b64 {exponent}, {ExprAs(b.Right, NjTypes.Int64)};");
        string negative = NewPredicate();
        Line($"setp.lt.s64 {negative}, {exponent}, 0;");
        if (type is FloatType) Line($"@{negative} neg.s64 {exponent}, {exponent};");
        string top = NewLabel("pow"), end = NewLabel("endpow"), done = NewPredicate(), odd = NewPredicate(), bit = NewRegister(NjTypes.Int64);
        string t = PtxTypes.Arithmetic(type), multiply = type is FloatType ? "mul.rn" : "mul.lo";
        Label(top);
        Line($"setp.le.s64 {done}, {exponent}, 0;");
        Line($"@{done} bra {end};");
        Line($"and.b64 {bit}, {exponent}, 1;");
        Line($"setp.ne.s64 {odd}, {bit}, 0;");
        Line($"@{odd} {multiply}.{t} {result}, {result}, {factor};");
        Line($"{multiply}.{t} {factor}, {factor}, {factor};");
        Line($"shr.s64 {exponent}, {exponent}, 1;");
        Line($"bra.uni {top};");
        Label(end);
        if (type is FloatType) Line($"@{negative} rcp.rn.{t} {result}, {result};");
        return Narrow(result, type);
    }
}
