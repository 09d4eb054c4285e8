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
    /// map:  for (i = start; i + W &lt;= stop; i += W) Store(body(i), out + i); then the scalar tail
    /// sum:  four vector accumulators over i, i+W, i+2W, i+3W (reassociation: fastmath only),
    ///       folded and added to the accumulator; then the scalar tail
    /// strict sum (no fastmath): the scalar additions in their order, four per iteration on
    ///       unit-stride data, so the loop's bookkeeping is paid once per four elements and more
    ///       loads are in flight (the result is bit-for-bit the ordinary loop's)
    /// Taken only when VectorLoops.CanRun holds at run time; otherwise the ordinary loop runs.
    /// </summary>
    private void EmitVectorLoop(IrVectorLoop loop)
    {
        var dtype = loop.Accumulator?.Type ?? ((ArrayType)loop.Output!.Type).DType;
        bool isArray(int k) => loop.Inputs[k].Type is ArrayType;
        bool sameDType = dtype is FloatType && loop.Inputs.Where(i => i.Type is ArrayType).All(i => ((ArrayType)i.Type).DType == dtype);
        bool strictSum = sameDType && loop.Accumulator != null && loop.Reduction == ReductionOp.Sum && !_options.FastMath;
        bool eligible = sameDType
            && (loop.Accumulator == null || _options.FastMath)
            && IlVectorizer.CanVectorize(loop.Body, dtype, _options.FastMath || loop.ArrayExpression, isArray)
            || strictSum;
        if (!eligible)
        {
            EmitStatement(loop.Fallback);
            return;
        }
        var vectorizer = new IlVectorizer(_il, ClrTypes.Of(dtype));
        int size = FunctionBinder.ItemSize(dtype);
        var fallback = _il.DefineLabel();
        var end = _il.DefineLabel();

        var start = _il.DeclareLocal(typeof(long), "$vstart");
        var stop = _il.DeclareLocal(typeof(long), "$vstop");
        EmitExpr(loop.Start);
        _il.Emit(OpCodes.Stloc, start);
        EmitExpr(loop.Stop);
        _il.Emit(OpCodes.Stloc, stop);
        var values = loop.Inputs.Select((input, k) =>
        {
            var local = _il.DeclareLocal(ClrTypes.Of(input.Type), $"$v{k}");
            EmitExpr(input);
            _il.Emit(OpCodes.Stloc, local);
            return local;
        }).ToArray();
        var output = loop.Output == null ? null : _il.DeclareLocal(typeof(nint), "$vout");
        if (output != null)
        {
            EmitExpr(loop.Output!);
            _il.Emit(OpCodes.Stloc, output);
        }

        // if (!Vector256.IsHardwareAccelerated || !VectorLoops.CanRun(arrays, size, start, stop, out)) goto fallback
        _il.Emit(OpCodes.Call, typeof(Vector256).GetProperty(nameof(Vector256.IsHardwareAccelerated))!.GetMethod!);
        _il.Emit(OpCodes.Brfalse, fallback);
        var arrayInputs = Enumerable.Range(0, values.Length).Where(isArray).ToList();
        _il.Emit(OpCodes.Ldc_I4, arrayInputs.Count + (output != null ? 1 : 0));
        _il.Emit(OpCodes.Newarr, typeof(nint));
        int slot = 0;
        foreach (var local in arrayInputs.Select(k => values[k]).Concat(output != null ? [output] : []))
        {
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Ldc_I4, slot++);
            _il.Emit(OpCodes.Ldloc, local);
            _il.Emit(OpCodes.Stelem_I);
        }
        _il.Emit(OpCodes.Ldc_I4, size);
        _il.Emit(OpCodes.Ldloc, start);
        _il.Emit(OpCodes.Ldloc, stop);
        if (output != null) _il.Emit(OpCodes.Ldloc, output); else { _il.Emit(OpCodes.Ldc_I4_0); _il.Emit(OpCodes.Conv_I); }
        _il.Emit(OpCodes.Call, typeof(VectorLoops).GetMethod(nameof(VectorLoops.CanRun))!);
        _il.Emit(OpCodes.Brfalse, fallback);

        // Data pointers, and per-iteration element addresses.
        var bases = new Dictionary<int, LocalBuilder>();
        var addresses = new Dictionary<int, LocalBuilder>();
        foreach (int k in arrayInputs)
        {
            bases[k] = _il.DeclareLocal(typeof(nint));
            _il.Emit(OpCodes.Ldloc, values[k]);
            _il.Emit(OpCodes.Call, typeof(NumpyRuntime).GetMethod(nameof(NumpyRuntime.Data))!);
            _il.Emit(OpCodes.Stloc, bases[k]);
            addresses[k] = _il.DeclareLocal(typeof(nint));
        }
        LocalBuilder? outBase = null, outAddress = null;
        if (output != null)
        {
            outBase = _il.DeclareLocal(typeof(nint));
            outAddress = _il.DeclareLocal(typeof(nint));
            _il.Emit(OpCodes.Ldloc, output);
            _il.Emit(OpCodes.Call, typeof(NumpyRuntime).GetMethod(nameof(NumpyRuntime.Data))!);
            _il.Emit(OpCodes.Stloc, outBase);
        }
        var index = _il.DeclareLocal(typeof(long), "$vi");
        _il.Emit(OpCodes.Ldloc, start);
        _il.Emit(OpCodes.Stloc, index);
        var refs = new Dictionary<int, (LocalBuilder, bool, NjType)>();
        for (int k = 0; k < values.Length; k++)
            refs[k] = isArray(k) ? (addresses[k], true, dtype) : (values[k], false, loop.Inputs[k].Type);
        _elements.Push(refs);

        void Addresses(int offsetElements)
        {
            foreach (var (k, address) in addresses) EmitElementAddress(bases[k], index, offsetElements, size, address);
            if (outAddress != null) EmitElementAddress(outBase!, index, offsetElements, size, outAddress);
        }
        void Loop(int stride, Action body) => _il.EmitCountedLoop(index, stride, () => _il.Emit(OpCodes.Ldloc, stop), body);

        int width = vectorizer.Width;
        if (loop.Accumulator == null)
        {
            void Store(int offset)
            {
                Addresses(offset);
                EmitVectorBody(loop.Body, vectorizer, isArray);
                _il.Emit(OpCodes.Ldloc, outAddress!);
                vectorizer.EmitStore();
            }
            // Four vectors per iteration keep more loads in flight on memory-bound expressions.
            Loop(4 * width, () => { for (int j = 0; j < 4; j++) Store(j * width); });
            Loop(width, () => Store(0));
            Loop(1, () =>
            {
                Addresses(0);
                _il.Emit(OpCodes.Ldloc, outAddress!);
                EmitExpr(loop.Body);
                EmitStoreIndirect(dtype);
            });
        }
        else if (loop.Reduction != ReductionOp.Sum)
        {
            EmitVectorMinMax(loop, vectorizer, isArray, Addresses, Loop, dtype);
        }
        else if (strictSum)
        {
            // A local of its own: RyuJIT kept the variable itself on the stack across the back edge.
            var total = _il.DeclareLocal(ClrTypes.Of(dtype), "$strict");
            Load(loop.Accumulator);
            _il.Emit(OpCodes.Stloc, total);
            void Add(int offset)
            {
                Addresses(offset);
                _il.Emit(OpCodes.Ldloc, total);
                EmitExpr(loop.Body);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Stloc, total);
            }
            Loop(4, () => { for (int j = 0; j < 4; j++) Add(j); });
            Loop(1, () => Add(0));
            _il.Emit(OpCodes.Ldloc, total);
            Store(loop.Accumulator);
        }
        else
        {
            var sums = Enumerable.Range(0, 4).Select(j => _il.DeclareLocal(vectorizer.Vector, $"$acc{j}")).ToArray();
            foreach (var sum in sums)
            {
                _il.Emit(OpCodes.Ldloca, sum);
                _il.Emit(OpCodes.Initobj, vectorizer.Vector);
            }
            Loop(4 * width, () =>
            {
                for (int j = 0; j < 4; j++)
                {
                    Addresses(j * width);
                    _il.Emit(OpCodes.Ldloc, sums[j]);
                    EmitVectorBody(loop.Body, vectorizer, isArray);
                    vectorizer.EmitBinary(IrBinaryOp.Add);
                    _il.Emit(OpCodes.Stloc, sums[j]);
                }
            });
            Loop(width, () =>
            {
                Addresses(0);
                _il.Emit(OpCodes.Ldloc, sums[0]);
                EmitVectorBody(loop.Body, vectorizer, isArray);
                vectorizer.EmitBinary(IrBinaryOp.Add);
                _il.Emit(OpCodes.Stloc, sums[0]);
            });
            // acc += sum of all lanes of all accumulators
            Load(loop.Accumulator);
            for (int j = 0; j < 4; j++) _il.Emit(OpCodes.Ldloc, sums[j]);
            for (int j = 0; j < 3; j++) vectorizer.EmitBinary(IrBinaryOp.Add);
            vectorizer.EmitHorizontalSum();
            _il.Emit(OpCodes.Add);
            Store(loop.Accumulator);
            Loop(1, () =>
            {
                Addresses(0);
                Load(loop.Accumulator);
                EmitExpr(loop.Body);
                _il.Emit(OpCodes.Add);
                Store(loop.Accumulator);
            });
        }
        _elements.Pop();
        // The loop variable ends with its last value, as in Python.
        _il.Emit(OpCodes.Ldloc, stop);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        _il.Emit(OpCodes.Sub);
        Store(loop.LoopVariable);
        _il.Emit(OpCodes.Br, end);
        _il.MarkLabel(fallback);
        EmitStatement(loop.Fallback);
        _il.MarkLabel(end);
    }

    /// <summary>
    /// m = max(m, f(a[i])): four vector accumulators starting at m, combined with Vector256.Max,
    /// folded lane by lane with Python's max, then the scalar tail.
    /// </summary>
    private void EmitVectorMinMax(IrVectorLoop loop, IlVectorizer vectorizer, Func<int, bool> isArray, Action<int> addresses,
        Action<int, Action> forEach, NjType dtype)
    {
        bool max = loop.Reduction == ReductionOp.Max;
        int width = vectorizer.Width;
        var accumulators = Enumerable.Range(0, 4).Select(j => _il.DeclareLocal(vectorizer.Vector, $"$m{j}")).ToArray();
        foreach (var accumulator in accumulators)
        {
            Load(loop.Accumulator!);
            vectorizer.EmitSplat();
            _il.Emit(OpCodes.Stloc, accumulator);
        }
        forEach(4 * width, () =>
        {
            for (int j = 0; j < 4; j++)
            {
                addresses(j * width);
                _il.Emit(OpCodes.Ldloc, accumulators[j]);
                EmitVectorBody(loop.Body, vectorizer, isArray);
                vectorizer.EmitMinMax(max);
                _il.Emit(OpCodes.Stloc, accumulators[j]);
            }
        });
        for (int j = 1; j < 4; j++)
        {
            _il.Emit(OpCodes.Ldloc, accumulators[0]);
            _il.Emit(OpCodes.Ldloc, accumulators[j]);
            vectorizer.EmitMinMax(max);
            _il.Emit(OpCodes.Stloc, accumulators[0]);
        }
        var method = typeof(Runtime.IntegerOps).GetMethod(max ? nameof(Runtime.IntegerOps.Max) : nameof(Runtime.IntegerOps.Min),
            [ClrTypes.Of(dtype), ClrTypes.Of(dtype)])!;
        for (int lane = 0; lane < width; lane++)
        {
            Load(loop.Accumulator!);
            _il.Emit(OpCodes.Ldloc, accumulators[0]);
            vectorizer.EmitGetElement(lane);
            _il.Emit(OpCodes.Call, method);
            Store(loop.Accumulator!);
        }
        forEach(1, () =>
        {
            addresses(0);
            Load(loop.Accumulator!);
            EmitExpr(loop.Body);
            _il.Emit(OpCodes.Call, method);
            Store(loop.Accumulator!);
        });
    }
}
