using NumJit.Compilation;
using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

/// <summary>
/// Binds one specialization of a Python function: types every expression and produces typed IR.
///
/// Algorithm (numba's "seed, propagate, unify", done Roslyn-binder style): parameter types seed
/// the variable table; each pass walks the body once, typing expressions from the current table
/// and unifying every assigned type into its variable (int64 then float64 gives float64). Names
/// and calls whose types are not known yet (a variable assigned later in a loop, a recursive
/// call whose return type is still being inferred) type as <see cref="UnknownType"/> and are
/// skipped. Passes repeat, across all functions of the compilation together, until nothing
/// changes; a final pass then builds the IR with the stable types, inserting conversions, and
/// reports anything still unknown.
/// </summary>
public sealed partial class FunctionBinder
{
    private readonly FunctionSource _source;
    private readonly Specializer _specializer;
    private readonly HashSet<string> _localNames;
    private readonly HashSet<string> _nonNegativeNames;
    private readonly Dictionary<string, NjType> _varTypes = new();
    private Dictionary<string, IrVariable> _vars = new();
    private readonly List<IrVariable> _temps = new();
    private NjType _returnType = UnknownType.Instance;
    private NjType? _passReturn;
    private bool _sawReturn;
    private bool _changed;
    private bool _final;
    private int _tempCounter;
    private int _loopDepth;
    private readonly NjType? _declaredReturn;

    public IrFunction Function { get; }
    public FunctionSource Source => _source;

    public FunctionBinder(FunctionSource source, IReadOnlyList<NjType> argTypes, Specializer specializer, NjType? declaredReturn)
    {
        _source = source;
        _specializer = specializer;
        _declaredReturn = declaredReturn;
        Function = new IrFunction(source.Name, source.QualifiedName, argTypes);
        var parameters = ParameterNames();
        if (parameters.Count != argTypes.Count)
            throw Error($"{source.Name}() takes {parameters.Count} arguments but the signature has {argTypes.Count}", source.Definition);
        for (int i = 0; i < parameters.Count; i++) _varTypes[parameters[i]] = argTypes[i];
        _localNames = LocalNameCollector.Collect(source.Definition);
        _nonNegativeNames = InductionVariables.NonNegative(source.Definition);
        if (declaredReturn != null) _returnType = declaredReturn;
    }

    public IReadOnlyList<string> ParameterNames()
    {
        var args = _source.Definition.Args;
        if (args.VarArg != null || args.KwArg != null || args.KwOnlyArgs.Count > 0)
            throw Unsupported("*args, **kwargs and keyword-only parameters are not supported in compiled functions", _source.Definition);
        return args.PosOnlyArgs.Concat(args.Args).Select(a => a.Name).ToList();
    }

    public IReadOnlyDictionary<string, string> VariableTypes =>
        _varTypes.ToDictionary(kv => kv.Key, kv => kv.Value.Name);

    /// <summary>The inferred return type so far (unknown while recursion is being resolved).</summary>
    public NjType ReturnType => _returnType;

    /// <summary>One inference pass; true when any variable or the return type changed.</summary>
    public bool InferPass()
    {
        _final = false;
        _changed = false;
        RunPass();
        return _changed;
    }

    /// <summary>The last pass: builds the IR with the fixed types.</summary>
    public void FinalPass()
    {
        _final = true;
        var body = RunPass();
        Function.Parameters = ParameterNames().Select(n => _vars[n]).ToList();
        Function.Locals = _vars.Values.Where(v => !v.IsParameter).Concat(_temps).ToList();
        Function.ReturnType = _returnType;
        Function.Body = body;
    }

    private IrBlock RunPass()
    {
        _vars = new Dictionary<string, IrVariable>();
        _temps.Clear();
        _tempCounter = 0;
        _passReturn = null;
        _sawReturn = false;
        foreach (var name in ParameterNames()) _vars[name] = new IrVariable(name, _varTypes[name], isParameter: true);
        var statements = new List<IrStmt>();
        BindStatements(_source.Definition.Body, statements);
        if (_final && _returnType is UnknownType)
            throw Error($"cannot infer the return type of {_source.Name}(): every path returns through a recursive call",
                _source.Definition, "give the function a return path that does not recurse (a base case)");
        if (!_final)
        {
            NjType result = _passReturn ?? (_sawReturn ? UnknownType.Instance : NjTypes.None);
            if (!EndsWithReturn(_source.Definition.Body) && _passReturn != null && result is not NoneType)
                result = NjTypes.Unify(result, NjTypes.None) ?? result;
            if (_declaredReturn == null && result is not UnknownType && result != _returnType)
            {
                _returnType = _returnType is UnknownType ? result : NjTypes.Unify(_returnType, result)
                    ?? throw Error($"cannot unify the return types {_returnType} and {result} of {_source.Name}()", _source.Definition);
                _changed = true;
            }
        }
        if (_final && _returnType is not NoneType && !EndsWithReturn(_source.Definition.Body))
            statements.Add(new IrReturn(Coerce(new IrConstant(null, NjTypes.None), _returnType, _source.Definition)));
        return new IrBlock(statements);
    }

