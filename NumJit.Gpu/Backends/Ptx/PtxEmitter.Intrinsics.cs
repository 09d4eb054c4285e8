using NumJit.Gpu.Libraries;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.Ptx;

public sealed partial class PtxEmitter
{
    /// <summary>float32 transcendentals with a PTX approximation: the instruction and the factor around it (log2 e, ln 2, log10 2).</summary>
    private static readonly Dictionary<Intrinsic, (string Before, string Instruction, string After)> Float32Approximations = new()
    {
        [Intrinsic.Sin] = ("", "sin.approx.f32", ""),
        [Intrinsic.Cos] = ("", "cos.approx.f32", ""),
        [Intrinsic.Exp] = ("0f3FB8AA3B", "ex2.approx.f32", ""),
        [Intrinsic.Exp2] = ("", "ex2.approx.f32", ""),
        [Intrinsic.Log] = ("", "lg2.approx.f32", "0f3F317218"),
        [Intrinsic.Log2] = ("", "lg2.approx.f32", ""),
        [Intrinsic.Log10] = ("", "lg2.approx.f32", "0f3E9A209B"),
    };

    private static readonly Dictionary<Intrinsic, string> Roundings = new()
    {
        [Intrinsic.Floor] = "rmi", [Intrinsic.Ceil] = "rpi", [Intrinsic.Trunc] = "rzi", [Intrinsic.Round] = "rni",
    };

    private string IntrinsicCall(IrIntrinsicCall call)
    {
        var argType = call.Args.Count > 0 ? call.Args[0].Type : call.Type;
        switch (call.Intrinsic)
        {
            case Intrinsic.Sqrt:
            {
                var type = call.Type;
                string value = ExprAs(call.Args[0], type), result = NewRegister(type);
                Line($"sqrt.rn.{PtxTypes.Arithmetic(type)} {result}, {value};");
                return result;
            }
            case Intrinsic.Abs when call.Type is IntegerType { Signed: false } or BooleanType:
                return ExprAs(call.Args[0], call.Type);
            case Intrinsic.Fabs or Intrinsic.Abs:
            {
                var type = call.Type;
                string value = ExprAs(call.Args[0], type), result = NewRegister(type);
                Line($"abs.{PtxTypes.Arithmetic(type)} {result}, {value};");
                return result;
            }
            case Intrinsic.Floor or Intrinsic.Ceil or Intrinsic.Trunc or Intrinsic.Round when call.Args.Count == 1:
            {
                // math.floor & co. and round() give ints in Python; of an int, the int itself.
                if (argType is not FloatType) return ExprAs(call.Args[0], call.Type);
                string value = Expr(call.Args[0]), rounded = NewRegister(argType), t = PtxTypes.Arithmetic(argType);
                Line($"cvt.{Roundings[call.Intrinsic]}.{t}.{t} {rounded}, {value};");
                return Convert(rounded, argType, call.Type);
            }
            case Intrinsic.Min or Intrinsic.Max:
                return MinMax(call);
            case Intrinsic.IsNan or Intrinsic.IsInf or Intrinsic.IsFinite when argType is FloatType:
            {
                string value = Expr(call.Args[0]), p = NewPredicate();
                string test = call.Intrinsic switch { Intrinsic.IsNan => "notanumber", Intrinsic.IsInf => "infinite", _ => "finite" };
                Line($"testp.{test}.{PtxTypes.Arithmetic(argType)} {p}, {value};");
                return FromPredicate(p);
            }
            case Intrinsic.IsNan or Intrinsic.IsInf or Intrinsic.IsFinite:
                Expr(call.Args[0]);
                return Constant(call.Intrinsic == Intrinsic.IsFinite, NjTypes.Bool);
            case Intrinsic.CopySign:
            {
                var type = call.Type;
                string magnitude = ExprAs(call.Args[0], type), sign = ExprAs(call.Args[1], type), result = NewRegister(type);
                Line($"copysign.{PtxTypes.Arithmetic(type)} {result}, {sign}, {magnitude};");   // PTX: the sign of its first operand
                return result;
            }
            case Intrinsic.Degrees or Intrinsic.Radians:
            {
                var type = call.Type;
                string value = ExprAs(call.Args[0], type);
                string factor = Constant(call.Intrinsic == Intrinsic.Degrees ? 180.0 / Math.PI : Math.PI / 180.0, type);
                string result = NewRegister(type);
                Line($"mul.rn.{PtxTypes.Arithmetic(type)} {result}, {value}, {factor};");
                return result;
            }
            case var f when call.Type is FloatType { Bits: 32 } && Float32Approximations.TryGetValue(f, out var approximation):
                return Float32Approximation(call, approximation);
            case Intrinsic.Tan when call.Type is FloatType { Bits: 32 }:
            {
                string value = ExprAs(call.Args[0], call.Type), sin = NewRegister(call.Type), cos = NewRegister(call.Type), result = NewRegister(call.Type);
                Line($"sin.approx.f32 {sin}, {value};");
                Line($"cos.approx.f32 {cos}, {value};");
                Line($"div.rn.f32 {result}, {sin}, {cos};");
                return result;
            }
            case Intrinsic.Ldexp:
                return Ldexp(ExprAs(call.Args[0], NjTypes.Float64), ExprAs(call.Args[1], NjTypes.Int64));
            case var _ when MathLibraryFunction(call) is { } library:
                return Convert(Call(new IrCall(library, call.Args, NjTypes.Float64)).Single(), NjTypes.Float64, call.Type);
            default:
                throw Unsupported($"{_function.Name}: math.{call.Intrinsic.ToString().ToLowerInvariant()} on {argType} is not available on the CUDA backend");
        }
    }

