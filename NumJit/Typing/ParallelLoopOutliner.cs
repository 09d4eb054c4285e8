using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

/// <summary>
/// Turns the bound body of a prange loop into an <see cref="IrParallelFor"/> and its outlined
/// function. Each variable the body mentions falls in one of three classes:
/// - captured: read but never written; copied into the context before the loop;
/// - private: written before it is read on every path through an iteration (the loop variable,
///   temporaries); each chunk has its own;
/// - reduction: updated only by <c>v = v + e</c>, <c>v - e</c>, <c>v * e</c>, <c>min(v, e)</c> or
///   <c>max(v, e)</c> (one family per variable) and mentioned nowhere else; each chunk starts
///   from the operation's identity and the caller folds the partial results in chunk order.
/// Anything else is carried from one iteration to the next, which chunks running at once cannot
/// honour: it is rejected, naming the variable.
/// </summary>
public sealed class ParallelLoopOutliner(Func<string, Exception> unsupported)
{
    public sealed record Result(IrParallelFor Loop, IReadOnlyList<IrStmt> Combine);

    /// <summary>
    /// <paramref name="body"/> runs one iteration with <paramref name="index"/> holding the next
    /// value (its first statements assign the loop variable and advance the index).
    /// <paramref name="newTemp"/> makes a temporary of the enclosing function.
    /// <paramref name="createsArrays"/>: whether binding the body created arrays (the outlined
    /// function then needs the arena, and so the GIL).
    /// </summary>
    public Result Outline(IrFunction parent, int ordinal, IrVariable index, IrExpr start, IrExpr stop, IReadOnlyList<IrStmt> body,
        Func<NjType, IrVariable> newTemp, bool createsArrays, bool arrayExpression = false)
    {
        var block = new IrBlock(body);
        CheckControlFlow(block, nested: false);
        var written = new HashSet<IrVariable>();
        var mentioned = new List<IrVariable>();
        var seen = new HashSet<IrVariable>();
        IrVariableUses.Walk(block, (v, isWrite) =>
        {
            if (isWrite) written.Add(v);
            if (seen.Add(v)) mentioned.Add(v);
        });
        written.Add(index);
        var reductions = new List<IrReduction>();
        foreach (var v in mentioned)
        {
            if (v == index || !written.Contains(v)) continue;
            ReductionOp? op = null;
            if (OnlyReductionUses(block, v, ref op) && op != null)
            {
                if (v.Type is not (IntegerType or FloatType))
                    throw unsupported($"the prange reduction variable '{v.Name}' has type {v.Type}; reductions need an integer or float");
                reductions.Add(new IrReduction(v, op.Value));
            }
        }
        var reduced = reductions.Select(r => r.Variable).ToHashSet();
        var carried = new HashSet<IrVariable>(written.Where(v => !reduced.Contains(v)));
        FindCarried(block.Statements, new HashSet<IrVariable> { index }, carried);
        var captured = mentioned.Where(v => !written.Contains(v)).ToList();
        foreach (var v in captured)
            if (v.Type is not (IntegerType or FloatType or BooleanType or ComplexType or ArrayType))
                throw unsupported($"prange loops cannot use the {v.Type} value '{v.Name}' from outside the loop; " +
                                  "numbers and arrays can be");

        var lo = new IrVariable("$lo", NjTypes.Int64, isParameter: true);
        var hi = new IrVariable("$hi", NjTypes.Int64, isParameter: true);
        var context = new IrVariable("$context", NjTypes.Int64, isParameter: true);
        var chunk = new IrVariable("$chunk", NjTypes.Int64, isParameter: true);
        var statements = new List<IrStmt>();
        int slot = 0;
        foreach (var v in captured)
        {
            statements.Add(new IrAssign(v, new IrSlotLoad(new IrLoad(context), Int(slot), v.Type)));
            slot += IrParallelFor.SlotCount(v.Type);
        }
        foreach (var r in reductions) statements.Add(new IrAssign(r.Variable, Identity(r)));
        statements.Add(new IrAssign(index, new IrLoad(lo)));
        IrStmt chunkLoop = new IrWhile(new IrCompare(IrCompareOp.Lt, new IrLoad(index), new IrLoad(hi)), block, IrBlock.Empty);
        // Each chunk may run with vector instructions, as a serial range loop would.
        if (body.Count > 2 && body[0] is IrAssign { Value: IrLoad first } head && first.Variable == index)
            chunkLoop = LoopVectorization.TryCreate(head.Target, new IrLoad(index), new IrLoad(hi), body.Skip(2).ToList(), chunkLoop)
                is { } vector ? vector with { ArrayExpression = arrayExpression } : chunkLoop;
        statements.Add(chunkLoop);
        int capturedSlots = slot, reductionSlots = reductions.Sum(r => IrParallelFor.SlotCount(r.Variable.Type));
        int offset = 0;
        foreach (var r in reductions)
        {
            statements.Add(new IrSlotStore(new IrLoad(context), PartialSlot(capturedSlots, reductionSlots, new IrLoad(chunk), offset), new IrLoad(r.Variable)));
            offset += IrParallelFor.SlotCount(r.Variable.Type);
        }
        var function = new IrFunction($"{parent.Name}$prange{ordinal}", $"{parent.QualifiedName}.<prange {ordinal}>",
            [NjTypes.Int64, NjTypes.Int64, NjTypes.Int64, NjTypes.Int64])
        {
            IsParallelBody = true,
            ReturnType = NjTypes.None,
            Parameters = [lo, hi, context, chunk],
            Locals = mentioned.Append(index).Distinct().ToList(),
            Body = new IrBlock(statements),
            MakesCalls = IrVariableUses.Calls(block).Count > 0,
            CreatesArrays = createsArrays,
        };

        var contextOut = newTemp(NjTypes.Int64);
        var chunks = newTemp(NjTypes.Int64);
        var loop = new IrParallelFor(function, start, stop, captured, reductions, contextOut, chunks);
        return new Result(loop, Combine(reductions, contextOut, chunks, capturedSlots, reductionSlots, newTemp));
    }

