using System.Text;
using NumJit.IR;

namespace NumJit.Gpu.Backends;

/// <summary>
/// What every GPU emitter reads off a kernel's typed IR the same way: the functions' names in
/// the emitted text (prefixed, as "kernel" and "global" are OpenCL keywords), the no-recursion
/// rule, the launch parameters, and the arrays the kernel declares with their byte strides.
/// </summary>
public static class GpuKernelIr
{
    public static string Kernel(IrFunction kernel) => "nj_" + Sanitize(kernel.Name);

    /// <summary>functions[1..] (the device functions) by name; the index keeps overloads apart.</summary>
    public static Dictionary<IrFunction, string> DeviceFunctions(IReadOnlyList<IrFunction> functions)
    {
        var names = new Dictionary<IrFunction, string>();
        for (int i = 1; i < functions.Count; i++) names[functions[i]] = $"nj_{Sanitize(functions[i].Name)}_{i}";
        return names;
    }

    public static void RejectRecursion(IrFunction function)
    {
        if (IrVariableUses.Calls(function.Body).Contains(function))
            throw new CompilerError("UnsupportedError", $"{function.Name} calls itself; GPU code cannot recurse");
    }

    /// <summary>The kernel's parameters in launch order.</summary>
    public static List<KernelParameter> Parameters(IrFunction kernel) => kernel.Parameters.Select(p => new KernelParameter(p.Name, p.Type)).ToList();

    /// <summary>Every cuda.shared/local.array assignment in a body, outside-in.</summary>
    public static IEnumerable<(IrVariable Variable, IrGpuArrayAlloc Alloc)> ArrayAllocations(IrStmt statement)
    {
        switch (statement)
        {
            case IrAssign { Value: IrGpuArrayAlloc alloc } assign:
                yield return (assign.Target, alloc);
                break;
            case IrBlock block:
                foreach (var s in block.Statements) foreach (var a in ArrayAllocations(s)) yield return a;
                break;
            case IrIf i:
                foreach (var a in ArrayAllocations(i.Then).Concat(ArrayAllocations(i.Else))) yield return a;
                break;
            case IrWhile w:
                foreach (var a in ArrayAllocations(w.Body).Concat(ArrayAllocations(w.OrElse))) yield return a;
                break;
        }
    }

    /// <summary>
    /// The static shared arrays the device functions a function calls declare, directly or
    /// further down, each once, in call order. Like numba's, a device function's shared array is
    /// one per block, whichever call reaches it; OpenCL can only declare it in the kernel, which
    /// passes it down the calls. With the function's own (for a device function), first.
    /// </summary>
    public static List<(IrFunction Owner, IrVariable Variable, IrGpuArrayAlloc Alloc)> DeviceSharedArrays(IrFunction function, bool includeOwn)
    {
        var found = new List<(IrFunction, IrVariable, IrGpuArrayAlloc)>();
        var seen = new HashSet<IrFunction>();
        void Visit(IrFunction f, bool own)
        {
            if (!seen.Add(f)) return;
            if (own)
                foreach (var (variable, alloc) in ArrayAllocations(f.Body).Where(a => a.Alloc.Space == GpuMemorySpace.Shared))
                {
                    if (alloc.IsDynamic)
                        throw new CompilerError("UnsupportedError", $"{f.Name}: dynamic shared memory (cuda.shared.array(0, ...)) in a device function is not " +
                            "supported; declare it in the kernel and pass it in");
                    if (!found.Any(a => a.Item2 == variable)) found.Add((f, variable, alloc));
                }
            foreach (var callee in IrVariableUses.Nodes(f.Body).OfType<IrCall>().Select(c => c.Target).Distinct()) Visit(callee, own: true);
        }
        Visit(function, includeOwn);
        return found;
    }

    /// <summary>
    /// Binds an array variable to the one array it names (a parameter, a shared or a local
    /// array, as each emitter views it): GPU code has no array objects to pass around, so a
    /// variable naming two different arrays is unsupported.
    /// </summary>
    public static void BindArrayVariable<TView>(Dictionary<IrVariable, TView> arrays, IrFunction function, IrVariable target, TView view)
        where TView : class
    {
        if (arrays.TryGetValue(target, out var previous) && !previous.Equals(view))
            throw new CompilerError("UnsupportedError", $"{function.Name}: the array variable '{target.Name}' refers to different arrays; GPU code needs one per variable");
        arrays[target] = view;
    }

    /// <summary>An array value GPU code cannot name at compile time (a slice, a call's result, ...).</summary>
    public static CompilerError UnsupportedArrayValue(IrFunction function, IrExpr value) =>
        new("UnsupportedError", $"{function.Name}: array values other than parameters, shared and local arrays " +
            $"(here {value.GetType().Name[2..]}) are not supported in GPU code");

    /// <summary>Byte strides of a C-ordered cuda.shared/local array.</summary>
    public static long[] ContiguousStrides(IrGpuArrayAlloc alloc, long itemSize)
    {
        var strides = new long[alloc.Shape.Count];
        for (int d = alloc.Shape.Count - 1; d >= 0; d--)
        {
            strides[d] = itemSize;
            itemSize *= alloc.Shape[d];
        }
        return strides;
    }

    public static string Sanitize(string name)
    {
        var text = new StringBuilder();
        foreach (char c in name) text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return text.ToString();
    }
}
