using NumJit.Frontend.Syntax;

namespace NumJit.Compilation;

/// <summary>A Python function as shipped by the package: its source, where it came from, and
/// what its global names referred to.</summary>
public sealed class FunctionSource
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required string QualifiedName { get; init; }
    public required SourceText Text { get; init; }
    public required FunctionDef Definition { get; init; }
    public required IReadOnlyDictionary<string, GlobalValue> Globals { get; init; }
    /// <summary>Default values of trailing parameters, by parameter name.</summary>
    public required IReadOnlyDictionary<string, ConstantGlobal> Defaults { get; init; }
}
