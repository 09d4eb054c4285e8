using System.Reflection;
using System.Reflection.Emit;
using NumJit.Backends.Il;

namespace NumJit.Gpu.Backends.Simulator;

/// <summary>Calls a simulated kernel with its launch arguments: one 8-byte slot each (an array header or a scalar's bits).</summary>
public unsafe delegate void SimulatedKernelEntry(ulong* args);

/// <summary>
/// Emits the small method the simulator calls once per GPU thread: it loads each argument from
/// its slot as the kernel's parameter type and calls the kernel compiled by the IL backend (a
/// static delegate call, where reflection would cost a microsecond a thread).
/// </summary>
public static class KernelTrampoline
{
    public static SimulatedKernelEntry Create(MethodInfo kernel, IReadOnlyList<KernelParameter> parameters)
    {
        var method = new DynamicMethod("sim_" + kernel.Name, typeof(void), [typeof(ulong*)], typeof(KernelTrampoline).Module, skipVisibility: true);
        var il = new IlWriter(method.GetILGenerator());
        for (int i = 0; i < parameters.Count; i++)
        {
            il.Emit(OpCodes.Ldarg_0);
            if (i > 0)
            {
                il.Emit(OpCodes.Ldc_I4, 8 * i);
                il.Emit(OpCodes.Add);
            }
            if (parameters[i].Array != null) il.Emit(OpCodes.Ldind_I);
            else IlMemory.EmitLoad(il, parameters[i].Type);   // little-endian: a narrower value is the slot's low bytes
        }
        il.Emit(OpCodes.Ldc_I8, 0L);   // call depth
        il.Emit(OpCodes.Call, kernel);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<SimulatedKernelEntry>();
    }
}
