namespace NumJit.Runtime;

public static partial class PyMath
{
    /// <summary>
    /// math.hypot(x, y) without spurious overflow/underflow, correctly rounded except in rare
    /// near-halfway cases. CPython 3.11 (vector_norm) and glibc's hypot, which numba calls, are
    /// both accurate to within 1 ulp and nearly always agree with this. hypot(inf, nan) = inf.
    /// </summary>
    public static double Hypot(double x, double y)
    {
        x = Math.Abs(x);
        y = Math.Abs(y);
        if (double.IsInfinity(x) || double.IsInfinity(y)) return double.PositiveInfinity;
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        double max = Math.Max(x, y);
        if (max == 0.0) return 0.0;
        double min = Math.Min(x, y);
        if (min == 0.0) return max;
        int e = Math.ILogB(max);
        x = Math.ScaleB(max, -e);
        y = Math.ScaleB(min, -e);
        DoubleDouble s = DoubleDouble.TwoProd(x, x) + DoubleDouble.TwoProd(y, y);
        return Math.ScaleB(SqrtCorrected(s), e);
    }

    /// <summary>n-ary math.hypot (Python 3.8+): inf wins over nan, hypot() is 0.0.</summary>
    public static double Hypot(ReadOnlySpan<double> values)
    {
        double max = 0.0;
        bool sawNan = false;
        foreach (double v in values)
        {
            double a = Math.Abs(v);
            if (double.IsNaN(a)) sawNan = true;
            else if (a > max) max = a;
        }
        if (double.IsInfinity(max)) return max;
        if (sawNan) return double.NaN;
        if (max == 0.0 || values.Length == 1) return max;
        int e = Math.ILogB(max);
        DoubleDouble s = new DoubleDouble(0.0, 0.0);
        foreach (double v in values)
        {
            double a = Math.ScaleB(Math.Abs(v), -e);
            s += DoubleDouble.TwoProd(a, a);
        }
        return Math.ScaleB(SqrtCorrected(s), e);
    }

    /// <summary>sqrt of a double-double with one Newton correction, leaving only the final rounding.</summary>
    private static double SqrtCorrected(DoubleDouble s)
    {
        double h = Math.Sqrt(s.Hi);
        double r = Math.FusedMultiplyAdd(-h, h, s.Hi) + s.Lo;
        return h + r / (2.0 * h);
    }

    /// <summary>
    /// math.fsum: the exactly rounded sum (Shewchuk's non-overlapping partials, with CPython's
    /// final half-even correction). inf + -inf gives nan instead of ValueError; an overflow of a
    /// partial with finite inputs still raises OverflowError like CPython, since no float result
    /// would be right.
    /// </summary>
    public static double Fsum(ReadOnlySpan<double> values)
    {
        // Non-overlapping partials have distinct exponents 53 bits apart, so ~40 suffice.
        Span<double> partials = stackalloc double[64];
        int n = 0;
        double special = 0.0, infSum = 0.0;
        foreach (double value in values)
        {
            double x = value;
            int i = 0;
            for (int j = 0; j < n; j++)
            {
                double y = partials[j];
                if (Math.Abs(x) < Math.Abs(y)) (x, y) = (y, x);
                double hi = x + y;
                double lo = y - (hi - x);
                if (lo != 0.0) partials[i++] = lo;
                x = hi;
            }
            n = i;
            if (x != 0.0)
            {
                if (!double.IsFinite(x))
                {
                    if (double.IsFinite(value))
                        PyThrow.Overflow("intermediate overflow in fsum");
                    if (double.IsInfinity(value)) infSum += value;
                    special += value;
                    n = 0;
                }
                else
                {
                    if (n == partials.Length)
                    {
                        var bigger = new double[partials.Length * 2];
                        partials.CopyTo(bigger);
                        partials = bigger;
                    }
                    partials[n++] = x;
                }
            }
        }
        if (special != 0.0 || double.IsNaN(special))
            return double.IsNaN(infSum) ? double.NaN : special;

        double sum = 0.0;
        if (n > 0)
        {
            sum = partials[--n];
            double lo = 0.0;
            while (n > 0)
            {
                double x = sum;
                double y = partials[--n];
                sum = x + y;
                double yr = sum - x;
                lo = y - yr;
                if (lo != 0.0) break;
            }
            // If the dropped remainder and the next partial push the same way, the sum is at
            // an exact halfway case that the naive rounding resolved the wrong way.
            if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)))
            {
                double y = lo * 2.0;
                double x = sum + y;
                double yr = x - sum;
                if (y == yr) sum = x;
            }
        }
        return sum;
    }
}
