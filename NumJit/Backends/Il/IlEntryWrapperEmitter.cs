using System.Reflection;
using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

/// <summary>
/// The per-specialization entry the dispatcher calls: <c>nint Entry(nint* args, nint count)</c>.
/// It checks each argument's exact type with the inline fast paths of <see cref="Unboxing"/>,
/// returns 1 ("not mine") on any mismatch so the dispatcher can try the next specialization,
/// otherwise calls the compiled function and boxes its result (0 with a Python error set on
/// failure is produced by the dispatcher's exception handler). Under nogil=True the call runs with
/// the GIL released, taken back before boxing and on the exception path.
/// </summary>
public static class IlEntryWrapperEmitter
{
    public static void Emit(IlWriter il, IrFunction function, MethodInfo kernel, bool releaseGil)
    {
        var mismatch = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, function.ArgTypes.Count);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Bne_Un, mismatch);
        var values = new LocalBuilder[function.ArgTypes.Count];
        for (int i = 0; i < values.Length; i++)
        {
            var obj = il.DeclareLocal(typeof(nint), "arg" + i);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, i * IntPtr.Size);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldind_I);
            il.Emit(OpCodes.Stloc, obj);
            values[i] = il.DeclareLocal(ClrTypes.Of(function.ArgTypes[i]));
            EmitUnbox(il, function.ArgTypes[i], obj, values[i], mismatch);
        }
        if (releaseGil) EmitCallWithoutGil(il, kernel, values);
        else EmitCall(il, kernel, values);
        if (function.ReturnType is NoneType) il.Emit(OpCodes.Ldc_I4_0);
        IlBoxing.EmitBox(il, function.ReturnType!);
        il.Emit(OpCodes.Ret);
        il.MarkLabel(mismatch);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Ret);
    }

    private static void EmitCall(IlWriter il, MethodInfo kernel, LocalBuilder[] values)
    {
        foreach (var value in values) il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Ldc_I8, 0L);   // call depth
        il.Emit(OpCodes.Call, kernel);
    }

    /// <summary>state = Release(); try { result = kernel(...) } catch { Reacquire(state); throw; } Reacquire(state); push result</summary>
    private static void EmitCallWithoutGil(IlWriter il, MethodInfo kernel, LocalBuilder[] values)
    {
        var state = il.DeclareLocal(typeof(nint), "$thread");
        var result = kernel.ReturnType == typeof(void) ? null : il.DeclareLocal(kernel.ReturnType, "$result");
        il.Emit(OpCodes.Call, typeof(GilRelease).GetMethod(nameof(GilRelease.Release))!);
        il.Emit(OpCodes.Stloc, state);
        il.BeginTry();
        EmitCall(il, kernel, values);
        if (result != null) il.Emit(OpCodes.Stloc, result);
        il.BeginCatch(typeof(Exception));
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldloc, state);
        il.Emit(OpCodes.Call, typeof(GilRelease).GetMethod(nameof(GilRelease.Reacquire))!);
        il.Emit(OpCodes.Rethrow);
        il.EndTry();
        il.Emit(OpCodes.Ldloc, state);
        il.Emit(OpCodes.Call, typeof(GilRelease).GetMethod(nameof(GilRelease.Reacquire))!);
        if (result != null) il.Emit(OpCodes.Ldloc, result);
    }

    /// <summary>Reads the object in <paramref name="obj"/> into <paramref name="target"/> or jumps to mismatch.</summary>
    private static void EmitUnbox(IlWriter il, NjType type, LocalBuilder obj, LocalBuilder target, Label mismatch)
    {
        switch (type)
        {
            case ArrayType array:
            {
                il.Emit(OpCodes.Ldloc, obj);
                il.Emit(OpCodes.Ldc_I4, NumpyRuntime.TypeNum(array.DType.Name));
                il.Emit(OpCodes.Ldc_I4, array.Ndim);
                int layoutFlag = array.Layout switch
                {
                    ArrayLayout.C => PyLayout.NpyCContiguous, ArrayLayout.F => PyLayout.NpyFContiguous, _ => 0,
                };
                il.Emit(OpCodes.Ldc_I4, layoutFlag);
                il.Emit(array.ReadOnly ? OpCodes.Ldc_I4_0 : OpCodes.Ldc_I4_1);
                il.Emit(OpCodes.Call, typeof(Unboxing).GetMethod(nameof(Unboxing.Array))!);
                il.Emit(OpCodes.Brfalse, mismatch);
                il.Emit(OpCodes.Ldloc, obj);
                il.Emit(OpCodes.Stloc, target);
                return;
            }
            case TupleType tuple:
                EmitUnboxTuple(il, tuple, obj, target, mismatch);
                return;
            case NoneType:
                il.Emit(OpCodes.Ldloc, obj);
                il.Emit(OpCodes.Ldsfld, typeof(PyTypes).GetField(nameof(PyTypes.None))!);
                il.Emit(OpCodes.Bne_Un, mismatch);
                return;
        }
        string? fastPath = type switch
        {
            FloatType { Bits: 64 } => nameof(Unboxing.Float64),
            FloatType { Bits: 32 } => nameof(Unboxing.Float32),
            IntegerType { Bits: 64, Signed: true } => nameof(Unboxing.Int64),
            BooleanType => nameof(Unboxing.Boolean),
            ComplexType { Bits: 128 } => nameof(Unboxing.Complex128),
            ComplexType => nameof(Unboxing.Complex64),
            _ => null,
        };
        il.Emit(OpCodes.Ldloc, obj);
        if (fastPath != null)
        {
            il.Emit(OpCodes.Ldloca, target);
            il.Emit(OpCodes.Call, typeof(Unboxing).GetMethod(fastPath)!);
        }
        else if (type is IntegerType)
        {
            // Other integer widths arrive as numpy scalars of exactly that type.
            il.Emit(OpCodes.Ldsfld, NumpyScalars.IntegerField(type.Name));
            il.Emit(OpCodes.Ldloca, target);
            il.Emit(OpCodes.Call, typeof(Unboxing).GetMethod(nameof(Unboxing.Scalar))!.MakeGenericMethod(ClrTypes.Of(type)));
        }
        else throw new InvalidOperationException($"cannot pass {type} from Python");
        il.Emit(OpCodes.Brfalse, mismatch);
    }

    private static void EmitUnboxTuple(IlWriter il, TupleType tuple, LocalBuilder obj, LocalBuilder target, Label mismatch)
    {
        il.Emit(OpCodes.Ldloc, obj);
        il.Emit(OpCodes.Ldc_I4, tuple.Items.Count);
        il.Emit(OpCodes.Call, typeof(Unboxing).GetMethod(nameof(Unboxing.IsTuple))!);
        il.Emit(OpCodes.Brfalse, mismatch);
        var items = new LocalBuilder[tuple.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            var itemObj = il.DeclareLocal(typeof(nint));
            il.Emit(OpCodes.Ldloc, obj);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Call, typeof(Unboxing).GetMethod(nameof(Unboxing.TupleItem))!);
            il.Emit(OpCodes.Stloc, itemObj);
            items[i] = il.DeclareLocal(ClrTypes.Of(tuple.Items[i]));
            EmitUnbox(il, tuple.Items[i], itemObj, items[i], mismatch);
        }
        foreach (var item in items) il.Emit(OpCodes.Ldloc, item);
        IlTuples.EmitConstruct(il, tuple.Items.Select(ClrTypes.Of).ToArray());
        il.Emit(OpCodes.Stloc, target);
    }
}
