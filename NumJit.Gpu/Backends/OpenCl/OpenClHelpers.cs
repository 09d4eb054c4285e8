using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.OpenCl;

/// <summary>
/// OpenCL C text of the helpers emitted code calls: Python's floor division and modulo,
/// integer powers, negative-index wrapping, and atomics OpenCL 1.2 lacks (float add, min
/// and max as compare-and-swap loops on the element's bits).
/// </summary>
internal static class OpenClHelpers
{
    public const string Wrap = "inline long nj_wrap(long i, long n) { return i < 0 ? i + n : i; }\n";

    /// <summary>math.frexp's two results; C leaves the exponent of inf and nan unspecified, Python says 0.</summary>
    public const string Frexp =
        "inline double nj_frexp_mantissa(double x) { int e; return frexp(x, &e); }\n" +
        "inline long nj_frexp_exponent(double x) { int e; double m = frexp(x, &e); return isfinite(x) ? (long)e : 0; }\n";

    /// <summary>
    /// Python's // and % (rounding toward negative infinity), with numpy's answers where Python
    /// raises: x // 0 and x % 0 are 0 for integers, inf/nan for floats. Integer x // -1 avoids
    /// the overflow trap of the minimum value.
    /// </summary>
    public static string FloorDivMod(bool floorDiv, string type, NjType njType)
    {
        string name = (floorDiv ? "nj_floordiv_" : "nj_mod_") + type;
        if (njType is FloatType)
        {
            string zero = type == "float" ? "0.0f" : "0.0";
            return floorDiv
                ? $"inline {type} {name}({type} a, {type} b) {{ if (b == 0) return a / b; {type} m = fmod(a, b); {type} d = (a - m) / b; " +
                  $"if (m != 0 && ((b < 0) != (m < 0))) d -= 1; if (d == 0) return copysign({zero}, a / b); {type} f = floor(d); " +
                  $"if (d - f > 0.5) f += 1; return f; }}\n"
                : $"inline {type} {name}({type} a, {type} b) {{ {type} m = fmod(a, b); if (m != 0) {{ if ((b < 0) != (m < 0)) m += b; }} " +
                  $"else m = copysign({zero}, b); return m; }}\n";
        }
        if (njType is IntegerType { Signed: false })
            return $"inline {type} {name}({type} a, {type} b) {{ return b == 0 ? 0 : a {(floorDiv ? "/" : "%")} b; }}\n";
        return floorDiv
            ? $"inline {type} {name}({type} a, {type} b) {{ if (b == 0) return 0; if (b == -1) return ({type})(0 - (ulong)a); " +
              $"{type} q = a / b; if ((a % b != 0) && ((a < 0) != (b < 0))) q--; return q; }}\n"
            : $"inline {type} {name}({type} a, {type} b) {{ if (b == 0 || b == -1) return 0; {type} r = a % b; " +
              $"if (r != 0 && ((r < 0) != (b < 0))) r += b; return r; }}\n";
    }

    /// <summary>Integer ** non-negative integer by squaring, wrapping as numba does (negative exponents give 0).</summary>
    public static string IntegerPower(string type) =>
        $"inline {type} nj_pow_{type}({type} base, long e) {{ if (e < 0) return 0; {type} r = 1; " +
        $"while (e) {{ if (e & 1) r *= base; base *= base; e >>= 1; }} return r; }}\n";

    public static string Atomic(GpuAtomicOp op, string element, NjType type, string space, string name)
    {
        bool wide = type is IntegerType { Bits: 64 } || type is FloatType { Bits: 64 };
        string pointer = $"volatile __{space} {element}*";
        if (type is IntegerType)
        {
            string prefix = wide ? "atom_" : "atomic_";
            return op switch
            {
                GpuAtomicOp.CompareAndSwap =>
                    $"inline {element} {name}({pointer} p, {element} expected, {element} v) {{ return {prefix}cmpxchg(p, expected, v); }}\n",
                _ => $"inline {element} {name}({pointer} p, {element} v) {{ return {prefix}{op.ToString().ToLowerInvariant()}(p, v); }}\n",
            };
        }
        // Floats: swap the bits in when nobody changed them since we read them.
        string bits = wide ? "ulong" : "uint";
        string cas = wide ? "atom_cmpxchg" : "atomic_cmpxchg";
        string update = op switch
        {
            GpuAtomicOp.Add => "old.f + v",
            GpuAtomicOp.Sub => "old.f - v",
            GpuAtomicOp.Max => "fmax(old.f, v)",
            _ => "fmin(old.f, v)",
        };
        return $"inline {element} {name}({pointer} p, {element} v) {{ union {{ {bits} i; {element} f; }} old, next; " +
               $"do {{ old.f = *p; next.f = {update}; }} while ({cas}((volatile __{space} {bits}*)p, old.i, next.i) != old.i); return old.f; }}\n";
    }
}
