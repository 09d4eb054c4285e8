using System.Runtime.CompilerServices;

namespace NumJit.Runtime;

/// <summary>
/// Unevaluated sum hi + lo of two doubles (~106-bit significand), used internally so that the
/// special functions can be evaluated with enough headroom to round correctly in almost all
/// cases instead of accumulating several ulps of error. Not exposed to compiled code.
/// </summary>
internal readonly struct DoubleDouble
{
    public readonly double Hi;
    public readonly double Lo;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DoubleDouble(double hi, double lo)
    {
        Hi = hi;
        Lo = lo;
    }

    public static readonly DoubleDouble Ln2 = new(0.6931471805599453, 2.3190468138462996e-17);
    public static readonly DoubleDouble InvSqrtPi = new(0.5641895835477563, 7.66772980658294e-18);
    public static readonly DoubleDouble TwoOverSqrtPi = new(1.1283791670955126, 1.533545961316588e-17);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        double e = (a - (s - bb)) + (b - bb);
        return new DoubleDouble(s, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleDouble FastTwoSum(double a, double b)
    {
        double s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoProd(double a, double b)
    {
        double p = a * b;
        return new DoubleDouble(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        DoubleDouble s = TwoSum(a.Hi, b.Hi);
        DoubleDouble t = TwoSum(a.Lo, b.Lo);
        s = FastTwoSum(s.Hi, s.Lo + t.Hi);
        return FastTwoSum(s.Hi, s.Lo + t.Lo);
    }

    public static DoubleDouble operator +(DoubleDouble a, double b)
    {
        DoubleDouble s = TwoSum(a.Hi, b);
        return FastTwoSum(s.Hi, s.Lo + a.Lo);
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + (-b);

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        DoubleDouble p = TwoProd(a.Hi, b.Hi);
        double lo = p.Lo + (a.Hi * b.Lo + a.Lo * b.Hi);
        return FastTwoSum(p.Hi, lo);
    }

    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        DoubleDouble p = TwoProd(a.Hi, b);
        return FastTwoSum(p.Hi, p.Lo + a.Lo * b);
    }

    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        double q1 = a.Hi / b.Hi;
        DoubleDouble r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        return FastTwoSum(q1, q2) + q3;
    }

    public static DoubleDouble operator /(DoubleDouble a, double b)
    {
        double q1 = a.Hi / b;
        DoubleDouble p = TwoProd(q1, b);
        double q2 = ((a.Hi - p.Hi) - p.Lo + a.Lo) / b;
        return FastTwoSum(q1, q2);
    }

    public DoubleDouble ScaleB(int n) => new(Math.ScaleB(Hi, n), Math.ScaleB(Lo, n));

    /// <summary>The nearest double (Hi already is, for a normalised pair).</summary>
    public double Value => Hi + Lo;

    /// <summary>
    /// exp(a) as m * 2^k with m a double-double in [sqrt(1/2), sqrt(2)], relative error around
    /// 1e-30. Returned split so that callers can combine before scaling and avoid under- and
    /// overflow of intermediates. Also returns m - 1 accurately, which expm1 needs.
    /// </summary>
    public static DoubleDouble Exp(DoubleDouble a, out int k, out DoubleDouble mMinus1)
    {
        double kd = Math.Round(a.Hi / Ln2.Hi);
        k = (int)kd;
        // |r| <= ln2/2; k * ln2 is formed in double-double so no digits are lost for large k.
        DoubleDouble r = a - Ln2 * kd;
        // Scale down by 2^8 so a short Taylor series of expm1 suffices, then undo with
        // expm1(2t) = expm1(t) * (2 + expm1(t)), which keeps the small quantity small.
        r = r.ScaleB(-8);
        DoubleDouble em = s_invFactorial[TaylorTerms];
        for (int i = TaylorTerms - 1; i >= 1; i--)
            em = em * r + s_invFactorial[i];
        em *= r;
        for (int i = 0; i < 8; i++)
            em *= em + 2.0;
        mMinus1 = em;
        return em + 1.0;
    }

    // |r| <= 0.35/256: terms beyond r^11/11! are below 1e-34 relative.
    private const int TaylorTerms = 11;

    private static readonly DoubleDouble[] s_invFactorial = BuildInvFactorials();

    private static DoubleDouble[] BuildInvFactorials()
    {
        var f = new DoubleDouble[TaylorTerms + 1];
        f[0] = new DoubleDouble(1.0, 0.0);
        for (int i = 1; i <= TaylorTerms; i++)
            f[i] = f[i - 1] / i;
        return f;
    }
}
