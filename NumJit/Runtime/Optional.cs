using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>A value of numba's OptionalType(T): T or None.</summary>
public struct Optional<T>
{
    public bool HasValue;
    public T Value;

    public Optional(T value)
    {
        HasValue = true;
        Value = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T GetValue()
    {
        if (!HasValue) throw new PyException("TypeError", "expected a value, got None");
        return Value;
    }
}
