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
        bool parentCreatesArrays = Function.CreatesArrays;
        Function.CreatesArrays = false;
        bool bodyCreatesArrays;
        try { BindStatements(loop.Body, body); }
        finally
        {
            bodyCreatesArrays = Function.CreatesArrays;
            Function.CreatesArrays |= parentCreatesArrays;
            _inPrange = false;
            _loopDepth--;
        }
        var outliner = new ParallelLoopOutliner(message => Unsupported(message, loop));
        var result = outliner.Outline(Function, _prangeCount++, index, first, stop, body, NewTemp, bodyCreatesArrays);
        into.Add(result.Loop);
        into.AddRange(result.Combine);
        _specializer.AddOutlined(result.Loop.Body);
    }

    /// <summary>
    /// parallel=True: <c>x = &lt;1-d array expression&gt;</c> runs as a prange loop over the
    /// elements (each chunk a vector loop) when every array operand is 1-d and, checked at run
    /// time, all have one length. Otherwise (broadcasting) the serial fused loop runs.
    /// </summary>
    private bool TryBindParallelElementwise(IrVariable variable, IrExpr value, List<IrStmt> into)
    {
        if (!_final || !_specializer.Parallel || _inPrange || value is not IrElementwise e || e.ResultType.Ndim != 1 ||
            variable.Type != e.ResultType || e.Inputs.Any(x => x.Type is ArrayType { Ndim: not 1 }))
            return false;
        var inputs = e.Inputs.Select(x => Spill(x, into)).ToList();
        var arrays = Enumerable.Range(0, inputs.Count).Where(k => inputs[k].Type is ArrayType).ToList();
        if (arrays.Count == 0) return false;
        var length = Spill(new IrArrayShape(inputs[arrays[0]], 0), into);
        IrExpr? sameLength = null;
        foreach (int k in arrays.Skip(1))
        {
            var equal = new IrCompare(IrCompareOp.Eq, new IrArrayShape(inputs[k], 0), length);
            sameLength = sameLength == null ? equal : new IrLogical(IrLogicalOp.And, sameLength, equal, NjTypes.Bool);
        }
        var parallel = new List<IrStmt>();
        var result = NewTemp(e.ResultType);
        parallel.Add(new IrAssign(result, Created(new IrArrayCreate(ArrayCreation.Empty, [length], null, e.ResultType))));
        var index = NewTemp(NjTypes.Int64);
        var element = NewTemp(NjTypes.Int64);
        var body = new List<IrStmt>
        {
            new IrAssign(element, new IrLoad(index)),
            new IrAssign(index, Add(new IrLoad(index), 1)),
            new IrArrayStore(new IrLoad(result), [new IrLoad(element)], false, SubstituteInputs(e.Body, r =>
                inputs[r.Input].Type is ArrayType a ? new IrArrayLoad(inputs[r.Input], [new IrLoad(element)], false, a.DType) : inputs[r.Input])),
        };
        var outliner = new ParallelLoopOutliner(message => new InvalidOperationException(message));
        var outlined = outliner.Outline(Function, _prangeCount++, index, new IrConstant(0L, NjTypes.Int64), length, body, NewTemp,
            createsArrays: false, arrayExpression: true);
        parallel.Add(outlined.Loop);
        parallel.AddRange(outlined.Combine);
        parallel.Add(new IrAssign(variable, new IrLoad(result)));
        _specializer.AddOutlined(outlined.Loop.Body);
        var serial = new IrAssign(variable, new IrElementwise(inputs, e.Body, e.ResultType));
        into.Add(sameLength == null ? new IrBlock(parallel) : new IrIf(sameLength, new IrBlock(parallel), new IrBlock([serial])));
        return true;
    }
}
