using System.Diagnostics;
using System.Text.Json;
using NumJit.Backends.Il;
using NumJit.IR;
using NumJit.Typing;

namespace NumJit.Compilation;

/// <summary>One compiled specialization: the entry the dispatcher calls and what inspect shows.</summary>
public sealed record CompiledSpecialization(nint EntryPoint, string InfoJson, IrFunction Function, IlModule Module);

/// <summary>
/// The pipeline, one way: request -> syntax trees -> typed IR -> IL. Thread-safe (one
/// compilation at a time: compilation is milliseconds, and the dispatcher compiles each
/// signature once).
/// </summary>
public static class Compiler
{
    private static readonly object Gate = new();

    /// <summary>
    /// Compiles one Python function's source for the given argument types, with no Python
    /// process involved (tests and benchmarks): globals default to none.
    /// </summary>
    public static CompiledSpecialization CompileFunction(string source, IReadOnlyList<string> argTypes,
        IReadOnlyDictionary<string, object>? globals = null, string fileName = "<test>") =>
        CompileRequest(RequestJson(source, argTypes, globals, fileName));

    /// <summary>The request JSON the Python package would send for one function.</summary>
    public static string RequestJson(string source, IReadOnlyList<string> argTypes,
        IReadOnlyDictionary<string, object>? globals, string fileName)
    {
        var request = new Dictionary<string, object>
        {
            ["entry"] = 0,
            ["args"] = argTypes,
            ["functions"] = new Dictionary<string, object>
            {
                ["0"] = new Dictionary<string, object>
                {
                    ["name"] = FunctionName(source), ["filename"] = fileName, ["firstlineno"] = 1, ["indent"] = 0,
                    ["source"] = source, ["globals"] = globals ?? new Dictionary<string, object>(),
                },
            },
        };
        return JsonSerializer.Serialize(request);
    }

    private static string FunctionName(string source)
    {
        int def = source.IndexOf("def ", StringComparison.Ordinal);
        if (def < 0) return "<lambda>";
        int open = source.IndexOf('(', def);
        return source[(def + 4)..open].Trim();
    }

    public static CompiledSpecialization CompileRequest(string json)
    {
        lock (Gate)
        {
            var timer = Stopwatch.StartNew();
            var request = CompileRequestReader.Read(json);
            double parsed = timer.Elapsed.TotalMilliseconds;
            var specializer = new Specializer(request.Functions);
            var functions = specializer.Run(request.Functions[request.EntryId], request.ArgTypes, request.DeclaredReturn);
            double typed = timer.Elapsed.TotalMilliseconds;
            IlModule module;
            try
            {
                module = IlModuleEmitter.Emit(functions);
            }
            catch (Exception error) when (error is not CompilerError)
            {
                // A compiler bug: report it with the typed IR so it can be reproduced.
                throw new CompilerError("NumJitError", $"internal compiler error while emitting IL: {error.GetType().Name}: {error.Message}\n" +
                    "Please report this with the typed IR below.\n" + string.Join("\n", functions.Select(f => f.ToString())));
            }
            double emitted = timer.Elapsed.TotalMilliseconds;
            var entry = functions[0];
            var info = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["signature"] = entry.Signature,
                ["args"] = entry.ArgTypes.Select(t => t.Name).ToArray(),
                ["return"] = entry.ReturnType!.Name,
                ["variables"] = specializer.VariableTypes(entry),
                ["ir"] = string.Join("\n", functions.Select(f => f.ToString())),
                ["il"] = module.Listing,
                ["timings_ms"] = new Dictionary<string, double> { ["parse"] = parsed, ["type"] = typed - parsed, ["emit"] = emitted - typed },
            });
            return new CompiledSpecialization(module.EntryPoint, info, entry, module);
        }
    }
}
