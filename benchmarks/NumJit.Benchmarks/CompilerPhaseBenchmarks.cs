using System.Runtime.CompilerServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using NumJit.Backends.Il;
using NumJit.Compilation;
using NumJit.Frontend;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing;

namespace NumJit.Benchmarks;

/// <summary>
/// Times the phases of Compiler.CompileRequest (NumJit/Compilation/Compiler.cs) on one kernel:
/// parse, read request (JSON; parse served from the reader's cache), type inference
/// (Specializer), IL emission (IlModuleEmitter, includes CreateType), emission plus the .NET
/// JIT of the kernel, and the whole Compiler.CompileFunction with a fresh source each call
/// (so the parse cache never hits).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CompilerPhaseBenchmarks
{
    [Params("bs_call", "black_scholes", "pi")]
    public string Kernel { get; set; } = "pi";

    private string _source = "";
    private string[] _args = [];
    private Dictionary<string, object> _globals = new();
    private string _requestJson = "";
    private CompileRequest _request = null!;
    private IReadOnlyList<NjType> _argTypes = [];
    private IReadOnlyList<IrFunction> _functions = [];
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        (_source, _args, _globals) = Kernels.Get(Kernel);
        _requestJson = RequestJson(_source, _args, _globals);
        _request = CompileRequestReader.Read(_requestJson);
        _argTypes = _args.Select(TypeNameParser.ParseType).ToList();
        _functions = new Specializer(_request.Functions).Run(_request.Functions[_request.EntryId], _request.ArgTypes, null);
        // Fail early (not inside a measured loop) if the kernel does not compile.
        Compiler.CompileFunction(_source + "\n# setup\n", _args, _globals, "<bench>");
    }

    /// <summary>The same request shape python/numjit/_request.py writes (and Compiler.CompileFunction builds).</summary>
    private static string RequestJson(string source, string[] args, Dictionary<string, object> globals)
    {
        int def = source.IndexOf("def ", StringComparison.Ordinal);
        string name = source[(def + 4)..source.IndexOf('(', def)].Trim();
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["entry"] = 0,
            ["args"] = args,
            ["functions"] = new Dictionary<string, object>
            {
                ["0"] = new Dictionary<string, object>
                {
                    ["name"] = name, ["filename"] = "<bench>", ["firstlineno"] = 1, ["indent"] = 0,
                    ["source"] = source, ["globals"] = globals,
                },
            },
        });
    }

    [Benchmark(Description = "1 parse")]
    public object Parse() => PythonParser.ParseModule(_source, "<bench>");

    [Benchmark(Description = "2 read request (parse cached)")]
    public object ReadRequest() => CompileRequestReader.Read(_requestJson);

    [Benchmark(Description = "3 type inference")]
    public object TypeInference() =>
        new Specializer(_request.Functions).Run(_request.Functions[_request.EntryId], _argTypes, null);

    [Benchmark(Description = "4 emit IL (+CreateType)")]
    public object Emit() => IlModuleEmitter.Emit(_functions, NumJit.Compilation.CodeOptions.Default);

    [Benchmark(Description = "5 emit IL + .NET JIT")]
    public object EmitAndJit()
    {
        var module = IlModuleEmitter.Emit(_functions, NumJit.Compilation.CodeOptions.Default);
        RuntimeHelpers.PrepareMethod(module.Kernel.MethodHandle);
        RuntimeHelpers.PrepareMethod(module.Kernel.DeclaringType!.GetMethod("Entry")!.MethodHandle);
        return module;
    }

    [Benchmark(Description = "6 CompileFunction (unique source)")]
    public object CompileFunction() =>
        Compiler.CompileFunction(_source + "\n# " + (++_counter) + "\n", _args, _globals, "<bench>");

    [Benchmark(Description = "7 CompileFunction + .NET JIT")]
    public object CompileFunctionAndJit()
    {
        var compiled = Compiler.CompileFunction(_source + "\n# j" + (++_counter) + "\n", _args, _globals, "<bench>");
        RuntimeHelpers.PrepareMethod(compiled.Module.Kernel.MethodHandle);
        RuntimeHelpers.PrepareMethod(compiled.Module.Kernel.DeclaringType!.GetMethod("Entry")!.MethodHandle);
        return compiled;
    }
}
