using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    private static readonly IReadOnlyDictionary<string, (Intrinsic Intrinsic, bool ComplexResult)> Cmath = new Dictionary<string, (Intrinsic, bool)>
    {
        ["sqrt"] = (Intrinsic.CSqrt, true), ["exp"] = (Intrinsic.CExp, true), ["log10"] = (Intrinsic.CLog10, true),
        ["sin"] = (Intrinsic.CSin, true), ["cos"] = (Intrinsic.CCos, true), ["sinh"] = (Intrinsic.CSinh, true),
        ["cosh"] = (Intrinsic.CCosh, true), ["phase"] = (Intrinsic.CPhase, false), ["isnan"] = (Intrinsic.CIsNan, false),
        ["isinf"] = (Intrinsic.CIsInf, false), ["isfinite"] = (Intrinsic.CIsFinite, false),
    };

    /// <summary>cmath on complex (or real, converted) scalars: the functions NumJit computes exactly as CPython.</summary>
    private IrExpr BindCmathCall(string name, Call call)
    {
        switch (name)
        {
            case "log":
            {
                var args = PositionalArgs(call, "cmath.log", 1, 2);
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                return new IrIntrinsicCall(Intrinsic.CLog, args.Select(a => ComplexArg(a, call)).ToArray(), NjTypes.Complex128);
            }
            case "polar":
            {
                var z = PositionalArgs(call, "cmath.polar", 1, 1)[0];
                if (z.Type is UnknownType) return Unknown();
                return new IrIntrinsicCall(Intrinsic.CPolar, [ComplexArg(z, call)], new TupleType([NjTypes.Float64, NjTypes.Float64]));
            }
            case "rect":
            {
                var args = PositionalArgs(call, "cmath.rect", 2, 2);
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                return new IrIntrinsicCall(Intrinsic.CRect, args.Select(a => RealArg(a, NjTypes.Float64, call)).ToArray(), NjTypes.Complex128);
            }
        }
        if (!Cmath.TryGetValue(name, out var rule))
            throw Unsupported($"cmath.{name}() is not supported in compiled code yet", call,
                name is "tan" or "tanh" or "asin" or "acos" or "atan" or "asinh" or "acosh" or "atanh"
                    ? "NumJit only compiles the cmath functions it computes bit-for-bit like CPython" : null);
        var x = PositionalArgs(call, "cmath." + name, 1, 1)[0];
        if (x.Type is UnknownType) return Unknown();
        return new IrIntrinsicCall(rule.Intrinsic, [ComplexArg(x, call)], rule.ComplexResult ? NjTypes.Complex128 : name == "phase" ? NjTypes.Float64 : NjTypes.Bool);
    }

    private IrExpr ComplexArg(IrExpr value, Node at)
    {
        if (!value.Type.IsNumeric) throw Error($"cmath functions need a number, not {value.Type}", at);
        return Coerce(value, NjTypes.Complex128, at);
    }
}