    /// <summary>for $c in range(chunks): v = v op partial(c), for each reduction.</summary>
    private static List<IrStmt> Combine(IReadOnlyList<IrReduction> reductions, IrVariable context, IrVariable chunks,
        int capturedSlots, int reductionSlots, Func<NjType, IrVariable> newTemp)
    {
        if (reductions.Count == 0) return [];
        var c = newTemp(NjTypes.Int64);
        var body = new List<IrStmt> { new IrAssign(c, Plus(new IrLoad(c), Int(1))) };
        int offset = 0;
        foreach (var r in reductions)
        {
            // c was advanced first (so continue-free), hence chunk c - 1.
            var partial = new IrSlotLoad(new IrLoad(context),
                PartialSlot(capturedSlots, reductionSlots, Plus(new IrLoad(c), Int(-1)), offset), r.Variable.Type);
            body.Add(new IrAssign(r.Variable, Apply(r, new IrLoad(r.Variable), partial)));
            offset += IrParallelFor.SlotCount(r.Variable.Type);
        }
        return
        [
            new IrAssign(c, Int(0)),
            new IrWhile(new IrCompare(IrCompareOp.Lt, new IrLoad(c), new IrLoad(chunks)), new IrBlock(body), IrBlock.Empty),
        ];
    }

    private static IrExpr Apply(IrReduction r, IrExpr total, IrExpr partial) => r.Op switch
    {
        ReductionOp.Sum => new IrBinary(IrBinaryOp.Add, total, partial, r.Variable.Type),
        ReductionOp.Product => new IrBinary(IrBinaryOp.Mul, total, partial, r.Variable.Type),
        ReductionOp.Min => new IrIntrinsicCall(Intrinsic.Min, [total, partial], r.Variable.Type),
        _ => new IrIntrinsicCall(Intrinsic.Max, [total, partial], r.Variable.Type),
    };

