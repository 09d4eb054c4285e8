using System.Numerics;
using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    private ArrayLocals CompanionsOf(IrVariable variable)
    {
        if (_arrays.TryGetValue(variable, out var companions)) return companions;
        var type = (ArrayType)variable.Type;
        companions = new ArrayLocals(
            _il.DeclareLocal(typeof(nint), variable.Name + ".data"),
            Enumerable.Range(0, type.Ndim).Select(i => _il.DeclareLocal(typeof(long), $"{variable.Name}.shape{i}")).ToArray(),
            Enumerable.Range(0, type.Ndim).Select(i => _il.DeclareLocal(typeof(long), $"{variable.Name}.stride{i}")).ToArray());
        _arrays[variable] = companions;
        return companions;
    }

    /// <summary>Re-reads data pointer, extents and strides after an array variable changed.</summary>
    private void RefreshArray(IrVariable variable)
    {
        var companions = CompanionsOf(variable);
        Load(variable);
        _il.Emit(OpCodes.Call, typeof(NumpyRuntime).GetMethod(nameof(NumpyRuntime.Data))!);
        _il.Emit(OpCodes.Stloc, companions.Data);
        for (int i = 0; i < companions.Extents.Length; i++)
        {
            Load(variable);
            _il.Emit(OpCodes.Ldc_I4, i);
            _il.Emit(OpCodes.Call, typeof(NumpyRuntime).GetMethod(nameof(NumpyRuntime.Dim))!);
            _il.Emit(OpCodes.Stloc, companions.Extents[i]);
            Load(variable);
            _il.Emit(OpCodes.Ldc_I4, i);
            _il.Emit(OpCodes.Call, typeof(NumpyRuntime).GetMethod(nameof(NumpyRuntime.Stride))!);
            _il.Emit(OpCodes.Stloc, companions.Strides[i]);
        }
    }

    /// <summary>The companions of the array an expression names, spilling other array expressions to a local first.</summary>
    private ArrayLocals ArrayOperand(IrExpr array)
    {
        if (array is IrLoad load) return CompanionsOf(load.Variable);
        var temp = new IrVariable("$array", array.Type, isParameter: false);
        EmitExpr(array);
        Store(temp);
        return CompanionsOf(temp);
    }

    /// <summary>
    /// Pushes the address of array[indices]: data + sum(index_k * stride_k), or row + the rest when a
    /// row pointer stands for the first term (not under boundscheck, which must see the index).
    /// </summary>
    private void EmitElementAddress(IrExpr array, IReadOnlyList<IrExpr> indices, bool wrapNegative, IrVariable? row = null)
    {
        var type = (ArrayType)array.Type;
        var companions = ArrayOperand(array);
        bool fromRow = row != null && !_options.BoundsCheck;
        if (fromRow)
        {
            Load(row!);
            _il.Emit(OpCodes.Conv_I);
        }
        else _il.Emit(OpCodes.Ldloc, companions.Data);
        for (int k = fromRow ? 1 : 0; k < indices.Count; k++)
        {
            EmitExpr(indices[k]);
            if (_options.BoundsCheck)
                EmitCheckedIndex(companions.Extents[k], k, wrapNegative && MayBeNegative(indices[k]));
            else if (wrapNegative && MayBeNegative(indices[k]))
            {
                var index = _il.DeclareLocal(typeof(long));
                var done = _il.DefineLabel();
                _il.Emit(OpCodes.Stloc, index);
                _il.Emit(OpCodes.Ldloc, index);
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Conv_I8);
                _il.Emit(OpCodes.Bge, done);
                _il.Emit(OpCodes.Ldloc, index);
                _il.Emit(OpCodes.Ldloc, companions.Extents[k]);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Stloc, index);
                _il.MarkLabel(done);
                _il.Emit(OpCodes.Ldloc, index);
            }
            EmitStrideTimes(type, companions, k);
            _il.Emit(OpCodes.Conv_I);
            _il.Emit(OpCodes.Add);
        }
    }

    /// <summary>Multiplies the index on the stack by axis k's stride.</summary>
    private void EmitStrideTimes(ArrayType type, ArrayLocals companions, int k)
    {
        // The contiguous dimension's stride is the item size: a constant the JIT can fold.
        bool unitStride = (type.Layout == ArrayLayout.C && k == type.Ndim - 1) || (type.Layout == ArrayLayout.F && k == 0);
        if (unitStride) _il.Emit(OpCodes.Ldc_I8, (long)FunctionBinder.ItemSize(type.DType));
        else _il.Emit(OpCodes.Ldloc, companions.Strides[k]);
        _il.Emit(OpCodes.Mul);
    }

    private void EmitArrayRowAddress(IrArrayRowAddress address)
    {
        var type = (ArrayType)address.Array.Type;
        var companions = ArrayOperand(address.Array);
        _il.Emit(OpCodes.Ldloc, companions.Data);
        _il.Emit(OpCodes.Conv_I8);
        EmitExpr(address.Row);
        EmitStrideTimes(type, companions, 0);
        _il.Emit(OpCodes.Add);
    }

    private void EmitArrayStride(IrArrayStride stride) =>
        _il.Emit(OpCodes.Ldloc, ArrayOperand(stride.Array).Strides[stride.Axis]);

    /// <summary>
    /// The index on the stack, wrapped if negative and checked against the extent:
    /// IndexError("index -11 is out of bounds for axis 0 with size 10") as numpy words it.
    /// </summary>
    private void EmitCheckedIndex(LocalBuilder extent, int axis, bool wrap)
    {
        var original = _il.DeclareLocal(typeof(long));
        var index = _il.DeclareLocal(typeof(long));
        var inBounds = _il.DefineLabel();
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Stloc, original);
        if (wrap)
        {
            var nonNegative = _il.DefineLabel();
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Conv_I8);
            _il.Emit(OpCodes.Bge, nonNegative);
            _il.Emit(OpCodes.Ldloc, extent);
            _il.Emit(OpCodes.Add);
            _il.MarkLabel(nonNegative);
        }
        _il.Emit(OpCodes.Stloc, index);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldloc, extent);
        _il.Emit(OpCodes.Blt_Un, inBounds);
        _il.Emit(OpCodes.Ldloc, original);
        _il.Emit(OpCodes.Ldc_I4, axis);
        _il.Emit(OpCodes.Ldloc, extent);
        _il.Emit(OpCodes.Call, typeof(Runtime.BoundsCheck).GetMethod(nameof(Runtime.BoundsCheck.Fail))!);
        _il.MarkLabel(inBounds);
        _il.Emit(OpCodes.Ldloc, index);
    }

    private static bool MayBeNegative(IrExpr index) => index is not IrConstant { Value: long v } || v < 0;

    private void EmitArrayLoad(IrArrayLoad load)
    {
        EmitElementAddress(load.Array, load.Indices, load.WrapNegative, load.Row);
        EmitLoadIndirect(((ArrayType)load.Array.Type).DType);
    }

    private void EmitArrayStore(IrArrayStore store)
    {
        var dtype = ((ArrayType)store.Array.Type).DType;
        EmitElementAddress(store.Array, store.Indices, store.WrapNegative, store.Row);
        EmitExpr(store.Value);
        EmitStoreIndirect(dtype);
    }

    private void EmitLoadIndirect(NjType dtype) => IlMemory.EmitLoad(_il, dtype);

    private void EmitStoreIndirect(NjType dtype) => IlMemory.EmitStore(_il, dtype);

    private void EmitArrayShape(IrArrayShape shape)
    {
        var companions = ArrayOperand(shape.Array);
        _il.Emit(OpCodes.Ldloc, companions.Extents[shape.Axis]);
    }

    private void EmitArraySize(IrArraySize size)
    {
        var companions = ArrayOperand(size.Array);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        foreach (var extent in companions.Extents)
        {
            _il.Emit(OpCodes.Ldloc, extent);
            _il.Emit(OpCodes.Mul);
        }
    }

    private void EmitArrayCreate(IrArrayCreate create)
    {
        var type = create.ArrayType;
        int typeNum = NumpyRuntime.TypeNum(type.DType.Name);
        switch (create.Kind)
        {
            case ArrayCreation.Empty or ArrayCreation.Zeros or ArrayCreation.Ones or ArrayCreation.Full:
            {
                _il.Emit(OpCodes.Ldstr, create.Kind.ToString().ToLowerInvariant());
                _il.Emit(OpCodes.Ldc_I4, typeNum);
                var operands = create.Operands;
                if (operands.Count is 1 or 2)
                {
                    foreach (var dim in operands) EmitExpr(dim);
                }
                else
                {
                    var shape = _il.DeclareLocal(typeof(long[]));
                    _il.Emit(OpCodes.Ldc_I4, operands.Count);
                    _il.Emit(OpCodes.Newarr, typeof(long));
                    _il.Emit(OpCodes.Stloc, shape);
                    for (int i = 0; i < operands.Count; i++)
                    {
                        _il.Emit(OpCodes.Ldloc, shape);
                        _il.Emit(OpCodes.Ldc_I4, i);
                        EmitExpr(operands[i]);
                        _il.Emit(OpCodes.Stelem_I8);
                    }
                    _il.Emit(OpCodes.Ldloc, shape);
                }
                EmitBoxedOrNull(create.FillValue);
                string factory = operands.Count switch { 1 => nameof(ArrayFactory.New1), 2 => nameof(ArrayFactory.New2), _ => nameof(ArrayFactory.New) };
                _il.Emit(OpCodes.Call, typeof(ArrayFactory).GetMethod(factory)!);
                break;
            }
            case ArrayCreation.Arange:
                foreach (var operand in create.Operands) EmitBoxed(operand);
                _il.Emit(OpCodes.Ldc_I4, typeNum);
                _il.Emit(OpCodes.Call, typeof(ArrayFactory).GetMethod(nameof(ArrayFactory.Arange))!);
                break;
            default:
            {
                string function = create.Kind switch
                {
                    ArrayCreation.EmptyLike => "empty_like", ArrayCreation.ZerosLike => "zeros_like",
                    ArrayCreation.OnesLike => "ones_like", _ => "full_like",
                };
                _il.Emit(OpCodes.Ldstr, function);
                EmitExpr(create.Operands[0]);
                _il.Emit(OpCodes.Ldc_I4, typeNum);
                EmitBoxedOrNull(create.FillValue);
                _il.Emit(OpCodes.Call, typeof(ArrayFactory).GetMethod(nameof(ArrayFactory.Like))!);
                break;
            }
        }
    }

    private void EmitBoxedOrNull(IrExpr? value)
    {
        if (value == null)
        {
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Conv_I);
        }
        else EmitBoxed(value);
    }

    /// <summary>Pushes a new reference to a Python object holding the value.</summary>
    private void EmitBoxed(IrExpr value)
    {
        EmitExpr(value);
        IlBoxing.EmitBox(_il, value.Type);
    }
}
