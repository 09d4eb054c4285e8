using NumJit.IR.Types;

namespace NumJit.Gpu.Backends;

/// <summary>
/// One parameter of a compiled kernel as the launcher passes it: an array becomes its data
/// pointer, then its shape and its strides in bytes (int64 each); a scalar is passed by value.
/// </summary>
public sealed record KernelParameter(string Name, NjType Type)
{
    public ArrayType? Array => Type as ArrayType;
}
