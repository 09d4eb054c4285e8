using NumJit.Compilation;
using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    /// <summary>How to walk an iterable by index: its length and its i-th element.</summary>
    private sealed record IterationPlan(IrExpr Length, Func<IrExpr, IrExpr> Element, NjType ElementType);

    private void BindFor(For loop, List<IrStmt> into)
    {
        if (loop.Iter is Call call && (IsBuiltinCall(call, "range") || IsPrangeCall(call)))
        {
            if (IsPrangeCall(call) && _specializer.Parallel && !_inPrange) BindParallelLoop(loop, call, into);
            else BindRangeLoop(loop, call, into);
            return;
        }
        var plan = BindIterable(loop.Iter, into);
        if (plan == null)   // element type not known yet in this inference pass
        {
            BindAssignTo(loop.Target, Unknown(), into);
            _loopDepth++;
            BindBlock(loop.Body);
            _loopDepth--;
            BindBlock(loop.OrElse);
            return;
        }
        var length = Spill(plan.Length, into);
        var index = NewTemp(NjTypes.Int64);
        into.Add(new IrAssign(index, new IrConstant(0L, NjTypes.Int64)));
        var body = new List<IrStmt>();
        BindAssignTo(loop.Target, plan.Element(new IrLoad(index)), body);
        body.Add(new IrAssign(index, Add(new IrLoad(index), 1)));
        _loopDepth++;
        BindStatements(loop.Body, body);
        _loopDepth--;
        into.Add(new IrWhile(new IrCompare(IrCompareOp.Lt, new IrLoad(index), length), new IrBlock(body), BindBlock(loop.OrElse)));
    }

    /// <summary>
    /// for i in range(start, stop, step): body   becomes, for a constant step,
    ///   $i = start; while ($i &lt; stop   [$i &gt; stop if step &lt; 0]) { i = $i; $i += step; body }
    /// and for a run-time step, a counted loop (no per-iteration test of the step's sign):
    ///   $n = len(range(...)); $k = 0; $i = start; while ($k &lt; $n) { i = $i; $i += step; $k += 1; body }
    /// </summary>
    private void BindRangeLoop(For loop, Call range, List<IrStmt> into)
    {
        var (start, stop, step) = BindRangeArguments(range, into);
        var index = NewTemp(NjTypes.Int64);
        IrExpr condition;
        IrStmt? countStep = null;
        if (step is IrConstant { Value: long s })
        {
            if (s == 0)
            {
                into.Add(new IrRaise("ValueError", "range() arg 3 must not be zero"));
                return;
            }
            into.Add(new IrAssign(index, start));
            condition = new IrCompare(s > 0 ? IrCompareOp.Lt : IrCompareOp.Gt, new IrLoad(index), stop);
        }
        else
        {
            var first = Spill(start, into);
            var count = NewTemp(NjTypes.Int64);
            var done = NewTemp(NjTypes.Int64);
            into.Add(new IrAssign(count, FixRangeLength(stop, first, step)));   // raises for a zero step
            into.Add(new IrAssign(done, new IrConstant(0L, NjTypes.Int64)));
            into.Add(new IrAssign(index, first));
            condition = new IrCompare(IrCompareOp.Lt, new IrLoad(done), new IrLoad(count));
            countStep = new IrAssign(done, Add(new IrLoad(done), 1));
        }
        var body = new List<IrStmt>();
        BindAssignTo(loop.Target, new IrLoad(index), body);
        body.Add(new IrAssign(index, new IrBinary(IrBinaryOp.Add, new IrLoad(index), step, NjTypes.Int64)));
        if (countStep != null) body.Add(countStep);
        int header = body.Count;
        long? constantStep = step is IrConstant { Value: long c } ? c : null;
        // Row pointers and vector loops are CPU strength reductions; GPU backends index directly.
        var rows = constantStep != null && !_specializer.Gpu ? EnterRowPointerLoop(loop) : null;
        _loopDepth++;
        BindStatements(loop.Body, body);
        _loopDepth--;
        if (rows != null) header += ExitRowPointerLoop(rows, index, constantStep!.Value, into, body, header);
        var whileLoop = new IrWhile(condition, new IrBlock(body), BindBlock(loop.OrElse));
        // A unit-step loop whose body is one element-wise statement may run as vector code.
        var vectorLoop = step is IrConstant { Value: 1L } && loop.OrElse.Count == 0 && loop.Target is Name n && _final && !_specializer.Gpu
            ? LoopVectorization.TryCreate(Variable(n.Id, n), new IrLoad(index), stop, body.Skip(header).ToList(), whileLoop)
            : null;
        into.Add(vectorLoop ?? (IrStmt)whileLoop);
    }

    /// <summary>range's arguments as int64 (stop and step spilled so they are evaluated once).</summary>
    private (IrExpr Start, IrExpr Stop, IrExpr Step) BindRangeArguments(Call range, List<IrStmt> into)
    {
        if (range.Keywords.Count > 0) throw Error("range() takes no keyword arguments", range);
        var args = range.Args.Select(a => RangeArgument(a)).ToList();
        var zero = new IrConstant(0L, NjTypes.Int64);
        var one = new IrConstant(1L, NjTypes.Int64);
        return args.Count switch
        {
            1 => (zero, Spill(args[0], into), one),
            2 => (args[0], Spill(args[1], into), one),
            3 => (args[0], Spill(args[1], into), Spill(args[2], into)),
            _ => throw Error($"range expected 1 to 3 arguments, got {args.Count}", range),
        };
    }

    private IrExpr RangeArgument(Expr e)
    {
        var value = BindValue(e);
        if (value.Type is UnknownType) return new IrConstant(0L, NjTypes.Int64);
        if (value.Type is not (IntegerType or BooleanType))
            throw Error($"range() arguments must be integers, not {value.Type}", e,
                "convert with int(...) if the value is integral");
        return Coerce(value, NjTypes.Int64, e);
    }

    private IterationPlan? BindIterable(Expr iterable, List<IrStmt> into)
    {
        if (iterable is Call call)
        {
            if (IsBuiltinCall(call, "range"))
            {
                var (start, stop, step) = BindRangeArguments(call, into);
                var s = Spill(start, into);
                var lengthFixed = FixRangeLength(stop, s, step);
                return new IterationPlan(lengthFixed,
                    i => new IrBinary(IrBinaryOp.Add, s, new IrBinary(IrBinaryOp.Mul, i, step, NjTypes.Int64), NjTypes.Int64), NjTypes.Int64);
            }
            if (IsBuiltinCall(call, "enumerate")) return BindEnumerate(call, into);
            if (IsBuiltinCall(call, "zip")) return BindZip(call, into);
        }
        var value = BindValue(iterable);
        if (value.Type is UnknownType) return null;
        var source = Spill(value, into);
        switch (source.Type)
        {
            case ArrayType { Ndim: 1 } array:
                return new IterationPlan(new IrArrayShape(source, 0),
                    i => new IrArrayLoad(source, [i], false, array.DType), array.DType);
            case ArrayType array:
            {
                // Rows of an n-d array are views of its first axis.
                IReadOnlyList<IrIndex> RowIndex(IrExpr i) => [new IrIndexValue(i)];
                var rowType = IndexResultType(array, RowIndex(new IrConstant(0L, NjTypes.Int64)), iterable);
                Created(rowType);
                return new IterationPlan(new IrArrayShape(source, 0), i => new IrArrayGetItem(source, RowIndex(i), rowType), rowType);
            }
            case RangeType:
            {
                var start = RangeField(source, Intrinsic.RangeStart);
                var step = RangeField(source, Intrinsic.RangeStep);
                return new IterationPlan(RangeLengthOf(source),
                    i => new IrBinary(IrBinaryOp.Add, start, new IrBinary(IrBinaryOp.Mul, i, step, NjTypes.Int64), NjTypes.Int64), NjTypes.Int64);
            }
            case TupleType { IsHomogeneous: true } tuple:
                return new IterationPlan(new IrConstant((long)tuple.Items.Count, NjTypes.Int64),
                    i => new IrTupleGetDynamic(source, i, tuple.Items[0]), tuple.Items[0]);
            case TupleType { Items.Count: 0 }:
                return new IterationPlan(new IrConstant(0L, NjTypes.Int64), _ => new IrConstant(0L, NjTypes.Int64), NjTypes.Int64);
            case TupleType tuple:
                throw Unsupported($"cannot iterate over the heterogeneous tuple {tuple}", iterable,
                    "a loop variable has one type; iterate over a tuple whose items share a type");
            default:
                throw Error($"'{value.Type}' object is not iterable", iterable);
        }
    }

    /// <summary>len(range(start, stop, step)) = max(0, ceil((stop - start) / step)).</summary>
    private static IrExpr FixRangeLength(IrExpr stop, IrExpr start, IrExpr step) =>
        new IrIntrinsicCall(Intrinsic.RangeLength, [start, stop, step], NjTypes.Int64);

    private IterationPlan? BindEnumerate(Call call, List<IrStmt> into)
    {
        if (call.Args.Count is < 1 or > 2) throw Error("enumerate() takes an iterable and an optional start", call);
        var inner = BindIterable(call.Args[0], into);
        IrExpr start = new IrConstant(0L, NjTypes.Int64);
        var startExpr = call.Args.Count == 2 ? call.Args[1] : call.Keywords.FirstOrDefault(k => k.ArgName == "start")?.Value;
        if (startExpr != null) start = Spill(RangeArgument(startExpr), into);
        if (inner == null) return null;
        var type = new TupleType([NjTypes.Int64, inner.ElementType]);
        return new IterationPlan(inner.Length,
            i => new IrTupleCreate([new IrBinary(IrBinaryOp.Add, start, i, NjTypes.Int64), inner.Element(i)], type), type);
    }

    private IterationPlan? BindZip(Call call, List<IrStmt> into)
    {
        if (call.Keywords.Count > 0) throw Unsupported("zip() keyword arguments are not supported", call);
        var plans = call.Args.Select(a => BindIterable(a, into)).ToList();
        if (plans.Any(p => p == null)) return null;
        if (plans.Count == 0) return new IterationPlan(new IrConstant(0L, NjTypes.Int64), _ => Unknown(), NjTypes.Int64);
        IrExpr length = plans[0]!.Length;
        foreach (var p in plans.Skip(1))
            length = new IrIntrinsicCall(Intrinsic.Min, [length, p!.Length], NjTypes.Int64);
        var type = new TupleType(plans.Select(p => p!.ElementType).ToArray());
        return new IterationPlan(length, i => new IrTupleCreate(plans.Select(p => p!.Element(i)).ToArray(), type), type);
    }

    private static IrExpr Add(IrExpr value, long constant) =>
        new IrBinary(IrBinaryOp.Add, value, new IrConstant(constant, NjTypes.Int64), NjTypes.Int64);

    private bool IsBuiltinCall(Call call, string name) =>
        call.Func is Name n && n.Id == name && !_localNames.Contains(n.Id) &&
        (!_source.Globals.TryGetValue(name, out var g) || g is FunctionGlobal { Module: "builtins" } f && f.Name == name);
}
