using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    /// <summary>
    /// The fast path of a fused expression whose arrays are all C-contiguous with the result's
    /// shape: one flat index, Vector256 iterations, then a scalar tail.
    ///   if (Vector256.IsHardwareAccelerated &amp;&amp; contiguous) {
    ///     for (i = 0; i + 4W &lt;= n; i += 4W) four Stores of body(Load(p_k + i + jW)) to out + i + jW
    ///     for (; i + W &lt;= n; i += W) Store(body(Load(p_k + i)), out + i)
    ///     for (; i &lt; n; i++) out[i] = body(p_k[i])
    ///     goto done }
    /// Emitted only when the body vectorizes (transcendentals included, see EmitElementwise);
    /// falls through to the general loop nest otherwise.
    /// </summary>
    private void EmitVectorizedElementwise(IrElementwise e, (LocalBuilder Value, bool IsArray, NjType DType)[] inputs,
        List<int> arrays, LocalBuilder arrayObjects, LocalBuilder shape, LocalBuilder[] bases, Label general, Label done)
    {
        var element = ClrTypes.Of(e.ResultType.DType);
        var vectorizer = new IlVectorizer(_il, element);
        int size = FunctionBinder.ItemSize(e.ResultType.DType);
        _il.Emit(OpCodes.Call, typeof(Vector256).GetProperty(nameof(Vector256.IsHardwareAccelerated))!.GetMethod!);
        _il.Emit(OpCodes.Brfalse, general);
        _il.Emit(OpCodes.Ldloc, arrayObjects);
        _il.Emit(OpCodes.Ldloc, shape);
        _il.Emit(OpCodes.Call, typeof(Broadcasting).GetMethod(nameof(Broadcasting.AllContiguous))!);
        _il.Emit(OpCodes.Brfalse, general);

        var count = _il.DeclareLocal(typeof(long), "$count");
        var index = _il.DeclareLocal(typeof(long), "$flat");
        _il.Emit(OpCodes.Ldloc, shape);
        _il.Emit(OpCodes.Call, typeof(Broadcasting).GetMethod(nameof(Broadcasting.Size))!);
        _il.Emit(OpCodes.Stloc, count);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Conv_I8);
        _il.Emit(OpCodes.Stloc, index);

        // Addresses of the current element of each array (bases[j] for arrays[j], bases[^1] for the output).
        var addresses = bases.Select((_, j) => _il.DeclareLocal(typeof(nint), $"$a{j}")).ToArray();
        void ComputeAddresses(int offsetElements = 0)
        {
            for (int j = 0; j < bases.Length; j++) EmitElementAddress(bases[j], index, offsetElements, size, addresses[j]);
        }
        var refs = new Dictionary<int, (LocalBuilder, bool, NjType)>();
        for (int k = 0; k < inputs.Length; k++)
            refs[k] = inputs[k].IsArray ? (addresses[arrays.IndexOf(k)], true, inputs[k].DType) : (inputs[k].Value, false, inputs[k].DType);
        _elements.Push(refs);

        void PushCount() => _il.Emit(OpCodes.Ldloc, count);
        void Store(int offset)
        {
            ComputeAddresses(offset);
            EmitVectorBody(e.Body, vectorizer, k => inputs[k].IsArray);
            _il.Emit(OpCodes.Ldloc, addresses[^1]);
            vectorizer.EmitStore();
        }
        // Four vectors per iteration, as LLVM unrolls numba's: more loads in flight when memory-bound.
        int width = vectorizer.Width;
        _il.EmitCountedLoop(index, 4 * width, PushCount, () => { for (int j = 0; j < 4; j++) Store(j * width); });
        _il.EmitCountedLoop(index, width, PushCount, () => Store(0));
        _il.EmitCountedLoop(index, 1, PushCount, () =>   // the scalar tail
        {
            ComputeAddresses();
            _il.Emit(OpCodes.Ldloc, addresses[^1]);
            EmitExpr(e.Body);
            EmitStoreIndirect(e.ResultType.DType);
        });
        _elements.Pop();
        _il.Emit(OpCodes.Br, done);
    }

    /// <summary>address = base + (index + offsetElements) * size: the element a vector loop's iteration reads or writes.</summary>
    private void EmitElementAddress(LocalBuilder baseAddress, LocalBuilder index, int offsetElements, int size, LocalBuilder address)
    {
        _il.Emit(OpCodes.Ldloc, baseAddress);
        _il.Emit(OpCodes.Ldloc, index);
        if (offsetElements != 0) { _il.Emit(OpCodes.Ldc_I8, (long)offsetElements); _il.Emit(OpCodes.Add); }
        _il.Emit(OpCodes.Ldc_I8, (long)size);
        _il.Emit(OpCodes.Mul);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, address);
    }

    private void EmitVectorBody(IrExpr e, IlVectorizer vectorizer, Func<int, bool> isArray)
    {
        if (!IlVectorizer.ReadsArray(e, isArray))
        {
            EmitExpr(e);   // scalar subtree: compute once per iteration (the JIT hoists it) and splat
            vectorizer.EmitSplat();
            return;
        }
        switch (e)
        {
            case IrElementRef r:
                _il.Emit(OpCodes.Ldloc, _elements.Peek()[r.Input].Value);   // the element's address
                vectorizer.EmitLoad();
                break;
            case IrBinary b:
                EmitVectorBody(b.Left, vectorizer, isArray);
                EmitVectorBody(b.Right, vectorizer, isArray);
                vectorizer.EmitBinary(b.Op);
                break;
            case IrUnary u:
                EmitVectorBody(u.Operand, vectorizer, isArray);
                vectorizer.EmitNegate();
                break;
            case IrIntrinsicCall i:
                EmitVectorBody(i.Args[0], vectorizer, isArray);
                vectorizer.EmitIntrinsic(i.Intrinsic);
                break;
            default:
                throw new InvalidOperationException($"{e.GetType().Name} cannot be vectorized");
        }
    }
}
