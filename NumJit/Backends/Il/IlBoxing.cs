using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

/// <summary>
/// IL that turns compiled values into Python objects and back, as numba does: integers of every
/// width box to int, float32 to float, arrays travel as the ndarray object itself.
/// </summary>
public static class IlBoxing
{
    /// <summary>Replaces the value on the stack by a new reference to a Python object.
    /// <paramref name="arraysOwned"/>: arrays on the stack are already new references (as compiled
    /// functions return them); otherwise they are borrowed and get a new reference here.</summary>
    public static void EmitBox(IlWriter il, NjType type, bool arraysOwned = true)
    {
        switch (type)
        {
            case BooleanType:
                il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.Boolean))!);
                break;
            case IntegerType { Bits: 64, Signed: false }:
                il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.UInt64))!);
                break;
            case IntegerType i:
                if (i.Bits < 64) il.Emit(i.Signed ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
                il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.Int64))!);
                break;
            case FloatType f:
                if (f.Bits == 32) il.Emit(OpCodes.Conv_R8);
                il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.Float64))!);
                break;
            case ComplexType:
                il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.Complex))!);
                break;
            case NoneType:
                il.Emit(OpCodes.Pop);
                il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.None))!);
                break;
            case ArrayType:
                if (!arraysOwned) il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.Object))!);
                break;
            case DTypeObjectType d:
                il.Emit(OpCodes.Pop);
                il.Emit(OpCodes.Ldc_I4, NumpyRuntime.TypeNum(d.DType.Name));
                il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.DType))!);
                break;
            case TupleType tuple:
                EmitBoxTuple(il, tuple, arraysOwned);
                break;
            case OptionalType optional:
                EmitBoxOptional(il, optional, arraysOwned);
                break;
            default:
                throw new InvalidOperationException($"cannot return {type} to Python");
        }
    }

    private static void EmitBoxTuple(IlWriter il, TupleType tuple, bool arraysOwned)
    {
        var clr = ClrTypes.Of(tuple);
        var value = il.DeclareLocal(clr);
        var result = il.DeclareLocal(typeof(nint));
        il.Emit(OpCodes.Stloc, value);
        il.Emit(OpCodes.Ldc_I4, tuple.Items.Count);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.Tuple))!);
        il.Emit(OpCodes.Stloc, result);
        for (int i = 0; i < tuple.Items.Count; i++)
        {
            il.Emit(OpCodes.Ldloc, result);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Ldloc, value);
            IlTuples.EmitField(il, tuple, i);
            EmitBox(il, tuple.Items[i], arraysOwned);
            il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.TupleSet))!);
        }
        il.Emit(OpCodes.Ldloc, result);
    }

    private static void EmitBoxOptional(IlWriter il, OptionalType optional, bool arraysOwned)
    {
        var clr = ClrTypes.Of(optional);
        var value = il.DeclareLocal(clr);
        var none = il.DefineLabel();
        var end = il.DefineLabel();
        il.Emit(OpCodes.Stloc, value);
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Ldfld, clr.GetField("HasValue")!);
        il.Emit(OpCodes.Brfalse, none);
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Ldfld, clr.GetField("Value")!);
        EmitBox(il, optional.Inner, arraysOwned);
        il.Emit(OpCodes.Br, end);
        il.MarkLabel(none);
        il.Emit(OpCodes.Call, typeof(Boxing).GetMethod(nameof(Boxing.None))!);
        il.MarkLabel(end);
    }
}
