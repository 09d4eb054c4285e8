using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing.Rules;

namespace NumJit.Typing;

/// <summary>
/// Whole-array operations: arithmetic and comparisons with numpy broadcasting, element-wise
/// functions, reductions, and the common array methods and creation functions. They run numpy
/// itself (real arrays and views, numpy's exact results); arithmetic passes dtype= so the result
/// has the type compiled code inferred even where numpy would cast a scalar by its value.
/// </summary>
public sealed partial class FunctionBinder
{
    private static readonly IReadOnlyList<IrKeyword> NoKeywords = [];

    private static int NdimOf(IrExpr e) => e.Type is ArrayType a ? a.Ndim : 0;
    private static NjType DTypeOf(IrExpr e) => e.Type is ArrayType a ? a.DType : e.Type;

    private IrExpr BindArrayBinary(IrBinaryOp op, IrExpr left, IrExpr right, Node at)
    {
        var (ldt, rdt) = (DTypeOf(left), DTypeOf(right));
        if (!ldt.IsNumeric || !rdt.IsNumeric)
            throw Error($"unsupported operand types for {BinaryOperatorRules.Symbol(op)}: {left.Type} and {right.Type}", at);
        NjType dtype;
        if (op is IrBinaryOp.LShift or IrBinaryOp.RShift or IrBinaryOp.BitAnd or IrBinaryOp.BitOr or IrBinaryOp.BitXor)
        {
            dtype = NjTypes.PromoteNumeric(ldt, rdt);
            if (dtype is not (IntegerType or BooleanType))
                throw Error($"unsupported operand types for {BinaryOperatorRules.Symbol(op)}: {left.Type} and {right.Type}", at);
        }
        else
        {
            var kind = op == IrBinaryOp.TrueDiv ? BinaryKind.TrueDivide : BinaryKind.Promote;
            dtype = NumpyFunctionRules.ElementResult(kind, ldt, rdt)!;
            if (dtype is BooleanType && op is IrBinaryOp.Sub) throw Error("numpy boolean subtract is not supported; use ^ or logical_xor", at);
            if (dtype is ComplexType && op is IrBinaryOp.FloorDiv or IrBinaryOp.Mod)
                throw Error($"unsupported operand types for {BinaryOperatorRules.Symbol(op)}: {left.Type} and {right.Type}", at);
        }
        if (dtype is not ComplexType && DTypeOf(left) is not ComplexType && DTypeOf(right) is not ComplexType)
            return FuseBinary(op, left, right, dtype, at);
        var result = new ArrayType(dtype, Math.Max(NdimOf(left), NdimOf(right)), ArrayLayout.A);
        Created(result);
        return new IrNumpyCall(NumpyFunctionRules.Ufunc(op), null, [left, right], [new IrKeyword("dtype", new IrDTypeObject(dtype))], result);
    }

    private IrExpr BindArrayCompare(IrCompareOp op, IrExpr left, IrExpr right, Node at)
    {
        if (!DTypeOf(left).IsNumeric || !DTypeOf(right).IsNumeric)
            throw Error($"cannot compare {left.Type} and {right.Type}", at);
        if (DTypeOf(left) is not ComplexType && DTypeOf(right) is not ComplexType) return FuseCompare(op, left, right, at);
        var result = new ArrayType(NjTypes.Bool, Math.Max(NdimOf(left), NdimOf(right)), ArrayLayout.A);
        Created(result);
        return new IrNumpyCall(NumpyFunctionRules.Ufunc(op), null, [left, right], NoKeywords, result);
    }

    private IrExpr BindArrayUnary(UnaryOperator op, IrExpr operand, Node at)
    {
        var array = (ArrayType)operand.Type;
        string ufunc = op switch
        {
            UnaryOperator.USub => "negative", UnaryOperator.UAdd => "positive",
            UnaryOperator.Invert => array.DType is IntegerType or BooleanType ? "invert"
                : throw Error($"bad operand type for unary ~: {operand.Type}", at),
            _ => throw Error("the truth value of an array is ambiguous", at, "use a.any() or a.all()"),
        };
        if (ufunc == "negative" && array.DType is not (ComplexType or BooleanType)) return FuseNegate(operand, array.DType, at);
        var result = new ArrayType(array.DType, array.Ndim, ArrayLayout.A);
        Created(result);
        return new IrNumpyCall(ufunc, null, [operand], NoKeywords, result);
    }

