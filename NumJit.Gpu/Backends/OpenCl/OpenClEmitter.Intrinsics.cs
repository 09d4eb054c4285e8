using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.OpenCl;

public sealed partial class OpenClEmitter
{
    /// <summary>math functions with an OpenCL built-in of the same meaning (CPython's math module on doubles).</summary>
    private static readonly Dictionary<Intrinsic, string> Builtins = new()
    {
        [Intrinsic.Sqrt] = "sqrt", [Intrinsic.Sin] = "sin", [Intrinsic.Cos] = "cos", [Intrinsic.Tan] = "tan",
        [Intrinsic.Asin] = "asin", [Intrinsic.Acos] = "acos", [Intrinsic.Atan] = "atan", [Intrinsic.Atan2] = "atan2",
        [Intrinsic.Sinh] = "sinh", [Intrinsic.Cosh] = "cosh", [Intrinsic.Tanh] = "tanh", [Intrinsic.Asinh] = "asinh",
        [Intrinsic.Acosh] = "acosh", [Intrinsic.Atanh] = "atanh", [Intrinsic.Exp] = "exp", [Intrinsic.Expm1] = "expm1",
        [Intrinsic.Exp2] = "exp2", [Intrinsic.Log] = "log", [Intrinsic.Log2] = "log2", [Intrinsic.Log10] = "log10",
        [Intrinsic.Log1p] = "log1p", [Intrinsic.Pow] = "pow", [Intrinsic.Fabs] = "fabs", [Intrinsic.Floor] = "floor",
        [Intrinsic.Ceil] = "ceil", [Intrinsic.Trunc] = "trunc", [Intrinsic.Hypot] = "hypot", [Intrinsic.CopySign] = "copysign",
        [Intrinsic.Fmod] = "fmod", [Intrinsic.Erf] = "erf", [Intrinsic.Erfc] = "erfc", [Intrinsic.Gamma] = "tgamma",
        [Intrinsic.Lgamma] = "lgamma", [Intrinsic.Cbrt] = "cbrt", [Intrinsic.Round] = "rint", [Intrinsic.NextAfter] = "nextafter",
    };

    private string IntrinsicCall(IrIntrinsicCall call)
    {
        var args = call.Args.Select(Expr).ToList();
        var argType = call.Args.Count > 0 ? call.Args[0].Type : call.Type;
        if (Builtins.TryGetValue(call.Intrinsic, out var builtin))
        {
            string text = $"{builtin}({string.Join(", ", args.Select((a, i) => call.Args[i].Type is FloatType ? a : $"(double){a}"))})";
            // math.floor/ceil/trunc and round() give ints in Python.
            return call.Type == argType && call.Type is FloatType ? text : $"(({ScalarType(call.Type)}){text})";
        }
        switch (call.Intrinsic)
        {
            case Intrinsic.IsNan or Intrinsic.IsInf or Intrinsic.IsFinite when argType is FloatType:
                return $"({call.Intrinsic.ToString().ToLowerInvariant()}({args[0]}) != 0)";
            case Intrinsic.IsNan or Intrinsic.IsInf:
                return "false";
            case Intrinsic.IsFinite:
                return "true";
            case Intrinsic.Abs when call.Type is FloatType:
                return $"fabs({args[0]})";
            case Intrinsic.Abs:
                return $"({args[0]} < 0 ? -{args[0]} : {args[0]})";
            // Python's min/max keep the first of equal values and compare with < (NaN stays where it is).
            case Intrinsic.Min:
                return args.Skip(1).Aggregate(args[0], (acc, next) => $"({next} < {acc} ? {next} : {acc})");
            case Intrinsic.Max:
                return args.Skip(1).Aggregate(args[0], (acc, next) => $"({next} > {acc} ? {next} : {acc})");
            case Intrinsic.Degrees:
                return $"({args[0]} * (180.0 / M_PI))";
            case Intrinsic.Radians:
                return $"({args[0]} * (M_PI / 180.0))";
            case Intrinsic.Ldexp:
                return $"ldexp({args[0]}, (int){args[1]})";
            case Intrinsic.LogBase:
                return $"(log({args[0]}) / log({args[1]}))";
            default:
                throw Unsupported($"{_function.Name}: {call.Intrinsic} is not supported in GPU code");
        }
    }
}
