using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing.Rules;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    private IrExpr BindMathCall(string name, Call call, bool numpy)
    {
        switch (name)
        {
            case "log" when !numpy:
            {
                var args = PositionalArgs(call, "math.log", 1, 2);
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                if (args.Count == 1) return MathFloat(Intrinsic.Log, args, call);
                return new IrIntrinsicCall(Intrinsic.LogBase, args.Select(a => RealArg(a, NjTypes.Float64, call)).ToArray(), NjTypes.Float64);
            }
            case "log":
                return MathFloat(Intrinsic.Log, PositionalArgs(call, "numpy.log", 1, 1), call);
            case "hypot":
            {
                var args = PositionalArgs(call, "math.hypot", 0, int.MaxValue);
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                if (args.Count == 0) return new IrConstant(0.0, NjTypes.Float64);
                if (args.Count == 1) return new IrIntrinsicCall(Intrinsic.Fabs, [RealArg(args[0], NjTypes.Float64, call)], NjTypes.Float64);
                var coordinates = args.Select(a => RealArg(a, NjTypes.Float64, call)).ToArray();
                // CPython scales all coordinates together: n-ary hypot is not a chain of binary ones.
                return new IrIntrinsicCall(args.Count == 2 ? Intrinsic.Hypot : Intrinsic.HypotValues, coordinates, NjTypes.Float64);
            }
            case "fsum" or "prod" or "dist" when !numpy:
                return BindSequenceMath(name, call);
            case "frexp":
            {
                var x = PositionalArgs(call, "math.frexp", 1, 1)[0];
                if (x.Type is UnknownType) return Unknown();
                return new IrIntrinsicCall(Intrinsic.Frexp, [RealArg(x, NjTypes.Float64, call)], new TupleType([NjTypes.Float64, NjTypes.Int64]));
            }
            case "modf":
            {
                var x = PositionalArgs(call, "math.modf", 1, 1)[0];
                if (x.Type is UnknownType) return Unknown();
                return new IrIntrinsicCall(Intrinsic.Modf, [RealArg(x, NjTypes.Float64, call)], new TupleType([NjTypes.Float64, NjTypes.Float64]));
            }
            case "isclose":
                return BindIsClose(call);
            case "abs" when numpy:
                return BindBuiltinCall("abs", call);
        }
        if (numpy && MathFunctionRules.NumpyAliases.TryGetValue(name, out var alias)) name = alias;
        if (!MathFunctionRules.Math.TryGetValue(name, out var rule))
            throw Unsupported($"{(numpy ? "numpy" : "math")}.{name}() is not supported in compiled code", call);
        var values = PositionalArgs(call, name, rule.Shape is MathShape.Float2 or MathShape.Int2 or MathShape.FloatInt ? 2 : 1,
            rule.Shape is MathShape.Float2 or MathShape.Int2 or MathShape.FloatInt ? 2 : 1);
        if (values.Any(a => a.Type is UnknownType)) return Unknown();
        switch (rule.Shape)
        {
            case MathShape.Float:
                return MathFloat(rule.Intrinsic, values, call);
            case MathShape.Float2:
            {
                var type = values.All(v => v.Type == NjTypes.Float32) ? NjTypes.Float32 : NjTypes.Float64;
                return new IrIntrinsicCall(rule.Intrinsic, values.Select(v => RealArg(v, type, call)).ToArray(), type);
            }
            case MathShape.FloatToInt:
            {
                var x = values[0];
                if (x.Type is IntegerType or BooleanType) return numpy ? Coerce(x, NjTypes.Float64, call) : Coerce(x, NjTypes.Int64, call);
                var arg = RealArg(x, x.Type == NjTypes.Float32 ? NjTypes.Float32 : NjTypes.Float64, call);
                // math.floor gives an int; numpy.floor keeps the float type.
                return new IrIntrinsicCall(rule.Intrinsic, [arg], numpy ? arg.Type : NjTypes.Int64);
            }
            case MathShape.Predicate:
                return new IrIntrinsicCall(rule.Intrinsic, [RealArg(values[0], values[0].Type == NjTypes.Float32 ? NjTypes.Float32 : NjTypes.Float64, call)], NjTypes.Bool);
            case MathShape.Int:
            case MathShape.Int2:
                return new IrIntrinsicCall(rule.Intrinsic, values.Select(v => IntegerArg(v, name, call)).ToArray(), NjTypes.Int64);
            case MathShape.FloatInt:
                return new IrIntrinsicCall(rule.Intrinsic, [RealArg(values[0], NjTypes.Float64, call), IntegerArg(values[1], name, call)], NjTypes.Float64);
            default:
                throw new InvalidOperationException(rule.Shape.ToString());
        }
    }

    /// <summary>math.fsum/prod/dist over a tuple or a 1-d array.</summary>
    private IrExpr BindSequenceMath(string name, Call call)
    {
        var args = PositionalArgs(call, "math." + name, name == "dist" ? 2 : 1, name == "dist" ? 2 : 1);
        if (args.Any(a => a.Type is UnknownType)) return Unknown();
        foreach (var arg in args)
        {
            bool ok = arg.Type switch
            {
                TupleType t => t.Items.All(i => i.IsNumeric && i is not ComplexType),
                ArrayType { Ndim: 1 } a => a.DType.IsNumeric && a.DType is not ComplexType,
                _ => false,
            };
            if (!ok) throw Error($"math.{name}() needs a tuple or 1-d array of real numbers, not {arg.Type}", call);
        }
        if (args.Any(a => a.Type is ArrayType) && !args.All(a => a.Type is ArrayType))
            throw Error($"math.{name}() needs two tuples or two arrays", call);
        if (args[0].Type is ArrayType array)
        {
            if (name == "dist" && ((ArrayType)args[1].Type).DType != array.DType)
                throw Error("math.dist() needs two arrays of the same dtype", call);
            var intrinsic = name switch { "fsum" => Intrinsic.FsumArray, "prod" => Intrinsic.ProdArray, _ => Intrinsic.DistArrays };
            NjType type = name == "prod" && array.DType is IntegerType or BooleanType ? NjTypes.Int64 : NjTypes.Float64;
            return new IrIntrinsicCall(intrinsic, args, type);
        }
        var items = args.SelectMany(a => Enumerable.Range(0, ((TupleType)a.Type).Items.Count).Select(i => TupleItem(a, i))).ToList();
        if (name == "prod")
        {
            IrExpr product = new IrConstant(1L, NjTypes.Int64);
            foreach (var item in items) product = BindBinary(BinaryOperator.Mult, product, item, call);
            return product;
        }
        if (name == "dist" && ((TupleType)args[0].Type).Items.Count != ((TupleType)args[1].Type).Items.Count)
            throw Error("both points must have the same number of dimensions", call);
        return new IrIntrinsicCall(name == "fsum" ? Intrinsic.FsumValues : Intrinsic.DistValues,
            items.Select(i => RealArg(i, NjTypes.Float64, call)).ToArray(), NjTypes.Float64);
    }

    /// <summary>float(float): float32 stays float32 (numba), everything else computes in float64.</summary>
    private IrExpr MathFloat(Intrinsic intrinsic, IReadOnlyList<IrExpr> values, Call call)
    {
        var x = values[0];
        if (x.Type is UnknownType) return Unknown();
        var type = x.Type == NjTypes.Float32 ? NjTypes.Float32 : NjTypes.Float64;
        return new IrIntrinsicCall(intrinsic, [RealArg(x, type, call)], type);
    }

    private IrExpr RealArg(IrExpr value, NjType type, Node at)
    {
        if (value.Type is ComplexType)
            throw Error($"this function needs a real number, not {value.Type}", at, "use the cmath-style complex functions or abs()");
        if (!value.Type.IsNumeric)
            throw Error($"must be a real number, not {value.Type}", at,
                value.Type is ArrayType ? "math functions take scalars; apply them to elements inside a loop" : null);
        return Coerce(value, type, at);
    }

    private IrExpr IntegerArg(IrExpr value, string function, Node at)
    {
        if (value.Type is not (IntegerType or BooleanType))
            throw Error($"{function}() needs integers, not {value.Type}", at, "'float' object cannot be interpreted as an integer");
        return Coerce(value, NjTypes.Int64, at);
    }

    private IrExpr BindIsClose(Call call)
    {
        if (call.Args.Count != 2) throw Error("isclose() takes exactly 2 positional arguments", call);
        var a = BindValue(call.Args[0]);
        var b = BindValue(call.Args[1]);
        IrExpr rel = new IrConstant(1e-9, NjTypes.Float64), abs = new IrConstant(0.0, NjTypes.Float64);
        foreach (var k in call.Keywords)
        {
            var v = BindValue(k.Value);
            if (k.ArgName == "rel_tol") rel = v;
            else if (k.ArgName == "abs_tol") abs = v;
            else throw Error($"isclose() got an unexpected keyword argument '{k.ArgName}'", k);
        }
        if (new[] { a, b, rel, abs }.Any(v => v.Type is UnknownType)) return Unknown();
        return new IrIntrinsicCall(Intrinsic.IsClose,
            [RealArg(a, NjTypes.Float64, call), RealArg(b, NjTypes.Float64, call), RealArg(rel, NjTypes.Float64, call), RealArg(abs, NjTypes.Float64, call)],
            NjTypes.Bool);
    }
}
