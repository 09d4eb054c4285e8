using NumJit.Compilation;
using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    private bool _inPrange;
    private int _prangeCount;

    /// <summary>numjit.prange(...), called by that name or as an attribute of the numjit module.</summary>
    private bool IsPrangeCall(Call call) => call.Func switch
    {
        Name n => !_localNames.Contains(n.Id) && _source.Globals.TryGetValue(n.Id, out var g) &&
                  g is FunctionGlobal { Module: "numjit", Name: "prange" },
        Frontend.Syntax.Attribute { Attr: "prange", Value: Name m } => !_localNames.Contains(m.Id) && _source.Globals.TryGetValue(m.Id, out var g) &&
                  g is ModuleGlobal { Module: "numjit" },
        _ => false,
    };

    /// <summary>
    /// for i in prange(start, stop) under parallel=True. Inference passes bind it as a range loop
    /// (same types); the final pass outlines the body (see <see cref="ParallelLoopOutliner"/>).
    /// A prange inside a prange body runs as range, as in numba.
    /// </summary>
    private void BindParallelLoop(For loop, Call prange, List<IrStmt> into)
    {
        if (!_final)
        {
            _inPrange = true;
            try { BindRangeLoop(loop, prange, into); }
            finally { _inPrange = false; }
            return;
        }
        var (start, stop, step) = BindRangeArguments(prange, into);
        if (step is not IrConstant { Value: 1L })
            throw Unsupported("prange supports a step of 1 only", prange, "loop over prange(n) and compute the index from it");
        if (loop.OrElse.Count > 0) throw Unsupported("a prange loop cannot have an else block", loop);
        var first = Spill(start, into);
        var index = NewTemp(NjTypes.Int64);
        var body = new List<IrStmt>();
        BindAssignTo(loop.Target, new IrLoad(index), body);
        body.Add(new IrAssign(index, Add(new IrLoad(index), 1)));
        _loopDepth++;
        _inPrange = true;
        try { BindStatements(loop.Body, body); }
        finally
        {
            _inPrange = false;
            _loopDepth--;
        }
        var outliner = new ParallelLoopOutliner(message => Unsupported(message, loop));
        var result = outliner.Outline(Function, _prangeCount++, index, first, stop, body, NewTemp);
        into.Add(result.Loop);
        into.AddRange(result.Combine);
        _specializer.AddOutlined(result.Loop.Body);
    }
}
