using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Runtime;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    private void EmitExpr(IrExpr e)
    {
        switch (e)
        {
            case IrConstant c: EmitConstant(c.Value, c.Type); break;
            case IrLoad l: Load(l.Variable); break;
            case IrSlotLoad s: EmitSlotAddress(s.Base, s.Slot); _il.Emit(OpCodes.Ldobj, ClrTypes.Of(s.Type)); break;
            case IrConvert c: EmitExpr(c.Value); EmitConversion(c.Value.Type, c.Type); break;
            case IrBinary b: EmitBinary(b); break;
            case IrUnary u: EmitUnary(u); break;
            case IrCompare c: EmitCompare(c); break;
            case IrLogical l: EmitLogical(l); break;
            case IrConditional c: EmitConditional(c); break;
            case IrCall c: EmitCall(c); break;
            case IrIntrinsicCall i: EmitIntrinsic(i); break;
            case IrArrayLoad a: EmitArrayLoad(a); break;
            case IrArrayShape s: EmitArrayShape(s); break;
            case IrArrayStride s: EmitArrayStride(s); break;
            case IrArrayRowAddress r: EmitArrayRowAddress(r); break;
            case IrArraySize s: EmitArraySize(s); break;
            case IrArrayCreate a: EmitArrayCreate(a); break;
            case IrTupleCreate t: EmitTupleCreate(t); break;
            case IrTupleGet t: EmitExpr(t.Tuple); EmitTupleField((TupleType)t.Tuple.Type, t.Index); break;
            case IrTupleGetDynamic t: EmitTupleGetDynamic(t); break;
            case IrOptionalWrap o: EmitOptionalWrap(o); break;
            case IrOptionalUnwrap o: EmitOptionalUnwrap(o); break;
            case IrIsNone n: EmitIsNone(n); break;
            case IrArrayGetItem g: EmitArrayGetItem(g); break;
            case IrElementwise w: EmitElementwise(w); break;
            case IrElementRef r: EmitElementRef(r); break;
            case IrNumpyCall n: EmitNumpyCall(n); break;
            case IrPythonObjectCall p: EmitPythonObjectCall(p); break;
            case IrDTypeObject: _il.Emit(OpCodes.Ldc_I4_0); break;
            case IrGpuIndex or IrGpuBarrier or IrGpuArrayAlloc or IrGpuAtomic: EmitGpu(e); break;
            case IrLet l:
                EmitExpr(l.Value);
                Store(l.Variable);
                EmitExpr(l.Body);
                break;
            default:
                throw new InvalidOperationException($"no IL for {e.GetType().Name}");
        }
    }

    private void EmitConstant(object? value, NjType type)
    {
        switch (type)
        {
            case NoneType: _il.Emit(OpCodes.Ldc_I4_0); break;
            case BooleanType: _il.Emit((bool)value! ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0); break;
            case IntegerType { Bits: 64 } t:
                _il.Emit(OpCodes.Ldc_I8, value is ulong u ? unchecked((long)u) : System.Convert.ToInt64(value));
                break;
            case IntegerType:
                _il.Emit(OpCodes.Ldc_I4, System.Convert.ToInt32(value));
                break;
            case FloatType { Bits: 32 }: _il.Emit(OpCodes.Ldc_R4, System.Convert.ToSingle(value)); break;
            case FloatType: _il.Emit(OpCodes.Ldc_R8, System.Convert.ToDouble(value)); break;
            case ComplexType:
                var z = value is Complex c ? c : new Complex(System.Convert.ToDouble(value), 0);
                _il.Emit(OpCodes.Ldc_R8, z.Real);
                _il.Emit(OpCodes.Ldc_R8, z.Imaginary);
                _il.Emit(OpCodes.Newobj, typeof(Complex).GetConstructor([typeof(double), typeof(double)])!);
                break;
            case OptionalType o when value == null:
                EmitDefault(ClrTypes.Of(o));
                break;
            default:
                throw new InvalidOperationException($"no IL constant of type {type}");
        }
    }

    private void EmitDefault(Type type)
    {
        var temp = _il.DeclareLocal(type);
        _il.Emit(OpCodes.Ldloca, temp);
        _il.Emit(OpCodes.Initobj, type);
        _il.Emit(OpCodes.Ldloc, temp);
    }

    private void EmitLogical(IrLogical logical)
    {
        var shortCircuit = _il.DefineLabel();
        var end = _il.DefineLabel();
        EmitExpr(logical.Left);
        _il.Emit(logical.Op == IrLogicalOp.And ? OpCodes.Brfalse : OpCodes.Brtrue, shortCircuit);
        EmitExpr(logical.Right);
        _il.Emit(OpCodes.Br, end);
        _il.MarkLabel(shortCircuit);
        _il.Emit(logical.Op == IrLogicalOp.And ? OpCodes.Ldc_I4_0 : OpCodes.Ldc_I4_1);
        _il.MarkLabel(end);
    }

    private void EmitConditional(IrConditional conditional)
    {
        var otherwise = _il.DefineLabel();
        var end = _il.DefineLabel();
        EmitBranch(conditional.Condition, otherwise);
        EmitExpr(conditional.Then);
        _il.Emit(OpCodes.Br, end);
        _il.MarkLabel(otherwise);
        EmitExpr(conditional.Else);
        _il.MarkLabel(end);
    }

    private void EmitCall(IrCall call)
    {
        foreach (var arg in call.Args) EmitExpr(arg);
        _il.Emit(OpCodes.Ldarg, DepthArgument);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Call, _methods[call.Target]);
        if (ContainsArrays(call.Type) && _arenaMark != null)
        {
            // The callee returned new references: this function owns them now.
            var result = _il.DeclareLocal(ClrTypes.Of(call.Type));
            _il.Emit(OpCodes.Stloc, result);
            EmitForEachArray(result, call.Type, nameof(ArrayArena.Own));
            _il.Emit(OpCodes.Ldloc, result);
        }
        if (call.Type is NoneType) _il.Emit(OpCodes.Ldc_I4_0);   // a None value for whoever uses it
    }

    private void EmitIntrinsic(IrIntrinsicCall call)
    {
        if (EmitSequenceIntrinsic(call)) return;
        if (call.Intrinsic is Intrinsic.RangeStart or Intrinsic.RangeStop or Intrinsic.RangeStep)
        {
            EmitExpr(call.Args[0]);
            string field = call.Intrinsic switch { Intrinsic.RangeStart => "Item1", Intrinsic.RangeStop => "Item2", _ => "Item3" };
            _il.Emit(OpCodes.Ldfld, typeof(ValueTuple<long, long, long>).GetField(field)!);
            return;
        }
        if (call.Intrinsic == Intrinsic.MakeComplex)
        {
            foreach (var arg in call.Args) EmitExpr(arg);
            _il.Emit(OpCodes.Newobj, typeof(Complex).GetConstructor([typeof(double), typeof(double)])!);
            return;
        }
        var argTypes = call.Args.Select(a => ClrTypes.Of(a.Type)).ToArray();
        var result = ClrTypes.Of(call.Type);
        var method = IlIntrinsics.Find(call.Intrinsic, argTypes, result);
        bool widen = false;
        if (method == null && argTypes.Any(t => t == typeof(float)))
        {
            // No float32 overload: compute in float64 like C's promotion, then round back.
            var wideArgs = argTypes.Select(t => t == typeof(float) ? typeof(double) : t).ToArray();
            var wideResult = result == typeof(float) ? typeof(double) : result;
            method = IlIntrinsics.Find(call.Intrinsic, wideArgs, wideResult);
            widen = true;
        }
        if (method == null)
            throw new InvalidOperationException($"no CPU implementation of {call.Intrinsic}({string.Join(", ", argTypes.Select(t => t.Name))}) -> {result.Name}");
        if (!method.IsStatic)
        {
            // Instance members of Complex need the value's address.
            EmitExpr(call.Args[0]);
            var temp = _il.DeclareLocal(argTypes[0]);
            _il.Emit(OpCodes.Stloc, temp);
            _il.Emit(OpCodes.Ldloca, temp);
            _il.Emit(OpCodes.Call, method);
            return;
        }
        foreach (var arg in call.Args)
        {
            EmitExpr(arg);
            if (widen && arg.Type == NjTypes.Float32) _il.Emit(OpCodes.Conv_R8);
        }
        _il.Emit(OpCodes.Call, method);
        if (widen && result == typeof(float)) _il.Emit(OpCodes.Conv_R4);
    }

    private void EmitTupleCreate(IrTupleCreate tuple)
    {
        foreach (var item in tuple.Items) EmitExpr(item);
        EmitTupleConstruct(tuple.TupleType.Items.Select(ClrTypes.Of).ToArray());
    }

    private void EmitTupleConstruct(Type[] items) => IlTuples.EmitConstruct(_il, items);

    private void EmitTupleField(TupleType tuple, int index) => IlTuples.EmitField(_il, tuple, index);

    private void EmitTupleGetDynamic(IrTupleGetDynamic get)
    {
        var tupleType = (TupleType)get.Tuple.Type;
        var tuple = _il.DeclareLocal(ClrTypes.Of(tupleType));
        EmitExpr(get.Tuple);
        _il.Emit(OpCodes.Stloc, tuple);
        var index = _il.DeclareLocal(typeof(long));
        EmitExpr(get.Index);
        _il.Emit(OpCodes.Stloc, index);
        int count = tupleType.Items.Count;
        // Negative indices count from the end, as in Python.
        var nonNegative = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Conv_I8);
        _il.Emit(OpCodes.Bge, nonNegative);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldc_I8, (long)count);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, index);
        _il.MarkLabel(nonNegative);
        var cases = Enumerable.Range(0, count).Select(_ => _il.DefineLabel()).ToArray();
        var end = _il.DefineLabel();
        var result = _il.DeclareLocal(ClrTypes.Of(get.Type));
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Conv_U4);   // out-of-range values (incl. > 2^32) fall through to the error
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldc_I8, (long)count);
        var inRange = _il.DefineLabel();
        _il.Emit(OpCodes.Blt_Un, inRange);
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldstr, "tuple index out of range");
        _il.Emit(OpCodes.Call, typeof(IntegerOps).GetMethod(nameof(IntegerOps.IndexError))!);
        _il.Emit(OpCodes.Br, end);
        _il.MarkLabel(inRange);
        _il.Emit(OpCodes.Switch, cases);
        _il.Emit(OpCodes.Br, end);
        for (int i = 0; i < count; i++)
        {
            _il.MarkLabel(cases[i]);
            _il.Emit(OpCodes.Ldloc, tuple);
            EmitTupleField(tupleType, i);
            _il.Emit(OpCodes.Stloc, result);
            _il.Emit(OpCodes.Br, end);
        }
        _il.MarkLabel(end);
        _il.Emit(OpCodes.Ldloc, result);
    }

    private void EmitOptionalWrap(IrOptionalWrap wrap)
    {
        var clr = ClrTypes.Of(wrap.OptionalType);
        if (wrap.Value.Type is NoneType)
        {
            EmitExpr(wrap.Value);
            _il.Emit(OpCodes.Pop);
            EmitDefault(clr);
            return;
        }
        EmitExpr(wrap.Value);
        _il.Emit(OpCodes.Newobj, clr.GetConstructor([ClrTypes.Of(wrap.OptionalType.Inner)])!);
    }

    private void EmitOptionalUnwrap(IrOptionalUnwrap unwrap)
    {
        var clr = ClrTypes.Of(unwrap.Value.Type);
        var temp = _il.DeclareLocal(clr);
        EmitExpr(unwrap.Value);
        _il.Emit(OpCodes.Stloc, temp);
        _il.Emit(OpCodes.Ldloca, temp);
        _il.Emit(OpCodes.Call, clr.GetMethod("GetValue")!);
    }

    private void EmitIsNone(IrIsNone isNone)
    {
        EmitExpr(isNone.Value);
        if (isNone.Value.Type is not OptionalType optional)
        {
            _il.Emit(OpCodes.Pop);
            _il.Emit(isNone.Value.Type is NoneType ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
            return;
        }
        _il.Emit(OpCodes.Ldfld, ClrTypes.Of(optional).GetField("HasValue")!);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Ceq);
    }
}
