using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.OpenCl;

public sealed partial class OpenClEmitter
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
                Line($"{Element(store.Array, store.Indices, store.WrapNegative)} = {Expr(store.Value)};");
                break;
            case IrExprStatement { Value: IrGpuBarrier }:
                _usesBarrier = true;
                Line("barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);");
                break;
            case IrExprStatement e:
                Line($"(void)({Expr(e.Value)});");
                break;
            case IrIf i:
                Line($"if ({Expr(i.Condition)}) {{");
                Nested(i.Then);
                if (i.Else.Statements.Count > 0)
                {
                    Line("} else {");
                    Nested(i.Else);
                }
                Line("}");
                break;
            case IrWhile { OrElse.Statements.Count: 0 } w:
                Line($"while ({Expr(w.Condition)}) {{");
                Nested(w.Body);
                Line("}");
                break;
            case IrWhile w:
                // while/else: the else block runs when the test fails, not after break.
                if (ExitsEnclosingLoop(w.OrElse))
                    throw Unsupported($"{_function.Name}: break or continue inside a loop's else block is not supported in GPU code");
                Line("for (;;) {");
                _indent++;
                Line($"if (!({Expr(w.Condition)})) {{");
                Nested(w.OrElse);
                _indent++;
                Line("break;");
                _indent--;
                Line("}");
                EmitBlock(w.Body);
                _indent--;
                Line("}");
                break;
            case IrBreak:
                Line("break;");
                break;
            case IrContinue:
                Line("continue;");
                break;
            case IrReturn { Value: null or IrConstant { Type: NoneType } }:
                Line("return;");
                break;
            case IrReturn { Value: not IrCall } r when _function.ReturnType is TupleType tuple:
                Line("{");
                Line($"    {TupleStruct(tuple)} nj_result;");
                for (int i = 0; i < tuple.Items.Count; i++) Line($"    nj_result.f{i} = {TupleItem(r.Value!, i)};");
                Line("    return nj_result;");
                Line("}");
                break;
            case IrReturn r:
                Line($"return {Expr(r.Value!)};");
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

    /// <summary>A break or continue that is not inside a nested loop of its own.</summary>
    private static bool ExitsEnclosingLoop(IrStmt statement) => statement switch
    {
        IrBreak or IrContinue => true,
        IrBlock b => b.Statements.Any(ExitsEnclosingLoop),
        IrIf i => ExitsEnclosingLoop(i.Then) || ExitsEnclosingLoop(i.Else),
        _ => false,
    };

    private void Nested(IrBlock block)
    {
        _indent++;
        EmitBlock(block);
        _indent--;
    }

    private void EmitAssign(IrAssign assign)
    {
        var target = assign.Target;
        switch (target.Type)
        {
            case ArrayType:
                EmitArrayAlias(target, assign.Value);
                return;
            case TupleType tuple when assign.Value is IrCall call:
                // One call, its items copied out of the returned struct.
                Declare(target);
                Line("{");
                Line($"    {TupleStruct(tuple)} nj_result = {Call(call)};");
                for (int i = 0; i < tuple.Items.Count; i++) Line($"    {NameOf(target)}_{i} = nj_result.f{i};");
                Line("}");
                return;
            case TupleType tuple:
                Declare(target);
                for (int i = 0; i < tuple.Items.Count; i++) Line($"{NameOf(target)}_{i} = {TupleItem(assign.Value, i)};");
                return;
            case NoneType:
                if (assign.Value is not IrConstant) Line($"(void)({Expr(assign.Value)});");
                return;
            default:
                Declare(target);
                Line($"{NameOf(target)} = {Expr(assign.Value)};");
                return;
        }
    }

    private void Declare(IrVariable variable)
    {
        if (!variable.IsParameter) _declared.TryAdd(variable, variable.Type);
    }

    /// <summary>
    /// Array variables name an array known at compile time (a parameter, a shared or local
    /// array): GPU code has no array objects to pass around.
    /// </summary>
    private void EmitArrayAlias(IrVariable target, IrExpr value)
    {
        ArrayView view;
        switch (value)
        {
            case IrGpuArrayAlloc { Space: GpuMemorySpace.Shared }:
                return;   // bound on entry: see EmitFunction
            case IrGpuArrayAlloc { Space: GpuMemorySpace.Local } alloc:
                string name = NameOf(target);
                Line($"{ElementType(alloc.ArrayType.DType)} {name}[{alloc.Count}];");
                view = new ArrayView(name, "", alloc.ArrayType, alloc.Shape.Select(n => $"{n}L").ToList(), ContiguousStrides(alloc));
                break;
            case IrLoad { Variable: var source } when _arrays.TryGetValue(source, out var existing):
                view = existing;
                break;
            default:
                throw GpuKernelIr.UnsupportedArrayValue(_function, value);
        }
        GpuKernelIr.BindArrayVariable(_arrays, _function, target, view);
    }

    private string TupleItem(IrExpr tuple, int index) => tuple switch
    {
        IrTupleCreate t => Expr(t.Items[index]),
        IrLoad { Variable: var v } => $"{NameOf(v)}_{index}",
        IrIntrinsicCall { Intrinsic: Intrinsic.Frexp } frexp => FrexpItem(frexp, index),
        IrCall call => $"{Call(call)}.f{index}",   // one item taken (a whole tuple is copied out once, above)
        _ => throw Unsupported($"{_function.Name}: this tuple value ({tuple.GetType().Name[2..]}) is not supported in GPU code"),
    };

    private string FrexpItem(IrIntrinsicCall frexp, int index)
    {
        Helper("nj_frexp", OpenClHelpers.Frexp);
        return $"{(index == 0 ? "nj_frexp_mantissa" : "nj_frexp_exponent")}((double)({Expr(frexp.Args[0])}))";
    }
}
