using NumJit.Compilation;
using NumJit.IR;

namespace NumJit.Gpu;

/// <summary>A kernel's typed IR (entry first, then the device functions it calls) and its code options.</summary>
public sealed record TypedKernel(IReadOnlyList<IrFunction> Functions, CodeOptions Options);
