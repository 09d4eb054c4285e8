using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.Ptx;

public sealed partial class PtxEmitter
{
    private void EmitBlock(IrBlock block)
    {
        foreach (var statement in block.Statements) EmitStatement(statement);
    }

    private void EmitStatement(IrStmt statement)
    {
        switch (statement)
        {
            case IrBlock block:
                EmitBlock(block);
                break;
            case IrAssign assign:
                EmitAssign(assign);
                break;
            case IrArrayStore store:
            {
                var (address, space) = Address(store.Array, store.Indices, store.WrapNegative);
                var dtype = ((ArrayType)store.Array.Type).DType;
                string value = ExprAs(store.Value, dtype);
                Line($"st{space}.{PtxTypes.Memory(dtype)} [{address}], {value};");
                break;
            }
            case IrExprStatement { Value: IrGpuBarrier }:
                _usesBarrier = true;
                Line("bar.sync 0;");
                break;
            case IrExprStatement e:
                if (e.Value is not IrConstant) Expr(e.Value);
                break;
            case IrIf i:
                EmitIf(i);
                break;
            case IrWhile w:
                EmitWhile(w);
                break;
            case IrBreak:
                Line($"bra.uni {_loops.Peek().Break};");
                break;
            case IrContinue:
                Line($"bra.uni {_loops.Peek().Continue};");
                break;
            case IrReturn { Value: null or IrConstant { Type: NoneType } }:
                Line("ret;");
                break;
            case IrReturn r when _function.ReturnType is TupleType tuple:
            {
                var items = TupleItems(r.Value!, tuple);
                for (int i = 0; i < items.Count; i++) Line($"st.param.{PtxTypes.Bits(tuple.Items[i])} [func_retval0+{8 * i}], {items[i]};");
                Line("ret;");
                break;
            }
            case IrReturn r:
                Line($"st.param.{PtxTypes.Bits(_function.ReturnType!)} [func_retval0+0], {ExprAs(r.Value!, _function.ReturnType!)};");
                Line("ret;");
                break;
            case IrVectorLoop v:
                EmitStatement(v.Fallback);
                break;
            case IrRaise r:
                throw Unsupported($"{_function.Name}: raise {r.ExceptionType} is not supported in GPU code");
            default:
                throw Unsupported($"{_function.Name}: {statement.GetType().Name[2..]} is not supported in GPU code");
        }
    }

    private void EmitIf(IrIf statement)
    {
        string otherwise = NewLabel("else"), end = NewLabel("endif");
        Line($"@!{Condition(statement.Condition)} bra {(statement.Else.Statements.Count > 0 ? otherwise : end)};");
        EmitBlock(statement.Then);
        if (statement.Else.Statements.Count > 0)
        {
            Line($"bra.uni {end};");
            Label(otherwise);
            EmitBlock(statement.Else);
        }
        Label(end);
    }

    /// <summary>while c: body else: e  ->  top: if !c goto else; body; goto top; else: e; exit:</summary>
    private void EmitWhile(IrWhile loop)
    {
        string top = NewLabel("while"), orElse = NewLabel("else"), exit = NewLabel("endwhile");
        Label(top);
        Line($"@!{Condition(loop.Condition)} bra {orElse};");
        _loops.Push((top, exit));
        EmitBlock(loop.Body);
        _loops.Pop();
        Line($"bra.uni {top};");
        Label(orElse);
        EmitBlock(loop.OrElse);
        Label(exit);
    }

    private void EmitAssign(IrAssign assign)
    {
        var target = assign.Target;
        switch (target.Type)
        {
            case ArrayType:
                EmitArrayAlias(target, assign.Value);
                return;
            case TupleType tuple:
            {
                var items = TupleItems(assign.Value, tuple);
                if (!_tuples.TryGetValue(target, out var registers))
                    _tuples[target] = registers = tuple.Items.Select(NewRegister).ToList();
                for (int i = 0; i < items.Count; i++) Line($"mov.{PtxTypes.Bits(tuple.Items[i])} {registers[i]}, {items[i]};");
                return;
            }
            case NoneType:
                if (assign.Value is not IrConstant) Expr(assign.Value);
                return;
            default:
                Line($"mov.{PtxTypes.Bits(target.Type)} {VariableRegister(target)}, {ExprAs(assign.Value, target.Type)};");
                return;
        }
    }

    /// <summary>The registers holding each item of a tuple value.</summary>
    private List<string> TupleItems(IrExpr tuple, TupleType type) => tuple switch
    {
        IrTupleCreate t => t.Items.Select((item, i) => ExprAs(item, type.Items[i])).ToList(),
        IrLoad { Variable: var v } when _tuples.TryGetValue(v, out var registers) => registers,
        IrIntrinsicCall { Intrinsic: Intrinsic.Frexp } frexp => Frexp(ExprAs(frexp.Args[0], NjTypes.Float64)),
        IrCall call => Call(call),
        _ => throw Unsupported($"{_function.Name}: this tuple value ({tuple.GetType().Name[2..]}) is not supported in GPU code"),
    };
}
