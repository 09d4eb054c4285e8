using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Typing.Rules;

public enum MathShape
{
    /// <summary>float(float): integers become float64; float32 stays float32.</summary>
    Float,
    /// <summary>float(float, float).</summary>
    Float2,
    /// <summary>int64(float): floor, ceil, trunc.</summary>
    FloatToInt,
    /// <summary>bool(float).</summary>
    Predicate,
    /// <summary>int64(int64).</summary>
    Int,
    /// <summary>int64(int64, int64).</summary>
    Int2,
    /// <summary>float64(float64, int64): ldexp.</summary>
    FloatInt,
}

/// <summary>One row of the math table: which intrinsic, and its shape of signature.</summary>
public sealed record MathRule(Intrinsic Intrinsic, MathShape Shape);

/// <summary>
/// The functions of Python's math module (and numpy's scalar ufuncs of the same name) as
/// one table. Special shapes (log with a base, frexp, modf, isclose, hypot with n args) are
/// handled by the call binder.
/// </summary>
public static class MathFunctionRules
{
    public static readonly IReadOnlyDictionary<string, MathRule> Math = new Dictionary<string, MathRule>
    {
        ["sqrt"] = new(Intrinsic.Sqrt, MathShape.Float), ["sin"] = new(Intrinsic.Sin, MathShape.Float),
        ["cos"] = new(Intrinsic.Cos, MathShape.Float), ["tan"] = new(Intrinsic.Tan, MathShape.Float),
        ["asin"] = new(Intrinsic.Asin, MathShape.Float), ["acos"] = new(Intrinsic.Acos, MathShape.Float),
        ["atan"] = new(Intrinsic.Atan, MathShape.Float), ["sinh"] = new(Intrinsic.Sinh, MathShape.Float),
        ["cosh"] = new(Intrinsic.Cosh, MathShape.Float), ["tanh"] = new(Intrinsic.Tanh, MathShape.Float),
        ["asinh"] = new(Intrinsic.Asinh, MathShape.Float), ["acosh"] = new(Intrinsic.Acosh, MathShape.Float),
        ["atanh"] = new(Intrinsic.Atanh, MathShape.Float), ["exp"] = new(Intrinsic.Exp, MathShape.Float),
        ["expm1"] = new(Intrinsic.Expm1, MathShape.Float), ["exp2"] = new(Intrinsic.Exp2, MathShape.Float),
        ["log2"] = new(Intrinsic.Log2, MathShape.Float), ["log10"] = new(Intrinsic.Log10, MathShape.Float),
        ["log1p"] = new(Intrinsic.Log1p, MathShape.Float), ["fabs"] = new(Intrinsic.Fabs, MathShape.Float),
        ["erf"] = new(Intrinsic.Erf, MathShape.Float), ["erfc"] = new(Intrinsic.Erfc, MathShape.Float),
        ["gamma"] = new(Intrinsic.Gamma, MathShape.Float), ["lgamma"] = new(Intrinsic.Lgamma, MathShape.Float),
        ["degrees"] = new(Intrinsic.Degrees, MathShape.Float), ["radians"] = new(Intrinsic.Radians, MathShape.Float),
        ["cbrt"] = new(Intrinsic.Cbrt, MathShape.Float), ["ulp"] = new(Intrinsic.Ulp, MathShape.Float),
        ["atan2"] = new(Intrinsic.Atan2, MathShape.Float2), ["pow"] = new(Intrinsic.Pow, MathShape.Float2),
        ["copysign"] = new(Intrinsic.CopySign, MathShape.Float2), ["fmod"] = new(Intrinsic.Fmod, MathShape.Float2),
        ["remainder"] = new(Intrinsic.Remainder, MathShape.Float2), ["nextafter"] = new(Intrinsic.NextAfter, MathShape.Float2),
        ["floor"] = new(Intrinsic.Floor, MathShape.FloatToInt), ["ceil"] = new(Intrinsic.Ceil, MathShape.FloatToInt),
        ["trunc"] = new(Intrinsic.Trunc, MathShape.FloatToInt),
        ["isnan"] = new(Intrinsic.IsNan, MathShape.Predicate), ["isinf"] = new(Intrinsic.IsInf, MathShape.Predicate),
        ["isfinite"] = new(Intrinsic.IsFinite, MathShape.Predicate),
        ["factorial"] = new(Intrinsic.Factorial, MathShape.Int), ["isqrt"] = new(Intrinsic.Isqrt, MathShape.Int),
        ["gcd"] = new(Intrinsic.Gcd, MathShape.Int2), ["lcm"] = new(Intrinsic.Lcm, MathShape.Int2),
        ["comb"] = new(Intrinsic.Comb, MathShape.Int2), ["perm"] = new(Intrinsic.Perm, MathShape.Int2),
        ["ldexp"] = new(Intrinsic.Ldexp, MathShape.FloatInt),
    };

    public static readonly IReadOnlyDictionary<string, double> Constants = new Dictionary<string, double>
    {
        ["pi"] = System.Math.PI, ["e"] = System.Math.E, ["tau"] = System.Math.Tau,
        ["inf"] = double.PositiveInfinity, ["nan"] = double.NaN,
    };

    /// <summary>numpy ufunc names that mean the same as a math function on scalars.</summary>
    public static readonly IReadOnlyDictionary<string, string> NumpyAliases = new Dictionary<string, string>
    {
        ["arcsin"] = "asin", ["arccos"] = "acos", ["arctan"] = "atan", ["arctan2"] = "atan2",
        ["arcsinh"] = "asinh", ["arccosh"] = "acosh", ["arctanh"] = "atanh", ["absolute"] = "fabs",
        ["power"] = "pow", ["deg2rad"] = "radians", ["rad2deg"] = "degrees",
    };
}