    /// <summary>numpy.name(...) when it works on arrays; null when the scalar rules apply instead.</summary>
    private IrExpr? BindNumpyArrayFunction(string name, Call call)
    {
        if (name is "array" or "asarray") return BindArrayConstructor(name, call);
        if (name == "histogram") return BindHistogram(call);
        var args = call.Args.Select(a => BindAny(a)).ToList();
        if (args.Any(a => a is IrExpr { Type: UnknownType })) return Unknown();
        bool anyArray = args.Any(a => a is IrExpr { Type: ArrayType });
        if (NumpyFunctionRules.Unary.TryGetValue(name, out var unary) && anyArray && call.Args.Count == 1)
        {
            if (TryFuseUnary(name, (IrExpr)args[0], call) is { } fused) return fused;
            var array = (ArrayType)((IrExpr)args[0]).Type;
            return CreatedCall(name, null, [(IrExpr)args[0]], NoKeywords,
                new ArrayType(NumpyFunctionRules.ElementResult(unary, array.DType), array.Ndim, ArrayLayout.A));
        }
        if (NumpyFunctionRules.Binary.TryGetValue(name, out var binary) && anyArray && call.Args.Count == 2)
        {
            var (l, r) = ((IrExpr)args[0], (IrExpr)args[1]);
            var dtype = NumpyFunctionRules.ElementResult(binary, DTypeOf(l), DTypeOf(r))!;
            return CreatedCall(name, null, [l, r], binary == BinaryKind.Bool ? NoKeywords : [new IrKeyword("dtype", new IrDTypeObject(dtype))],
                new ArrayType(dtype, Math.Max(NdimOf(l), NdimOf(r)), ArrayLayout.A));
        }
        if (NumpyFunctionRules.Reductions.ContainsKey(name) && anyArray)
            return BindReduction(name, (IrExpr)args[0], call.Args.Skip(1).ToList(), call, receiver: false);
        return name switch
        {
            "where" when call.Args.Count == 3 => BindWhere(args.Cast<IrExpr>().ToList(), call),
            "clip" when call.Args.Count == 3 && anyArray => BindClip(args.Cast<IrExpr>().ToList(), call),
            "transpose" or "ravel" or "copy" or "ascontiguousarray" or "reshape" or "sort" or "argsort" or "unique"
                when args.Count >= 1 && args[0] is IrExpr { Type: ArrayType } => BindArrayMethodLike(name, (IrExpr)args[0], call.Args.Skip(1).ToList(), call, receiver: false),
            "linspace" => BindLinspace(call),
            "eye" or "identity" => BindEye(name, call),
            "concatenate" or "stack" or "hstack" or "vstack" => BindJoin(name, call),
            "dot" or "vdot" or "outer" => BindProduct(name, call),
            _ => null,
        };
    }

    private IrExpr CreatedCall(string name, IrExpr? receiver, IReadOnlyList<IrExpr> args, IReadOnlyList<IrKeyword> keywords, NjType type)
    {
        if (NjTypes.ContainsArrays(type)) Created(type);
        return new IrNumpyCall(name, receiver, args, keywords, type);
    }

    private void Created(NjType type)
    {
        if (_final && NjTypes.ContainsArrays(type)) Function.CreatesArrays = true;
    }

    /// <summary>sum/min/mean/argmax/... over everything, or along axis= (a constant).</summary>
    private IrExpr BindReduction(string name, IrExpr array, IReadOnlyList<Expr> rest, Call call, bool receiver)
    {
        var type = (ArrayType)array.Type;
        var kind = NumpyFunctionRules.Reductions[name];
        var keywords = new List<IrKeyword>();
        int? axis = null;
        var axisExpr = rest.Count > 0 ? rest[0] : call.Keywords.FirstOrDefault(k => k.ArgName == "axis")?.Value;
        if (call.Keywords.Any(k => k.ArgName is not "axis"))
            throw Unsupported($"{name}() keyword arguments other than axis= are not supported yet", call);
        if (axisExpr != null)
        {
            if (ConstantIndex(axisExpr) is not long a) throw Error($"{name}(axis=...) needs a constant integer axis in compiled code", axisExpr);
            if (a < -type.Ndim || a >= type.Ndim) throw Error($"axis {a} is out of bounds for a {type.Ndim}-d array", axisExpr);
            axis = (int)(a < 0 ? a + type.Ndim : a);
            keywords.Add(new IrKeyword("axis", new IrConstant((long)axis, NjTypes.Int64)));
        }
        var element = NumpyFunctionRules.ReductionResult(kind, type.DType);
        NjType result = name is "cumsum" or "cumprod"
            ? new ArrayType(element, axis == null ? 1 : type.Ndim, axis == null ? ArrayLayout.C : ArrayLayout.A)
            : axis == null || type.Ndim == 1 ? element : new ArrayType(element, type.Ndim - 1, ArrayLayout.A);
        return receiver ? CreatedCall(name, array, [], keywords, result) : CreatedCall(name, null, [array], keywords, result);
    }

    private IrExpr BindWhere(List<IrExpr> args, Call call)
    {
        if (DTypeOf(args[0]) is not (BooleanType or IntegerType)) throw Error("numpy.where() needs a condition of bools", call);
        var dtype = NjTypes.PromoteNumeric(DTypeOf(args[1]), DTypeOf(args[2]));
        int ndim = args.Max(NdimOf);
        if (args.All(a => a.Type is not ArrayType))
            return new IrConditional(Truthiness(args[0], call), Coerce(args[1], dtype, call), Coerce(args[2], dtype, call), dtype);
        if (dtype is not ComplexType) return FuseWhere(args[0], args[1], args[2], dtype, call);
        return CreatedCall("where", null, args, NoKeywords, new ArrayType(dtype, ndim, ArrayLayout.A));
    }

    private IrExpr BindClip(List<IrExpr> args, Call call)
    {
        var dtype = args.Select(DTypeOf).Aggregate(NjTypes.PromoteNumeric);
        // dtype= keeps numba's typing of the bounds (numpy would cast them by value).
        return CreatedCall("clip", null, args, [new IrKeyword("dtype", new IrDTypeObject(dtype))], new ArrayType(dtype, args.Max(NdimOf), ArrayLayout.A));
    }
}
