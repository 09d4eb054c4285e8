using System.Numerics;
using NumJit.Compilation;
using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing.Rules;
using Attribute = NumJit.Frontend.Syntax.Attribute;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    /// <summary>Binds an expression that must produce a run-time value.</summary>
    private IrExpr BindValue(Expr e, bool allowNone = true)
    {
        var bound = BindAny(e);
        return bound as IrExpr ?? throw Error($"'{Describe(e)}' ({DescribeCompileTime((CompileTimeValue)bound)}) cannot be used as a value in compiled code", e);
    }

    private static string DescribeCompileTime(CompileTimeValue value) => value switch
    {
        ModuleRef m => $"module {m.Module}",
        FunctionRef f => $"function {f.Module}.{f.Name}",
        JitRef j => $"compiled function {j.Source.Name}",
        UfuncRef u => $"ufunc {u.Kernel.Name}",
        GufuncRef g => $"gufunc {g.Name}",
        DTypeRef d => $"dtype {d.Type}",
        ExceptionRef x => $"exception class {x.Name}",
        MethodRef m => $"method {m.Method} of {m.Receiver.Type}",
        _ => value.ToString(),
    };

    private object BindAny(Expr e) => e switch
    {
        Constant c => BindConstant(c),
        Name n => BindName(n),
        Attribute a => BindAttribute(a),
        Subscript s => BindSubscriptLoad(s),
        BinOp b => BindBinary(b.Op, BindValue(b.Left), BindValue(b.Right), b),
        UnaryOp u => BindUnary(u),
        BoolOp b => BindBoolOp(b),
        Compare c => BindCompare(c),
        IfExp i => BindIfExp(i),
        Call c => BindCall(c),
        Frontend.Syntax.Tuple t => BindTuple(t),
        List l => throw Unsupported("list literals are not supported in compiled code yet (except as the argument of np.array)", l,
            "use a tuple, or create an array with np.array([...]), np.empty or np.zeros"),
        Lambda or ListComp or SetComp or DictComp or GeneratorExp => throw Unsupported(
            $"{e.GetType().Name.ToLowerInvariant()} expressions are not supported in compiled code", e),
        JoinedStr => throw Unsupported("f-strings are not supported in compiled code", e),
        _ => throw Unsupported($"'{Describe(e)}' is not supported in compiled code", e),
    };

    private IrExpr BindConstant(Constant c) => c.Value switch
    {
        null => new IrConstant(null, NjTypes.None),
        bool b => new IrConstant(b, NjTypes.Bool),
        BigInteger i when i >= long.MinValue && i <= long.MaxValue => new IrConstant((long)i, NjTypes.Int64),
        BigInteger i when i >= 0 && i <= ulong.MaxValue => new IrConstant((ulong)i, NjTypes.UInt64),
        BigInteger => throw Error($"the integer {c.Value} does not fit in 64 bits", c),
        double d => new IrConstant(d, NjTypes.Float64),
        Complex z => new IrConstant(z, NjTypes.Complex128),
        string => throw Unsupported("strings are not supported in compiled code (except as exception messages)", c),
        _ => throw Unsupported($"the constant {c.Value} is not supported in compiled code", c),
    };

    private object BindName(Name n)
    {
        if (_localNames.Contains(n.Id)) return new IrLoad(Variable(n.Id, n));
        if (_source.Globals.TryGetValue(n.Id, out var global)) return BindGlobal(n.Id, global, n);
        if (BuiltinNames.Functions.Contains(n.Id)) return new FunctionRef("builtins", n.Id);
        if (BuiltinNames.Exceptions.Contains(n.Id)) return new ExceptionRef(n.Id);
        throw Error($"NameError: name '{n.Id}' is not defined", n);
    }

    private object BindGlobal(string name, GlobalValue global, Node at) => global switch
    {
        GufuncGlobal g => new GufuncRef(g, name),
        ConstantGlobal c => ConstantValue(c.Value, c.Type),
        ModuleGlobal m => new ModuleRef(m.Module),
        FunctionGlobal f => new FunctionRef(f.Module, f.Name),
        JitGlobal { IsUfunc: true } u => new UfuncRef(_specializer.Source(u.FunctionId)),
        JitGlobal j => new JitRef(_specializer.Source(j.FunctionId)),
        ExceptionGlobal x => new ExceptionRef(x.Name),
        DTypeGlobal d => new DTypeRef(d.Type),
        OpaqueGlobal o => throw Error($"global '{name}' is a {o.PythonType}, which compiled code cannot use", at,
            "globals are frozen at compile time and must be numbers, tuples, modules or compiled functions"),
        _ => throw new InvalidOperationException(global.ToString()),
    };

    private static IrExpr ConstantValue(object? value, NjType type) => type switch
    {
        TupleType t => new IrTupleCreate(((object?[])value!).Select((v, i) => ConstantValue(v, t.Items[i])).ToArray(), t),
        _ => new IrConstant(value, type),
    };

    private object BindAttribute(Attribute a)
    {
        var target = BindAny(a.Value);
        if (TryBindGpuAttribute(target, a) is { } gpu) return gpu;
        switch (target)
        {
            case ModuleRef { Module: "math" or "cmath" or "numpy" } m when MathFunctionRules.Constants.TryGetValue(a.Attr, out var k):
                return new IrConstant(k, NjTypes.Float64);
            case ModuleRef { Module: "numpy" or "numjit" } when NjTypes.ByName.TryGetValue(a.Attr, out var dtype) && dtype is not NoneType:
                return new DTypeRef(dtype);
            case ModuleRef { Module: "numpy" } when a.Attr is "random" or "linalg":
                return new ModuleRef("numpy." + a.Attr);
            case ModuleRef m:
                return new FunctionRef(m.Module, a.Attr);
            case IrExpr { Type: UnknownType }:
                return Unknown();
            case IrExpr { Type: ArrayType array } value:
                return a.Attr switch
                {
                    "shape" => ShapeTuple(value, array),
                    "ndim" => new IrConstant((long)array.Ndim, NjTypes.Int64),
                    "size" => new IrArraySize(value),
                    "dtype" => new DTypeRef(array.DType),
                    "itemsize" => new IrConstant((long)ItemSize(array.DType), NjTypes.Int64),
                    "T" => CreatedCall("transpose", value, [], NoKeywords, array with
                    {
                        Layout = array.Ndim <= 1 ? array.Layout : array.Layout switch { ArrayLayout.C => ArrayLayout.F, ArrayLayout.F => ArrayLayout.C, _ => ArrayLayout.A },
                    }),
                    "flat" or "real" or "imag" or "flags" or "strides" => throw Unsupported(
                        $"the array attribute '.{a.Attr}' is not supported yet", a),
                    _ => new MethodRef(value, a.Attr),
                };
            case IrExpr { Type: ComplexType c } value when a.Attr is "real" or "imag":
                return new IrIntrinsicCall(a.Attr == "real" ? Intrinsic.ComplexReal : Intrinsic.ComplexImag, [value], c.Component);
            case IrExpr { Type: FloatType or IntegerType or BooleanType } value when a.Attr is "real":
                return value;
            case IrExpr { Type: FloatType or IntegerType or BooleanType } value when a.Attr is "imag":
                return new IrConstant(0.0, NjTypes.Float64);
            case IrExpr value when a.Attr is "conjugate":
                return new MethodRef(value, a.Attr);
            case IrExpr value:
                throw Error($"'{value.Type}' has no attribute '{a.Attr}'", a);
            default:
                throw Error($"'{Describe(a.Value)}' has no attribute '{a.Attr}' usable in compiled code", a);
        }
    }

    private static IrExpr ShapeTuple(IrExpr array, ArrayType type) =>
        new IrTupleCreate(Enumerable.Range(0, type.Ndim).Select(i => (IrExpr)new IrArrayShape(array, i)).ToArray(),
            new TupleType(Enumerable.Repeat<NjType>(NjTypes.Int64, type.Ndim).ToArray()));

    public static int ItemSize(NjType dtype) => dtype switch
    {
        BooleanType => 1,
        IntegerType i => i.Bits / 8,
        FloatType f => f.Bits / 8,
        ComplexType c => c.Bits / 8,
        _ => throw new InvalidOperationException($"no item size for {dtype}"),
    };

    private IrExpr BindTuple(Frontend.Syntax.Tuple t)
    {
        var items = t.Elts.Select(e => BindValue(e)).ToArray();
        if (items.Any(i => i.Type is UnknownType)) return Unknown();
        return new IrTupleCreate(items, new TupleType(items.Select(i => i.Type).ToArray()));
    }

    private IrExpr BindBinary(BinaryOperator op, IrExpr left, IrExpr right, Node at)
    {
        if (op == BinaryOperator.MatMult)
            return left.Type is UnknownType || right.Type is UnknownType ? Unknown() : BindProductOf("matmul", left, right, at);
        var irOp = op switch
        {
            BinaryOperator.Add => IrBinaryOp.Add, BinaryOperator.Sub => IrBinaryOp.Sub, BinaryOperator.Mult => IrBinaryOp.Mul,
            BinaryOperator.Div => IrBinaryOp.TrueDiv, BinaryOperator.FloorDiv => IrBinaryOp.FloorDiv, BinaryOperator.Mod => IrBinaryOp.Mod,
            BinaryOperator.Pow => IrBinaryOp.Pow, BinaryOperator.LShift => IrBinaryOp.LShift, BinaryOperator.RShift => IrBinaryOp.RShift,
            BinaryOperator.BitAnd => IrBinaryOp.BitAnd, BinaryOperator.BitOr => IrBinaryOp.BitOr, BinaryOperator.BitXor => IrBinaryOp.BitXor,
            _ => throw new InvalidOperationException(op.ToString()),
        };
        if (left.Type is UnknownType || right.Type is UnknownType) return Unknown();
        if (left.Type is ArrayType || right.Type is ArrayType) return BindArrayBinary(irOp, left, right, at);
        if (irOp == IrBinaryOp.Add && left.Type is TupleType lt && right.Type is TupleType rt)
        {
            var items = Enumerable.Range(0, lt.Items.Count).Select(i => TupleItem(left, i))
                .Concat(Enumerable.Range(0, rt.Items.Count).Select(i => TupleItem(right, i))).ToArray();
            return new IrTupleCreate(items, new TupleType(lt.Items.Concat(rt.Items).ToArray()));
        }
        var rule = BinaryOperatorRules.Resolve(irOp, left.Type, right.Type);
        if (rule == null)
        {
            string hint = left.Type is ArrayType || right.Type is ArrayType
                ? "whole-array arithmetic is not supported yet: write the loop over the elements"
                : left.Type is OptionalType || right.Type is OptionalType
                    ? "the value may be None here; check 'is not None' first or give it a value on every path"
                    : null!;
            throw Error($"unsupported operand types for {BinaryOperatorRules.Symbol(irOp)}: {left.Type} and {right.Type}", at, hint);
        }
        var (lType, rType, result) = rule.Value;
        return PowerRules.Simplify(Fold(new IrBinary(irOp, Coerce(left, lType, at), Coerce(right, rType, at), result)));
    }

    private static IrExpr TupleItem(IrExpr tuple, int index) => tuple is IrTupleCreate created
        ? created.Items[index]
        : new IrTupleGet(tuple, index, ((TupleType)tuple.Type).Items[index]);

    /// <summary>Folds integer constant arithmetic that cannot fail, so `2 * 3` costs nothing.</summary>
    private static IrExpr Fold(IrBinary b)
    {
        if (b.Left is IrConstant { Value: long x } && b.Right is IrConstant { Value: long y } && b.Type == NjTypes.Int64)
        {
            long? r = b.Op switch
            {
                IrBinaryOp.Add => unchecked(x + y), IrBinaryOp.Sub => unchecked(x - y), IrBinaryOp.Mul => unchecked(x * y),
                _ => null,
            };
            if (r != null) return new IrConstant(r.Value, NjTypes.Int64);
        }
        if (b.Left is IrConstant { Value: double dx } && b.Right is IrConstant { Value: double dy } && b.Type == NjTypes.Float64)
        {
            double? r = b.Op switch
            {
                IrBinaryOp.Add => dx + dy, IrBinaryOp.Sub => dx - dy, IrBinaryOp.Mul => dx * dy,
                _ => null,
            };
            if (r != null) return new IrConstant(r.Value, NjTypes.Float64);
        }
        return b;
    }

    private IrExpr BindUnary(UnaryOp u)
    {
        var operand = BindValue(u.Operand);
        if (operand.Type is UnknownType) return Unknown();
        if (operand.Type is ArrayType) return BindArrayUnary(u.Op, operand, u);
        if (u.Op == UnaryOperator.Not) return new IrUnary(IrUnaryOp.Not, Truthiness(operand, u.Operand), NjTypes.Bool);
        if (!operand.Type.IsNumeric) throw Error($"bad operand type for unary operator: {operand.Type}", u);
        if (u.Op == UnaryOperator.Invert)
        {
            if (operand.Type is not (IntegerType or BooleanType)) throw Error($"bad operand type for unary ~: {operand.Type}", u);
            var t = NjTypes.ArithmeticType(operand.Type, operand.Type);
            return new IrUnary(IrUnaryOp.Invert, Coerce(operand, t, u), t);
        }
        var type = NjTypes.ArithmeticType(operand.Type, operand.Type);
        if (u.Op == UnaryOperator.UAdd) return Coerce(operand, type, u);
        if (operand is IrConstant { Value: long v }) return new IrConstant(unchecked(-v), NjTypes.Int64);
        if (operand is IrConstant { Value: double d }) return new IrConstant(-d, NjTypes.Float64);
        return new IrUnary(IrUnaryOp.Negate, Coerce(operand, type, u), type);
    }

    private IrExpr BindBoolOp(BoolOp b)
    {
        var result = BindValue(b.Values[0]);
        foreach (var next in b.Values.Skip(1))
        {
            var right = BindValue(next);
            if (result.Type is UnknownType || right.Type is UnknownType) return Unknown();
            var op = b.Op == BoolOperator.And ? IrLogicalOp.And : IrLogicalOp.Or;
            if (result.Type is BooleanType && right.Type is BooleanType)
            {
                result = new IrLogical(op, result, right, NjTypes.Bool);
                continue;
            }
            // Python returns an operand, not a bool: `x or y` is `x if x else y`.
            var type = NjTypes.Unify(result.Type, right.Type)
                ?? throw Error($"the operands of '{(op == IrLogicalOp.And ? "and" : "or")}' have incompatible types {result.Type} and {right.Type}", b);
            var temp = NewTemp(result.Type);
            var first = new IrLoad(temp);
            var truth = Truthiness(first, b);
            result = new IrLet(temp, result, op == IrLogicalOp.And
                ? new IrConditional(truth, Coerce(right, type, b), Coerce(first, type, b), type)
                : new IrConditional(truth, Coerce(first, type, b), Coerce(right, type, b), type));
        }
        return result;
    }

    private IrExpr BindIfExp(IfExp i)
    {
        var condition = BindCondition(i.Test);
        var then = BindValue(i.Body);
        var otherwise = BindValue(i.OrElse);
        if (then.Type is UnknownType || otherwise.Type is UnknownType || condition.Type is UnknownType) return Unknown();
        var type = NjTypes.Unify(then.Type, otherwise.Type)
            ?? throw Error($"the branches of the conditional expression have incompatible types {then.Type} and {otherwise.Type}", i);
        return new IrConditional(condition, Coerce(then, type, i.Body), Coerce(otherwise, type, i.OrElse), type);
    }

    /// <summary>An expression used as a condition, as a bool (Python truthiness).</summary>
    private IrExpr BindCondition(Expr e)
    {
        var value = BindValue(e);
        return value.Type is UnknownType ? new IrConstant(false, NjTypes.Bool) : Truthiness(value, e);
    }

    private IrExpr Truthiness(IrExpr value, Node at) => value.Type switch
    {
        BooleanType => value,
        IntegerType or FloatType or ComplexType => new IrCompare(IrCompareOp.Ne, value, Coerce(new IrConstant(0L, NjTypes.Int64), value.Type, at)),
        NoneType => new IrConstant(false, NjTypes.Bool),
        OptionalType o => OptionalTruth(value, o, at),
        TupleType t => new IrConstant(t.Items.Count > 0, NjTypes.Bool),
        UnknownType => new IrConstant(false, NjTypes.Bool),
        ArrayType => throw Error("the truth value of an array is ambiguous", at, "use a.size > 0, or compare elements"),
        _ => throw Error($"cannot use a value of type {value.Type} as a condition", at),
    };

    private IrExpr OptionalTruth(IrExpr value, OptionalType type, Node at)
    {
        var temp = NewTemp(type);
        var load = new IrLoad(temp);
        var inner = Truthiness(new IrOptionalUnwrap(load, type.Inner), at);
        return new IrLet(temp, value, new IrLogical(IrLogicalOp.And,
            new IrUnary(IrUnaryOp.Not, new IrIsNone(load), NjTypes.Bool), inner, NjTypes.Bool));
    }
}
