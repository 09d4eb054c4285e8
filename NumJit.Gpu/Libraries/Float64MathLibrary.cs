using NumJit.Compilation;
using NumJit.Frontend;
using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing;

namespace NumJit.Gpu.Libraries;

/// <summary>
/// float64 math for targets without instructions for it: the Python files of float64_math/
/// (embedded resources), parsed and typed once per process with float64 arguments, as GPU
/// device functions. A backend asks for the function that computes an <see cref="Intrinsic"/>
/// (or float ** float) and emits a call to it, plus the functions that one calls
/// (<see cref="WithCallees"/>).
/// </summary>
public sealed class Float64MathLibrary
{
    private const string ResourcePrefix = "NumJit.Gpu.Libraries.float64_math.";

    private static readonly Lazy<Float64MathLibrary> Typed = new(() => new Float64MathLibrary(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Which library function computes each intrinsic.</summary>
    private static readonly Dictionary<Intrinsic, string> Names = new()
    {
        [Intrinsic.Sin] = "sin", [Intrinsic.Cos] = "cos", [Intrinsic.Tan] = "tan", [Intrinsic.Asin] = "asin",
        [Intrinsic.Acos] = "acos", [Intrinsic.Atan] = "atan", [Intrinsic.Atan2] = "atan2", [Intrinsic.Sinh] = "sinh",
        [Intrinsic.Cosh] = "cosh", [Intrinsic.Tanh] = "tanh", [Intrinsic.Asinh] = "asinh", [Intrinsic.Acosh] = "acosh",
        [Intrinsic.Atanh] = "atanh", [Intrinsic.Exp] = "exp", [Intrinsic.Expm1] = "expm1", [Intrinsic.Exp2] = "exp2",
        [Intrinsic.Log] = "log", [Intrinsic.LogBase] = "log_base", [Intrinsic.Log2] = "log2", [Intrinsic.Log10] = "log10",
        [Intrinsic.Log1p] = "log1p", [Intrinsic.Pow] = "power", [Intrinsic.Hypot] = "hypot", [Intrinsic.Fmod] = "fmod",
        [Intrinsic.Cbrt] = "cbrt", [Intrinsic.Erf] = "erf", [Intrinsic.Erfc] = "erfc", [Intrinsic.Gamma] = "gamma",
        [Intrinsic.Lgamma] = "lgamma",
    };

    private readonly Dictionary<string, IrFunction> _functions = new();

    public static Float64MathLibrary Instance => Typed.Value;

    private Float64MathLibrary()
    {
        // Every function sees math and every function of every file, as one module's globals would.
        var assembly = typeof(Float64MathLibrary).Assembly;
        var definitions = new List<(FunctionDef Definition, SourceText Text)>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order())
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            string source = reader.ReadToEnd(), fileName = resource[ResourcePrefix.Length..];
            var text = new SourceText(fileName, 1, source);
            definitions.AddRange(PythonParser.ParseModule(source, fileName).Body.OfType<FunctionDef>().Select(d => (d, text)));
        }
        var globals = new Dictionary<string, GlobalValue> { ["math"] = new ModuleGlobal("math") };
        for (int id = 0; id < definitions.Count; id++) globals[definitions[id].Definition.Name] = new JitGlobal(id);
        var sources = definitions.Select((d, id) => new FunctionSource
        {
            Id = id, Name = d.Definition.Name, QualifiedName = d.Definition.Name, Text = d.Text, Definition = d.Definition,
            Globals = globals, Defaults = new Dictionary<string, ConstantGlobal>(),
        }).ToDictionary(s => s.Id);
        var specializer = new Specializer(sources, gpu: true);
        var roots = sources.Values.Where(s => Names.ContainsValue(s.Name)).ToList();
        var missing = Names.Values.Except(roots.Select(r => r.Name)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"float64_math lacks {string.Join(", ", missing)}");
        foreach (var root in roots)
            specializer.GetOrAdd(root, root.Definition.Args.Args.Select(_ => (NjType)NjTypes.Float64).ToList());
        var typed = specializer.Complete("float64_math");
        for (int i = 0; i < roots.Count; i++) _functions[roots[i].Name] = typed[i];
    }

    /// <summary>The float64 function computing <paramref name="intrinsic"/>, or null when the library has none.</summary>
    public IrFunction? Function(Intrinsic intrinsic) => Names.TryGetValue(intrinsic, out var name) ? _functions[name] : null;

    /// <summary>Whether the library computes <paramref name="intrinsic"/> (without typing it).</summary>
    public static bool Computes(Intrinsic intrinsic) => Names.ContainsKey(intrinsic);

    /// <summary>The given functions and every function they call, callees after callers.</summary>
    public static List<IrFunction> WithCallees(IEnumerable<IrFunction> functions)
    {
        var all = new List<IrFunction>();
        var seen = new HashSet<IrFunction>();
        var pending = new Queue<IrFunction>(functions);
        while (pending.Count > 0)
        {
            var function = pending.Dequeue();
            if (!seen.Add(function)) continue;
            all.Add(function);
            foreach (var callee in IrVariableUses.Calls(function.Body)) pending.Enqueue(callee);
        }
        return all;
    }
}
