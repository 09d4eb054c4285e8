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
            default:
                throw Unsupported($"{_function.Name}: math.{call.Intrinsic.ToString().ToLowerInvariant()} on {argType} is not available on the CUDA " +
                    "backend yet (PTX has no float64 transcendental instructions and NumJit's software versions are not built; " +
                    "float32 sin, cos, tan, exp, exp2, log, log2 and log10 use the hardware approximations)");
        }
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
