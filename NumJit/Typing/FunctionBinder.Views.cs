using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    /// <summary>
    /// Binds the items of <c>a[...]</c>: integers and arrays as values, slices, None/np.newaxis,
    /// Ellipsis. Returns null while any part's type is still unknown.
    /// </summary>
    private List<IrIndex>? BindIndexParts(Expr slice)
    {
        var parts = slice is Frontend.Syntax.Tuple t ? t.Elts : [slice];
        var index = new List<IrIndex>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case Slice s:
                {
                    var bounds = new[] { s.Lower, s.Upper, s.Step }.Select(b => b == null ? null : SliceBound(b)).ToArray();
                    if (bounds.Any(b => b?.Type is UnknownType)) return null;
                    index.Add(new IrIndexSlice(bounds[0], bounds[1], bounds[2]));
                    break;
                }
                case Constant { Value: null }:
                    index.Add(new IrIndexNewAxis());
                    break;
                case Constant { Value: Frontend.Syntax.EllipsisValue }:
                    index.Add(new IrIndexEllipsis());
                    break;
                default:
                {
                    if (BindAny(part) is FunctionRef { Module: "numpy", Name: "newaxis" })
                    {
                        index.Add(new IrIndexNewAxis());
                        break;
                    }
                    var value = BindValue(part);
                    if (value.Type is UnknownType) return null;
                    if (value.Type is IntegerType or BooleanType)
                        index.Add(new IrIndexValue(Coerce(value, NjTypes.Int64, part)));
                    else if (value.Type is ArrayType { DType: IntegerType or BooleanType })
                        index.Add(new IrIndexValue(value));
                    else
                        throw Error($"array indices must be integers, slices, None, ... or integer/bool arrays, not {value.Type}", part,
                            value.Type is FloatType ? "convert the index with int(...)" : null);
                    break;
                }
            }
        }
        return index;
    }

    private IrExpr SliceBound(Expr bound)
    {
        var value = BindValue(bound);
        if (value.Type is UnknownType) return value;
        if (value.Type is not (IntegerType or BooleanType))
            throw Error($"slice indices must be integers, not {value.Type}", bound);
        return Coerce(value, NjTypes.Int64, bound);
    }

    /// <summary>True when every item is an integer and there is one per dimension: an element access.</summary>
    private static bool IsElementIndex(IReadOnlyList<IrIndex> index, ArrayType array) =>
        index.Count == array.Ndim && index.All(i => i is IrIndexValue { Value.Type: IntegerType });

    /// <summary>
    /// numpy's result type for a non-element index: integers drop a dimension, slices keep one,
    /// None adds one, Ellipsis stands for the dimensions not otherwise indexed, an integer array
    /// contributes its own dimensions and a bool array consumes its dimensions for one.
    /// Basic indexing gives a view (C-contiguous for rows of C arrays); advanced indexing a copy.
    /// </summary>
    private ArrayType IndexResultType(ArrayType array, IReadOnlyList<IrIndex> index, Node at)
    {
        // Advanced indices broadcast together: they produce max(their dims) dimensions in all
        // (a bool mask counts as the 1-d array of its nonzero positions).
        int consumed = 0, produced = 0, advanced = 0, advancedDims = 0;
        foreach (var item in index)
        {
            switch (item)
            {
                case IrIndexValue { Value.Type: ArrayType { DType: BooleanType } mask }:
                    consumed += mask.Ndim; advancedDims = Math.Max(advancedDims, 1); advanced++; break;
                case IrIndexValue { Value.Type: ArrayType ints }:
                    consumed += 1; advancedDims = Math.Max(advancedDims, ints.Ndim); advanced++; break;
                case IrIndexValue:
                    consumed += 1; break;
                case IrIndexSlice:
                    consumed += 1; produced += 1; break;
                case IrIndexNewAxis:
                    produced += 1; break;
            }
        }
        int ellipses = index.Count(i => i is IrIndexEllipsis);
        if (ellipses > 1) throw Error("an index can only have a single ellipsis ('...')", at);
        if (consumed > array.Ndim)
            throw Error($"too many indices for a {array.Ndim}-d array: {consumed} were indexed", at);
        int ndim = produced + advancedDims + (array.Ndim - consumed);
        var layout = ArrayLayout.A;
        if (advanced > 0) layout = ArrayLayout.A;   // numpy may order a mixed slice/advanced result either way
        else if (array.Layout == ArrayLayout.C && IsLeadingIntegersThenFullSlices(index)) layout = ArrayLayout.C;
        return new ArrayType(array.DType, ndim, layout, array.ReadOnly && advanced == 0);
    }

    /// <summary>a[i], a[i, j], a[i, :], a[i, ...]: the result is a contiguous block of a C array.</summary>
    private static bool IsLeadingIntegersThenFullSlices(IReadOnlyList<IrIndex> index)
    {
        int k = 0;
        while (k < index.Count && index[k] is IrIndexValue { Value.Type: IntegerType }) k++;
        for (; k < index.Count; k++)
            if (index[k] is not (IrIndexSlice { Start: null, Stop: null, Step: null } or IrIndexEllipsis)) return false;
        return true;
    }
}