    /// <summary>
    /// The float64 math library function an IR node stands for, where PTX has no instruction:
    /// float64 transcendentals, float32 ones without a hardware approximation (computed in
    /// float64), and a float raised to a float power.
    /// </summary>
    private static IrFunction? MathLibraryFunction(object node) => node switch
    {
        IrIntrinsicCall call when Float64MathLibrary.Computes(call.Intrinsic) && !(call.Type is FloatType { Bits: 32 } &&
            (Float32Approximations.ContainsKey(call.Intrinsic) || call.Intrinsic == Intrinsic.Tan)) => Float64MathLibrary.Instance.Function(call.Intrinsic),
        IrBinary { Op: IrBinaryOp.Pow, Right.Type: FloatType } => Float64MathLibrary.Instance.Function(Intrinsic.Pow),
        _ => null,
    };

    /// <summary>The library functions the kernel's code calls, and the ones they call.</summary>
    private static List<IrFunction> MathLibraryCalls(IReadOnlyList<IrFunction> functions) =>
        Float64MathLibrary.WithCallees(functions.SelectMany(f => IrVariableUses.Nodes(f.Body)).Select(MathLibraryFunction).OfType<IrFunction>().Distinct());

    /// <summary>
    /// x * 2**k as three multiplications by powers of two built from their bits: k is clamped to
    /// +-2200 (beyond, every finite x over- or underflows) and split in three, each within the
    /// exponent range. Only a result that turns subnormal is rounded.
    /// </summary>
    private string Ldexp(string x, string k)
    {
        string clamped = NewRegister(NjTypes.Int64), part = NewRegister(NjTypes.Int64), rest = NewRegister(NjTypes.Int64);
        string result = NewRegister(NjTypes.Float64);
        Line($"min.s64 {clamped}, {k}, 2200;");
        Line($"max.s64 {clamped}, {clamped}, -2200;");
        Line($"mov.f64 {result}, {x};");
        Line($"div.s64 {part}, {clamped}, 3;");
        Line($"sub.s64 {rest}, {clamped}, {part};");
        ScaleByPowerOfTwo(result, part);
        Line($"shr.s64 {part}, {rest}, 1;");
        Line($"sub.s64 {rest}, {rest}, {part};");
        ScaleByPowerOfTwo(result, part);
        ScaleByPowerOfTwo(result, rest);
        return result;
    }

