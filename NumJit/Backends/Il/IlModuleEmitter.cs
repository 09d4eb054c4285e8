using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

/// <summary>
/// The result of emitting one compilation: the managed entry wrapper the dispatcher calls, the
/// native [UnmanagedCallersOnly] entry of the specialization's own builtin function, and an IL listing.
/// </summary>
public sealed record IlModule(nint EntryPoint, nint BuiltinEntryPoint, MethodInfo Kernel, string Listing)
{
    /// <summary>Whether the kernel (or a function it calls) uses the Python bridge, so must run holding the GIL.</summary>
    public bool KernelNeedsGil { get; init; }

    /// <summary>Whether the entry releases the GIL around the kernel (nogil=True and no bridge use).</summary>
    public bool ReleasesGil { get; init; }

    /// <summary>The saved assembly, when the module was emitted to be cached (see <see cref="IlModuleLoader"/>).</summary>
    public byte[]? Image { get; init; }

    /// <summary>Calls the compiled function from .NET (tests, benchmarks): arguments as CLR values.</summary>
    public object? Call(params object?[] args) => Kernel.Invoke(null, [.. args, 0L]);
}

/// <summary>
/// Emits a compilation's functions as static methods of one dynamic type (so they call each
/// other, and themselves, directly) plus the entry wrapper for the first function. Methods are
/// marked AggressiveOptimization so they are compiled fully optimized on first call instead of
/// starting at tier 0. Given a <c>persistedName</c> the module is emitted with
/// PersistedAssemblyBuilder, saved, and loaded back: the same code, plus an image another process
/// can load without compiling (cache=True).
/// </summary>
public static class IlModuleEmitter
{
    private static int _counter;

    public static IlModule Emit(IReadOnlyList<IrFunction> functions, Compilation.CodeOptions options, string? persistedName = null)
    {
        int id = Interlocked.Increment(ref _counter);
        bool persisted = persistedName != null;
        AssemblyBuilder assembly = persisted
            ? new PersistedAssemblyBuilder(new AssemblyName(persistedName!), typeof(object).Assembly)
            : AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"NumJit.Compiled{id}"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Compiled");
        var type = module.DefineType(persisted ? IlModuleLoader.TypeName : $"Compiled{id}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var methods = new Dictionary<IrFunction, MethodInfo>();
        var builders = new List<(IrFunction Function, MethodBuilder Method)>();
        int index = 0;
        foreach (var function in functions)
        {
            // The trailing long is the call depth (see StackGuard).
            var method = type.DefineMethod($"{function.Name}_{index++}", MethodAttributes.Public | MethodAttributes.Static,
                ClrTypes.Return(function.ReturnType!), [.. function.ArgTypes.Select(ClrTypes.Of), typeof(long)]);
            method.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
            for (int i = 0; i < function.Parameters.Count; i++) method.DefineParameter(i + 1, ParameterAttributes.None, function.Parameters[i].Name);
            method.DefineParameter(function.Parameters.Count + 1, ParameterAttributes.None, "$depth");
            methods[function] = method;
            builders.Add((function, method));
        }
        // Whether a prange body must run holding the GIL is known only once every function is
        // emitted: a static field per body, set by the type initializer.
        var bodyNeedsGil = functions.Where(f => f.IsParallelBody).ToDictionary(f => f,
            f => (FieldInfo)type.DefineField("$needs_gil_" + methods[f].Name, typeof(bool), FieldAttributes.Public | FieldAttributes.Static));
        var listing = new StringBuilder();
        var usesBridge = new Dictionary<IrFunction, bool>();
        foreach (var (function, method) in builders)
        {
            var writer = new IlWriter(method.GetILGenerator()) { Relocatable = persisted };
            new IlFunctionEmitter(function, writer, methods, options, bodyNeedsGil).Emit();
            usesBridge[function] = writer.CallsPythonBridge;
            listing.Append($".method {method.Name} {function.Signature}\n").Append(writer.Listing).Append('\n');
        }
        bool needsGil = usesBridge.Values.Any(u => u);
        if (bodyNeedsGil.Count > 0) EmitTypeInitializer(type, bodyNeedsGil, NeedsGilTransitively(functions, usesBridge), listing);
        var entry = type.DefineMethod("Entry", MethodAttributes.Public | MethodAttributes.Static, typeof(nint),
            [typeof(nint).MakePointerType(), typeof(nint)]);
        entry.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
        var entryWriter = new IlWriter(entry.GetILGenerator());
        bool releasesGil = options.NoGil && !needsGil;
        IlEntryWrapperEmitter.Emit(entryWriter, functions[0], methods[functions[0]], releasesGil);
        listing.Append(".method Entry (args from Python)\n").Append(entryWriter.Listing);

        var builtin = type.DefineMethod("Builtin", MethodAttributes.Public | MethodAttributes.Static, typeof(nint),
            [typeof(nint), typeof(nint).MakePointerType(), typeof(nint)]);
        builtin.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute).GetConstructor(Type.EmptyTypes)!, []));
        var builtinWriter = new IlWriter(builtin.GetILGenerator());
        IlBuiltinWrapperEmitter.Emit(builtinWriter, entry);
        listing.Append("\n.method Builtin [UnmanagedCallersOnly] (METH_FASTCALL)\n").Append(builtinWriter.Listing);

        var created = type.CreateType();
        if (persisted)
        {
            var stream = new System.IO.MemoryStream();
            ((PersistedAssemblyBuilder)assembly).Save(stream);
            byte[] image = stream.ToArray();
            return IlModuleLoader.Load(persistedName!, image, builders[0].Method.Name, needsGil, releasesGil)
                with { Listing = listing.ToString(), Image = image };
        }
        // Initialised now, so RyuJIT compiles the kernels with the prange GIL flags as constants.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(created.TypeHandle);
        var entryMethod = created.GetMethod("Entry")!;
        var kernel = created.GetMethod(builders[0].Method.Name)!;
        return new IlModule(entryMethod.MethodHandle.GetFunctionPointer(),
            created.GetMethod("Builtin")!.MethodHandle.GetFunctionPointer(), kernel, listing.ToString())
        {
            KernelNeedsGil = needsGil,
            ReleasesGil = releasesGil,
        };
    }

    /// <summary>Which functions use the Python bridge themselves or through the functions they call.</summary>
    private static HashSet<IrFunction> NeedsGilTransitively(IReadOnlyList<IrFunction> functions, Dictionary<IrFunction, bool> usesBridge)
    {
        var calls = functions.ToDictionary(f => f, f => IrVariableUses.Calls(f.Body));
        var needing = functions.Where(f => usesBridge[f]).ToHashSet();
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var f in functions)
                if (!needing.Contains(f) && calls[f].Any(needing.Contains)) grew = needing.Add(f) | grew;
        }
        return needing;
    }

    private static void EmitTypeInitializer(TypeBuilder type, Dictionary<IrFunction, FieldInfo> fields, HashSet<IrFunction> needing,
        StringBuilder listing)
    {
        var initializer = type.DefineTypeInitializer();
        var il = new IlWriter(initializer.GetILGenerator());
        foreach (var (body, field) in fields)
        {
            il.Emit(needing.Contains(body) ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Stsfld, field);
        }
        il.Emit(OpCodes.Ret);
        listing.Append(".method .cctor (prange bodies that must hold the GIL)\n").Append(il.Listing).Append('\n');
    }
}
