using NumJit.Compilation;
using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing;

/// <summary>
/// Types every specialization a compilation reaches, together: one binder per (function,
/// argument types), passes over all of them until no type changes (so mutually recursive
/// functions see each other's return types), then a final pass each to build the IR.
/// </summary>
public sealed class Specializer(IReadOnlyDictionary<int, FunctionSource> sources, bool parallel = false, bool gpu = false)
{
    private const int MaxRounds = 64;
    private const int MaxSpecializations = 256;
    private readonly List<FunctionBinder> _binders = new();
    private readonly Dictionary<(int, string), FunctionBinder> _byKey = new();
    private readonly List<IrFunction> _outlined = new();
    private bool _added;

    /// <summary>parallel=True: prange loops are outlined to run on several threads.</summary>
    public bool Parallel => parallel;

    /// <summary>Compiling a GPU kernel: the cuda API is typed, and prange/parallel are not.</summary>
    public bool Gpu => gpu;

    /// <summary>Adds a function the final pass made (an outlined prange body) to the compilation.</summary>
    public void AddOutlined(IrFunction function) => _outlined.Add(function);

    public FunctionSource Source(int id) =>
        sources.TryGetValue(id, out var s) ? s : throw new InvalidOperationException($"function {id} was not shipped");

    public FunctionBinder GetOrAdd(FunctionSource source, IReadOnlyList<NjType> argTypes, Node? at = null, FunctionBinder? caller = null,
        NjType? declaredReturn = null)
    {
        var key = (source.Id, string.Join(",", argTypes.Select(t => t.Name)));
        if (_byKey.TryGetValue(key, out var binder)) return binder;
        if (_binders.Count >= MaxSpecializations)
            throw new CompilerError("TypingError", $"compiling {source.Name} needs more than {MaxSpecializations} specializations " +
                "(recursion with ever-changing argument types?)");
        binder = new FunctionBinder(source, argTypes, this, declaredReturn);
        _byKey[key] = binder;
        _binders.Add(binder);
        _added = true;
        return binder;
    }

    /// <summary>Types the entry specialization and everything it calls; returns all functions, entry first.</summary>
    public IReadOnlyList<IrFunction> Run(FunctionSource entry, IReadOnlyList<NjType> argTypes, NjType? declaredReturn)
    {
        GetOrAdd(entry, argTypes, declaredReturn: declaredReturn);
        return Complete(entry.Name);
    }

    /// <summary>
    /// Types every root added with <see cref="GetOrAdd"/> and everything they call; returns all
    /// functions, roots first in the order added (a library typed in one go).
    /// </summary>
    public IReadOnlyList<IrFunction> Complete(string what)
    {
        for (int round = 0; ; round++)
        {
            _added = false;
            bool changed = false;
            for (int i = 0; i < _binders.Count; i++) changed |= _binders[i].InferPass();
            if (!changed && !_added) break;
            if (round == MaxRounds)
                throw new CompilerError("TypingError", $"type inference for {what} did not converge after {MaxRounds} rounds");
        }
        foreach (var binder in _binders) binder.FinalPass();
        return _binders.Select(b => b.Function).Concat(_outlined).ToList();
    }

    /// <summary>The types of a function's named variables, for inspect_types().</summary>
    public IReadOnlyDictionary<string, string> VariableTypes(IrFunction function) =>
        _binders.First(b => b.Function == function).VariableTypes;
}
