using System.Text;
using NumJit.IR;

namespace NumJit.Gpu.Backends;

/// <summary>
/// What every GPU emitter shares about a kernel's functions: their names in the emitted text
/// (prefixed, as "kernel" and "global" are OpenCL keywords), the no-recursion rule, and the
/// byte strides of kernel-declared arrays.
/// </summary>
public static class GpuNames
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
