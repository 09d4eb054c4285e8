using System.Text;

namespace NumJit.IR;

/// <summary>Readable text of typed IR, for inspect output and internal-error reports.</summary>
public static class IrPrinter
{
    public static void Print(IrStmt statement, StringBuilder text, int depth)
    {
        string pad = new(' ', depth * 4);
        switch (statement)
        {
            case IrBlock block:
                foreach (var s in block.Statements) Print(s, text, depth);
                if (block.Statements.Count == 0) text.Append(pad).Append("pass\n");
                break;
            case IrAssign a: text.Append(pad).Append($"{a.Target.Name} = {Expr(a.Value)}\n"); break;
            case IrArrayStore s: text.Append(pad).Append($"{Expr(s.Array)}[{string.Join(", ", s.Indices.Select(Expr))}]{RowNote(s.Row)} = {Expr(s.Value)}\n"); break;
            case IrElementwiseStore w: text.Append(pad).Append($"{Expr(w.Target)} <- {Expr(w.Value)}\n"); break;
            case IrExprStatement e: text.Append(pad).Append(Expr(e.Value)).Append('\n'); break;
            case IrIf i:
                text.Append(pad).Append($"if {Expr(i.Condition)}:\n");
                Print(i.Then, text, depth + 1);
                if (i.Else.Statements.Count > 0) { text.Append(pad).Append("else:\n"); Print(i.Else, text, depth + 1); }
                break;
            case IrWhile w:
                text.Append(pad).Append($"while {Expr(w.Condition)}:\n");
                Print(w.Body, text, depth + 1);
                if (w.OrElse.Statements.Count > 0) { text.Append(pad).Append("else:\n"); Print(w.OrElse, text, depth + 1); }
                break;
            case IrVectorLoop v:
                text.Append(pad).Append($"vectorizable {(v.Accumulator == null ? "map" : v.Reduction.ToString().ToLowerInvariant())} for {v.LoopVariable.Name} in [{Expr(v.Start)}, {Expr(v.Stop)}): {Expr(v.Body)}, else:\n");
                Print(v.Fallback, text, depth + 1);
                break;
            case IrParallelFor p:
                text.Append(pad).Append($"{p.Chunks.Name} = parallel {p.Body.QualifiedName} over [{Expr(p.Start)}, {Expr(p.Stop)}), " +
                    $"context {p.Context.Name}, captured ({string.Join(", ", p.Captured.Select(v => v.Name))}), " +
                    $"reductions ({string.Join(", ", p.Reductions.Select(r => $"{r.Variable.Name} {r.Op.ToString().ToLowerInvariant()}"))})\n");
                break;
            case IrSlotStore s: text.Append(pad).Append($"{Expr(s.Base)}.slot[{Expr(s.Slot)}] = {Expr(s.Value)}\n"); break;
            case IrBreak: text.Append(pad).Append("break\n"); break;
            case IrContinue: text.Append(pad).Append("continue\n"); break;
            case IrReturn r: text.Append(pad).Append("return ").Append(r.Value is null ? "" : Expr(r.Value)).Append('\n'); break;
            case IrRaise r: text.Append(pad).Append($"raise {r.ExceptionType}({r.Message})\n"); break;
            default: text.Append(pad).Append(statement).Append('\n'); break;
        }
    }

    public static string Expr(IrExpr e) => e switch
    {
        IrConstant c => c.Value is null ? "None" : $"{c.Value}:{c.Type}",
        IrLoad l => l.Variable.Name,
        IrSlotLoad s => $"{Expr(s.Base)}.slot[{Expr(s.Slot)}]:{s.Type}",
        IrConvert c => $"{c.Type}({Expr(c.Value)})",
        IrBinary b => $"({Expr(b.Left)} {b.Op} {Expr(b.Right)}):{b.Type}",
        IrUnary u => $"{u.Op}({Expr(u.Operand)})",
        IrCompare c => $"({Expr(c.Left)} {c.Op} {Expr(c.Right)})",
        IrLogical l => $"({Expr(l.Left)} {l.Op} {Expr(l.Right)})",
        IrConditional c => $"({Expr(c.Then)} if {Expr(c.Condition)} else {Expr(c.Else)})",
        IrCall c => $"{c.Target.QualifiedName}({string.Join(", ", c.Args.Select(Expr))})",
        IrIntrinsicCall i => $"{i.Intrinsic}({string.Join(", ", i.Args.Select(Expr))}):{i.Type}",
        IrArrayLoad a => $"{Expr(a.Array)}[{string.Join(", ", a.Indices.Select(Expr))}]{RowNote(a.Row)}",
        IrArrayShape s => $"{Expr(s.Array)}.shape[{s.Axis}]",
        IrArrayStride s => $"{Expr(s.Array)}.strides[{s.Axis}]",
        IrArrayRowAddress r => $"&{Expr(r.Array)}[{Expr(r.Row)}]",
        IrArraySize s => $"{Expr(s.Array)}.size",
        IrGpuIndex g => $"cuda.{char.ToLowerInvariant(g.Kind.ToString()[0])}{g.Kind.ToString()[1..]}.{"xyz"[g.Dimension]}",
        IrGpuBarrier => "cuda.syncthreads()",
        IrGpuArrayAlloc g => $"cuda.{g.Space.ToString().ToLowerInvariant()}.array(({string.Join(", ", g.Shape)},), {g.ArrayType.DType.Name})",
        IrGpuAtomic g => $"cuda.atomic.{g.Op}({Expr(g.Array)}[{string.Join(", ", g.Indices.Select(Expr))}], {(g.Compare != null ? Expr(g.Compare) + ", " : "")}{Expr(g.Value)}):{g.Type.Name}",
        IrArrayCreate a => $"np.{a.Kind}(({string.Join(", ", a.Operands.Select(Expr))}), {a.Type})",
        IrTupleCreate t => $"({string.Join(", ", t.Items.Select(Expr))})",
        IrTupleGet t => $"{Expr(t.Tuple)}[{t.Index}]",
        IrTupleGetDynamic t => $"{Expr(t.Tuple)}[{Expr(t.Index)}]",
        IrOptionalWrap o => $"optional({Expr(o.Value)})",
        IrOptionalUnwrap o => $"unwrap({Expr(o.Value)})",
        IrIsNone n => $"({Expr(n.Value)} is None)",
        IrElementwise w => $"elementwise[{string.Join(", ", w.Inputs.Select(Expr))}]({Expr(w.Body)}):{w.Type}",
        IrElementRef r => $"${r.Input}",
        IrArrayGetItem g => $"{Expr(g.Array)}[...]",
        IrNumpyCall n => $"{(n.Receiver == null ? "np" : Expr(n.Receiver))}.{n.Function}({string.Join(", ", n.Args.Select(Expr))})",
        IrLet l => $"(let {l.Variable.Name} = {Expr(l.Value)} in {Expr(l.Body)})",
        _ => e.ToString(),
    };

    private static string RowNote(IrVariable? row) => row == null ? "" : $" at {row.Name}";
}
