using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

/// <summary>
/// A numpy ufunc inner loop around a compiled scalar kernel:
///   [UnmanagedCallersOnly] void Loop(byte** args, nint* dims, nint* steps, void* data)
///   { try { Range(args, steps, 0, dims[0]) (or UfuncFactory.ParallelFor for target='parallel', or
///           UfuncFactory.HoldingGil for kernels that use the Python bridge: numpy runs loops without the GIL) }
///     catch (Exception e) { UfuncFactory.Report(e) } }
///   void Range(byte** args, nint* steps, long start, long end)
///   { for (i = start; i &lt; end; i++) *(R*)(args[n] + i*steps[n]) = kernel(*(T0*)(args[0] + i*steps[0]), ..., depth 0) }
/// </summary>
public static class IlUfuncLoopEmitter
{
    private static int _counter;

    public static nint Emit(MethodInfo kernel, IrFunction function, bool parallel, bool needsGil)
    {
        int id = Interlocked.Increment(ref _counter);
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"NumJit.Ufunc{id}"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("Ufunc").DefineType($"Ufunc{id}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var bytePtrPtr = typeof(byte).MakePointerType().MakePointerType();
        var nintPtr = typeof(nint).MakePointerType();

        var range = type.DefineMethod("Range", MethodAttributes.Public | MethodAttributes.Static, typeof(void),
            [bytePtrPtr, nintPtr, typeof(long), typeof(long)]);
        range.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
        EmitRange(new IlWriter(range.GetILGenerator()), kernel, function);

        var loop = type.DefineMethod("Loop", MethodAttributes.Public | MethodAttributes.Static, typeof(void),
            [bytePtrPtr, nintPtr, nintPtr, typeof(void).MakePointerType()]);
        loop.SetCustomAttribute(new CustomAttributeBuilder(typeof(UnmanagedCallersOnlyAttribute).GetConstructor(Type.EmptyTypes)!, []));
        var il = new IlWriter(loop.GetILGenerator());
        il.BeginTry();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_2);
        if (parallel || needsGil)
        {
            var swap = il.DeclareLocal(typeof(nint));
            il.Emit(OpCodes.Stloc, swap);
            var args = il.DeclareLocal(bytePtrPtr);
            il.Emit(OpCodes.Stloc, args);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldind_I);
            il.Emit(OpCodes.Conv_I8);
            il.Emit(OpCodes.Ldftn, range);
            il.Emit(OpCodes.Ldloc, args);
            il.Emit(OpCodes.Ldloc, swap);
            il.Emit(OpCodes.Call, typeof(UfuncFactory).GetMethod(needsGil ? nameof(UfuncFactory.HoldingGil) : nameof(UfuncFactory.ParallelFor))!);
        }
        else
        {
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Conv_I8);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldind_I);
            il.Emit(OpCodes.Conv_I8);
            il.Emit(OpCodes.Call, range);
        }
        il.BeginCatch(typeof(Exception));
        il.Emit(OpCodes.Call, typeof(UfuncFactory).GetMethod(nameof(UfuncFactory.Report))!);
        il.EndTry();
        il.Emit(OpCodes.Ret);

        var created = type.CreateType();
        return created.GetMethod("Loop")!.MethodHandle.GetFunctionPointer();
    }

    /// <summary>
    /// Pointers and steps are read once, then bumped per element:
    ///   p_k = args[k] + start * steps[k]; for (i = start; i &lt; end; i++) { *p_out = kernel(*p_0, ...); p_k += steps[k] }
    /// </summary>
    private static void EmitRange(IlWriter il, MethodInfo kernel, IrFunction function)
    {
        int nin = function.ArgTypes.Count;
        var pointers = new LocalBuilder[nin + 1];
        var steps = new LocalBuilder[nin + 1];
        for (int k = 0; k <= nin; k++)
        {
            steps[k] = il.DeclareLocal(typeof(nint));
            il.EmitLoadArgumentElement(1, k);
            il.Emit(OpCodes.Stloc, steps[k]);
            pointers[k] = il.DeclareLocal(typeof(nint));
            il.EmitLoadArgumentElement(0, k);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Ldloc, steps[k]);
            il.Emit(OpCodes.Mul);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc, pointers[k]);
        }
        var index = il.DeclareLocal(typeof(long));
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Stloc, index);
        EmitVectorPrefix(il, function, pointers, steps, index);
        il.EmitCountedLoop(index, 1, () => il.Emit(OpCodes.Ldarg_3), () =>
        {
            il.Emit(OpCodes.Ldloc, pointers[nin]);               // the output's address first
            for (int k = 0; k < nin; k++)
            {
                il.Emit(OpCodes.Ldloc, pointers[k]);
                IlMemory.EmitLoad(il, function.ArgTypes[k]);
            }
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Conv_I8);                           // call depth
            il.Emit(OpCodes.Call, kernel);
            IlMemory.EmitStore(il, function.ReturnType!);
            for (int k = 0; k <= nin; k++)
            {
                il.Emit(OpCodes.Ldloc, pointers[k]);
                il.Emit(OpCodes.Ldloc, steps[k]);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Stloc, pointers[k]);
            }
        });
        il.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// For a kernel whose body is <c>return f(params)</c> with a Vector256 form, and unit-stride
    /// operands at run time: W elements per iteration, leaving index and pointers where the
    /// scalar loop continues. Nothing is emitted for other kernels.
    /// </summary>
    private static void EmitVectorPrefix(IlWriter il, IrFunction function, LocalBuilder[] pointers, LocalBuilder[] steps, LocalBuilder index)
    {
        if (function.Body.Statements is not [IrReturn { Value: { } value }]) return;
        var dtype = function.ReturnType!;
        if (dtype is not FloatType || function.ArgTypes.Any(t => t != dtype)) return;
        var body = ToElements(value, function.Parameters);
        if (body == null || !IlVectorizer.CanVectorize(body, dtype, fastMath: false, _ => true)) return;
        var vectorizer = new IlVectorizer(il, ClrTypes.Of(dtype));
        int size = Typing.FunctionBinder.ItemSize(dtype);
        var skip = il.DefineLabel();
        il.Emit(OpCodes.Call, typeof(System.Runtime.Intrinsics.Vector256).GetProperty("IsHardwareAccelerated")!.GetMethod!);
        il.Emit(OpCodes.Brfalse, skip);
        foreach (var step in steps)
        {
            il.Emit(OpCodes.Ldloc, step);
            il.Emit(OpCodes.Ldc_I4, size);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Bne_Un, skip);
        }
        // Two vectors per iteration: the second's divisions and loads overlap the first's.
        foreach (int unroll in new[] { 2, 1 })
        {
            il.EmitCountedLoop(index, unroll * vectorizer.Width, () => il.Emit(OpCodes.Ldarg_3), () =>
            {
                for (int u = 0; u < unroll; u++)
                {
                    int offset = u * size * vectorizer.Width;
                    EmitVector(il, vectorizer, body, pointers, offset);
                    EmitAddress(il, pointers[^1], offset);
                    vectorizer.EmitStore();
                }
                foreach (var pointer in pointers)
                {
                    il.Emit(OpCodes.Ldloc, pointer);
                    il.Emit(OpCodes.Ldc_I4, unroll * size * vectorizer.Width);
                    il.Emit(OpCodes.Conv_I);
                    il.Emit(OpCodes.Add);
                    il.Emit(OpCodes.Stloc, pointer);
                }
            });
        }
        il.MarkLabel(skip);
    }

    /// <summary>The body with parameter k read as element k (null if it reads anything else).</summary>
    private static IrExpr? ToElements(IrExpr e, IReadOnlyList<IrVariable> parameters) => e switch
    {
        IrConstant => e,
        IrLoad l when parameters.Contains(l.Variable) => new IrElementRef(parameters.ToList().IndexOf(l.Variable), l.Type),
        IrBinary b => ToElements(b.Left, parameters) is { } l2 && ToElements(b.Right, parameters) is { } r2 ? b with { Left = l2, Right = r2 } : null,
        IrUnary u => ToElements(u.Operand, parameters) is { } x ? u with { Operand = x } : null,
        IrIntrinsicCall { Args.Count: 1 } i => ToElements(i.Args[0], parameters) is { } a ? i with { Args = [a] } : null,
        _ => null,
    };

    private static void EmitAddress(IlWriter il, LocalBuilder pointer, int offset)
    {
        il.Emit(OpCodes.Ldloc, pointer);
        if (offset == 0) return;
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Add);
    }

    private static void EmitVector(IlWriter il, IlVectorizer vectorizer, IrExpr e, LocalBuilder[] pointers, int offset)
    {
        switch (e)
        {
            case IrConstant c:
                if (c.Type == NjTypes.Float32) il.Emit(OpCodes.Ldc_R4, System.Convert.ToSingle(c.Value));
                else il.Emit(OpCodes.Ldc_R8, System.Convert.ToDouble(c.Value));
                vectorizer.EmitSplat();
                break;
            case IrElementRef r:
                EmitAddress(il, pointers[r.Input], offset);
                vectorizer.EmitLoad();
                break;
            case IrBinary b:
                EmitVector(il, vectorizer, b.Left, pointers, offset);
                EmitVector(il, vectorizer, b.Right, pointers, offset);
                vectorizer.EmitBinary(b.Op);
                break;
            case IrUnary u:
                EmitVector(il, vectorizer, u.Operand, pointers, offset);
                vectorizer.EmitNegate();
                break;
            case IrIntrinsicCall i:
                EmitVector(il, vectorizer, i.Args[0], pointers, offset);
                vectorizer.EmitIntrinsic(i.Intrinsic);
                break;
        }
    }
}
