using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing.Rules;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    private IrExpr BindCall(Call call)
    {
        var callee = BindAny(call.Func);
        if (call.Args.Any(a => a is Starred) || call.Keywords.Any(k => k.ArgName == null))
            throw Unsupported("*args and **kwargs in calls are not supported in compiled code", call);
        return callee switch
        {
            JitRef j => BindJitCall(j, call),
            UfuncRef u => BindUfuncCall(u, call),
            GufuncRef g => BindGufuncCall(g, call),
            FunctionRef { Module: "builtins" } f => BindBuiltinCall(f.Name, call),
            FunctionRef { Module: "math" } f => BindMathCall(f.Name, call, numpy: false),
            FunctionRef { Module: "cmath" } f => BindCmathCall(f.Name, call),
            FunctionRef { Module: "numpy" } f => BindNumpyCall(f.Name, call),
            FunctionRef { Module: "numpy.random" } f => BindNumpyRandom(f.Name, call),
            FunctionRef { Module: "numpy.linalg" } f => BindNumpyLinalg(f.Name, call),
            FunctionRef f when f.Module.StartsWith(GpuModule, StringComparison.Ordinal) => BindGpuCall(f, call),
            DTypeRef d => BindDTypeConversion(d.Type, call),
            MethodRef m => BindMethodCall(m, call),
            ExceptionRef x => throw Unsupported($"{x.Name}(...) can only be used in a raise statement in compiled code", call),
            FunctionRef f => throw Unsupported($"{f.Module}.{f.Name}() is not supported in compiled code", call),
            ModuleRef m => throw Error($"module '{m.Module}' is not callable", call),
            IrExpr { Type: UnknownType } => Unknown(),
            IrExpr value => throw Error($"'{value.Type}' object is not callable", call),
            _ => throw new InvalidOperationException(callee.ToString()),
        };
    }

    private IReadOnlyList<IrExpr> PositionalArgs(Call call, string function, int min, int max)
    {
        if (call.Keywords.Count > 0) throw Error($"{function}() takes no keyword arguments in compiled code", call);
        if (call.Args.Count < min || call.Args.Count > max)
            throw Error(min == max ? $"{function}() takes {min} argument(s) ({call.Args.Count} given)"
                : $"{function}() takes {min} to {max} arguments ({call.Args.Count} given)", call);
        return call.Args.Select(a => BindValue(a)).ToList();
    }

    private IrExpr BindJitCall(JitRef target, Call call)
    {
        var callee = target.Source;
        var parameters = callee.Definition.Args.PosOnlyArgs.Concat(callee.Definition.Args.Args).Select(a => a.Name).ToList();
        if (call.Args.Count > parameters.Count)
            throw Error($"{callee.Name}() takes {parameters.Count} arguments ({call.Args.Count} given)", call);
        var args = new IrExpr?[parameters.Count];
        for (int i = 0; i < call.Args.Count; i++) args[i] = BindValue(call.Args[i]);
        foreach (var keyword in call.Keywords)
        {
            int index = parameters.IndexOf(keyword.ArgName!);
            if (index < 0) throw Error($"{callee.Name}() got an unexpected keyword argument '{keyword.ArgName}'", keyword);
            if (args[index] != null) throw Error($"{callee.Name}() got multiple values for argument '{keyword.ArgName}'", keyword);
            args[index] = BindValue(keyword.Value);
        }
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] != null) continue;
            if (!callee.Defaults.TryGetValue(parameters[i], out var fallback))
                throw Error($"{callee.Name}() missing required argument '{parameters[i]}'", call);
            args[i] = ConstantValue(fallback.Value, fallback.Type);
        }
        if (args.Any(a => a!.Type is UnknownType)) return Unknown();
        var binder = _specializer.GetOrAdd(callee, args.Select(a => a!.Type).ToList(), call, this);
        var returnType = binder.ReturnType;
        if (returnType is UnknownType)
        {
            if (_final) throw Error($"cannot infer the return type of {callee.Name}(), which calls itself on every path", call,
                "give the recursion a base case that returns without recursing");
            return Unknown();
        }
        if (_final && NjTypes.ContainsArrays(returnType)) Function.CreatesArrays = true;
        if (_final) Function.MakesCalls = true;
        return new IrCall(binder.Function, args!, returnType);
    }

    private IrExpr BindBuiltinCall(string name, Call call)
    {
        switch (name)
        {
            case "abs":
            {
                var x = PositionalArgs(call, name, 1, 1)[0];
                if (x.Type is UnknownType) return Unknown();
                return x.Type switch
                {
                    ArrayType a => TryFuseUnary("absolute", x, call)
                        ?? CreatedCall("absolute", null, [x], NoKeywords, new ArrayType(a.DType is ComplexType c2 ? c2.Component : a.DType, a.Ndim, ArrayLayout.C)),
                    ComplexType c => new IrIntrinsicCall(Intrinsic.ComplexAbs, [x], c.Component),
                    IntegerType or BooleanType => new IrIntrinsicCall(Intrinsic.Abs, [Coerce(x, NjTypes.ArithmeticType(x.Type, x.Type), call)], NjTypes.ArithmeticType(x.Type, x.Type)),
                    FloatType => new IrIntrinsicCall(Intrinsic.Abs, [x], x.Type),
                    _ => throw Error($"bad operand type for abs(): {x.Type}", call),
                };
            }
            case "min" or "max":
                return BindMinMax(name, call);
            case "len":
            {
                var x = PositionalArgs(call, name, 1, 1)[0];
                return x.Type switch
                {
                    UnknownType => Unknown(),
                    ArrayType => new IrArrayShape(x, 0),
                    TupleType t => new IrConstant((long)t.Items.Count, NjTypes.Int64),
                    RangeType => RangeLengthOf(x),
                    _ => throw Error($"object of type {x.Type} has no len()", call),
                };
            }
            case "int":
            {
                var args = PositionalArgs(call, name, 0, 1);
                if (args.Count == 0) return new IrConstant(0L, NjTypes.Int64);
                return Convert(args[0], NjTypes.Int64, call);
            }
            case "float":
            {
                var args = PositionalArgs(call, name, 0, 1);
                if (args.Count == 0) return new IrConstant(0.0, NjTypes.Float64);
                return Convert(args[0], NjTypes.Float64, call);
            }
            case "bool":
            {
                var args = PositionalArgs(call, name, 0, 1);
                if (args.Count == 0) return new IrConstant(false, NjTypes.Bool);
                return args[0].Type is UnknownType ? Unknown() : Truthiness(args[0], call);
            }
            case "complex":
            {
                var args = PositionalArgs(call, name, 0, 2);
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                var re = args.Count > 0 ? Coerce(args[0], NjTypes.Float64, call) : new IrConstant(0.0, NjTypes.Float64);
                var im = args.Count > 1 ? Coerce(args[1], NjTypes.Float64, call) : new IrConstant(0.0, NjTypes.Float64);
                if (args.Count == 1 && args[0].Type is ComplexType) return Coerce(args[0], NjTypes.Complex128, call);
                return new IrIntrinsicCall(Intrinsic.MakeComplex, [re, im], NjTypes.Complex128);
            }
            case "round":
            {
                var args = PositionalArgs(call, name, 1, 2);
                var x = args[0];
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                if (x.Type is IntegerType or BooleanType) return args.Count == 1 ? Coerce(x, NjTypes.Int64, call) : x;
                if (x.Type is not FloatType) throw Error($"type {x.Type} doesn't define __round__", call);
                if (args.Count == 1) return new IrIntrinsicCall(Intrinsic.Round, [Coerce(x, NjTypes.Float64, call)], NjTypes.Int64);
                if (args[1].Type is not (IntegerType or BooleanType)) throw Error($"round() ndigits must be an integer, not {args[1].Type}", call);
                return new IrIntrinsicCall(Intrinsic.RoundDigits, [Coerce(x, NjTypes.Float64, call), Coerce(args[1], NjTypes.Int64, call)], NjTypes.Float64);
            }
            case "divmod":
            {
                var args = PositionalArgs(call, name, 2, 2);
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                var rule = BinaryOperatorRules.Resolve(IrBinaryOp.FloorDiv, args[0].Type, args[1].Type);
                if (rule is { Result: IntegerType { Bits: 64 } or FloatType { Bits: 64 } } r)
                {
                    // One runtime call, with divmod's own error message.
                    return new IrIntrinsicCall(Intrinsic.DivMod, [Coerce(args[0], r.Left, call), Coerce(args[1], r.Right, call)],
                        new TupleType([r.Result, r.Result]));
                }
                var a = NewTemp(args[0].Type);
                var b = NewTemp(args[1].Type);
                var quotient = BindBinary(BinaryOperator.FloorDiv, new IrLoad(a), new IrLoad(b), call);
                var remainder = BindBinary(BinaryOperator.Mod, new IrLoad(a), new IrLoad(b), call);
                var tuple = new IrTupleCreate([quotient, remainder], new TupleType([quotient.Type, remainder.Type]));
                return new IrLet(a, args[0], new IrLet(b, args[1], tuple));
            }
            case "pow":
            {
                var args = PositionalArgs(call, name, 2, 3);
                if (args.Count == 2) return BindBinary(BinaryOperator.Pow, args[0], args[1], call);
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                return new IrIntrinsicCall(Intrinsic.ModPow, args.Select(a => IntegerArg(a, "pow", call)).ToArray(), NjTypes.Int64);
            }
            case "range":
            {
                var args = PositionalArgs(call, name, 1, 3).Select(a => a.Type is UnknownType ? a : RangeArgumentValue(a, call)).ToList();
                if (args.Any(a => a.Type is UnknownType)) return Unknown();
                var zero = new IrConstant(0L, NjTypes.Int64);
                var one = new IrConstant(1L, NjTypes.Int64);
                IrExpr[] parts = args.Count switch { 1 => [zero, args[0], one], 2 => [args[0], args[1], one], _ => [args[0], args[1], args[2]] };
                return new IrIntrinsicCall(Intrinsic.MakeRange, parts, NjTypes.Range);
            }
            case "enumerate" or "zip":
                throw Unsupported($"{name}() can only be used as the iterable of a for loop in compiled code", call);
            case "print":
                throw Unsupported("print() is not supported in compiled code yet", call, "return the values and print them from Python");
            default:
                throw Unsupported($"the builtin {name}() is not supported in compiled code", call);
        }
    }

    private IrExpr RangeArgumentValue(IrExpr value, Node at)
    {
        if (value.Type is not (IntegerType or BooleanType))
            throw Error($"range() arguments must be integers, not {value.Type}", at);
        return Coerce(value, NjTypes.Int64, at);
    }

    /// <summary>len() of a range value (evaluated once).</summary>
    private IrExpr RangeLengthOf(IrExpr range)
    {
        var temp = NewTemp(NjTypes.Range);
        var load = new IrLoad(temp);
        return new IrLet(temp, range, new IrIntrinsicCall(Intrinsic.RangeLength,
            [RangeField(load, Intrinsic.RangeStart), RangeField(load, Intrinsic.RangeStop), RangeField(load, Intrinsic.RangeStep)], NjTypes.Int64));
    }

    private static IrExpr RangeField(IrExpr range, Intrinsic field) => new IrIntrinsicCall(field, [range], NjTypes.Int64);

    private IrExpr Convert(IrExpr value, NjType to, Node at)
    {
        if (value.Type is UnknownType) return Unknown();
        if (!value.Type.IsNumeric) throw Error($"cannot convert {value.Type} to {to}", at);
        if (value.Type is ComplexType && to is not ComplexType)
            throw Error($"cannot convert complex to {to.Name}", at, "use abs(z) or z.real");
        return new IrConvert(value, to);
    }

    private IrExpr BindMinMax(string name, Call call)
    {
        var args = PositionalArgs(call, name, 1, int.MaxValue);
        if (args.Any(a => a.Type is UnknownType)) return Unknown();
        var items = args;
        if (args.Count == 1)
        {
            if (args[0].Type is not TupleType tuple || tuple.Items.Count == 0)
                throw Unsupported($"{name}() of a single {args[0].Type} is not supported in compiled code", call,
                    "pass two or more numbers, or a non-empty tuple");
            items = Enumerable.Range(0, tuple.Items.Count).Select(i => TupleItem(args[0], i)).ToList();
        }
        if (items.Any(i => !i.Type.IsNumeric || i.Type is ComplexType))
            throw Error($"{name}() arguments must be real numbers, not {string.Join(", ", items.Select(i => i.Type))}", call);
        var type = items.Select(i => i.Type).Aggregate(NjTypes.PromoteNumeric);
        var intrinsic = name == "min" ? Intrinsic.Min : Intrinsic.Max;
        IrExpr result = Coerce(items[0], type, call);
        foreach (var item in items.Skip(1))
            result = new IrIntrinsicCall(intrinsic, [result, Coerce(item, type, call)], type);
        return result;
    }

    private IrExpr BindMethodCall(MethodRef method, Call call)
    {
        if (method.Receiver.Type is ArrayType)
        {
            if (call.Keywords.Any(k => k.ArgName != "axis"))
                throw Unsupported($"keyword arguments of {method.Method}() are not supported yet", call);
            return BindArrayMethodLike(method.Method, method.Receiver, call.Args, call, receiver: true);
        }
        if (method.Method == "conjugate" && method.Receiver.Type is ComplexType)
            return new IrIntrinsicCall(Intrinsic.ComplexConjugate, [method.Receiver], method.Receiver.Type);
        if (method.Method == "conjugate") return method.Receiver;
        throw Unsupported($"the method {method.Receiver.Type}.{method.Method}() is not supported yet", call);
    }

    private IrExpr BindDTypeConversion(NjType type, Call call)
    {
        var args = PositionalArgs(call, type.Name, 0, 1);
        if (args.Count == 0) return Coerce(new IrConstant(0L, NjTypes.Int64), type, call);
        return type is BooleanType ? (args[0].Type is UnknownType ? Unknown() : Truthiness(args[0], call)) : Convert(args[0], type, call);
    }
}
