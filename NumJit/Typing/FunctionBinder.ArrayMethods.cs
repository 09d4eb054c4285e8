using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing.Rules;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    /// <summary>a.method(...) on an array, or the numpy function of the same name taking the array first.</summary>
    private IrExpr BindArrayMethodLike(string name, IrExpr array, IReadOnlyList<Expr> rest, Call call, bool receiver)
    {
        var type = (ArrayType)array.Type;
        if (NumpyFunctionRules.Reductions.ContainsKey(name)) return BindReduction(name, array, rest, call, receiver);
        if (name == "astype" && receiver)
        {
            if (rest.Count != 1) throw Error("astype() takes one dtype", call);
            var dtype = ResolveDType(rest[0], type.DType);
            return CreatedCall("astype", array, [new IrDTypeObject(dtype)], NoKeywords, new ArrayType(dtype, type.Ndim, type.Layout));
        }
        var restArgs = rest.Select(r => BindValue(r)).ToList();
        if (restArgs.Any(a => a.Type is UnknownType)) return Unknown();
        IrExpr Make(NjType result, params IrExpr[] extra) =>
            receiver ? CreatedCall(name, array, extra, NoKeywords, result) : CreatedCall(name, null, [array, .. extra], NoKeywords, result);
        switch (name)
        {
            case "transpose":
                if (restArgs.Count > 0) throw Unsupported("transpose with an axes argument is not supported yet", call);
                var flipped = type.Layout switch { ArrayLayout.C => ArrayLayout.F, ArrayLayout.F => ArrayLayout.C, _ => ArrayLayout.A };
                return Make(type with { Layout = type.Ndim <= 1 ? type.Layout : flipped });
            case "ravel":
                return Make(new ArrayType(type.DType, 1, ArrayLayout.C, type.ReadOnly && type.Layout == ArrayLayout.C));
            case "flatten" when receiver:
                return Make(new ArrayType(type.DType, 1, ArrayLayout.C));
            case "copy":
                return Make(new ArrayType(type.DType, type.Ndim, receiver || type.Layout == ArrayLayout.C ? ArrayLayout.C
                    : type.Layout == ArrayLayout.F ? ArrayLayout.F : ArrayLayout.A));
            case "ascontiguousarray":
                return Make(new ArrayType(type.DType, Math.Max(1, type.Ndim), ArrayLayout.C));
            case "reshape":
            {
                var dims = restArgs.Count == 1 && restArgs[0].Type is TupleType t ? t.Items.Count : restArgs.Count;
                if (dims == 0 || !restArgs.All(a => a.Type is IntegerType or BooleanType || a.Type is TupleType tt && tt.Items.All(i => i is IntegerType)))
                    throw Error("reshape() needs integer dimensions or a tuple of them", call);
                var shape = restArgs.Count == 1 ? restArgs[0] : new IrTupleCreate(restArgs.Select(a => Coerce(a, NjTypes.Int64, call)).ToArray(),
                    new TupleType(Enumerable.Repeat<NjType>(NjTypes.Int64, restArgs.Count).ToArray()));
                return Make(new ArrayType(type.DType, dims, type.Layout == ArrayLayout.C ? ArrayLayout.C : ArrayLayout.A, type.ReadOnly), shape);
            }
            case "fill" when receiver:
            {
                if (restArgs.Count != 1 || !restArgs[0].Type.IsNumeric) throw Error("fill() takes one number", call);
                if (type.ReadOnly) throw Error($"cannot modify a read-only array ({type})", call);
                return new IrNumpyCall("fill", array, restArgs, NoKeywords, NjTypes.None);
            }
            case "sort" when receiver:
                if (type.ReadOnly) throw Error($"cannot modify a read-only array ({type})", call);
                return new IrNumpyCall("sort", array, [], NoKeywords, NjTypes.None);
            case "sort":
                return Make(new ArrayType(type.DType, type.Ndim, ArrayLayout.A));   // numpy copies in order "K"
            case "argsort":
                return Make(new ArrayType(NjTypes.Int64, type.Ndim, ArrayLayout.A));
            case "unique" when !receiver:
                return Make(new ArrayType(type.DType, 1, ArrayLayout.C));
            case "conjugate" or "conj":
                return Make(new ArrayType(type.DType, type.Ndim, ArrayLayout.A));
            default:
                throw Unsupported($"the array method {name}() is not supported yet", call);
        }
    }

    private IrExpr BindLinspace(Call call)
    {
        var args = MatchArguments(call, "numpy.linspace", ["start", "stop", "num", "endpoint"], required: 2);
        var values = args.ToDictionary(kv => kv.Key, kv => BindValue(kv.Value));
        if (values.Values.Any(v => v.Type is UnknownType)) return Unknown();
        if (!values["start"].Type.IsNumeric || !values["stop"].Type.IsNumeric) throw Error("numpy.linspace() needs numbers", call);
        var positional = new List<IrExpr> { Coerce(values["start"], NjTypes.Float64, call), Coerce(values["stop"], NjTypes.Float64, call) };
        if (values.TryGetValue("num", out var num))
        {
            if (num.Type is not (IntegerType or BooleanType)) throw Error("numpy.linspace() num must be an integer", call);
            positional.Add(Coerce(num, NjTypes.Int64, call));
        }
        var keywords = values.TryGetValue("endpoint", out var endpoint) ? new[] { new IrKeyword("endpoint", Truthiness(endpoint, call)) } : [];
        return CreatedCall("linspace", null, positional, keywords, new ArrayType(NjTypes.Float64, 1, ArrayLayout.C));
    }

    private IrExpr BindEye(string name, Call call)
    {
        var args = name == "eye"
            ? MatchArguments(call, "numpy.eye", ["N", "M", "k", "dtype"], required: 1)
            : MatchArguments(call, "numpy.identity", ["n", "dtype"], required: 1);
        var dtype = ResolveDType(args.GetValueOrDefault("dtype"), NjTypes.Float64);
        var positional = new List<IrExpr>();
        foreach (var key in name == "eye" ? new[] { "N", "M", "k" } : ["n"])
        {
            if (!args.TryGetValue(key, out var e)) { if (key == "M" && args.ContainsKey("k")) positional.Add(new IrConstant(null, NjTypes.None)); continue; }
            var v = BindValue(e);
            if (v.Type is UnknownType) return Unknown();
            if (v.Type is NoneType) { positional.Add(v); continue; }
            if (v.Type is not (IntegerType or BooleanType)) throw Error($"numpy.{name}() {key} must be an integer", e);
            positional.Add(Coerce(v, NjTypes.Int64, e));
        }
        return CreatedCall(name, null, positional, [new IrKeyword("dtype", new IrDTypeObject(dtype))], new ArrayType(dtype, 2, ArrayLayout.C));
    }

    private IrExpr BindJoin(string name, Call call)
    {
        var args = MatchArguments(call, "numpy." + name, name is "concatenate" or "stack" ? ["arrays", "axis"] : ["tup"], required: 1);
        var arrays = BindValue(args.Values.First());
        if (arrays.Type is UnknownType) return Unknown();
        if (arrays.Type is not TupleType { Items.Count: > 0 } tuple || !tuple.Items.All(t => t is ArrayType))
            throw Error($"numpy.{name}() needs a tuple of arrays, not {arrays.Type}", call);
        var items = tuple.Items.Cast<ArrayType>().ToList();
        if (items.Any(i => i.Ndim != items[0].Ndim)) throw Error($"numpy.{name}() needs arrays with the same number of dimensions", call);
        var dtype = items.Select(i => i.DType).Aggregate(NjTypes.PromoteNumeric);
        int ndim = items[0].Ndim;
        int resultNdim = name switch { "stack" => ndim + 1, "vstack" => Math.Max(2, ndim), _ => Math.Max(1, ndim) };
        var keywords = new List<IrKeyword>();
        if (args.TryGetValue("axis", out var axisExpr))
        {
            if (ConstantIndex(axisExpr) is not long axis) throw Error($"numpy.{name}() needs a constant axis", axisExpr);
            keywords.Add(new IrKeyword("axis", new IrConstant(axis, NjTypes.Int64)));
        }
        return CreatedCall(name, null, [arrays], keywords, new ArrayType(dtype, resultNdim, ArrayLayout.A));
    }

    /// <summary>dot, vdot, outer and the @ operator, by the operands' dimensions.</summary>
    private IrExpr BindProduct(string name, Call call)
    {
        var args = PositionalArgs(call, "numpy." + name, 2, 2);
        if (args.Any(a => a.Type is UnknownType)) return Unknown();
        return BindProductOf(name, args[0], args[1], call);
    }

    private IrExpr BindProductOf(string name, IrExpr a, IrExpr b, Node at)
    {
        if (a.Type is not ArrayType ta || b.Type is not ArrayType tb || ta.Ndim is < 1 or > 2 || tb.Ndim is < 1 or > 2)
            throw Error($"numpy.{name}() is supported for 1-d and 2-d arrays, not {a.Type} and {b.Type}", at);
        var dtype = NjTypes.PromoteNumeric(ta.DType, tb.DType);
        if (dtype is BooleanType) dtype = NjTypes.Bool;
        NjType result = name switch
        {
            "vdot" => dtype,
            "outer" => new ArrayType(dtype, 2, ArrayLayout.A),
            _ => (ta.Ndim, tb.Ndim) switch
            {
                (1, 1) => dtype,
                (2, 2) => new ArrayType(dtype, 2, ArrayLayout.A),
                _ => new ArrayType(dtype, 1, ArrayLayout.A),
            },
        };
        return CreatedCall(name, null, [a, b], NoKeywords, result);
    }
}
