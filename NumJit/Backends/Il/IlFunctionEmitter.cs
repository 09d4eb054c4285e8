using System.Reflection;
using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Runtime;

namespace NumJit.Backends.Il;

/// <summary>
/// Emits the IL body of one <see cref="IrFunction"/>. Structured IR maps straight onto labels:
///   while c: body else: e    becomes    br test; top: body; test: c; brtrue top; e; exit:
/// (the bottom-tested shape RyuJIT recognises as a loop). Array variables carry companion
/// locals (data pointer, extents, strides) refreshed whenever the variable is assigned, so
/// element access in loops reads locals rather than the array object.
/// </summary>
public sealed partial class IlFunctionEmitter
{
    private readonly IrFunction _function;
    private readonly IlWriter _il;
    private readonly IReadOnlyDictionary<IrFunction, MethodInfo> _methods;
    private readonly Dictionary<IrVariable, LocalBuilder> _locals = new();
    private readonly Dictionary<IrVariable, int> _parameters = new();
    private readonly Dictionary<IrVariable, ArrayLocals> _arrays = new();
    private readonly Stack<(Label Continue, Label Break)> _loops = new();
    private LocalBuilder? _arenaMark;

    /// <summary>The hidden last argument every compiled function takes: its call depth.</summary>
    private int DepthArgument => _function.Parameters.Count;

    /// <summary>Locals caching an array variable's layout for element access.</summary>
    private sealed record ArrayLocals(LocalBuilder Data, LocalBuilder[] Extents, LocalBuilder[] Strides);

    private readonly Compilation.CodeOptions _options;

    /// <summary>Per outlined prange body, the static field saying whether it must run holding the GIL (set once every
    /// function is emitted, see IlModuleEmitter).</summary>
    private readonly IReadOnlyDictionary<IrFunction, FieldInfo> _bodyNeedsGil;

    public IlFunctionEmitter(IrFunction function, IlWriter il, IReadOnlyDictionary<IrFunction, MethodInfo> methods,
        Compilation.CodeOptions options, IReadOnlyDictionary<IrFunction, FieldInfo>? bodyNeedsGil = null)
    {
        _bodyNeedsGil = bodyNeedsGil ?? new Dictionary<IrFunction, FieldInfo>();
        _options = options;
        _function = function;
        _il = il;
        _methods = methods;
    }

