using System.Diagnostics;
using System.Text.Json;
using NumJit.Backends.Il;
using NumJit.IR;
using NumJit.Typing;

namespace NumJit.Compilation;

/// <summary>One compiled specialization: the entry the dispatcher calls and what inspect shows.
/// <see cref="CacheEntry"/> holds the bytes to save when it was compiled to be cached.</summary>
public sealed record CompiledSpecialization(nint EntryPoint, string InfoJson, string Name, IlModule Module, IrFunction? Ir)
{
    /// <summary>The typed IR of the entry function; one loaded from the cache has none.</summary>
    public IrFunction Function => Ir ?? throw new InvalidOperationException($"{Name} was loaded from the cache and has no typed IR");

    public byte[]? CacheEntry { get; init; }
}

/// <summary>
/// The pipeline, one way: request -> syntax trees -> typed IR -> IL. Thread-safe (one
/// compilation at a time: compilation is milliseconds, and the dispatcher compiles each
/// signature once).
/// </summary>
public static class Compiler
{
    private static readonly object Gate = new();

    /// <summary>
    /// What the package shows about a specialization (signature, variable types, IR, IL, timings).
    /// Written with Utf8JsonWriter: the reflection-based serializer costs milliseconds on first use.
    /// </summary>
    private static string InfoJson(IrFunction entry, IReadOnlyDictionary<string, string> variables, string ir,
        IlModule module, (double Parse, double Type, double Emit, double Describe) timings)
    {
        var buffer = new System.IO.MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("signature", entry.Signature);
            json.WriteStartArray("args");
            foreach (var t in entry.ArgTypes) json.WriteStringValue(t.Name);
            json.WriteEndArray();
            json.WriteString("return", entry.ReturnType!.Name);
            json.WriteStartObject("variables");
            foreach (var (name, type) in variables) json.WriteString(name, type);
            json.WriteEndObject();
            json.WriteString("ir", ir);
            json.WriteString("il", module.Listing);
            json.WriteBoolean("releases_gil", module.ReleasesGil);
            json.WriteStartObject("timings_ms");
            json.WriteNumber("parse", timings.Parse);
            json.WriteNumber("type", timings.Type);
            json.WriteNumber("emit", timings.Emit);
            json.WriteNumber("describe", timings.Describe);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

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

    /// <summary>
    /// Compiles a request. With a <paramref name="cacheKey"/> the module is also saved as a cache
    /// entry (see <see cref="Compilation.CacheEntry"/>), unless its code cannot leave this process.
    /// </summary>
    public static CompiledSpecialization CompileRequest(string json, string? cacheKey = null)
    {
        lock (Gate)
        {
            var timer = Stopwatch.StartNew();
            var request = CompileRequestReader.Read(json);
            double parsed = timer.Elapsed.TotalMilliseconds;
            var specializer = new Specializer(request.Functions, request.Options.Parallel);
            var functions = specializer.Run(request.Functions[request.EntryId], request.ArgTypes, request.DeclaredReturn);
            double typed = timer.Elapsed.TotalMilliseconds;
            IlModule module;
            try
            {
                module = cacheKey == null ? IlModuleEmitter.Emit(functions, request.Options) : EmitRelocatable(functions, request.Options, cacheKey);
            }
            catch (Exception error) when (error is not CompilerError)
            {
                // A compiler bug: report it with the typed IR so it can be reproduced.
                throw new CompilerError("NumJitError", $"internal compiler error while emitting IL: {error.GetType().Name}: {error.Message}\n" +
                    "Please report this with the typed IR below.\n" + string.Join("\n", functions.Select(f => f.ToString())));
            }
            double emitted = timer.Elapsed.TotalMilliseconds;
            var entry = functions[0];
            string ir = string.Join("\n", functions.Select(f => f.ToString()));
            double described = timer.Elapsed.TotalMilliseconds;
            string info = InfoJson(entry, specializer.VariableTypes(entry), ir, module,
                (parsed, typed - parsed, emitted - typed, described - emitted));
            return new CompiledSpecialization(module.EntryPoint, info, entry.Name, module, entry)
            {
                CacheEntry = cacheKey != null && module.Image != null ? Compilation.CacheEntry.Write(cacheKey, info, entry.Name, module) : null,
            };
        }
    }

    private static IlModule EmitRelocatable(IReadOnlyList<IrFunction> functions, CodeOptions options, string cacheKey)
    {
        try
        {
            return IlModuleEmitter.Emit(functions, options, Compilation.CacheEntry.AssemblyName(cacheKey));
        }
        catch (NotRelocatableException)
        {
            return IlModuleEmitter.Emit(functions, options);   // runs here; nothing to save
        }
    }
}
