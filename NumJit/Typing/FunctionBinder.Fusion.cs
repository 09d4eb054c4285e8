using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing.Rules;

namespace NumJit.Typing;

/// <summary>
/// Fusion of element-wise array expressions: each operator or ufunc on arrays yields an
/// <see cref="IrElementwise"/>, and an operand that is itself one contributes its inputs and body,
/// so <c>a * b + np.sin(c)</c> is a single loop with no temporary arrays. Element bodies use the
/// scalar typing rules (with numpy's division semantics: no exception inside array expressions)
/// and are converted to numpy's result dtype.
/// </summary>
public sealed partial class FunctionBinder
{
    /// <summary>numpy ufuncs that have a scalar intrinsic with numpy's meaning on real numbers.</summary>
    private static readonly IReadOnlyDictionary<string, string> FusableUnary = new Dictionary<string, string>
    {
        ["sqrt"] = "sqrt", ["sin"] = "sin", ["cos"] = "cos", ["tan"] = "tan", ["arcsin"] = "asin", ["arccos"] = "acos",
        ["arctan"] = "atan", ["sinh"] = "sinh", ["cosh"] = "cosh", ["tanh"] = "tanh", ["arcsinh"] = "asinh",
        ["arccosh"] = "acosh", ["arctanh"] = "atanh", ["exp"] = "exp", ["exp2"] = "exp2", ["expm1"] = "expm1",
        ["log"] = "log", ["log2"] = "log2", ["log10"] = "log10", ["log1p"] = "log1p", ["cbrt"] = "cbrt",
        ["floor"] = "floor", ["ceil"] = "ceil", ["trunc"] = "trunc", ["deg2rad"] = "radians", ["radians"] = "radians",
        ["rad2deg"] = "degrees", ["degrees"] = "degrees", ["isnan"] = "isnan", ["isinf"] = "isinf", ["isfinite"] = "isfinite",
    };

    /// <summary>Adds an operand to a fused expression being built; returns its element-level value.</summary>
    private static IrExpr ElementOf(IrExpr operand, List<IrExpr> inputs)
    {
        if (operand is IrElementwise fused)
        {
            // Merge its inputs, reusing ours where the same variable is already an input.
            var map = fused.Inputs.Select(input => ((IrElementRef)ElementOf(input, inputs)).Input).ToArray();
            return RemapInputs(fused.Body, map);
        }
        // The same variable used twice (t * t) is one input, read once per element.
        int existing = operand is IrLoad load ? inputs.FindIndex(i => i is IrLoad l && l.Variable == load.Variable) : -1;
        if (existing < 0)
        {
            inputs.Add(operand);
            existing = inputs.Count - 1;
        }
        return new IrElementRef(existing, operand.Type is ArrayType a ? a.DType : operand.Type);
    }

    /// <summary>Renumbers element references: input k of a merged expression becomes map[k].</summary>
    private static IrExpr RemapInputs(IrExpr body, int[] map) => SubstituteInputs(body, r => r with { Input = map[r.Input] });

    /// <summary>A fused body with each element reference replaced.</summary>
    private static IrExpr SubstituteInputs(IrExpr body, Func<IrElementRef, IrExpr> replace) => body switch
    {
        IrElementRef r => replace(r),
        IrBinary b => b with { Left = SubstituteInputs(b.Left, replace), Right = SubstituteInputs(b.Right, replace) },
        IrUnary u => u with { Operand = SubstituteInputs(u.Operand, replace) },
        IrConvert c => c with { Value = SubstituteInputs(c.Value, replace) },
        IrCompare c => c with { Left = SubstituteInputs(c.Left, replace), Right = SubstituteInputs(c.Right, replace) },
        IrLogical l => l with { Left = SubstituteInputs(l.Left, replace), Right = SubstituteInputs(l.Right, replace) },
        IrConditional c => c with
        {
            Condition = SubstituteInputs(c.Condition, replace), Then = SubstituteInputs(c.Then, replace),
            Else = SubstituteInputs(c.Else, replace),
        },
        IrIntrinsicCall i => i with { Args = i.Args.Select(a => SubstituteInputs(a, replace)).ToArray() },
        IrCall c => c with { Args = c.Args.Select(a => SubstituteInputs(a, replace)).ToArray() },
        IrConstant => body,
        _ => throw new InvalidOperationException($"{body.GetType().Name} in a fused array expression"),
    };