    private static IrExpr PartialSlot(int capturedSlots, int reductionSlots, IrExpr chunk, int offset) =>
        Plus(new IrBinary(IrBinaryOp.Mul, chunk, Int(reductionSlots), NjTypes.Int64), Int(capturedSlots + offset));

    private static IrExpr Plus(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Add, a, b, NjTypes.Int64);

    private static IrConstant Int(long value) => new(value, NjTypes.Int64);

    private static IrConstant Identity(IrReduction r)
    {
        var type = r.Variable.Type;
        if (type is FloatType f)
        {
            double value = r.Op switch
            {
                ReductionOp.Sum => 0.0, ReductionOp.Product => 1.0,
                ReductionOp.Min => double.PositiveInfinity, _ => double.NegativeInfinity,
            };
            return new IrConstant(f.Bits == 32 ? (object)(float)value : value, type);
        }
        var integer = (IntegerType)type;
        if (!integer.Signed)
            return new IrConstant(r.Op switch
            {
                ReductionOp.Sum => 0UL, ReductionOp.Product => 1UL,
                ReductionOp.Min => integer.Bits == 64 ? ulong.MaxValue : (1UL << integer.Bits) - 1, _ => 0UL,
            }, type);
        long max = integer.Bits == 64 ? long.MaxValue : (1L << (integer.Bits - 1)) - 1;
        return new IrConstant(r.Op switch
        {
            ReductionOp.Sum => 0L, ReductionOp.Product => 1L, ReductionOp.Min => max, _ => -max - 1,
        }, type);
    }

    /// <summary>Whether every mention of <paramref name="v"/> is a reduction update of one family.</summary>
    private static bool OnlyReductionUses(IrStmt statement, IrVariable v, ref ReductionOp? op)
    {
        switch (statement)
        {
            case IrBlock b:
                foreach (var s in b.Statements)
                    if (!OnlyReductionUses(s, v, ref op)) return false;
                return true;
            case IrIf i:
                return !Mentions(i.Condition, v) && OnlyReductionUses(i.Then, v, ref op) && OnlyReductionUses(i.Else, v, ref op);
            case IrWhile w:
                return !Mentions(w.Condition, v) && OnlyReductionUses(w.Body, v, ref op) && OnlyReductionUses(w.OrElse, v, ref op);
            case IrAssign a when a.Target == v:
                return Update(a.Value, v) is { } found && Agree(ref op, found);
            case IrVectorLoop loop when loop.Accumulator == v:
                var vectorOp = loop.Reduction switch { ReductionOp.Max => ReductionOp.Max, ReductionOp.Min => ReductionOp.Min, _ => ReductionOp.Sum };
                return !Mentions(loop.Body, v) && !loop.Inputs.Any(e => Mentions(e, v)) && !Mentions(loop.Start, v) &&
                       !Mentions(loop.Stop, v) && Agree(ref op, vectorOp);
            default:
                return !IrVariableUses.Mentioned(statement).Contains(v);
        }
    }

    private static bool Agree(ref ReductionOp? op, ReductionOp found)
    {
        if (op != null && op != found) return false;
        op = found;
        return true;
    }

    /// <summary>The family of <c>v = value</c> when value is v op e (e free of v), else null.</summary>
    private static ReductionOp? Update(IrExpr value, IrVariable v)
    {
        bool IsV(IrExpr e) => e is IrLoad l && l.Variable == v;
        switch (value)
        {
            case IrBinary { Op: IrBinaryOp.Add or IrBinaryOp.Mul } b when IsV(b.Left) && !Mentions(b.Right, v) || IsV(b.Right) && !Mentions(b.Left, v):
                return b.Op == IrBinaryOp.Add ? ReductionOp.Sum : ReductionOp.Product;
            case IrBinary { Op: IrBinaryOp.Sub } b when IsV(b.Left) && !Mentions(b.Right, v):
                return ReductionOp.Sum;
            case IrIntrinsicCall { Intrinsic: Intrinsic.Min or Intrinsic.Max, Args.Count: 2 } call
                when IsV(call.Args[0]) && !Mentions(call.Args[1], v) || IsV(call.Args[1]) && !Mentions(call.Args[0], v):
                return call.Intrinsic == Intrinsic.Min ? ReductionOp.Min : ReductionOp.Max;
            default:
                return null;
        }
    }

