using NumJit.Compilation;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing;

namespace NumJit.Gpu;

/// <summary>
/// A kernel compile request (the same JSON as njit's) -> typed IR of the kernel, entry first,
/// and the device functions it calls, typed with the GPU API in scope, with the kernel's options.
/// </summary>
public static class GpuCompiler
{
    private static readonly Lock Gate = new();

    public static TypedKernel Type(string requestJson)
    {
        lock (Gate)
        {
            var request = CompileRequestReader.Read(requestJson);
            var entry = request.Functions[request.EntryId];
            var functions = new Specializer(request.Functions, parallel: false, gpu: true).Run(entry, request.ArgTypes, null);
            var kernel = functions[0];
            if (kernel.ReturnType is not NoneType)
                throw new CompilerError("TypingError", entry.Text.Format($"kernel {entry.QualifiedName} returns a value of type {kernel.ReturnType}",
                    entry.Definition.Span, entry.QualifiedName, "kernels return nothing: write results into an array argument"));
            return new TypedKernel(functions, request.Options);
        }
    }
}