    private IrExpr Fused(List<IrExpr> inputs, IrExpr body, NjType dtype, Node at)
    {
        int ndim = inputs.Max(NdimOf);
        var result = new ArrayType(dtype, ndim, ArrayLayout.C);
        Created(result);
        return new IrElementwise(inputs, Coerce(body, dtype, at), result);
    }

    /// <summary>a OP b on arrays, fused; numpy's result dtype.</summary>
    private IrExpr FuseBinary(IrBinaryOp op, IrExpr left, IrExpr right, NjType dtype, Node at)
    {
        var inputs = new List<IrExpr>();
        var l = ElementOf(left, inputs);
        var r = ElementOf(right, inputs);
        // Compute in the floating result type when numpy's result is floating (uint64 + int64 -> float64).
        if (dtype is FloatType or ComplexType)
        {
            l = Coerce(l, dtype, at);
            r = Coerce(r, op == IrBinaryOp.Pow && r.Type is IntegerType or BooleanType && dtype is FloatType ? r.Type : dtype, at);
        }
        var scalar = BindScalarBinary(op, l, r, at);
        if (scalar is IrBinary b) scalar = b with { NumpyErrors = true };
        return Fused(inputs, scalar, dtype, at);
    }

    private IrExpr BindScalarBinary(IrBinaryOp op, IrExpr left, IrExpr right, Node at)
    {
        var rule = BinaryOperatorRules.Resolve(op, left.Type, right.Type)
            ?? throw Error($"unsupported operand types for {BinaryOperatorRules.Symbol(op)}: {left.Type} and {right.Type}", at);
        return PowerRules.Simplify(new IrBinary(op, Coerce(left, rule.Left, at), Coerce(right, rule.Right, at), rule.Result));
    }

    private IrExpr FuseCompare(IrCompareOp op, IrExpr left, IrExpr right, Node at)
    {
        var inputs = new List<IrExpr>();
        var l = ElementOf(left, inputs);
        var r = ElementOf(right, inputs);
        var common = NjTypes.PromoteNumeric(l.Type, r.Type);
        if (common is ComplexType && op is not (IrCompareOp.Eq or IrCompareOp.Ne)) throw Error("complex numbers have no order", at);
        return Fused(inputs, new IrCompare(op, Coerce(l, common, at), Coerce(r, common, at)), NjTypes.Bool, at);
    }

    private IrExpr FuseNegate(IrExpr operand, NjType dtype, Node at)
    {
        var inputs = new List<IrExpr>();
        var x = ElementOf(operand, inputs);
        var type = NjTypes.ArithmeticType(x.Type, x.Type);
        return Fused(inputs, new IrUnary(IrUnaryOp.Negate, Coerce(x, type, at), type), dtype, at);
    }

    /// <summary>np.sin(a) and friends on a real array, fused; null when the function has no fused form.</summary>
    private IrExpr? TryFuseUnary(string name, IrExpr operand, Node at)
    {
        if (operand.Type is not ArrayType { DType: not ComplexType } array && operand is not IrElementwise) return null;
        var inputs = new List<IrExpr>();
        var x = ElementOf(operand, inputs);
        if (x.Type is ComplexType) return null;
        if (name is "absolute" or "abs" or "fabs")
        {
            var wide = name == "fabs" ? (x.Type is FloatType ? x.Type : NjTypes.Float64) : NjTypes.ArithmeticType(x.Type, x.Type);
            var dtype = name == "fabs" ? wide : x.Type is BooleanType ? NjTypes.Bool : x.Type;
            return Fused(inputs, new IrIntrinsicCall(Intrinsic.Abs, [Coerce(x, wide, at)], wide), dtype, at);
        }
        if (!FusableUnary.TryGetValue(name, out var mathName)) return null;
        // log has its own entry point (math.log takes a base), not a row of the math table.
        var rule = mathName == "log" ? new MathRule(Intrinsic.Log, MathShape.Float)
            : MathFunctionRules.Math.TryGetValue(mathName, out var found) ? found : null;
        if (rule == null) return null;
        var floatType = NumpyFunctionRules.FloatFor(x.Type);
        var arg = Coerce(x, floatType, at);
        IrExpr body = rule.Shape switch
        {
            MathShape.Predicate => new IrIntrinsicCall(rule.Intrinsic, [arg], NjTypes.Bool),
            _ => new IrIntrinsicCall(rule.Intrinsic, [arg], floatType),   // floor/ceil/trunc keep the float type, as numpy
        };
        return Fused(inputs, body, body.Type, at);
    }

