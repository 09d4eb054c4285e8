using System.Globalization;
using System.Numerics;
using System.Text.Json;
using NumJit.Frontend;
using NumJit.Frontend.Syntax;
using NumJit.IR.Types;

namespace NumJit.Compilation;

/// <summary>
/// Reads the JSON the Python package sends (see python/numjit/_request.py for the writer) and
/// parses each function's source. Parsed sources are cached by text: compiling a second
/// signature of a function does not parse it again.
/// </summary>
public static class CompileRequestReader
{
    private static readonly Dictionary<string, Module> ParsedSources = new();

    public static CompileRequest Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var functions = new Dictionary<int, FunctionSource>();
        foreach (var property in root.GetProperty("functions").EnumerateObject())
        {
            int id = int.Parse(property.Name, CultureInfo.InvariantCulture);
            functions[id] = ReadFunction(id, property.Value);
        }
        var options = ReadOptions(root);
        if (root.TryGetProperty("signature", out var signature))
        {
            var (ret, argTypes) = TypeNameParser.ParseSignature(signature.GetString()!);
            return new CompileRequest(root.GetProperty("entry").GetInt32(), argTypes, ret, functions, options);
        }
        var args = root.GetProperty("args").EnumerateArray().Select(a => TypeNameParser.ParseType(a.GetString()!)).ToList();
        return new CompileRequest(root.GetProperty("entry").GetInt32(), args, null, functions, options);
    }

    private static CodeOptions ReadOptions(JsonElement root)
    {
        if (!root.TryGetProperty("options", out var options)) return CodeOptions.Default;
        bool Flag(string name) => options.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        return new CodeOptions(
            BoundsCheck: Flag("boundscheck"),
            NumpyErrorModel: options.TryGetProperty("error_model", out var model) && model.GetString() == "numpy",
            FastMath: Flag("fastmath"),
            NoGil: Flag("nogil"),
            Parallel: Flag("parallel"));
    }

    private static FunctionSource ReadFunction(int id, JsonElement element)
    {
        string name = element.GetProperty("name").GetString()!;
        string source = element.GetProperty("source").GetString()!;
        string fileName = element.GetProperty("filename").GetString()!;
        var text = new SourceText(fileName, element.GetProperty("firstlineno").GetInt32(), source);
        Module module;
        lock (ParsedSources)
        {
            if (!ParsedSources.TryGetValue(source, out module!))
            {
                try { module = PythonParser.ParseModule(source, fileName); }
                catch (ParseException error)
                {
                    throw new CompilerError("UnsupportedError", $"cannot parse the source of {name}: {error.Message}");
                }
                ParsedSources[source] = module;
            }
        }
        var definition = module.Body.OfType<FunctionDef>().FirstOrDefault()
            ?? throw new CompilerError("UnsupportedError",
                $"the source of {name} ({fileName}) is not a 'def' statement; lambdas and generated functions cannot be compiled");
        var globals = new Dictionary<string, GlobalValue>();
        foreach (var g in element.GetProperty("globals").EnumerateObject()) globals[g.Name] = ReadGlobal(g.Value);
        var defaults = new Dictionary<string, ConstantGlobal>();
        if (element.TryGetProperty("defaults", out var defaultsElement))
            foreach (var d in defaultsElement.EnumerateObject())
                if (ReadGlobal(d.Value) is ConstantGlobal c) defaults[d.Name] = c;
        return new FunctionSource
        {
            Id = id,
            Name = name,
            QualifiedName = element.TryGetProperty("qualname", out var q) ? q.GetString()! : name,
            Text = text,
            Definition = definition,
            Globals = globals,
            Defaults = defaults,
        };
    }

    private static GlobalValue ReadGlobal(JsonElement element)
    {
        string kind = element.GetProperty("kind").GetString()!;
        return kind switch
        {
            "const" => ReadConstant(element),
            "module" => new ModuleGlobal(element.GetProperty("name").GetString()!),
            "function" => new FunctionGlobal(element.GetProperty("module").GetString()!, element.GetProperty("name").GetString()!),
            "jit" => new JitGlobal(element.GetProperty("id").GetInt32(),
                element.TryGetProperty("ufunc", out var ufunc) && ufunc.ValueKind == JsonValueKind.True),
            "exception" => new ExceptionGlobal(element.GetProperty("name").GetString()!),
            "gufunc" => new GufuncGlobal((nint)element.GetProperty("address").GetInt64(), element.GetProperty("nin").GetInt32(),
                element.GetProperty("core").EnumerateArray().Select(c => c.GetInt32()).ToList(),
                element.GetProperty("types").EnumerateArray().Select(sig => (IReadOnlyList<NjType>)sig.EnumerateArray()
                    .Select(t => TypeNameParser.ParseType(t.GetString()!)).ToList()).ToList()),
            "dtype" => new DTypeGlobal(TypeNameParser.ParseType(element.GetProperty("name").GetString()!)),
            _ => new OpaqueGlobal(element.TryGetProperty("type", out var t) ? t.GetString()! : "object"),
        };
    }

    private static ConstantGlobal ReadConstant(JsonElement element)
    {
        var type = TypeNameParser.ParseType(element.GetProperty("type").GetString()!);
        return new ConstantGlobal(ReadValue(element.GetProperty("value"), type), type);
    }

    private static object? ReadValue(JsonElement value, NjType type) => type switch
    {
        NoneType => null,
        BooleanType => value.GetBoolean(),
        IntegerType { Signed: false } => value.GetUInt64(),
        IntegerType => value.GetInt64(),
        FloatType => ParseFloat(value.GetString()!),
        ComplexType => new Complex(ParseFloat(value[0].GetString()!), ParseFloat(value[1].GetString()!)),
        TupleType tuple => tuple.Items.Select((item, i) => ReadValue(value[i], item)).ToArray(),
        _ => throw new CompilerError("TypingError", $"constants of type {type} are not supported"),
    };

    /// <summary>Floats travel as Python repr() text so that nan and inf survive JSON.</summary>
    private static double ParseFloat(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
