using System.Numerics;

namespace NumJit.Runtime;

/// <summary>Complex operations with CPython's exact algorithms (complexobject.c), not .NET's.</summary>
public static class ComplexMath
{
    /// <summary>
    /// z ** w as CPython computes it: integral exponents up to 100 by repeated squaring
    /// (so (1+2j) ** 2 is exactly -3+4j), others in polar form.
    /// </summary>
    public static Complex Pow(Complex a, Complex b)
    {
        if (b.Imaginary == 0.0 && b.Real == Math.Floor(b.Real) && Math.Abs(b.Real) <= 100.0)
            return PowInteger(a, (int)b.Real);
        return PowGeneral(a, b);
    }

    private static Complex PowInteger(Complex x, int n)
    {
        if (n > 0) return PowUnsigned(x, n);
        return Divide(Complex.One, PowUnsigned(x, -n));
    }

    private static Complex PowUnsigned(Complex x, int n)
    {
        Complex r = Complex.One, p = x;
        for (int mask = 1; mask > 0 && n >= mask; mask <<= 1)
        {
            if ((n & mask) != 0) r = Multiply(r, p);
            p = Multiply(p, p);
        }
        return r;
    }

    private static Complex PowGeneral(Complex a, Complex b)
    {
        if (b.Real == 0.0 && b.Imaginary == 0.0) return Complex.One;
        if (a.Real == 0.0 && a.Imaginary == 0.0)
        {
            if (b.Imaginary != 0.0 || b.Real < 0.0)
                throw new PyException("ZeroDivisionError", "0.0 to a negative or complex power");
            return Complex.Zero;
        }
        double vabs = double.Hypot(a.Real, a.Imaginary);
        double length = Math.Pow(vabs, b.Real);
        double angle = Math.Atan2(a.Imaginary, a.Real);
        double phase = angle * b.Real;
        if (b.Imaginary != 0.0)
        {
            length /= Math.Exp(angle * b.Imaginary);
            phase += b.Imaginary * Math.Log(vabs);
        }
        return new Complex(length * Math.Cos(phase), length * Math.Sin(phase));
    }

    /// <summary>abs(z): CPython's hypot of the parts.</summary>
    public static double Abs(Complex z) => PyMath.Hypot(z.Real, z.Imaginary);

    /// <summary>CPython's _Py_c_prod: the schoolbook product (no fused operations).</summary>
    public static Complex Multiply(Complex a, Complex b) =>
        new(a.Real * b.Real - a.Imaginary * b.Imaginary, a.Real * b.Imaginary + a.Imaginary * b.Real);

    /// <summary>CPython's _Py_c_quot (Smith's algorithm), raising ZeroDivisionError for 0.</summary>
    public static Complex Divide(Complex a, Complex b)
    {
        double absBr = Math.Abs(b.Real), absBi = Math.Abs(b.Imaginary);
        if (absBr >= absBi)
        {
            if (absBr == 0.0) throw new PyException("ZeroDivisionError", "complex division by zero");
            double ratio = b.Imaginary / b.Real;
            double denom = b.Real + b.Imaginary * ratio;
            return new Complex((a.Real + a.Imaginary * ratio) / denom, (a.Imaginary - a.Real * ratio) / denom);
        }
        if (absBi >= absBr)
        {
            double ratio = b.Real / b.Imaginary;
            double denom = b.Real * ratio + b.Imaginary;
            return new Complex((a.Real * ratio + a.Imaginary) / denom, (a.Imaginary * ratio - a.Real) / denom);
        }
        return new Complex(double.NaN, double.NaN);   // at least one of b's parts is nan
    }

    // cmath: the functions whose .NET implementations agree with CPython's (checked in tests);
    // log10 uses CPython's own formula.

    public static Complex Sqrt(Complex z) => Complex.Sqrt(z);
    public static Complex Exp(Complex z) => Complex.Exp(z);
    public static Complex Log(Complex z) => Complex.Log(z);
    public static Complex Log(Complex z, Complex b) => Divide(Complex.Log(z), Complex.Log(b));
    public static Complex Log10(Complex z)
    {
        var r = Complex.Log(z);
        return new Complex(r.Real / Math.Log(10.0), r.Imaginary / Math.Log(10.0));
    }
    public static Complex Sin(Complex z) => Complex.Sin(z);
    public static Complex Cos(Complex z) => Complex.Cos(z);
    public static Complex Sinh(Complex z) => Complex.Sinh(z);
    public static Complex Cosh(Complex z) => Complex.Cosh(z);
    public static double Phase(Complex z) => Math.Atan2(z.Imaginary, z.Real);
    public static (double, double) Polar(Complex z) => (Abs(z), Phase(z));
    public static Complex Rect(double r, double phi) => new(r * Math.Cos(phi), r * Math.Sin(phi));
    public static bool IsNan(Complex z) => double.IsNaN(z.Real) || double.IsNaN(z.Imaginary);
    public static bool IsInf(Complex z) => double.IsInfinity(z.Real) || double.IsInfinity(z.Imaginary);
    public static bool IsFinite(Complex z) => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary);
}
