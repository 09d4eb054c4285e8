namespace NumJit.IR;

/// <summary>
/// <c>for i in prange(start, stop)</c> under parallel=True: <see cref="Body"/> is the loop
/// outlined into a function of (lo, hi, context, chunk) that runs iterations [lo, hi). The
/// caller's <see cref="Context"/> points at a buffer of 8-byte slots, allocated once per call of
/// the enclosing function. The caller stores <see cref="Captured"/> in the first slots (see
/// <see cref="SlotCount"/>) and the runtime runs chunks of the range on its threads, setting
/// <see cref="Chunks"/>. Each chunk leaves its partial <see cref="Reductions"/> in the slots after
/// the captured ones; statements the binder emits after this one fold them, in chunk order, into
/// the variables.
/// </summary>
public sealed record IrParallelFor(IrFunction Body, IrExpr Start, IrExpr Stop, IReadOnlyList<IrVariable> Captured,
    IReadOnlyList<IrReduction> Reductions, IrVariable Context, IrVariable Chunks) : IrStmt
{
    /// <summary>How many 8-byte context slots a value of this type takes.</summary>
    public static int SlotCount(Types.NjType type) => type is Types.ComplexType ? 2 : 1;

    public int CapturedSlots => Captured.Sum(v => SlotCount(v.Type));

    public int ReductionSlots => Reductions.Sum(r => SlotCount(r.Variable.Type));
}

/// <summary>A prange reduction variable and how partial results combine (Sum also covers <c>-=</c>).</summary>
public sealed record IrReduction(IrVariable Variable, ReductionOp Op);

/// <summary>Reads a value from 8-byte slot <see cref="Slot"/> of the context at address <see cref="Base"/>.</summary>
public sealed record IrSlotLoad(IrExpr Base, IrExpr Slot, Types.NjType SlotType) : IrExpr(SlotType);

/// <summary>Writes a value into 8-byte slot <see cref="Slot"/> of the context at address <see cref="Base"/>.</summary>
public sealed record IrSlotStore(IrExpr Base, IrExpr Slot, IrExpr Value) : IrStmt;
