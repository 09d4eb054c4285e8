using System.Numerics;

namespace NumJit.Runtime.GpuSimulation;

/// <summary>
/// cuda.atomic.* on the simulator: compare-and-swap loops on the element's bits, so every
/// element type and operation takes one path. Each returns the element's old value. Float max
/// and min ignore a NaN operand, as PTX's max/min do.
/// </summary>
public static unsafe class SimulatedAtomics
{
    public static T Add<T>(nint element, T value) where T : unmanaged, INumber<T> => Update(element, value, static (old, v) => old + v);

    public static T Sub<T>(nint element, T value) where T : unmanaged, INumber<T> => Update(element, value, static (old, v) => old - v);

    public static T Max<T>(nint element, T value) where T : unmanaged, INumber<T> =>
        Update(element, value, static (old, v) => T.IsNaN(old) ? v : T.IsNaN(v) ? old : T.Max(old, v));

    public static T Min<T>(nint element, T value) where T : unmanaged, INumber<T> =>
        Update(element, value, static (old, v) => T.IsNaN(old) ? v : T.IsNaN(v) ? old : T.Min(old, v));

    /// <summary>Stores <paramref name="value"/> where the element equals <paramref name="expected"/>; returns the old element.</summary>
    public static T CompareAndSwap<T>(nint element, T expected, T value) where T : unmanaged
    {
        if (sizeof(T) == 4)
        {
            int old = Interlocked.CompareExchange(ref *(int*)element, *(int*)&value, *(int*)&expected);
            return *(T*)&old;
        }
        long wide = Interlocked.CompareExchange(ref *(long*)element, *(long*)&value, *(long*)&expected);
        return *(T*)&wide;
    }

    private static T Update<T>(nint element, T value, Func<T, T, T> operation) where T : unmanaged
    {
        if (sizeof(T) == 4)
        {
            ref int bits = ref *(int*)element;
            while (true)
            {
                int old = Volatile.Read(ref bits);
                T result = operation(*(T*)&old, value);
                if (Interlocked.CompareExchange(ref bits, *(int*)&result, old) == old) return *(T*)&old;
            }
        }
        ref long wide = ref *(long*)element;
        while (true)
        {
            long old = Volatile.Read(ref wide);
            T result = operation(*(T*)&old, value);
            if (Interlocked.CompareExchange(ref wide, *(long*)&result, old) == old) return *(T*)&old;
        }
    }
}
