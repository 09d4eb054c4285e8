using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    /// <summary>Where the current element of each fused input lives while a body is emitted.</summary>
    private readonly Stack<Dictionary<int, (LocalBuilder Value, bool IsPointer, NjType DType)>> _elements = new();

    /// <summary>
    /// out = elementwise(inputs, body)   becomes
    ///   evaluate inputs; shape = broadcast(arrays); out = np.empty(shape)
    ///   p_k = data_k                                  (one pointer per array input, and one for out)
    ///   for i0 in range(shape[0]):                    (a loop per dimension; each level copies
    ///     ...                                          the pointers, bumps them by the input's
    ///       *p_out = body(*p_0, *p_1, scalar_2, ...)   stride along that dimension - 0 when broadcast)
    /// With a <paramref name="destination"/> (an existing array, <see cref="IrElementwiseStore"/>) out is
    /// that array: nothing is allocated or pushed, the value must broadcast to its shape, and inputs
    /// overlapping it are copied first.
    /// </summary>
    private void EmitElementwise(IrElementwise e, IrExpr? destination = null)
    {
        int ndim = e.ResultType.Ndim;
        LocalBuilder? target = null;
        if (destination != null)
        {
            target = _il.DeclareLocal(typeof(nint), "$dst");
            EmitExpr(destination);
            _il.Emit(OpCodes.Stloc, target);
        }
        var inputs = new (LocalBuilder Value, bool IsArray, NjType DType)[e.Inputs.Count];
        for (int k = 0; k < e.Inputs.Count; k++)
        {
            var input = e.Inputs[k];
            var local = _il.DeclareLocal(ClrTypes.Of(input.Type), $"$in{k}");
            EmitExpr(input);
            _il.Emit(OpCodes.Stloc, local);
            inputs[k] = input.Type is ArrayType a ? (local, true, a.DType) : (local, false, input.Type);
        }
        var arrays = Enumerable.Range(0, inputs.Length).Where(k => inputs[k].IsArray).ToList();
        if (target != null)
            foreach (int k in arrays)
            {
                // in_k = ArrayAssignment.Unaliased(dst, in_k)
                _il.Emit(OpCodes.Ldloc, target);
                _il.Emit(OpCodes.Ldc_I4, FunctionBinder.ItemSize(e.ResultType.DType));
                _il.Emit(OpCodes.Ldloc, inputs[k].Value);
                _il.Emit(OpCodes.Ldc_I4, FunctionBinder.ItemSize(inputs[k].DType));
                _il.Emit(OpCodes.Call, typeof(ArrayAssignment).GetMethod(nameof(ArrayAssignment.Unaliased))!);
                _il.Emit(OpCodes.Stloc, inputs[k].Value);
            }

        // shape = Broadcasting.Shape(new[] { arrays... }, ndim), or with the destination last,
        // ArrayAssignment.Shape(new[] { arrays..., dst }, value ndim)
        var shape = _il.DeclareLocal(typeof(long[]), "$shape");
        var arrayObjects = _il.DeclareLocal(typeof(nint[]), "$arrays");
        var objects = arrays.Select(k => inputs[k].Value).ToList();
        if (target != null) objects.Add(target);
        _il.Emit(OpCodes.Ldc_I4, objects.Count);
        _il.Emit(OpCodes.Newarr, typeof(nint));
        for (int j = 0; j < objects.Count; j++)
        {
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Ldc_I4, j);
            _il.Emit(OpCodes.Ldloc, objects[j]);
            _il.Emit(OpCodes.Stelem_I);
        }
        _il.Emit(OpCodes.Stloc, arrayObjects);
        _il.Emit(OpCodes.Ldloc, arrayObjects);
        if (target == null)
        {
            _il.Emit(OpCodes.Ldc_I4, ndim);
            _il.Emit(OpCodes.Call, typeof(Broadcasting).GetMethod(nameof(Broadcasting.Shape))!);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I4, ValueNdim(e));
            _il.Emit(OpCodes.Call, typeof(ArrayAssignment).GetMethod(nameof(ArrayAssignment.Shape))!);
        }
        _il.Emit(OpCodes.Stloc, shape);

        var output = target ?? _il.DeclareLocal(typeof(nint), "$out");
        if (target == null)
        {
            _il.Emit(OpCodes.Ldstr, "empty");
            _il.Emit(OpCodes.Ldc_I4, NumpyRuntime.TypeNum(e.ResultType.DType.Name));
            _il.Emit(OpCodes.Ldloc, shape);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Conv_I);
            _il.Emit(OpCodes.Call, typeof(ArrayFactory).GetMethod(nameof(ArrayFactory.New))!);
            _il.Emit(OpCodes.Stloc, output);
        }

        // Pointers (arrays first, the output last) and their strides per result dimension.
        var pointerOwners = arrays.Select(k => inputs[k].Value).Append(output).ToList();
        var pointers = new LocalBuilder[pointerOwners.Count];
        var strides = new LocalBuilder[pointerOwners.Count, ndim];
        for (int j = 0; j < pointerOwners.Count; j++)
        {
            pointers[j] = _il.DeclareLocal(typeof(nint), $"$p{j}");
            _il.Emit(OpCodes.Ldloc, pointerOwners[j]);
            _il.Emit(OpCodes.Call, typeof(NumpyRuntime).GetMethod(nameof(NumpyRuntime.Data))!);
            _il.Emit(OpCodes.Stloc, pointers[j]);
            var all = _il.DeclareLocal(typeof(long[]));
            _il.Emit(OpCodes.Ldloc, pointerOwners[j]);
            _il.Emit(OpCodes.Ldc_I4, ndim);
            _il.Emit(OpCodes.Call, typeof(Broadcasting).GetMethod(nameof(Broadcasting.Strides))!);
            _il.Emit(OpCodes.Stloc, all);
            for (int d = 0; d < ndim; d++)
            {
                strides[j, d] = _il.DeclareLocal(typeof(long), $"$s{j}_{d}");
                _il.Emit(OpCodes.Ldloc, all);
                _il.Emit(OpCodes.Ldc_I4, d);
                _il.Emit(OpCodes.Ldelem_I8);
                _il.Emit(OpCodes.Stloc, strides[j, d]);
            }
        }
        var extents = new LocalBuilder[ndim];
        for (int d = 0; d < ndim; d++)
        {
            extents[d] = _il.DeclareLocal(typeof(long), $"$n{d}");
            _il.Emit(OpCodes.Ldloc, shape);
            _il.Emit(OpCodes.Ldc_I4, d);
            _il.Emit(OpCodes.Ldelem_I8);
            _il.Emit(OpCodes.Stloc, extents[d]);
        }
        var general = _il.DefineLabel();
        var done = _il.DefineLabel();
        var dtype = e.ResultType.DType;
        // Whole-array np.sin/cos/exp/log may use the vector forms (within 2 ulp of libm, as numpy's
        // own SIMD kernels are within 3): scalar math.* stays libm-exact; explicit loops need fastmath.
        if (dtype is FloatType && arrays.All(k => inputs[k].DType == dtype) &&
            IlVectorizer.CanVectorize(e.Body, dtype, fastMath: true, k => inputs[k].IsArray))
            EmitVectorizedElementwise(e, inputs, arrays, arrayObjects, shape, pointers, general, done);
        _il.MarkLabel(general);
        if (ndim == 0) EmitElementBody(e, pointers, inputs, arrays);   // 0-d: one element, no loop
        else EmitElementLevel(e, 0, pointers, strides, extents, inputs, arrays);
        _il.MarkLabel(done);
        if (target == null) _il.Emit(OpCodes.Ldloc, output);
    }

    /// <summary>The dimensions of the value stored by an <see cref="IrElementwiseStore"/>: its widest input.</summary>
    private static int ValueNdim(IrElementwise e) =>
        e.Inputs.Select(input => input.Type is ArrayType a ? a.Ndim : 0).DefaultIfEmpty(0).Max();

    private void EmitElementLevel(IrElementwise e, int d, LocalBuilder[] outer, LocalBuilder[,] strides, LocalBuilder[] extents,
        (LocalBuilder Value, bool IsArray, NjType DType)[] inputs, List<int> arrays)
    {
        int ndim = e.ResultType.Ndim;
        var pointers = outer.Select((p, j) => _il.DeclareLocal(typeof(nint), $"$p{j}@{d}")).ToArray();
        for (int j = 0; j < pointers.Length; j++)
        {
            _il.Emit(OpCodes.Ldloc, outer[j]);
            _il.Emit(OpCodes.Stloc, pointers[j]);
        }
        var counter = _il.DeclareLocal(typeof(long), $"$i{d}");
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Conv_I8);
        _il.Emit(OpCodes.Stloc, counter);
        _il.EmitCountedLoop(counter, 1, () => _il.Emit(OpCodes.Ldloc, extents[d]), () =>
        {
            if (d < ndim - 1) EmitElementLevel(e, d + 1, pointers, strides, extents, inputs, arrays);
            else EmitElementBody(e, pointers, inputs, arrays);
            for (int j = 0; j < pointers.Length; j++)
            {
                _il.Emit(OpCodes.Ldloc, pointers[j]);
                _il.Emit(OpCodes.Ldloc, strides[j, d]);
                _il.Emit(OpCodes.Conv_I);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Stloc, pointers[j]);
            }
        });
    }

    /// <summary>*p_out = body(*p_0, ...) at the current pointers.</summary>
    private void EmitElementBody(IrElementwise e, LocalBuilder[] pointers, (LocalBuilder Value, bool IsArray, NjType DType)[] inputs, List<int> arrays)
    {
        var refs = new Dictionary<int, (LocalBuilder, bool, NjType)>();
        for (int k = 0; k < inputs.Length; k++)
            refs[k] = inputs[k].IsArray ? (pointers[arrays.IndexOf(k)], true, inputs[k].DType) : (inputs[k].Value, false, inputs[k].DType);
        _elements.Push(refs);
        _il.Emit(OpCodes.Ldloc, pointers[^1]);
        EmitExpr(e.Body);
        EmitStoreIndirect(e.ResultType.DType);
        _elements.Pop();
    }

    private void EmitElementRef(IrElementRef r)
    {
        var (value, isPointer, dtype) = _elements.Peek()[r.Input];
        _il.Emit(OpCodes.Ldloc, value);
        if (isPointer) EmitLoadIndirect(dtype);
    }
}
