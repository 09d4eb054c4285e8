using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

public sealed partial class FunctionBinder
{
    private void BindStatements(IReadOnlyList<Stmt> body, List<IrStmt> into)
    {
        foreach (var statement in body) BindStatement(statement, into);
    }

    private IrBlock BindBlock(IReadOnlyList<Stmt> body)
    {
        var statements = new List<IrStmt>();
        BindStatements(body, statements);
        return new IrBlock(statements);
    }

    private void BindStatement(Stmt statement, List<IrStmt> into)
    {
        switch (statement)
        {
            case Assign a: BindAssign(a, into); break;
            case AugAssign a: BindAugAssign(a, into); break;
            case AnnAssign { Value: not null } a: BindAssignTo(a.Target, BindValue(a.Value), into); break;
            case AnnAssign: break;
            case ExprStmt { Value: Constant }: break;   // docstrings and bare literals
            case ExprStmt e: into.Add(new IrExprStatement(BindValue(e.Value, allowNone: true))); break;
            case If i: into.Add(new IrIf(BindCondition(i.Test), BindBlock(i.Body), BindBlock(i.OrElse))); break;
            case While w: BindWhile(w, into); break;
            case For f: BindFor(f, into); break;
            case Break b:
                if (_loopDepth == 0) throw Error("'break' outside loop", b);
                into.Add(new IrBreak());
                break;
            case Continue c:
                if (_loopDepth == 0) throw Error("'continue' not properly in loop", c);
                into.Add(new IrContinue());
                break;
            case Return r: BindReturn(r, into); break;
            case Pass: break;
            case Assert a: BindAssert(a, into); break;
            case Raise r: into.Add(BindRaise(r)); break;
            case Global or Nonlocal:
                throw Unsupported("'global' and 'nonlocal' statements are not supported in compiled functions", statement,
                    "globals are frozen constants in compiled code; pass changing values as arguments");
            default:
                throw Unsupported($"the '{StatementName(statement)}' statement is not supported in compiled functions", statement,
                    "keep this part of the program in plain Python and call the compiled function from it");
        }
    }

    private static string StatementName(Stmt s) => s switch
    {
        FunctionDef => "def", ClassDef => "class", With => "with", Try => "try", Import or ImportFrom => "import",
        Delete => "del", Match => "match", AsyncFunctionDef or AsyncFor or AsyncWith => "async",
        _ => s.GetType().Name.ToLowerInvariant(),
    };

    private void BindAssign(Assign assign, List<IrStmt> into)
    {
        var value = BindValue(assign.Value);
        if (assign.Targets.Count > 1) value = Spill(value, into);
        foreach (var target in assign.Targets) BindAssignTo(target, value, into);
    }

    private void BindAssignTo(Expr target, IrExpr value, List<IrStmt> into)
    {
        switch (target)
        {
            case Name n:
            {
                var variable = AssignTarget(n.Id, value.Type, n);
                if (value.Type is not UnknownType && variable.Type is not UnknownType && !TryBindParallelElementwise(variable, value, into))
                    into.Add(new IrAssign(variable, Coerce(value, variable.Type, target)));
                break;
            }
            case Frontend.Syntax.Tuple or List:
            {
                var elements = target is Frontend.Syntax.Tuple t ? t.Elts : ((List)target).Elts;
                if (value.Type is UnknownType)
                {
                    foreach (var e in elements) BindAssignTo(e, Unknown(), into);
                    break;
                }
                if (value.Type is not TupleType tuple)
                    throw Error($"cannot unpack a value of type {value.Type}", target, "only tuples can be unpacked in compiled code");
                if (tuple.Items.Count != elements.Count)
                    throw Error($"cannot unpack a tuple of {tuple.Items.Count} values into {elements.Count} targets", target);
                if (value is IrTupleCreate created)
                {
                    // a, b = b, a: evaluate every item (variables included) before assigning any.
                    var items = created.Items.Select(item => SpillAlways(item, into)).ToList();
                    for (int i = 0; i < elements.Count; i++) BindAssignTo(elements[i], items[i], into);
                    break;
                }
                var whole = Spill(value, into);
                for (int i = 0; i < elements.Count; i++)
                    BindAssignTo(elements[i], new IrTupleGet(whole, i, tuple.Items[i]), into);
                break;
            }
            case Subscript s:
                BindSubscriptStore(s, value, into);
                break;
            case Starred:
                throw Unsupported("starred assignment is not supported in compiled functions", target);
            default:
                throw Unsupported($"cannot assign to '{Describe(target)}' in compiled code", target,
                    "only local names, tuples of names and array elements can be assigned");
        }
    }