    private static bool Mentions(IrExpr? e, IrVariable v) => e != null && IrVariableUses.Mentioned(e).Contains(v);

    /// <summary>
    /// Definite assignment through one iteration: a read of a written, non-reduction variable
    /// that no path has assigned yet in this iteration reads the previous iteration's value.
    /// Returns the variables assigned on every path, or null when the end is unreachable.
    /// </summary>
    private HashSet<IrVariable>? FindCarried(IEnumerable<IrStmt> statements, HashSet<IrVariable>? assigned, HashSet<IrVariable> candidates)
    {
        foreach (var statement in statements)
        {
            if (assigned == null) return null;
            switch (statement)
            {
                case IrBlock b:
                    assigned = FindCarried(b.Statements, assigned, candidates);
                    break;
                case IrAssign a:
                    CheckReads(a.Value, assigned, candidates);
                    assigned.Add(a.Target);
                    break;
                case IrIf i:
                {
                    CheckReads(i.Condition, assigned, candidates);
                    var then = FindCarried(i.Then.Statements, new HashSet<IrVariable>(assigned), candidates);
                    var otherwise = FindCarried(i.Else.Statements, new HashSet<IrVariable>(assigned), candidates);
                    if (then == null) assigned = otherwise;
                    else if (otherwise == null) assigned = then;
                    else
                    {
                        then.IntersectWith(otherwise);
                        assigned = then;
                    }
                    break;
                }
                case IrWhile w:
                    CheckReads(w.Condition, assigned, candidates);
                    FindCarried(w.Body.Statements, new HashSet<IrVariable>(assigned), candidates);
                    FindCarried(w.OrElse.Statements, new HashSet<IrVariable>(assigned), candidates);
                    break;
                case IrVectorLoop loop:
                    foreach (var part in new IrExpr?[] { loop.Start, loop.Stop, loop.Body, loop.Output }.Concat(loop.Inputs))
                        if (part != null) CheckReads(part, assigned, candidates);
                    if (loop.Accumulator != null) CheckReads(new IrLoad(loop.Accumulator), assigned, candidates);
                    assigned.Add(loop.LoopVariable);
                    break;
                case IrContinue or IrBreak or IrRaise:
                    return null;
                default:
                    CheckReads(statement, assigned, candidates);
                    break;
            }
        }
        return assigned;
    }

    private void CheckReads(object node, HashSet<IrVariable> assigned, HashSet<IrVariable> candidates)
    {
        foreach (var v in IrVariableUses.Mentioned(node))
            if (candidates.Contains(v) && !assigned.Contains(v))
                throw unsupported($"'{v.Name}' carries a value from one prange iteration to the next, so the iterations " +
                    "cannot run at once; only reductions (v += e, v -= e, v *= e, v = min(v, e), v = max(v, e)) may do that");
    }

    /// <summary>return, and break out of the prange loop itself, cannot be split across threads.</summary>
    private void CheckControlFlow(IrStmt statement, bool nested)
    {
        switch (statement)
        {
            case IrBlock b:
                foreach (var s in b.Statements) CheckControlFlow(s, nested);
                break;
            case IrIf i:
                CheckControlFlow(i.Then, nested);
                CheckControlFlow(i.Else, nested);
                break;
            case IrWhile w:
                CheckControlFlow(w.Body, nested: true);
                CheckControlFlow(w.OrElse, nested);
                break;
            case IrReturn:
                throw unsupported("return inside a prange loop is not supported: the iterations run on several threads at once");
            case IrBreak when !nested:
                throw unsupported("break out of a prange loop is not supported: the iterations run on several threads at once");
        }
    }
}
