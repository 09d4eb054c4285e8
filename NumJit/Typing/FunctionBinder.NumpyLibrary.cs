using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

/// <summary>np.array from literals, np.random (numpy's own generator: seeding inside compiled
/// code reproduces numpy's streams exactly), np.histogram and np.linalg.</summary>
public sealed partial class FunctionBinder
{
    /// <summary>np.array / np.asarray of a (nested) tuple or list literal, or of an array.</summary>
    private IrExpr BindArrayConstructor(string name, Call call)
    {
        var args = MatchArguments(call, "numpy." + name, ["object", "dtype"], required: 1);
        var source = BindValue(ListsToTuples(args["object"]));
        if (source.Type is UnknownType) return Unknown();
        if (source.Type is ArrayType array)
        {
            var dtype = ResolveDType(args.GetValueOrDefault("dtype"), array.DType);
            if (name == "asarray" && dtype == array.DType) return source;
            return CreatedCall("array", null, [source], [new IrKeyword("dtype", new IrDTypeObject(dtype))], new ArrayType(dtype, array.Ndim, ArrayLayout.C));
        }
        var (ndim, leaf) = NestedShape(source.Type, call);
        var elementType = ResolveDType(args.GetValueOrDefault("dtype"), leaf is IntegerType { Bits: < 64 } ? NjTypes.Int64 : leaf);
        return CreatedCall("array", null, [source], [new IrKeyword("dtype", new IrDTypeObject(elementType))], new ArrayType(elementType, ndim, ArrayLayout.C));
    }

    /// <summary>[[1, 2], [3, 4]] as nested tuples: list literals are data here, not lists.</summary>
    private static Expr ListsToTuples(Expr e) => e switch
    {
        List l => new Frontend.Syntax.Tuple(l.Elts.Select(ListsToTuples).ToArray(), ExprContext.Load)
            { Line = l.Line, Col = l.Col, EndLine = l.EndLine, EndCol = l.EndCol },
        Frontend.Syntax.Tuple t => t with { Elts = t.Elts.Select(ListsToTuples).ToArray() },
        _ => e,
    };

    /// <summary>Dimensions and common element type of a nested tuple of numbers (rectangular).</summary>
    private (int Ndim, NjType Leaf) NestedShape(NjType type, Node at)
    {
        if (type.IsNumeric) return (0, type);
        if (type is not TupleType { Items.Count: > 0 } tuple)
            throw Error($"numpy.array() needs numbers, or tuples/lists of them, not {type}", at);
        var items = tuple.Items.Select(t => NestedShape(t, at)).ToList();
        if (items.Any(i => i.Ndim != items[0].Ndim)) throw Error("numpy.array() needs a rectangular nesting of tuples or lists", at);
        return (items[0].Ndim + 1, items.Select(i => i.Leaf).Aggregate(NjTypes.PromoteNumeric));
    }

    private IrExpr BindNumpyRandom(string name, Call call)
    {
        string qualified = "random." + name;
        switch (name)
        {
            case "seed":
            {
                var seed = PositionalArgs(call, "numpy.random.seed", 1, 1)[0];
                if (seed.Type is UnknownType) return Unknown();
                if (seed.Type is not (IntegerType or BooleanType)) throw Error("numpy.random.seed() needs an integer", call);
                return new IrNumpyCall(qualified, null, [Coerce(seed, NjTypes.Int64, call)], NoKeywords, NjTypes.None);
            }
            case "random" or "random_sample" or "rand" or "randn" or "standard_normal":
            {
                var dims = PositionalArgs(call, "numpy.random." + name, 0, name is "rand" or "randn" ? 32 : 1);
                if (dims.Any(d => d.Type is UnknownType)) return Unknown();
                if (dims.Count == 0) return new IrNumpyCall(qualified, null, [], NoKeywords, NjTypes.Float64);
                int ndim = name is "rand" or "randn" ? dims.Count : SizeDims(dims[0], call);
                var args = name is "rand" or "randn" ? dims.Select(d => Coerce(d, NjTypes.Int64, call)).ToArray() : [dims[0]];
                return CreatedCall(qualified, null, args, NoKeywords, new ArrayType(NjTypes.Float64, ndim, ArrayLayout.C));
            }
            case "uniform" or "normal":
            {
                var names = name == "uniform" ? new[] { "low", "high", "size" } : ["loc", "scale", "size"];
                var args = MatchArguments(call, "numpy.random." + name, names, required: 0);
                var keywords = new List<IrKeyword>();
                foreach (var key in names.Take(2))
                    if (args.TryGetValue(key, out var e))
                    {
                        var v = BindValue(e);
                        if (v.Type is UnknownType) return Unknown();
                        keywords.Add(new IrKeyword(key, RealArg(v, NjTypes.Float64, e)));
                    }
                return BindSizedRandom(qualified, args, keywords, NjTypes.Float64, call);
            }
            case "randint":
            {
                var args = MatchArguments(call, "numpy.random.randint", ["low", "high", "size"], required: 1);
                var keywords = new List<IrKeyword>();
                foreach (var key in new[] { "low", "high" })
                    if (args.TryGetValue(key, out var e))
                    {
                        var v = BindValue(e);
                        if (v.Type is UnknownType) return Unknown();
                        keywords.Add(new IrKeyword(key, IntegerArg(v, "numpy.random.randint", e)));
                    }
                return BindSizedRandom(qualified, args, keywords, NjTypes.Int64, call);
            }
            default:
                throw Unsupported($"numpy.random.{name}() is not supported in compiled code yet", call);
        }
    }

