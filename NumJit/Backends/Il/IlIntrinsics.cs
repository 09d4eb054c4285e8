using System.Numerics;
using System.Reflection;
using NumJit.IR;
using NumJit.Runtime;

namespace NumJit.Backends.Il;

/// <summary>
/// Where each <see cref="Intrinsic"/> lives on the CPU: a table of (owner classes, method name),
/// searched for the overload whose parameter and return types match. float32 calls with no
/// float32 overload fall back to the float64 one (the emitter converts around the call).
/// </summary>
public static class IlIntrinsics
{
    private static readonly Type PyMath = typeof(PyArith).Assembly.GetType("NumJit.Runtime.PyMath") ?? typeof(Math);

    private static readonly Dictionary<Intrinsic, (Type[] Owners, string Name)> Table = new()
    {
        [Intrinsic.Sqrt] = ([typeof(Math), typeof(MathF)], "Sqrt"),
        [Intrinsic.Sin] = ([typeof(Math), typeof(MathF)], "Sin"),
        [Intrinsic.Cos] = ([typeof(Math), typeof(MathF)], "Cos"),
        [Intrinsic.Tan] = ([typeof(Math), typeof(MathF)], "Tan"),
        [Intrinsic.Asin] = ([typeof(Math), typeof(MathF)], "Asin"),
        [Intrinsic.Acos] = ([typeof(Math), typeof(MathF)], "Acos"),
        [Intrinsic.Atan] = ([typeof(Math), typeof(MathF)], "Atan"),
        [Intrinsic.Atan2] = ([typeof(Math), typeof(MathF)], "Atan2"),
        [Intrinsic.Sinh] = ([typeof(Math), typeof(MathF)], "Sinh"),
        [Intrinsic.Cosh] = ([typeof(Math), typeof(MathF)], "Cosh"),
        [Intrinsic.Tanh] = ([typeof(Math), typeof(MathF)], "Tanh"),
        [Intrinsic.Asinh] = ([typeof(Math), typeof(MathF)], "Asinh"),
        [Intrinsic.Acosh] = ([typeof(Math), typeof(MathF)], "Acosh"),
        [Intrinsic.Atanh] = ([typeof(Math), typeof(MathF)], "Atanh"),
        [Intrinsic.Exp] = ([typeof(Math), typeof(MathF)], "Exp"),
        [Intrinsic.Log] = ([typeof(Math), typeof(MathF)], "Log"),
        [Intrinsic.Log2] = ([typeof(Math), typeof(MathF)], "Log2"),
        [Intrinsic.Log10] = ([typeof(Math), typeof(MathF)], "Log10"),
        [Intrinsic.Cbrt] = ([typeof(Math), typeof(MathF)], "Cbrt"),
        [Intrinsic.CopySign] = ([typeof(Math), typeof(MathF)], "CopySign"),
        [Intrinsic.Fabs] = ([typeof(Math), typeof(MathF)], "Abs"),
        [Intrinsic.Floor] = ([PyMath, typeof(Math), typeof(MathF)], "Floor"),
        [Intrinsic.Ceil] = ([PyMath, typeof(Math), typeof(MathF)], "Ceil"),
        [Intrinsic.Trunc] = ([PyMath, typeof(Math), typeof(MathF)], "Trunc"),
        [Intrinsic.Pow] = ([PyMath, typeof(Math)], "Pow"),
        [Intrinsic.Expm1] = ([PyMath], "Expm1"),
        [Intrinsic.Exp2] = ([PyMath], "Exp2"),
        [Intrinsic.Log1p] = ([PyMath], "Log1p"),
        [Intrinsic.LogBase] = ([PyMath], "Log"),
        [Intrinsic.Hypot] = ([PyMath], "Hypot"),
        [Intrinsic.Fmod] = ([PyMath], "Fmod"),
        [Intrinsic.Remainder] = ([PyMath], "Remainder"),
        [Intrinsic.Erf] = ([PyMath], "Erf"),
        [Intrinsic.Erfc] = ([PyMath], "Erfc"),
        [Intrinsic.Gamma] = ([PyMath], "Gamma"),
        [Intrinsic.Lgamma] = ([PyMath], "Lgamma"),
        [Intrinsic.Factorial] = ([PyMath], "Factorial"),
        [Intrinsic.Comb] = ([PyMath], "Comb"),
        [Intrinsic.Perm] = ([PyMath], "Perm"),
        [Intrinsic.Gcd] = ([PyMath], "Gcd"),
        [Intrinsic.Lcm] = ([PyMath], "Lcm"),
        [Intrinsic.Isqrt] = ([PyMath], "Isqrt"),
        [Intrinsic.Degrees] = ([PyMath], "Degrees"),
        [Intrinsic.Radians] = ([PyMath], "Radians"),
        [Intrinsic.IsClose] = ([PyMath], "IsClose"),
        [Intrinsic.NextAfter] = ([PyMath], "NextAfter"),
        [Intrinsic.Ulp] = ([PyMath], "Ulp"),
        [Intrinsic.Ldexp] = ([PyMath], "Ldexp"),
        [Intrinsic.Frexp] = ([PyMath], "Frexp"),
        [Intrinsic.Modf] = ([PyMath], "Modf"),
        [Intrinsic.IsNan] = ([typeof(double), typeof(float)], "IsNaN"),
        [Intrinsic.IsInf] = ([typeof(double), typeof(float)], "IsInfinity"),
        [Intrinsic.IsFinite] = ([typeof(double), typeof(float)], "IsFinite"),
        [Intrinsic.Abs] = ([typeof(IntegerOps)], "Abs"),
        [Intrinsic.Min] = ([typeof(IntegerOps)], "Min"),
        [Intrinsic.Max] = ([typeof(IntegerOps)], "Max"),
        [Intrinsic.RangeLength] = ([typeof(IntegerOps)], "RangeLength"),
        [Intrinsic.Round] = ([typeof(PyArith)], "Round"),
        [Intrinsic.RoundDigits] = ([typeof(PyArith)], "Round"),
        [Intrinsic.DivMod] = ([typeof(PyArith)], "DivMod"),
        [Intrinsic.ModPow] = ([typeof(IntegerOps)], "ModPow"),
        [Intrinsic.LinalgDet] = ([typeof(Interop.LinearAlgebraCalls)], "Det"),
        [Intrinsic.LinalgInv] = ([typeof(Interop.LinearAlgebraCalls)], "Inverse"),
        [Intrinsic.LinalgSolve] = ([typeof(Interop.LinearAlgebraCalls)], "Solve"),
        [Intrinsic.Histogram] = ([typeof(Interop.HistogramCalls)], "Histogram"),
        [Intrinsic.MakeRange] = ([typeof(IntegerOps)], "MakeRange"),
        [Intrinsic.ComplexConjugate] = ([typeof(Complex)], "Conjugate"),
        [Intrinsic.ComplexAbs] = ([typeof(ComplexMath)], "Abs"),
        [Intrinsic.CSqrt] = ([typeof(ComplexMath)], "Sqrt"), [Intrinsic.CExp] = ([typeof(ComplexMath)], "Exp"),
        [Intrinsic.CLog] = ([typeof(ComplexMath)], "Log"), [Intrinsic.CLog10] = ([typeof(ComplexMath)], "Log10"),
        [Intrinsic.CSin] = ([typeof(ComplexMath)], "Sin"), [Intrinsic.CCos] = ([typeof(ComplexMath)], "Cos"),
        [Intrinsic.CSinh] = ([typeof(ComplexMath)], "Sinh"), [Intrinsic.CCosh] = ([typeof(ComplexMath)], "Cosh"),
        [Intrinsic.CPhase] = ([typeof(ComplexMath)], "Phase"), [Intrinsic.CPolar] = ([typeof(ComplexMath)], "Polar"),
        [Intrinsic.CRect] = ([typeof(ComplexMath)], "Rect"), [Intrinsic.CIsNan] = ([typeof(ComplexMath)], "IsNan"),
        [Intrinsic.CIsInf] = ([typeof(ComplexMath)], "IsInf"), [Intrinsic.CIsFinite] = ([typeof(ComplexMath)], "IsFinite"),
        [Intrinsic.ComplexReal] = ([typeof(Complex)], "get_Real"),
        [Intrinsic.ComplexImag] = ([typeof(Complex)], "get_Imaginary"),
    };

    /// <summary>System.Math spells some names out (numpy.ceil and math.ceil are Math.Ceiling).</summary>
    private static readonly Dictionary<string, string> BclNames = new() { ["Ceil"] = "Ceiling", ["Trunc"] = "Truncate" };

    /// <summary>The method implementing <paramref name="intrinsic"/> for exactly these types, or null.</summary>
    public static MethodInfo? Find(Intrinsic intrinsic, Type[] args, Type result)
    {
        if (!Table.TryGetValue(intrinsic, out var entry)) return null;
        foreach (var owner in entry.Owners)
        {
            string name = (owner == typeof(Math) || owner == typeof(MathF)) && BclNames.TryGetValue(entry.Name, out var bcl) ? bcl : entry.Name;
            foreach (var method in owner.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
            {
                if (method.Name != name || method.ReturnType != result) continue;
                var parameters = method.GetParameters().Select(p => p.ParameterType);
                if (!method.IsStatic) parameters = parameters.Prepend(owner);
                if (parameters.SequenceEqual(args)) return method;
            }
        }
        return null;
    }

    public static bool IsKnown(Intrinsic intrinsic) => Table.ContainsKey(intrinsic);
}
