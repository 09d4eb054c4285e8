using System.Reflection;
using System.Reflection.Emit;
using NumJit.Interop;

namespace NumJit.Backends.Il;

/// <summary>
/// The C entry point of a specialization's own builtin function (METH_FASTCALL):
///   nint Builtin(nint self, nint* args, nint count)
///   { mark = arena; try { r = Entry(args, count); if (r == 1) r = SignatureMismatch(); }
///     catch (Exception e) { release arena to mark; raise e in Python; r = 0 } return r; }
/// Nothing may escape: an exception crossing into CPython would abort the process.
/// </summary>
public static class IlBuiltinWrapperEmitter
{
    public static void Emit(IlWriter il, MethodInfo entry)
    {
        var result = il.DeclareLocal(typeof(nint), "result");
        var mark = il.DeclareLocal(typeof(int), "mark");
        il.Emit(OpCodes.Call, typeof(ArrayArena).GetProperty(nameof(ArrayArena.Mark))!.GetMethod!);
        il.Emit(OpCodes.Stloc, mark);
        il.BeginTry();
        var matched = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Call, entry);
        il.Emit(OpCodes.Stloc, result);
        il.Emit(OpCodes.Ldloc, result);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Bne_Un, matched);
        il.Emit(OpCodes.Call, typeof(DispatcherRegistry).GetMethod(nameof(DispatcherRegistry.SignatureMismatch))!);
        il.Emit(OpCodes.Stloc, result);
        il.MarkLabel(matched);
        il.BeginCatch(typeof(Exception));
        var error = il.DeclareLocal(typeof(Exception), "error");
        il.Emit(OpCodes.Stloc, error);
        il.Emit(OpCodes.Ldloc, mark);
        il.Emit(OpCodes.Call, typeof(ArrayArena).GetMethod(nameof(ArrayArena.ReleaseTo))!);
        il.Emit(OpCodes.Ldloc, error);
        il.Emit(OpCodes.Call, typeof(ExceptionBridge).GetMethod(nameof(ExceptionBridge.Raise))!);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Stloc, result);
        il.EndTry();
        il.Emit(OpCodes.Ldloc, result);
        il.Emit(OpCodes.Ret);
    }
}