    /// <summary>A @vectorize ufunc called from compiled code: its kernel per element (fused), or directly on scalars.</summary>
    private IrExpr BindUfuncCall(UfuncRef ufunc, Call call)
    {
        if (call.Keywords.Count > 0) throw Unsupported("keyword arguments to a ufunc are not supported in compiled code", call);
        var args = call.Args.Select(a => BindValue(a)).ToList();
        if (args.Any(a => a.Type is UnknownType)) return Unknown();
        if (!args.Any(a => a.Type is ArrayType)) return BindJitCall(new JitRef(ufunc.Kernel), call);
        var inputs = new List<IrExpr>();
        var elements = args.Select(a => ElementOf(a, inputs)).ToList();
        var kernel = _specializer.GetOrAdd(ufunc.Kernel, elements.Select(e => e.Type).ToList(), call, this);
        if (kernel.ReturnType is UnknownType) return Unknown();
        if (!kernel.ReturnType.IsNumeric) throw Error($"the ufunc {ufunc.Kernel.Name} returns {kernel.ReturnType}, not a number", call);
        if (_final) Function.MakesCalls = true;
        return Fused(inputs, new IrCall(kernel.Function, elements, kernel.ReturnType), kernel.ReturnType, call);
    }

    /// <summary>
    /// A @guvectorize gufunc called from compiled code: through the Python object, which broadcasts
    /// and allocates. The result has the first matching signature's output dtype and the loop
    /// dimensions of the inputs plus the output's core dimensions.
    /// </summary>
    private IrExpr BindGufuncCall(GufuncRef gufunc, Call call)
    {
        var g = gufunc.Gufunc;
        if (call.Keywords.Count > 0 || call.Args.Count != g.Inputs)
            throw Error($"{gufunc.Name}() takes {g.Inputs} array arguments in compiled code (outputs are returned)", call);
        var args = call.Args.Select(a => BindValue(a)).ToList();
        if (args.Any(a => a.Type is UnknownType)) return Unknown();
        var dtypes = args.Select(DTypeOf).ToList();
        var signature = g.Signatures.FirstOrDefault(sig => dtypes.Select((d, i) => NjTypes.PromoteNumeric(d, ElementOfSignature(sig[i])) == ElementOfSignature(sig[i])).All(x => x))
            ?? throw Error($"no signature of {gufunc.Name} accepts ({string.Join(", ", dtypes)})", call);
        int loopDims = args.Select((a, i) => Math.Max(0, NdimOf(a) - g.CoreDims[i])).DefaultIfEmpty(0).Max();
        var outputs = Enumerable.Range(g.Inputs, g.CoreDims.Count - g.Inputs)
            .Select(j => (NjType)new ArrayType(ElementOfSignature(signature[j]), loopDims + g.CoreDims[j], ArrayLayout.A)).ToList();
        NjType result = outputs.Count == 1 ? outputs[0] : new TupleType(outputs);
        Created(result);
        return new IrPythonObjectCall(g.Address, gufunc.Name, args, result);
    }

    private static NjType ElementOfSignature(NjType t) => t is ArrayType a ? a.DType : t;

    private IrExpr FuseWhere(IrExpr condition, IrExpr then, IrExpr otherwise, NjType dtype, Node at)
    {
        var inputs = new List<IrExpr>();
        var c = ElementOf(condition, inputs);
        var t = ElementOf(then, inputs);
        var e = ElementOf(otherwise, inputs);
        return Fused(inputs, new IrConditional(Truthiness(c, at), Coerce(t, dtype, at), Coerce(e, dtype, at), dtype), dtype, at);
    }
}
