using System.Reflection.Emit;
using NumJit.IR;
using NumJit.Runtime;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    private const int SlotSize = 8;

    /// <summary>
    /// Gives each prange loop of the function its context buffer on the stack, once on entry (a
    /// loop inside another loop reuses it): captured slots, then one set of reduction slots per
    /// possible chunk. localloc needs an empty stack outside any try block, hence here.
    /// </summary>
    private void AllocateParallelContexts(IrStmt statement)
    {
        switch (statement)
        {
            case IrBlock b:
                foreach (var s in b.Statements) AllocateParallelContexts(s);
                break;
            case IrIf i:
                AllocateParallelContexts(i.Then);
                AllocateParallelContexts(i.Else);
                break;
            case IrWhile w:
                AllocateParallelContexts(w.Body);
                AllocateParallelContexts(w.OrElse);
                break;
            case IrParallelFor p:
                _il.Emit(OpCodes.Ldsfld, typeof(ParallelRuntime).GetField(nameof(ParallelRuntime.MaxThreads))!);
                _il.Emit(OpCodes.Conv_I8);
                _il.Emit(OpCodes.Ldc_I8, (long)p.ReductionSlots);
                _il.Emit(OpCodes.Mul);
                _il.Emit(OpCodes.Ldc_I8, (long)p.CapturedSlots + 1);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Ldc_I8, (long)SlotSize);
                _il.Emit(OpCodes.Mul);
                _il.Emit(OpCodes.Conv_U);
                _il.Emit(OpCodes.Localloc);
                _il.Emit(OpCodes.Conv_U8);
                Store(p.Context);
                break;
        }
    }

    /// <summary>Stores the captured values in the context and runs the chunks; the binder's statements after it fold the reductions.</summary>
    private void EmitParallelFor(IrParallelFor loop)
    {
        int slot = 0;
        foreach (var v in loop.Captured)
        {
            EmitSlotAddress(new IrLoad(loop.Context), new IrConstant((long)slot, IR.Types.NjTypes.Int64));
            Load(v);
            _il.Emit(OpCodes.Stobj, ClrTypes.Of(v.Type));
            slot += IrParallelFor.SlotCount(v.Type);
        }
        EmitExpr(loop.Start);
        EmitExpr(loop.Stop);
        _il.Emit(OpCodes.Ldftn, _methods[loop.Body]);
        Load(loop.Context);
        _il.Emit(OpCodes.Ldsfld, _bodyNeedsGil[loop.Body]);
        _il.Emit(OpCodes.Call, typeof(ParallelRuntime).GetMethod(nameof(ParallelRuntime.For))!);
        Store(loop.Chunks);
    }

    /// <summary>Pushes base + slot * 8 as a native pointer.</summary>
    private void EmitSlotAddress(IrExpr @base, IrExpr slot)
    {
        EmitExpr(@base);
        EmitExpr(slot);
        _il.Emit(OpCodes.Ldc_I8, (long)SlotSize);
        _il.Emit(OpCodes.Mul);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Conv_I);
    }
}
