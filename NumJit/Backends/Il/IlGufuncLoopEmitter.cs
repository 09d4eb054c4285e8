using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using NumJit.Interop;

namespace NumJit.Backends.Il;

/// <summary>
/// A numpy gufunc inner loop around a compiled core kernel:
///   [UnmanagedCallersOnly] void Loop(byte** args, nint* dims, nint* steps, void* data)
///   { nint[] views = null;
///     try { views = GufuncFactory.Open(plan, args, dims, steps);
///           for (i = 0; i &lt; dims[0]; i++) { view_k.data = p_k; kernel(view_0 or *(T*)p_0, ..., depth 0); p_k += steps[k] }
///           GufuncFactory.Close(views) }
///     catch (Exception e) { GufuncFactory.Fail(views, e) } }
/// </summary>
public static class IlGufuncLoopEmitter
{
    private static int _counter;

    public static nint Emit(MethodInfo kernel, IReadOnlyList<GufuncFactory.Argument> plan, int planId)
    {
        int id = Interlocked.Increment(ref _counter);
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"NumJit.Gufunc{id}"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("Gufunc").DefineType($"Gufunc{id}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var nintPtr = typeof(nint).MakePointerType();
        var loop = type.DefineMethod("Loop", MethodAttributes.Public | MethodAttributes.Static, typeof(void),
            [typeof(byte).MakePointerType().MakePointerType(), nintPtr, nintPtr, typeof(void).MakePointerType()]);
        loop.SetCustomAttribute(new CustomAttributeBuilder(typeof(UnmanagedCallersOnlyAttribute).GetConstructor(Type.EmptyTypes)!, []));
        EmitLoop(new IlWriter(loop.GetILGenerator()), kernel, plan, planId);
        var created = type.CreateType();
        return created.GetMethod("Loop")!.MethodHandle.GetFunctionPointer();
    }

    private static void EmitLoop(IlWriter il, MethodInfo kernel, IReadOnlyList<GufuncFactory.Argument> plan, int planId)
    {
        var views = il.DeclareLocal(typeof(nint[]));
        var error = il.DeclareLocal(typeof(Exception));
        il.BeginTry();
        il.Emit(OpCodes.Ldc_I4, planId);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Call, typeof(GufuncFactory).GetMethod(nameof(GufuncFactory.Open))!);
        il.Emit(OpCodes.Stloc, views);

        var pointers = new LocalBuilder[plan.Count];
        var steps = new LocalBuilder[plan.Count];
        var viewLocals = new LocalBuilder?[plan.Count];
        for (int k = 0; k < plan.Count; k++)
        {
            pointers[k] = il.DeclareLocal(typeof(nint));
            il.EmitLoadArgumentElement(0, k);
            il.Emit(OpCodes.Stloc, pointers[k]);
            steps[k] = il.DeclareLocal(typeof(nint));
            il.EmitLoadArgumentElement(2, k);
            il.Emit(OpCodes.Stloc, steps[k]);
            if (!plan[k].IsArray) continue;
            viewLocals[k] = il.DeclareLocal(typeof(nint));
            il.Emit(OpCodes.Ldloc, views);
            il.Emit(OpCodes.Ldc_I4, k);
            il.Emit(OpCodes.Ldelem_I);
            il.Emit(OpCodes.Stloc, viewLocals[k]!);
        }

        var index = il.DeclareLocal(typeof(long));
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Conv_I8);
        il.Emit(OpCodes.Stloc, index);
        il.EmitCountedLoop(index, 1, () =>
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldind_I);
            il.Emit(OpCodes.Conv_I8);
        }, () =>
        {
            for (int k = 0; k < plan.Count; k++)
            {
                if (viewLocals[k] is not { } view) continue;
                il.Emit(OpCodes.Ldloc, view);                 // view->data = p_k
                il.Emit(OpCodes.Ldc_I4, PyLayout.ArrayData);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Ldloc, pointers[k]);
                il.Emit(OpCodes.Stind_I);
            }
            for (int k = 0; k < plan.Count; k++)
            {
                if (viewLocals[k] is { } view) il.Emit(OpCodes.Ldloc, view);
                else
                {
                    il.Emit(OpCodes.Ldloc, pointers[k]);
                    IlMemory.EmitLoad(il, plan[k].Type);
                }
            }
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Conv_I8);                           // call depth
            il.Emit(OpCodes.Call, kernel);
            if (kernel.ReturnType != typeof(void)) il.Emit(OpCodes.Pop);
            for (int k = 0; k < plan.Count; k++)
            {
                il.Emit(OpCodes.Ldloc, pointers[k]);
                il.Emit(OpCodes.Ldloc, steps[k]);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Stloc, pointers[k]);
            }
        });
        il.Emit(OpCodes.Ldloc, views);
        il.Emit(OpCodes.Call, typeof(GufuncFactory).GetMethod(nameof(GufuncFactory.Close))!);
        il.BeginCatch(typeof(Exception));
        il.Emit(OpCodes.Stloc, error);
        il.Emit(OpCodes.Ldloc, views);
        il.Emit(OpCodes.Ldloc, error);
        il.Emit(OpCodes.Call, typeof(GufuncFactory).GetMethod(nameof(GufuncFactory.Fail))!);
        il.EndTry();
        il.Emit(OpCodes.Ret);
    }
}
