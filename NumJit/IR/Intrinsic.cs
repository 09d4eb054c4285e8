namespace NumJit.IR;

/// <summary>
/// Library operations a backend must provide. The typing rules decide which exist for which
/// argument types; each backend maps them to code (the IL backend to System.Math or
/// NumJit.Runtime methods, GPU backends to instructions or software routines).
/// </summary>
public enum Intrinsic
{
    // math
    Sqrt, Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
    Exp, Expm1, Exp2, Log, LogBase, Log2, Log10, Log1p, Pow, Fabs, Floor, Ceil, Trunc, Hypot, CopySign,
    Fmod, Remainder, Erf, Erfc, Gamma, Lgamma, Factorial, Comb, Perm, Gcd, Lcm, Isqrt, RangeLength, Degrees, Radians,
    IsNan, IsInf, IsFinite, IsClose, Cbrt, NextAfter, Ulp, Ldexp, Frexp, Modf,
    // math over a sequence: tuple items as arguments (...Values), or one 1-d array (...Array)
    FsumValues, HypotValues, DistValues, FsumArray, HypotArray, DistArrays, ProdArray,
    // numpy.linalg (float64 arrays)
    LinalgDet, LinalgInv, LinalgSolve, Histogram,
    // builtins
    Abs, Min, Max, Round, RoundDigits, DivMod, ModPow, MakeRange, RangeStart, RangeStop, RangeStep,
    // complex
    ComplexReal, ComplexImag, ComplexConjugate, ComplexAbs, MakeComplex,
    // cmath
    CSqrt, CExp, CLog, CLog10, CSin, CCos, CSinh, CCosh, CPhase, CPolar, CRect, CIsNan, CIsInf, CIsFinite,
}