    /// <summary>Whether control can never fall off the end of these statements.</summary>
    private static bool EndsWithReturn(IReadOnlyList<Stmt> body) => body.Count > 0 && body[^1] switch
    {
        Return or Raise => true,
        If i => EndsWithReturn(i.Body) && EndsWithReturn(i.OrElse),
        While { Test: Constant { Value: true } } w => !ContainsBreak(w.Body),
        // A loop without break leaves only through its else block.
        While w => !ContainsBreak(w.Body) && EndsWithReturn(w.OrElse),
        For f => !ContainsBreak(f.Body) && EndsWithReturn(f.OrElse),
        _ => false,
    };

    /// <summary>Whether a break in these statements leaves the enclosing loop (not a nested one).</summary>
    private static bool ContainsBreak(IReadOnlyList<Stmt> body) => body.Any(s => s switch
    {
        Break => true,
        If i => ContainsBreak(i.Body) || ContainsBreak(i.OrElse),
        While w => ContainsBreak(w.OrElse),
        For f => ContainsBreak(f.OrElse),
        _ => false,
    });

    // ---- variables ----

    private IrVariable Variable(string name, Node at)
    {
        if (_vars.TryGetValue(name, out var v)) return v;
        if (!_varTypes.TryGetValue(name, out var type)) type = UnknownType.Instance;
        if (_final && type is UnknownType)
            throw Error($"NameError: local variable '{name}' is used before it is assigned", at);
        v = new IrVariable(name, type, isParameter: false);
        _vars[name] = v;
        return v;
    }

    /// <summary>Records that <paramref name="name"/> receives a value of <paramref name="type"/>.</summary>
    private IrVariable AssignTarget(string name, NjType type, Node at)
    {
        if (type is not UnknownType)
        {
            if (!_varTypes.TryGetValue(name, out var old) || old is UnknownType)
            {
                if (_final) throw new InvalidOperationException($"variable {name} gained a type in the final pass");
                _varTypes[name] = type;
                _changed = true;
            }
            else if (old != type)
            {
                var unified = NjTypes.Unify(old, type) ?? throw Error(
                    $"cannot unify {old} and {type} for variable '{name}'", at,
                    "a variable keeps one type in compiled code; use a new name for the value of the other type");
                if (unified != old)
                {
                    if (_final) throw new InvalidOperationException($"variable {name} changed type in the final pass");
                    _varTypes[name] = unified;
                    _vars.Remove(name);   // this pass's IR is discarded; later uses see the wider type
                    _changed = true;
                }
            }
        }
        return Variable(name, at);
    }

    private IrVariable NewTemp(NjType type)
    {
        var v = new IrVariable($"${_tempCounter++}", type, isParameter: false);
        _temps.Add(v);
        return v;
    }

    /// <summary>Evaluates <paramref name="value"/> once into a temporary unless it is already trivial.</summary>
    private IrExpr Spill(IrExpr value, List<IrStmt> into)
    {
        if (value is IrLoad or IrConstant || value.Type is UnknownType) return value;
        var temp = NewTemp(value.Type);
        into.Add(new IrAssign(temp, value));
        return new IrLoad(temp);
    }

    private IrExpr SpillAlways(IrExpr value, List<IrStmt> into)
    {
        if (value is IrConstant || value.Type is UnknownType) return value;
        var temp = NewTemp(value.Type);
        into.Add(new IrAssign(temp, value));
        return new IrLoad(temp);
    }

    private static IrExpr Unknown() => new IrConstant(null, UnknownType.Instance);

    // ---- diagnostics ----

    private CompilerError Error(string message, Node at, string? hint = null) =>
        new("TypingError", _source.Text.Format(message, at.Span, _source.QualifiedName, hint));

    private CompilerError Unsupported(string message, Node at, string? hint = null) =>
        new("UnsupportedError", _source.Text.Format(message, at.Span, _source.QualifiedName, hint));

    private string Describe(Expr e)
    {
        var span = e.Span;
        return span.Line == span.EndLine ? SourceSlice(span) : e.GetType().Name;
    }

    private string SourceSlice(SourceSpan span)
    {
        var lines = _source.Text.Source.Replace("\r\n", "\n").Split('\n');
        if (span.Line < 1 || span.Line > lines.Length) return "?";
        var bytes = System.Text.Encoding.UTF8.GetBytes(lines[span.Line - 1]);
        int start = Math.Clamp(span.Col, 0, bytes.Length), end = Math.Clamp(span.EndCol, start, bytes.Length);
        return System.Text.Encoding.UTF8.GetString(bytes, start, end - start);
    }
}