    private IrExpr BindSizedRandom(string qualified, Dictionary<string, Expr> args, List<IrKeyword> keywords, NjType dtype, Call call)
    {
        if (!args.TryGetValue("size", out var sizeExpr) || sizeExpr is Constant { Value: null })
            return new IrNumpyCall(qualified, null, [], keywords, dtype);
        var size = BindValue(sizeExpr);
        if (size.Type is UnknownType) return Unknown();
        keywords.Add(new IrKeyword("size", size));
        return CreatedCall(qualified, null, [], keywords, new ArrayType(dtype, SizeDims(size, call), ArrayLayout.C));
    }

    private int SizeDims(IrExpr size, Node at) => size.Type switch
    {
        IntegerType or BooleanType => 1,
        TupleType t when t.Items.All(i => i is IntegerType) => t.Items.Count,
        _ => throw Error($"size must be an integer or a tuple of integers, not {size.Type}", at),
    };

    /// <summary>np.histogram(a, bins=int) -> (counts, bin edges).</summary>
    private IrExpr BindHistogram(Call call)
    {
        var args = MatchArguments(call, "numpy.histogram", ["a", "bins"], required: 1);
        var a = BindValue(args["a"]);
        if (a.Type is UnknownType) return Unknown();
        if (a.Type is not ArrayType { DType: not ComplexType }) throw Error($"numpy.histogram() needs a real array, not {a.Type}", call);
        IrExpr bins = new IrConstant(10L, NjTypes.Int64);
        if (args.TryGetValue("bins", out var binsExpr))
        {
            bins = BindValue(binsExpr);
            if (bins.Type is UnknownType) return Unknown();
            if (bins.Type is not (IntegerType or BooleanType)) throw Unsupported("numpy.histogram() bins must be an integer in compiled code", binsExpr);
            bins = Coerce(bins, NjTypes.Int64, binsExpr);
        }
        var dtype = ((ArrayType)a.Type).DType;
        // numpy's edges take the data's float type: float32 data keeps numpy's implementation.
        var edges = new ArrayType(dtype == NjTypes.Float32 ? NjTypes.Float32 : NjTypes.Float64, 1, ArrayLayout.C);
        var result = new TupleType([new ArrayType(NjTypes.Int64, 1, ArrayLayout.C), edges]);
        Created(result);
        if (dtype == NjTypes.Float32 || dtype is BooleanType)
            return CreatedCall("histogram", null, [a], [new IrKeyword("bins", bins)], result);
        return new IrIntrinsicCall(Intrinsic.Histogram, [a, bins], result);
    }

    /// <summary>np.linalg.det/inv/solve on float64 matrices (others are converted to float64 first).</summary>
    private IrExpr BindNumpyLinalg(string name, Call call)
    {
        int arity = name == "solve" ? 2 : 1;
        if (name is not ("det" or "inv" or "solve"))
            throw Unsupported($"numpy.linalg.{name}() is not supported in compiled code yet", call);
        var args = PositionalArgs(call, "numpy.linalg." + name, arity, arity).ToList();
        if (args.Any(a => a.Type is UnknownType)) return Unknown();
        if (args[0].Type is not ArrayType { Ndim: 2, DType: not ComplexType })
            throw Error($"numpy.linalg.{name}() needs a 2-d real matrix, not {args[0].Type}", call);
        if (name == "solve" && args[1].Type is not ArrayType { Ndim: 1 or 2, DType: not ComplexType })
            throw Error($"numpy.linalg.solve() needs a 1-d or 2-d real right-hand side, not {args[1].Type}", call);
        var floats = args.Select(a => ((ArrayType)a.Type).DType == NjTypes.Float64 ? a
            : CreatedCall("astype", a, [new IrDTypeObject(NjTypes.Float64)], NoKeywords, ((ArrayType)a.Type) with { DType = NjTypes.Float64, Layout = ArrayLayout.A })).ToArray();
        switch (name)
        {
            case "det":
                return new IrIntrinsicCall(Intrinsic.LinalgDet, floats, NjTypes.Float64);
            case "inv":
                Created(new ArrayType(NjTypes.Float64, 2, ArrayLayout.C));
                return new IrIntrinsicCall(Intrinsic.LinalgInv, floats, new ArrayType(NjTypes.Float64, 2, ArrayLayout.C));
            default:
                var result = new ArrayType(NjTypes.Float64, ((ArrayType)args[1].Type).Ndim, ArrayLayout.C);
                Created(result);
                return new IrIntrinsicCall(Intrinsic.LinalgSolve, floats, result);
        }
    }
}