    private void ScaleByPowerOfTwo(string value, string exponent)
    {
        string bits = NewRegister(NjTypes.Int64), factor = NewRegister(NjTypes.Float64);
        Line($"add.s64 {bits}, {exponent}, 1023;");
        Line($"shl.b64 {bits}, {bits}, 52;");
        Line($"mov.b64 {factor}, {bits};");
        Line($"mul.rn.f64 {value}, {value}, {factor};");
    }

    /// <summary>
    /// math.frexp: (m, e) with x = m 2**e and 0.5 <= |m| < 1, read off the bits (subnormals
    /// scaled by 2**54 first); zero, inf and nan give (x, 0) as in C.
    /// </summary>
    private List<string> Frexp(string x)
    {
        string magnitude = NewRegister(NjTypes.Float64), scaled = NewRegister(NjTypes.Float64), bias = NewRegister(NjTypes.Int64);
        string subnormal = NewPredicate(), bits = NewRegister(NjTypes.Int64), exponent = NewRegister(NjTypes.Int64);
        string mantissa = NewRegister(NjTypes.Float64), finite = NewPredicate(), ordinary = NewPredicate();
        Line($"abs.f64 {magnitude}, {x};");
        Line($"setp.lt.f64 {subnormal}, {magnitude}, 0d0010000000000000;");
        Line($"mul.rn.f64 {scaled}, {x}, 0d4350000000000000;");
        Line($"selp.f64 {scaled}, {scaled}, {x}, {subnormal};");
        Line($"selp.s64 {bias}, 1076, 1022, {subnormal};");
        Line($"mov.b64 {bits}, {scaled};");
        Line($"shr.u64 {exponent}, {bits}, 52;");
        Line($"and.b64 {exponent}, {exponent}, 2047;");
        Line($"sub.s64 {exponent}, {exponent}, {bias};");
        Line($"and.b64 {bits}, {bits}, {Constant(unchecked((long)0x800FFFFFFFFFFFFFUL), NjTypes.Int64)};");
        Line($"or.b64 {bits}, {bits}, {Constant(0x3FE0000000000000L, NjTypes.Int64)};");
        Line($"mov.b64 {mantissa}, {bits};");
        Line($"testp.finite.f64 {finite}, {x};");
        Line($"setp.ne.and.f64 {ordinary}, {x}, 0d0000000000000000, {finite};");
        Line($"selp.f64 {mantissa}, {mantissa}, {x}, {ordinary};");
        Line($"selp.s64 {exponent}, {exponent}, 0, {ordinary};");
        return [mantissa, exponent];
    }

    private string Float32Approximation(IrIntrinsicCall call, (string Before, string Instruction, string After) approximation)
    {
        string value = ExprAs(call.Args[0], NjTypes.Float32);
        if (approximation.Before.Length > 0)
        {
            string scaled = NewRegister(NjTypes.Float32);
            Line($"mul.f32 {scaled}, {value}, {approximation.Before};");
            value = scaled;
        }
        string result = NewRegister(NjTypes.Float32);
        Line($"{approximation.Instruction} {result}, {value};");
        if (approximation.After.Length > 0) Line($"mul.f32 {result}, {result}, {approximation.After};");
        return result;
    }

    /// <summary>Python's min/max: the first of equal values wins, and a comparison with NaN is false (so NaN stays where it is).</summary>
    private string MinMax(IrIntrinsicCall call)
    {
        var type = call.Type;
        string t = PtxTypes.Arithmetic(type is BooleanType ? NjTypes.UInt32 : type);
        string result = NewRegister(type);
        Line($"mov.{PtxTypes.Bits(type)} {result}, {ExprAs(call.Args[0], type)};");
        foreach (var arg in call.Args.Skip(1))
        {
            string next = ExprAs(arg, type), better = NewPredicate();
            Line($"setp.{(call.Intrinsic == Intrinsic.Min ? "lt" : "gt")}.{t} {better}, {next}, {result};");
            Line($"selp.{PtxTypes.Bits(type)} {result}, {next}, {result}, {better};");
        }
        return result;
    }
}
