using NumJit.IR.Types;

namespace NumJit.IR;

/// <summary>Which launch coordinate an <see cref="IrGpuIndex"/> reads (CUDA's names).</summary>
public enum GpuIndexKind { ThreadIdx, BlockIdx, BlockDim, GridDim }

/// <summary>Where a kernel-allocated array lives: one per block (shared) or one per thread (local).</summary>
public enum GpuMemorySpace { Shared, Local }

public enum GpuAtomicOp { Add, Sub, Max, Min, CompareAndSwap }

// Nodes only a GPU kernel (or a device function it calls) contains. The CPU backend never sees
// them: the binder creates them only when the specializer compiles for a GPU target.

/// <summary>threadIdx.x and friends, as int64 (CUDA's are 32-bit; widening spares overflow checks).</summary>
public sealed record IrGpuIndex(GpuIndexKind Kind, int Dimension) : IrExpr(NjTypes.Int64);

/// <summary>cuda.syncthreads(): every thread of the block waits here; shared memory writes before it are visible after.</summary>
public sealed record IrGpuBarrier() : IrExpr(NjTypes.None);

/// <summary>
/// An array the kernel declares: <c>cuda.shared.array(shape, dtype)</c> or <c>cuda.local.array</c>.
/// Shape is constant; a shared array of size 0 is the launch's dynamic shared memory.
/// </summary>
public sealed record IrGpuArrayAlloc(GpuMemorySpace Space, IReadOnlyList<long> Shape, ArrayType ArrayType) : IrExpr(ArrayType)
{
    public bool IsDynamic => Space == GpuMemorySpace.Shared && Shape.Count == 1 && Shape[0] == 0;
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// cuda.atomic.op(array, index, value): updates one element atomically and yields its old value.
/// For CompareAndSwap, <see cref="Compare"/> is the expected value and <see cref="Value"/> the new one.
/// </summary>
public sealed record IrGpuAtomic(GpuAtomicOp Op, IrExpr Array, IReadOnlyList<IrExpr> Indices, IrExpr Value, IrExpr? Compare, NjType Type)
    : IrExpr(Type);
