using System.Numerics;
using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    private object BindSubscriptLoad(Subscript s)
    {
        var target = BindValue(s.Value);
        if (target.Type is UnknownType) return Unknown();
        if (target.Type is TupleType tuple) return BindTupleIndex(target, tuple, s);
        if (target.Type is not ArrayType arrayType) throw Error($"'{target.Type}' object is not subscriptable", s);
        var index = BindIndexParts(s.Slice);
        if (index == null) return Unknown();
        if (IsElementIndex(index, arrayType))
            return LoadElement(target, index.Select(i => ((IrIndexValue)i).Value).ToList(), s);
        var resultType = IndexResultType(arrayType, index, s);
        Created(resultType);
        return new IrArrayGetItem(target, index, resultType);
    }

    private IrExpr BindTupleIndex(IrExpr target, TupleType tuple, Subscript s)
    {
        if (s.Slice is Slice) throw Unsupported("slicing tuples is not supported yet", s);
        if (ConstantIndex(s.Slice) is long k)
        {
            long index = k < 0 ? k + tuple.Items.Count : k;
            if (index < 0 || index >= tuple.Items.Count) throw Error($"tuple index {k} out of range for {tuple}", s);
            return TupleItem(target, (int)index);
        }
        var dynamicIndex = BindValue(s.Slice);
        if (dynamicIndex.Type is UnknownType) return Unknown();
        if (dynamicIndex.Type is not (IntegerType or BooleanType)) throw Error($"tuple indices must be integers, not {dynamicIndex.Type}", s.Slice);
        if (!tuple.IsHomogeneous)
            throw Error($"cannot index the heterogeneous tuple {tuple} with a run-time index", s,
                "the result type would depend on the index; use a constant index");
        return new IrTupleGetDynamic(target, Coerce(dynamicIndex, NjTypes.Int64, s.Slice), tuple.Items[0]);
    }

    private static long? ConstantIndex(Expr e) => e switch
    {
        Constant { Value: BigInteger i } => (long)i,
        UnaryOp { Op: UnaryOperator.USub, Operand: Constant { Value: BigInteger j } } => -(long)j,
        _ => null,
    };

    private void BindSubscriptStore(Subscript s, IrExpr value, List<IrStmt> into)
    {
        if (!IsElementSubscript(s))
        {
            var target = BindValue(s.Value);
            var index = BindIndexParts(s.Slice);
            if (target.Type is UnknownType || value.Type is UnknownType || index == null) return;
            if (target.Type is not ArrayType arrayType) throw Error($"'{target.Type}' object does not support item assignment", s);
            if (arrayType.ReadOnly) throw Error($"cannot modify a read-only array ({arrayType})", s);
            IndexResultType(arrayType, index, s);   // validates the index
            if (!value.Type.IsNumeric && value.Type is not ArrayType)
                throw Error($"cannot assign a {value.Type} to array elements", s);
            if (value.Type is ComplexType && arrayType.DType is not ComplexType)
                throw Error($"cannot store {value.Type} values in an array of {arrayType.DType}", s);
            into.Add(ArraySetItem(target, index, value, s));
            return;
        }
        var (array, indices) = BindArrayIndex(s, into);
        if (array.Type is UnknownType || value.Type is UnknownType) return;
        StoreElement(array, indices, value, s, into);
    }

    /// <summary>
    /// <c>target[index] = value</c>. An array value under a basic index (slices, integers, None,
    /// Ellipsis) is computed straight into the target, or the view the index selects, with no
    /// temporary; anything else goes through numpy's __setitem__.
    /// </summary>
    private IrStmt ArraySetItem(IrExpr target, IReadOnlyList<IrIndex> index, IrExpr value, Node at)
    {
        var targetType = (ArrayType)target.Type;
        if (targetType.ReadOnly) throw Error($"cannot modify a read-only array ({targetType})", at);
        if (value.Type is not ArrayType valueType || !StoresElementwise(valueType.DType, targetType.DType) ||
            index.Any(i => i is IrIndexValue { Value.Type: ArrayType }))
            return new IrArraySetItem(target, index, value);
        var destination = target;
        bool whole = index.All(i => i is IrIndexEllipsis or IrIndexSlice { Start: null, Stop: null, Step: null }) &&
                     index.Count(i => i is IrIndexEllipsis) <= 1;
        if (!whole)
        {
            destination = new IrArrayGetItem(target, index, IndexResultType(targetType, index, at));
            Created(destination.Type);
        }
        var destinationType = (ArrayType)destination.Type;
        if (valueType.Ndim > destinationType.Ndim) return new IrArraySetItem(target, index, value);   // numpy's error
        var fused = value as IrElementwise ?? new IrElementwise([value], new IrElementRef(0, valueType.DType), valueType);
        var body = fused.Body.Type == destinationType.DType ? fused.Body : Coerce(fused.Body, destinationType.DType, at);
        return new IrElementwiseStore(destination, new IrElementwise(fused.Inputs, body, destinationType));
    }

    /// <summary>numpy's unsafe setitem casts that the scalar conversions reproduce exactly.</summary>
    private static bool StoresElementwise(NjType from, NjType to) =>
        from == to || (to is IntegerType or FloatType or ComplexType && from is IntegerType or FloatType or BooleanType);

    /// <summary>Whether a subscript target is syntactically a plain element index (no slices, None, ...).</summary>
    private bool IsElementSubscript(Subscript s)
    {
        var parts = s.Slice is Frontend.Syntax.Tuple t ? t.Elts : [s.Slice];
        if (parts.Any(p => p is Slice or Constant { Value: null } or Constant { Value: Frontend.Syntax.EllipsisValue })) return false;
        var target = BindValue(s.Value);
        if (target.Type is not ArrayType array) return true;
        if (parts.Count != array.Ndim) return false;
        return parts.All(p => BindValue(p).Type is IntegerType or BooleanType or UnknownType);
    }

    /// <summary>Binds array[indices] for a store or augmented assignment (array and indices evaluated once).</summary>
    private (IrExpr Array, IReadOnlyList<IrExpr> Indices) BindArrayIndex(Subscript s, List<IrStmt> into)
    {
        var target = BindValue(s.Value);
        if (target.Type is UnknownType) return (target, []);
        if (target.Type is TupleType) throw Error("'tuple' object does not support item assignment", s);
        if (target.Type is not ArrayType) throw Error($"'{target.Type}' object does not support item assignment", s);
        var (array, indices) = BindIndices(Spill(target, into), s);
        return (array, indices.Select(i => Spill(i, into)).ToList());
    }

    private (IrExpr Array, IReadOnlyList<IrExpr> Indices) BindIndices(IrExpr array, Subscript s)
    {
        var type = (ArrayType)array.Type;
        var parts = s.Slice is Frontend.Syntax.Tuple t ? t.Elts : [s.Slice];
        if (parts.Any(p => p is Slice))
            throw Unsupported("array slicing is not supported yet", s, "index single elements inside a loop");
        var indices = new List<IrExpr>();
        foreach (var part in parts)
        {
            var index = BindValue(part);
            if (index.Type is UnknownType) { indices.Add(new IrConstant(0L, NjTypes.Int64)); continue; }
            if (index.Type is not (IntegerType or BooleanType))
                throw Error($"array indices must be integers, not {index.Type}", part,
                    index.Type is FloatType ? "convert the index with int(...)" : null);
            indices.Add(Coerce(index, NjTypes.Int64, part));
        }
        if (indices.Count != type.Ndim)
            throw Unsupported($"indexing a {type.Ndim}-d array with {indices.Count} index(es) gives a view, which is not supported yet", s,
                $"give all {type.Ndim} indices, e.g. a[{string.Join(", ", Enumerable.Range(0, type.Ndim).Select(i => "i" + i))}]");
        return (array, indices);
    }

    private IrExpr LoadElement(IrExpr array, IReadOnlyList<IrExpr> indices, Node at)
    {
        var type = (ArrayType)array.Type;
        return new IrArrayLoad(array, indices, indices.Any(MayBeNegative), type.DType) { Row = RowPointerFor(array, indices) };
    }

    private void StoreElement(IrExpr array, IReadOnlyList<IrExpr> indices, IrExpr value, Node at, List<IrStmt> into)
    {
        var type = (ArrayType)array.Type;
        if (type.ReadOnly) throw Error($"cannot modify a read-only array ({type})", at);
        into.Add(new IrArrayStore(array, indices, indices.Any(MayBeNegative), Coerce(value, type.DType, at)) { Row = RowPointerFor(array, indices) });
    }

    /// <summary>Whether an index might be negative and so needs Python's wrap-around.</summary>
    private bool MayBeNegative(IrExpr index) => index switch
    {
        IrConstant { Value: long v } => v < 0,
        IrConstant { Value: bool } => false,
        IrArrayShape or IrArraySize => false,
        IrLoad l => !_nonNegativeNames.Contains(l.Variable.Name),
        IrConvert { Value: var inner } when inner.Type is IntegerType { Signed: false } or BooleanType => false,
        IrBinary { Op: IrBinaryOp.Add or IrBinaryOp.Mul, Left: var a, Right: var b } => MayBeNegative(a) || MayBeNegative(b),
        _ => true,
    };
}
