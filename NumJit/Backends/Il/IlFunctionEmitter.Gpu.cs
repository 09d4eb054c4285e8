using System.Reflection.Emit;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Runtime.GpuSimulation;
using NumJit.Typing;

namespace NumJit.Backends.Il;

/// <summary>
/// GPU nodes as IL, for the GPU simulator: coordinates, the barrier and kernel-declared arrays
/// become calls into <see cref="GpuSimulation"/>, atomics into <see cref="SimulatedAtomics"/>.
/// The CPU target never contains these nodes (the binder creates them for GPU targets only).
/// </summary>
public sealed partial class IlFunctionEmitter
{
    private void EmitGpu(IrExpr e)
    {
        // Array sites are numbered in this process: such code cannot be cached for another one.
        if (_il.Relocatable) throw new NotRelocatableException("it is GPU simulator code");
        switch (e)
        {
            case IrGpuIndex index:
                _il.Emit(OpCodes.Ldc_I4, (int)index.Kind);
                _il.Emit(OpCodes.Ldc_I4, index.Dimension);
                _il.Emit(OpCodes.Call, typeof(GpuSimulation).GetMethod(nameof(GpuSimulation.Index))!);
                break;
            case IrGpuBarrier:
                _il.Emit(OpCodes.Call, typeof(GpuSimulation).GetMethod(nameof(GpuSimulation.SyncThreads))!);
                _il.Emit(OpCodes.Ldc_I4_0);   // the None every expression leaves
                break;
            case IrGpuArrayAlloc alloc:
                int site = SimulatedArrays.Register([.. alloc.Shape], FunctionBinder.ItemSize(alloc.ArrayType.DType), alloc.IsDynamic);
                _il.Emit(OpCodes.Ldc_I4, site);
                _il.Emit(OpCodes.Call, typeof(GpuSimulation).GetMethod(alloc.Space == GpuMemorySpace.Shared
                    ? nameof(GpuSimulation.SharedArray) : nameof(GpuSimulation.LocalArray))!);
                break;
            case IrGpuAtomic atomic:
                EmitElementAddress(atomic.Array, atomic.Indices, wrapNegative: true);
                if (atomic.Compare != null) EmitExpr(atomic.Compare);
                EmitExpr(atomic.Value);
                var method = typeof(SimulatedAtomics).GetMethod(atomic.Op.ToString())!;
                _il.Emit(OpCodes.Call, method.MakeGenericMethod(ClrTypes.Of(atomic.Type)));
                break;
            default:
                throw new InvalidOperationException($"no IL for {e.GetType().Name}");
        }
    }
}
