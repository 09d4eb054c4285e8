using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    private IrExpr BindNumpyCall(string name, Call call)
    {
        switch (name)
        {
            case "empty" or "zeros" or "ones":
            {
                var args = MatchArguments(call, "numpy." + name, ["shape", "dtype"], required: 1);
                var dtype = ResolveDType(args.GetValueOrDefault("dtype"), NjTypes.Float64);
                var shape = BindShape(args["shape"]);
                if (shape == null) return Unknown();
                var kind = name switch { "empty" => ArrayCreation.Empty, "zeros" => ArrayCreation.Zeros, _ => ArrayCreation.Ones };
                return Created(new IrArrayCreate(kind, shape, null, new ArrayType(dtype, shape.Count, ArrayLayout.C)));
            }
            case "full":
            {
                var args = MatchArguments(call, "numpy.full", ["shape", "fill_value", "dtype"], required: 2);
                var fill = BindValue(args["fill_value"]);
                var shape = BindShape(args["shape"]);
                if (shape == null || fill.Type is UnknownType) return Unknown();
                if (!fill.Type.IsNumeric) throw Error($"numpy.full() needs a number to fill with, not {fill.Type}", args["fill_value"]);
                var dtype = ResolveDType(args.GetValueOrDefault("dtype"), fill.Type);
                return Created(new IrArrayCreate(ArrayCreation.Full, shape, Coerce(fill, dtype, call), new ArrayType(dtype, shape.Count, ArrayLayout.C)));
            }
            case "arange":
            {
                var args = MatchArguments(call, "numpy.arange", ["start", "stop", "step", "dtype"], required: 1);
                var values = new[] { "start", "stop", "step" }.Where(args.ContainsKey).Select(k => BindValue(args[k])).ToList();
                if (values.Any(v => v.Type is UnknownType)) return Unknown();
                if (values.Any(v => !v.Type.IsNumeric || v.Type is ComplexType))
                    throw Error("numpy.arange() needs real numbers", call);
                var natural = values.Select(v => v.Type).Aggregate(NjTypes.PromoteNumeric);
                if (natural is BooleanType or IntegerType { Bits: < 64 }) natural = NjTypes.Int64;
                var dtype = ResolveDType(args.GetValueOrDefault("dtype"), natural);
                if (values.Count == 1) values.Insert(0, new IrConstant(0L, NjTypes.Int64));
                if (values.Count == 2) values.Add(new IrConstant(1L, NjTypes.Int64));
                var operandType = NjTypes.PromoteNumeric(natural, dtype);
                return Created(new IrArrayCreate(ArrayCreation.Arange, values.Select(v => Coerce(v, operandType, call)).ToArray(), null,
                    new ArrayType(dtype, 1, ArrayLayout.C)));
            }
            case "empty_like" or "zeros_like" or "ones_like" or "full_like":
            {
                bool full = name == "full_like";
                var args = MatchArguments(call, "numpy." + name, full ? ["a", "fill_value", "dtype"] : ["a", "dtype"], required: full ? 2 : 1);
                var source = BindValue(args["a"]);
                if (source.Type is UnknownType) return Unknown();
                if (source.Type is not ArrayType array) throw Error($"numpy.{name}() needs an array, not {source.Type}", args["a"]);
                IrExpr? fill = full ? BindValue(args["fill_value"]) : null;
                if (fill?.Type is UnknownType) return Unknown();
                var dtype = ResolveDType(args.GetValueOrDefault("dtype"), array.DType);
                var layout = array.Layout == ArrayLayout.A ? ArrayLayout.A : array.Layout;
                var kind = name switch
                {
                    "empty_like" => ArrayCreation.EmptyLike, "zeros_like" => ArrayCreation.ZerosLike,
                    "ones_like" => ArrayCreation.OnesLike, _ => ArrayCreation.FullLike,
                };
                return Created(new IrArrayCreate(kind, [source], fill == null ? null : Coerce(fill, dtype, call),
                    new ArrayType(dtype, array.Ndim, layout)));
            }
            default:
                return BindNumpyArrayFunction(name, call) ?? BindMathCall(name, call, numpy: true);
        }
    }

    private IrExpr Created(IrArrayCreate creation)
    {
        if (_final) Function.CreatesArrays = true;
        return creation;
    }

    /// <summary>A shape argument: an int or a tuple of ints, as int64 operands (null while unknown).</summary>
    private IReadOnlyList<IrExpr>? BindShape(Expr e)
    {
        var shape = BindValue(e);
        switch (shape.Type)
        {
            case UnknownType:
                return null;
            case IntegerType or BooleanType:
                return [Coerce(shape, NjTypes.Int64, e)];
            case TupleType tuple when tuple.Items.All(t => t is IntegerType or BooleanType):
                return Enumerable.Range(0, tuple.Items.Count).Select(i => Coerce(TupleItem(shape, i), NjTypes.Int64, e)).ToArray();
            default:
                throw Error($"an array shape must be an integer or a tuple of integers, not {shape.Type}", e);
        }
    }

    private NjType ResolveDType(Expr? e, NjType fallback)
    {
        if (e == null || e is Constant { Value: null }) return fallback;
        if (e is Constant { Value: string s })
            return NjTypes.ByName.TryGetValue(s, out var named) && named.IsNumeric ? named : throw Error($"data type '{s}' not understood", e);
        return BindAny(e) switch
        {
            DTypeRef d => d.Type,
            FunctionRef { Module: "builtins", Name: "float" } => NjTypes.Float64,
            FunctionRef { Module: "builtins", Name: "int" } => NjTypes.Int64,
            FunctionRef { Module: "builtins", Name: "bool" } => NjTypes.Bool,
            FunctionRef { Module: "builtins", Name: "complex" } => NjTypes.Complex128,
            _ => throw Error($"'{Describe(e)}' is not a dtype compiled code understands", e, "use np.float64, np.int64, ... or a dtype name string"),
        };
    }

    /// <summary>Python's argument matching for library functions: positional then keywords.</summary>
    private Dictionary<string, Expr> MatchArguments(Call call, string function, string[] parameters, int required)
    {
        if (call.Args.Count > parameters.Length)
            throw Error($"{function}() takes at most {parameters.Length} arguments ({call.Args.Count} given)", call);
        var result = new Dictionary<string, Expr>();
        for (int i = 0; i < call.Args.Count; i++) result[parameters[i]] = call.Args[i];
        foreach (var keyword in call.Keywords)
        {
            if (!parameters.Contains(keyword.ArgName))
                throw Error($"{function}() got an unexpected keyword argument '{keyword.ArgName}'", keyword);
            if (!result.TryAdd(keyword.ArgName!, keyword.Value))
                throw Error($"{function}() got multiple values for argument '{keyword.ArgName}'", keyword);
        }
        foreach (var name in parameters.Take(required))
            if (!result.ContainsKey(name)) throw Error($"{function}() missing required argument '{name}'", call);
        return result;
    }
}
