namespace NumJit.Runtime;

public static partial class PyMath
{
    // 20! is the largest factorial that fits in an int64.
    private static readonly long[] s_factorials =
    {
        1L, 1L, 2L, 6L, 24L, 120L, 720L, 5040L, 40320L, 362880L, 3628800L, 39916800L,
        479001600L, 6227020800L, 87178291200L, 1307674368000L, 20922789888000L,
        355687428096000L, 6402373705728000L, 121645100408832000L, 2432902008176640000L,
    };

    /// <summary>math.factorial for int64. Python ints are unbounded; here a result past int64 raises OverflowError.</summary>
    public static long Factorial(long n)
    {
        if (n < 0) PyThrow.Value("factorial() not defined for negative values");
        if (n >= s_factorials.Length) PyThrow.Overflow("factorial() result does not fit in int64");
        return s_factorials[n];
    }

    /// <summary>math.comb(n, k); 0 when k > n. Results past int64 raise OverflowError.</summary>
    public static long Comb(long n, long k)
    {
        if (n < 0) PyThrow.Value("n must be a non-negative integer");
        if (k < 0) PyThrow.Value("k must be a non-negative integer");
        if (k > n) return 0;
        if (k > n - k) k = n - k;
        // For k <= n/2 the partial products C(n, i) increase with i, so once one exceeds int64
        // the answer does too; each step fits in 128 bits and divides exactly.
        UInt128 r = 1;
        for (long i = 0; i < k; i++)
        {
            r = r * (ulong)(n - i) / (ulong)(i + 1);
            if (r > long.MaxValue) PyThrow.Overflow("comb() result does not fit in int64");
        }
        return (long)r;
    }

    /// <summary>math.perm(n, k); 0 when k > n. Results past int64 raise OverflowError.</summary>
    public static long Perm(long n, long k)
    {
        if (n < 0) PyThrow.Value("n must be a non-negative integer");
        if (k < 0) PyThrow.Value("k must be a non-negative integer");
        if (k > n) return 0;
        UInt128 r = 1;
        for (long i = 0; i < k; i++)
        {
            r *= (ulong)(n - i);
            if (r > long.MaxValue) PyThrow.Overflow("perm() result does not fit in int64");
        }
        return (long)r;
    }

    /// <summary>math.perm(n) == factorial(n).</summary>
    public static long Perm(long n)
    {
        if (n < 0) PyThrow.Value("n must be a non-negative integer");
        if (n >= s_factorials.Length) PyThrow.Overflow("perm() result does not fit in int64");
        return s_factorials[n];
    }

    /// <summary>
    /// math.gcd on magnitudes; the result is cast back to int64, so gcd(MinValue, 0) and
    /// gcd(MinValue, MinValue) are MinValue, matching numba 0.56.
    /// </summary>
    public static long Gcd(long a, long b) => (long)GcdMagnitude(Magnitude(a), Magnitude(b));

    /// <summary>n-ary math.gcd (Python 3.9+); gcd() of nothing is 0.</summary>
    public static long Gcd(ReadOnlySpan<long> values)
    {
        ulong g = 0;
        foreach (long v in values)
            g = GcdMagnitude(g, Magnitude(v));
        return (long)g;
    }

    /// <summary>math.lcm(a, b) = |a // gcd(a, b) * b|; 0 if either is 0. Results past int64 raise OverflowError.</summary>
    public static long Lcm(long a, long b)
    {
        ulong ua = Magnitude(a), ub = Magnitude(b);
        if (ua == 0 || ub == 0) return 0;
        UInt128 r = (UInt128)(ua / GcdMagnitude(ua, ub)) * ub;
        if (r > long.MaxValue) PyThrow.Overflow("lcm() result does not fit in int64");
        return (long)r;
    }

    /// <summary>n-ary math.lcm; lcm() of nothing is 1.</summary>
    public static long Lcm(ReadOnlySpan<long> values)
    {
        long r = 1;
        foreach (long v in values)
            r = Lcm(r, v);
        return r;
    }

    /// <summary>math.isqrt: floor(sqrt(n)) computed exactly.</summary>
    public static long Isqrt(long n)
    {
        if (n < 0) PyThrow.Value("isqrt() argument must be nonnegative");
        // The double estimate is within one of the answer; fix it up with exact squares.
        ulong r = (ulong)Math.Sqrt(n);
        while (r * r > (ulong)n) r--;   // r <= 2^31.5, so r*r cannot overflow a ulong
        while ((r + 1) * (r + 1) <= (ulong)n) r++;
        return (long)r;
    }

    private static ulong Magnitude(long v) => v < 0 ? (ulong)(-(v + 1)) + 1 : (ulong)v;

    private static ulong GcdMagnitude(ulong a, ulong b)
    {
        while (b != 0)
        {
            ulong t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
