using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    private IrExpr BindCompare(Compare c)
    {
        IrExpr left = BindValue(c.Left);
        IrExpr? result = null;
        for (int i = 0; i < c.Ops.Count; i++)
        {
            IrExpr right = BindValue(c.Comparators[i]);
            IrVariable? middle = null;
            if (i < c.Ops.Count - 1 && right is not (IrLoad or IrConstant) && right.Type is not UnknownType)
            {
                // a < f(x) < b evaluates f(x) once.
                middle = NewTemp(right.Type);
            }
            var rightUse = middle != null ? new IrLoad(middle) : right;
            var comparison = CompareOnce(c.Ops[i], left, rightUse, c);
            if (middle != null) comparison = new IrLet(middle, right, comparison);
            result = result == null ? comparison
                : result.Type is UnknownType || comparison.Type is UnknownType ? Unknown()
                : new IrLogical(IrLogicalOp.And, result, comparison, NjTypes.Bool);
            left = rightUse;
        }
        return result!;
    }

    private IrExpr CompareOnce(CompareOperator op, IrExpr left, IrExpr right, Node at)
    {
        if (left.Type is UnknownType || right.Type is UnknownType) return Unknown();
        if (op is CompareOperator.Is or CompareOperator.IsNot)
        {
            IrExpr isNone;
            if (right.Type is NoneType) isNone = IsNone(left);
            else if (left.Type is NoneType) isNone = IsNone(right);
            else if (left.Type is BooleanType && right.Type is BooleanType) isNone = new IrCompare(IrCompareOp.Eq, left, right);
            else throw Unsupported("'is' is only supported for comparisons with None in compiled code", at, "use == for values");
            return op == CompareOperator.Is ? isNone : new IrUnary(IrUnaryOp.Not, isNone, NjTypes.Bool);
        }
        if (op is CompareOperator.In or CompareOperator.NotIn)
        {
            if (right.Type is not TupleType tuple)
                throw Unsupported($"'in' is only supported for tuples in compiled code, not {right.Type}", at);
            var temp = NewTemp(left.Type);
            IrExpr any = new IrConstant(false, NjTypes.Bool);
            for (int i = 0; i < tuple.Items.Count; i++)
            {
                var eq = CompareOnce(CompareOperator.Eq, new IrLoad(temp), TupleItem(right, i), at);
                any = i == 0 ? eq : new IrLogical(IrLogicalOp.Or, any, eq, NjTypes.Bool);
            }
            IrExpr found = new IrLet(temp, left, any);
            return op == CompareOperator.In ? found : new IrUnary(IrUnaryOp.Not, found, NjTypes.Bool);
        }
        var irOp = op switch
        {
            CompareOperator.Eq => IrCompareOp.Eq, CompareOperator.NotEq => IrCompareOp.Ne, CompareOperator.Lt => IrCompareOp.Lt,
            CompareOperator.LtE => IrCompareOp.Le, CompareOperator.Gt => IrCompareOp.Gt, _ => IrCompareOp.Ge,
        };
        if (left.Type is ArrayType || right.Type is ArrayType) return BindArrayCompare(irOp, left, right, at);
        if (left.Type.IsNumeric && right.Type.IsNumeric)
        {
            var common = NjTypes.PromoteNumeric(left.Type, right.Type);
            if (common is ComplexType && irOp is not (IrCompareOp.Eq or IrCompareOp.Ne))
                throw Error($"'{Symbol(op)}' is not supported between complex numbers ({left.Type} and {right.Type})", at,
                    "complex numbers have no order; compare abs(z) or z.real");
            if (common is BooleanType && irOp is not (IrCompareOp.Eq or IrCompareOp.Ne)) common = NjTypes.Int64;
            return new IrCompare(irOp, Coerce(left, common, at), Coerce(right, common, at));
        }
        if (left.Type is TupleType && right.Type is TupleType && irOp is not (IrCompareOp.Eq or IrCompareOp.Ne))
            return CompareTuplesInOrder(op, left, right, at);
        if (left.Type is TupleType lt && right.Type is TupleType rt && irOp is IrCompareOp.Eq or IrCompareOp.Ne)
        {
            if (lt.Items.Count != rt.Items.Count) return new IrConstant(irOp == IrCompareOp.Ne, NjTypes.Bool);
            IrExpr all = new IrConstant(true, NjTypes.Bool);
            for (int i = 0; i < lt.Items.Count; i++)
            {
                var eq = CompareOnce(CompareOperator.Eq, TupleItem(left, i), TupleItem(right, i), at);
                all = i == 0 ? eq : new IrLogical(IrLogicalOp.And, all, eq, NjTypes.Bool);
            }
            return irOp == IrCompareOp.Eq ? all : new IrUnary(IrUnaryOp.Not, all, NjTypes.Bool);
        }
        if (left.Type is NoneType || right.Type is NoneType)
        {
            var other = left.Type is NoneType ? right : left;
            var isNone = IsNone(other);
            return irOp == IrCompareOp.Eq ? isNone : new IrUnary(IrUnaryOp.Not, isNone, NjTypes.Bool);
        }
        throw Error($"'{Symbol(op)}' is not supported between {left.Type} and {right.Type}", at,
            left.Type is ArrayType || right.Type is ArrayType ? "compare array elements, e.g. a[i] < b[i]" : null);
    }

    /// <summary>
    /// Lexicographic tuple order, as Python: the first differing items decide, else the lengths.
    ///   (a0, a1) &lt; (b0, b1)   becomes   a0 != b0 ? a0 &lt; b0 : (a1 != b1 ? a1 &lt; b1 : 2 &lt; 2)
    /// </summary>
    private IrExpr CompareTuplesInOrder(CompareOperator op, IrExpr left, IrExpr right, Node at)
    {
        var leftTemp = NewTemp(left.Type);
        var rightTemp = NewTemp(right.Type);
        var a = new IrLoad(leftTemp);
        var b = new IrLoad(rightTemp);
        int na = ((TupleType)left.Type).Items.Count, nb = ((TupleType)right.Type).Items.Count;
        IrExpr result = CompareOnce(op, new IrConstant((long)na, NjTypes.Int64), new IrConstant((long)nb, NjTypes.Int64), at);
        for (int i = Math.Min(na, nb) - 1; i >= 0; i--)
        {
            var differ = CompareOnce(CompareOperator.NotEq, TupleItem(a, i), TupleItem(b, i), at);
            result = new IrConditional(differ, CompareOnce(op, TupleItem(a, i), TupleItem(b, i), at), result, NjTypes.Bool);
        }
        return new IrLet(leftTemp, left, new IrLet(rightTemp, right, result));
    }

    private static string Symbol(CompareOperator op) => op switch
    {
        CompareOperator.Eq => "==", CompareOperator.NotEq => "!=", CompareOperator.Lt => "<", CompareOperator.LtE => "<=",
        CompareOperator.Gt => ">", CompareOperator.GtE => ">=", CompareOperator.Is => "is", CompareOperator.IsNot => "is not",
        CompareOperator.In => "in", _ => "not in",
    };

    private static IrExpr IsNone(IrExpr value) => value.Type switch
    {
        NoneType => new IrConstant(true, NjTypes.Bool),
        OptionalType => new IrIsNone(value),
        _ => new IrConstant(false, NjTypes.Bool),
    };

    /// <summary>Converts a value to <paramref name="to"/> where Python would do so implicitly.</summary>
    private IrExpr Coerce(IrExpr value, NjType to, Node at)
    {
        var from = value.Type;
        if (from == to || from is UnknownType || to is UnknownType) return value;
        if (from.IsNumeric && to.IsNumeric)
        {
            if (from is ComplexType && to is not ComplexType)
                throw Error($"cannot convert {from} to {to}", at, "take .real or abs() of the complex value");
            return value switch
            {
                IrConstant { Value: long l } when to is FloatType { Bits: 64 } => new IrConstant((double)l, to),
                IrConstant { Value: long l } when to is IntegerType { Bits: 64, Signed: true } => new IrConstant(l, to),
                IrConstant { Value: bool b } when to == NjTypes.Int64 => new IrConstant(b ? 1L : 0L, to),
                _ => new IrConvert(value, to),
            };
        }
        if (to is OptionalType optional)
        {
            if (from is NoneType) return new IrOptionalWrap(value, optional);
            if (from is OptionalType) return new IrConvert(value, to);
            return new IrOptionalWrap(Coerce(value, optional.Inner, at), optional);
        }
        if (from is OptionalType fromOptional && fromOptional.Inner == to) return new IrOptionalUnwrap(value, to);
        if (from is ArrayType fa && to is ArrayType ta && fa.DType == ta.DType && fa.Ndim == ta.Ndim &&
            (ta.Layout == ArrayLayout.A || ta.Layout == fa.Layout) && (ta.ReadOnly || !fa.ReadOnly))
            return new IrConvert(value, to);
        if (from is TupleType ft && to is TupleType tt && ft.Items.Count == tt.Items.Count)
        {
            if (value is IrTupleCreate created)
                return new IrTupleCreate(created.Items.Select((item, i) => Coerce(item, tt.Items[i], at)).ToArray(), tt);
            var temp = NewTemp(from);
            return new IrLet(temp, value, new IrTupleCreate(
                ft.Items.Select((item, i) => Coerce(new IrTupleGet(new IrLoad(temp), i, item), tt.Items[i], at)).ToArray(), tt));
        }
        throw Error($"cannot convert {from} to {to}", at);
    }

    private void CheckConvertible(NjType from, NjType to, Node at)
    {
        bool ok = from == to || (from.IsNumeric && to.IsNumeric && !(from is ComplexType && to is not ComplexType))
            || (to is OptionalType) || (from is ArrayType && to is ArrayType) || (from is TupleType && to is TupleType);
        if (!ok) throw Error($"the function returns {from} but its signature declares {to}", at);
    }
}
