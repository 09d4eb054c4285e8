namespace NumJit.Benchmarks;

/// <summary>
/// Kernel sources the compiler-phase benchmarks compile. Scalar and array-indexing kernels only:
/// array creation needs numpy (a Python process), indexing does not (arrays are pointers in
/// compiled code). Keep these in sync, in spirit, with benchmarks/kernels.py.
/// </summary>
public static class Kernels
{
    public const string F8 = "float64";
    public const string I8 = "int64";
    public const string F8Array1 = "array(float64, 1d, C)";

    /// <summary>A ~20-line Black-Scholes loop over arrays (math.erf/exp/log/sqrt), writing call prices.</summary>
    public const string BlackScholes = """
def black_scholes(S, K, T, r, sigma, out):
    n = S.shape[0]
    inv_sqrt2 = 1.0 / math.sqrt(2.0)
    for i in range(n):
        s = S[i]
        k = K[i]
        t = T[i]
        sqrt_t = math.sqrt(t)
        sig_sqrt_t = sigma * sqrt_t
        d1 = (math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sig_sqrt_t
        d2 = d1 - sig_sqrt_t
        cdf1 = 0.5 * (1.0 + math.erf(d1 * inv_sqrt2))
        cdf2 = 0.5 * (1.0 + math.erf(d2 * inv_sqrt2))
        discount = math.exp(-r * t)
        call = s * cdf1 - k * discount * cdf2
        if call < 0.0:
            call = 0.0
        out[i] = call
    return 0
""";

    public static readonly string[] BlackScholesArgs = [F8Array1, F8Array1, F8Array1, F8, F8, F8Array1];

    /// <summary>Scalar Black-Scholes (one option), ~20 lines, no arrays.</summary>
    public const string BlackScholesScalar = """
def bs_call(s, k, t, r, sigma):
    if t <= 0.0:
        if s > k:
            return s - k
        return 0.0
    inv_sqrt2 = 1.0 / math.sqrt(2.0)
    sqrt_t = math.sqrt(t)
    sig_sqrt_t = sigma * sqrt_t
    d1 = (math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sig_sqrt_t
    d2 = d1 - sig_sqrt_t
    cdf1 = 0.5 * (1.0 + math.erf(d1 * inv_sqrt2))
    cdf2 = 0.5 * (1.0 + math.erf(d2 * inv_sqrt2))
    discount = math.exp(-r * t)
    call = s * cdf1 - k * discount * cdf2
    if call < 0.0:
        call = 0.0
    return call
""";

    public static readonly string[] BlackScholesScalarArgs = [F8, F8, F8, F8, F8];

    /// <summary>The Leibniz pi loop (benchmarks/kernels.py: pi_leibniz).</summary>
    public const string Pi = """
def pi_leibniz(n):
    s = 0.0
    for i in range(n):
        s += (-1.0) ** i / (2 * i + 1)
    return 4.0 * s
""";

    public static readonly string[] PiArgs = [I8];

    public static readonly Dictionary<string, object> MathGlobals = new()
    {
        ["math"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "math" },
    };

    public static readonly Dictionary<string, object> NoGlobals = new();

    public static (string Source, string[] Args, Dictionary<string, object> Globals) Get(string name) => name switch
    {
        "black_scholes" => (BlackScholes, BlackScholesArgs, MathGlobals),
        "bs_call" => (BlackScholesScalar, BlackScholesScalarArgs, MathGlobals),
        "pi" => (Pi, PiArgs, NoGlobals),
        _ => throw new ArgumentException($"unknown kernel {name}"),
    };
}
