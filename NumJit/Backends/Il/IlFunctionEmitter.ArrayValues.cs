using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    private void EmitArrayGetItem(IrArrayGetItem get)
    {
        EmitExpr(get.Array);
        EmitIndexKey(get.Index);
        _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.GetItem))!);
        EmitExpectResult(get.ResultType, "indexing");
    }

    private void EmitArraySetItem(IrArraySetItem set)
    {
        EmitExpr(set.Array);
        EmitIndexKey(set.Index);
        EmitExpr(set.Value);
        IlBoxing.EmitBox(_il, set.Value.Type, arraysOwned: false);
        _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.SetItem))!);
    }

    /// <summary>Pushes a new reference to the Python index key: a tuple of ints, slices, None, Ellipsis, arrays.</summary>
    private void EmitIndexKey(IReadOnlyList<IrIndex> index)
    {
        _il.Emit(OpCodes.Ldc_I4, index.Count);
        _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.NewTuple))!);
        for (int i = 0; i < index.Count; i++)
        {
            _il.Emit(OpCodes.Ldc_I4, i);
            switch (index[i])
            {
                case IrIndexValue v:
                    EmitExpr(v.Value);
                    IlBoxing.EmitBox(_il, v.Value.Type, arraysOwned: false);
                    break;
                case IrIndexSlice s:
                    EmitSlicePart(s.Start);
                    EmitSlicePart(s.Stop);
                    EmitSlicePart(s.Step);
                    _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.Slice))!);
                    break;
                case IrIndexNewAxis:
                    _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.None))!);
                    break;
                case IrIndexEllipsis:
                    _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.Ellipsis))!);
                    break;
            }
            _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.TupleSet))!);
        }
    }

    private void EmitSlicePart(IrExpr? part)
    {
        if (part == null)
        {
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Conv_I);
            return;
        }
        EmitExpr(part);
        IlBoxing.EmitBox(_il, part.Type);
    }

    private void EmitNumpyCall(IrNumpyCall call)
    {
        if (call.Receiver != null) EmitExpr(call.Receiver);
        EmitArgumentTuple(call.Args);
        if (call.Keywords.Count == 0)
        {
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Conv_I);
        }
        else
        {
            _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.NewDict))!);
            foreach (var keyword in call.Keywords)
            {
                _il.Emit(OpCodes.Ldstr, keyword.Name);
                EmitExpr(keyword.Value);
                IlBoxing.EmitBox(_il, keyword.Value.Type, arraysOwned: false);
                _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.DictSet))!);
            }
        }
        // stack: [receiver,] args, kwargs  ->  Call{Method|Numpy}([receiver,] name, args, kwargs)
        var kwargs = _il.DeclareLocal(typeof(nint));
        var args = _il.DeclareLocal(typeof(nint));
        _il.Emit(OpCodes.Stloc, kwargs);
        _il.Emit(OpCodes.Stloc, args);
        _il.Emit(OpCodes.Ldstr, call.Function);
        _il.Emit(OpCodes.Ldloc, args);
        _il.Emit(OpCodes.Ldloc, kwargs);
        _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(call.Receiver != null ? nameof(PythonCalls.CallMethod) : nameof(PythonCalls.CallNumpy))!);
        EmitExpectResult(call.Type, (call.Receiver != null ? "ndarray." : "numpy.") + call.Function);
    }

    private void EmitPythonObjectCall(IrPythonObjectCall call)
    {
        if (_il.Relocatable) throw new NotRelocatableException($"it calls the gufunc {call.Name} through its address in this process");
        _il.Emit(OpCodes.Ldc_I8, (long)call.Address);
        _il.Emit(OpCodes.Conv_I);
        EmitArgumentTuple(call.Args);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.CallObject))!);
        EmitExpectResult(call.Type, call.Name);
    }

    /// <summary>Pushes a new tuple of the boxed arguments (arrays get new references).</summary>
    private void EmitArgumentTuple(IReadOnlyList<IrExpr> args)
    {
        _il.Emit(OpCodes.Ldc_I4, args.Count);
        _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.NewTuple))!);
        for (int i = 0; i < args.Count; i++)
        {
            _il.Emit(OpCodes.Ldc_I4, i);
            EmitExpr(args[i]);
            IlBoxing.EmitBox(_il, args[i].Type, arraysOwned: false);
            _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.TupleSet))!);
        }
    }

    /// <summary>Checks the Python result on the stack against the inferred type and converts it.</summary>
    private void EmitExpectResult(NjType type, string what)
    {
        switch (type)
        {
            case ArrayType array:
            {
                int layoutFlag = array.Layout switch { ArrayLayout.C => PyLayout.NpyCContiguous, ArrayLayout.F => PyLayout.NpyFContiguous, _ => 0 };
                _il.Emit(OpCodes.Ldc_I4, NumpyRuntime.TypeNum(array.DType.Name));
                _il.Emit(OpCodes.Ldc_I4, array.Ndim);
                _il.Emit(OpCodes.Ldc_I4, layoutFlag);
                _il.Emit(OpCodes.Ldstr, what);
                _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.ExpectArray))!);
                break;
            }
            case NoneType:
                _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.Discard))!);
                _il.Emit(OpCodes.Ldc_I4_0);
                break;
            case FloatType f:
                _il.Emit(OpCodes.Ldstr, what);
                _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.ExpectFloat64))!);
                if (f.Bits == 32) _il.Emit(OpCodes.Conv_R4);
                break;
            case IntegerType i:
                _il.Emit(OpCodes.Ldstr, what);
                _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.ExpectInt64))!);
                if (i.Bits < 64) EmitConversion(NjTypes.Int64, type);
                break;
            case BooleanType:
                _il.Emit(OpCodes.Ldstr, what);
                _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.ExpectBool))!);
                break;
            case ComplexType:
                _il.Emit(OpCodes.Ldstr, what);
                _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.ExpectComplex))!);
                break;
            case TupleType tuple:
            {
                var result = _il.DeclareLocal(typeof(nint));
                _il.Emit(OpCodes.Stloc, result);
                for (int i = 0; i < tuple.Items.Count; i++)
                {
                    _il.Emit(OpCodes.Ldloc, result);
                    _il.Emit(OpCodes.Ldc_I4, i);
                    _il.Emit(OpCodes.Ldc_I4, tuple.Items.Count);
                    _il.Emit(OpCodes.Ldstr, what);
                    _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.TupleItem))!);
                    EmitExpectResult(tuple.Items[i], what);
                }
                EmitTupleConstruct(tuple.Items.Select(ClrTypes.Of).ToArray());
                _il.Emit(OpCodes.Ldloc, result);
                _il.Emit(OpCodes.Call, typeof(PythonCalls).GetMethod(nameof(PythonCalls.Discard))!);
                break;
            }
            default:
                throw new InvalidOperationException($"numpy results of type {type} are not supported");
        }
    }
}
