using NumJit.IR.Types;

namespace NumJit.Compilation;

/// <summary>What to compile: the entry function with argument types, and every function it may reach.</summary>
public sealed record CompileRequest(int EntryId, IReadOnlyList<NjType> ArgTypes, NjType? DeclaredReturn,
    IReadOnlyDictionary<int, FunctionSource> Functions, CodeOptions Options);