    private void BindAugAssign(AugAssign assign, List<IrStmt> into)
    {
        switch (assign.Target)
        {
            case Name n when _varTypes.GetValueOrDefault(n.Id) is ArrayType array:
            {
                // ndarray.__iadd__ and friends work in place: views of the array see the change.
                var value = BindValue(assign.Value);
                if (value.Type is UnknownType) break;
                var combined = BindBinary(assign.Op, new IrLoad(Variable(n.Id, n)), value, assign);
                if (combined.Type is not ArrayType result) break;
                if (KindRank(result.DType) > KindRank(array.DType))   // numpy's same_kind casting
                    throw Error($"cannot store the {result.DType} result of this in-place operation in {array}", assign,
                        "numpy refuses unsafe in-place casts; assign a new array instead (x = x + ...)");
                if (array.ReadOnly) throw Error($"cannot modify a read-only array ({array})", assign);
                if (combined is IrNumpyCall call)
                    into.Add(new IrExprStatement(call with { Keywords = [new IrKeyword("out", new IrLoad(Variable(n.Id, n)))], Type = array }));
                else   // a fused expression: write its result through (x[...] = result)
                    into.Add(ArraySetItem(new IrLoad(Variable(n.Id, n)), [new IrIndexEllipsis()], combined, assign));
                break;
            }
            case Name n:
            {
                var current = new IrLoad(Variable(n.Id, n));
                var result = BindBinary(assign.Op, current, BindValue(assign.Value), assign);
                BindAssignTo(n, result, into);
                break;
            }
            case Subscript s when !IsElementSubscript(s):
            {
                // a[1:3] += x: read the view, combine with numpy, write back (numpy broadcasting).
                var target = Spill(BindValue(s.Value), into);
                var index = BindIndexParts(s.Slice);
                if (target.Type is not ArrayType arrayType || index == null) break;
                IrExpr view = new IrArrayGetItem(target, index, IndexResultType(arrayType, index, s));
                Created(view.Type);
                bool basic = !index.Any(i => i is IrIndexValue { Value.Type: ArrayType });
                if (basic) view = Spill(view, into);   // a view: the result is written back through it
                var result = BindBinary(assign.Op, view, BindValue(assign.Value), assign);
                if (result.Type is UnknownType) break;
                into.Add(basic ? ArraySetItem(view, [new IrIndexEllipsis()], result, assign) : new IrArraySetItem(target, index, result));
                break;
            }
            case Subscript s:
            {
                var (array, indices) = BindArrayIndex(s, into);
                if (array.Type is UnknownType) break;
                var current = LoadElement(array, indices, s);
                var result = BindBinary(assign.Op, current, BindValue(assign.Value), assign);
                StoreElement(array, indices, result, s, into);
                break;
            }
            default:
                throw Unsupported($"cannot assign to '{Describe(assign.Target)}' in compiled code", assign.Target);
        }
    }

    private static int KindRank(NjType dtype) => dtype switch
    {
        BooleanType => 0, IntegerType => 1, FloatType => 2, _ => 3,
    };

    private void BindWhile(While loop, List<IrStmt> into)
    {
        var condition = BindCondition(loop.Test);
        _loopDepth++;
        var body = BindBlock(loop.Body);
        _loopDepth--;
        into.Add(new IrWhile(condition, body, BindBlock(loop.OrElse)));
    }

    private void BindReturn(Return r, List<IrStmt> into)
    {
        _sawReturn = true;
        var value = r.Value == null ? new IrConstant(null, NjTypes.None) : BindValue(r.Value, allowNone: true);
        if (value.Type is UnknownType) return;
        if (!_final)
        {
            if (_passReturn == null) _passReturn = value.Type;
            else _passReturn = NjTypes.Unify(_passReturn, value.Type) ?? throw Error(
                $"cannot unify the return types {_passReturn} and {value.Type} of {_source.Name}()", r,
                "every return statement of a compiled function must give compatible types");
            if (_declaredReturn != null) CheckConvertible(value.Type, _declaredReturn, r);
            return;
        }
        into.Add(new IrReturn(_returnType is NoneType ? null : Coerce(value, _returnType, r)));
    }

    private void BindAssert(Assert a, List<IrStmt> into)
    {
        var condition = BindCondition(a.Test);
        string? message = a.Msg switch
        {
            null => null,
            Constant { Value: string s } => s,
            _ => throw Unsupported("assert messages must be string literals in compiled code", a.Msg),
        };
        into.Add(new IrIf(new IrUnary(IrUnaryOp.Not, condition, NjTypes.Bool),
            new IrBlock([new IrRaise("AssertionError", message)]), IrBlock.Empty));
    }

    private IrStmt BindRaise(Raise r)
    {
        if (r.Exc == null) throw Unsupported("a bare 'raise' is not supported in compiled code", r);
        Expr exc = r.Exc;
        string? message = null;
        if (exc is Call call)
        {
            if (call.Keywords.Count > 0 || call.Args.Count > 1)
                throw Unsupported("exceptions in compiled code take at most one string-literal argument", call);
            if (call.Args.Count == 1)
                message = call.Args[0] is Constant { Value: string s } ? s
                    : call.Args[0] is Constant c ? System.Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture)
                    : throw Unsupported("exception messages must be constants in compiled code", call.Args[0],
                        "format the message outside the compiled function, or raise with a fixed text");
            exc = call.Func;
        }
        string name = ResolveExceptionName(exc) ?? throw Error($"'{Describe(exc)}' is not an exception class", exc);
        return new IrRaise(name, message);
    }

    private string? ResolveExceptionName(Expr e)
    {
        if (e is Name n && !_localNames.Contains(n.Id))
        {
            if (_source.Globals.TryGetValue(n.Id, out var g)) return g is Compilation.ExceptionGlobal ex ? ex.Name : null;
            return BuiltinNames.Exceptions.Contains(n.Id) ? n.Id : null;
        }
        return null;
    }
}