    public void Emit()
    {
        for (int i = 0; i < _function.Parameters.Count; i++) _parameters[_function.Parameters[i]] = i;
        foreach (var local in _function.Locals)
            _locals[local] = _il.DeclareLocal(ClrTypes.Of(local.Type), local.Name);
        AllocateParallelContexts(_function.Body);
        if (_function.CreatesArrays)
        {
            _arenaMark = _il.DeclareLocal(typeof(int), "$arena");
            _il.Emit(OpCodes.Call, typeof(ArrayArena).GetProperty(nameof(ArrayArena.Mark))!.GetMethod!);
            _il.Emit(OpCodes.Stloc, _arenaMark);
        }
        if (_function.MakesCalls)
        {
            // Unbounded recursion must raise RecursionError: a .NET stack overflow would kill Python.
            var shallow = _il.DefineLabel();
            _il.Emit(OpCodes.Ldarg, DepthArgument);
            _il.Emit(OpCodes.Ldc_I8, StackGuard.UncheckedDepth);
            _il.Emit(OpCodes.Blt, shallow);
            _il.Emit(OpCodes.Call, typeof(StackGuard).GetMethod(nameof(StackGuard.CheckDeep))!);
            _il.MarkLabel(shallow);
        }
        foreach (var parameter in _function.Parameters)
            if (parameter.Type is ArrayType) RefreshArray(parameter);
        EmitBlock(_function.Body);
        // Falling off the end returns None; for other types the binder ended the body with a return.
        if (_function.ReturnType is NoneType) EmitReturnValue(null);
        else EmitStatement(new IrRaise("SystemError", "compiled code fell off the end of " + _function.Name));
    }

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
                EmitExpr(assign.Value);
                Store(assign.Target);
                break;
            case IrArrayStore store:
                EmitArrayStore(store);
                break;
            case IrArraySetItem set:
                EmitArraySetItem(set);
                break;
            case IrElementwiseStore store:
                EmitElementwise(store.Value, store.Target);
                break;
            case IrExprStatement e:
                EmitExpr(e.Value);   // every expression leaves one value (None as a placeholder byte)
                _il.Emit(OpCodes.Pop);
                break;
            case IrIf i:
                if (!TryEmitRunningExtremum(i)) EmitIf(i);
                break;
            case IrWhile w:
                EmitWhile(w);
                break;
            case IrVectorLoop v:
                EmitVectorLoop(v);
                break;
            case IrParallelFor p:
                EmitParallelFor(p);
                break;
            case IrSlotStore s:
                EmitSlotAddress(s.Base, s.Slot);
                EmitExpr(s.Value);
                _il.Emit(OpCodes.Stobj, ClrTypes.Of(s.Value.Type));
                break;
            case IrBreak:
                _il.Emit(OpCodes.Br, _loops.Peek().Break);
                break;
            case IrContinue:
                _il.Emit(OpCodes.Br, _loops.Peek().Continue);
                break;
            case IrReturn r:
                EmitReturnValue(r.Value);
                break;
            case IrRaise r:
                _il.Emit(OpCodes.Ldstr, r.ExceptionType);
                if (r.Message == null) _il.Emit(OpCodes.Ldstr, ""); else _il.Emit(OpCodes.Ldstr, r.Message);
                _il.Emit(OpCodes.Newobj, typeof(PyException).GetConstructor([typeof(string), typeof(string)])!);
                _il.Emit(OpCodes.Throw);
                break;
            default:
                throw new InvalidOperationException($"no IL for {statement.GetType().Name}");
        }
    }

    private void EmitIf(IrIf statement)
    {
        var otherwise = _il.DefineLabel();
        var end = _il.DefineLabel();
        EmitBranch(statement.Condition, whenFalse: otherwise);
        EmitBlock(statement.Then);
        if (statement.Else.Statements.Count > 0) _il.Emit(OpCodes.Br, end);
        _il.MarkLabel(otherwise);
        EmitBlock(statement.Else);
        _il.MarkLabel(end);
    }

    private void EmitWhile(IrWhile loop)
    {
        var shadows = BeginIndexShadows(loop);
        var top = _il.DefineLabel();
        var test = _il.DefineLabel();
        var exit = _il.DefineLabel();
        _il.Emit(OpCodes.Br, test);
        _il.MarkLabel(top);
        _loops.Push((test, exit));
        EmitBlock(loop.Body);
        _loops.Pop();
        _il.MarkLabel(test);
        EmitExpr(loop.Condition);
        _il.Emit(OpCodes.Brtrue, top);
        EmitBlock(loop.OrElse);
        _il.MarkLabel(exit);
        EndIndexShadows(shadows);
    }

    /// <summary>Jumps to <paramref name="whenFalse"/> unless the condition holds.</summary>
    private void EmitBranch(IrExpr condition, Label whenFalse)
    {
        if (condition is IrUnary { Op: IrUnaryOp.Not } not)
        {
            EmitExpr(not.Operand);
            _il.Emit(OpCodes.Brtrue, whenFalse);
            return;
        }
        EmitExpr(condition);
        _il.Emit(OpCodes.Brfalse, whenFalse);
    }

    private void EmitReturnValue(IrExpr? value)
    {
        bool isVoid = _function.ReturnType is NoneType;
        if (value != null && !isVoid) EmitExpr(value);
        if (_arenaMark != null)
        {
            // Returned arrays outlive this call: take a reference for the caller before releasing ours.
            if (!isVoid && ContainsArrays(_function.ReturnType!))
            {
                var result = _il.DeclareLocal(ClrTypes.Of(_function.ReturnType!));
                _il.Emit(OpCodes.Stloc, result);
                EmitForEachArray(result, _function.ReturnType!, nameof(ArrayArena.IncRef));
                ReleaseArena();
                _il.Emit(OpCodes.Ldloc, result);
            }
            else ReleaseArena();
        }
        else if (!isVoid && ContainsArrays(_function.ReturnType!))
        {
            // Returning a borrowed array (an argument): the caller gets a new reference.
            var result = _il.DeclareLocal(ClrTypes.Of(_function.ReturnType!));
            _il.Emit(OpCodes.Stloc, result);
            EmitForEachArray(result, _function.ReturnType!, nameof(ArrayArena.IncRef));
            _il.Emit(OpCodes.Ldloc, result);
        }
        _il.Emit(OpCodes.Ret);
    }

    private void ReleaseArena()
    {
        _il.Emit(OpCodes.Ldloc, _arenaMark!);
        _il.Emit(OpCodes.Call, typeof(ArrayArena).GetMethod(nameof(ArrayArena.ReleaseTo))!);
    }

    private static bool ContainsArrays(NjType type) => NjTypes.ContainsArrays(type);

    /// <summary>Calls <paramref name="action"/> (ArrayArena.IncRef or .Own) on every array inside a value.</summary>
    private void EmitForEachArray(LocalBuilder value, NjType type, string action)
    {
        switch (type)
        {
            case ArrayType:
                _il.Emit(OpCodes.Ldloc, value);
                _il.Emit(OpCodes.Call, typeof(ArrayArena).GetMethod(action)!);
                if (action == nameof(ArrayArena.Own)) _il.Emit(OpCodes.Pop);
                break;
            case TupleType tuple:
                for (int i = 0; i < tuple.Items.Count; i++)
                {
                    if (!ContainsArrays(tuple.Items[i])) continue;
                    var item = _il.DeclareLocal(ClrTypes.Of(tuple.Items[i]));
                    _il.Emit(OpCodes.Ldloc, value);
                    EmitTupleField(tuple, i);
                    _il.Emit(OpCodes.Stloc, item);
                    EmitForEachArray(item, tuple.Items[i], action);
                }
                break;
            case OptionalType optional:
            {
                var clr = ClrTypes.Of(optional);
                var none = _il.DefineLabel();
                var inner = _il.DeclareLocal(ClrTypes.Of(optional.Inner));
                _il.Emit(OpCodes.Ldloc, value);
                _il.Emit(OpCodes.Ldfld, clr.GetField("HasValue")!);
                _il.Emit(OpCodes.Brfalse, none);
                _il.Emit(OpCodes.Ldloc, value);
                _il.Emit(OpCodes.Ldfld, clr.GetField("Value")!);
                _il.Emit(OpCodes.Stloc, inner);
                EmitForEachArray(inner, optional.Inner, action);
                _il.MarkLabel(none);
                break;
            }
        }
    }

    // ---- variables ----

    private void Load(IrVariable variable)
    {
        if (_parameters.TryGetValue(variable, out int index)) _il.Emit(OpCodes.Ldarg, index);
        else _il.Emit(OpCodes.Ldloc, LocalOf(variable));
    }

    private void Store(IrVariable variable)
    {
        if (_parameters.TryGetValue(variable, out int index)) _il.Emit(OpCodes.Starg, index);
        else _il.Emit(OpCodes.Stloc, LocalOf(variable));
        if (variable.Type is ArrayType) RefreshArray(variable);
    }

    private LocalBuilder LocalOf(IrVariable variable)
    {
        if (!_locals.TryGetValue(variable, out var local))
            _locals[variable] = local = _il.DeclareLocal(ClrTypes.Of(variable.Type), variable.Name);
        return local;
    }
}
