using System.Runtime.CompilerServices;
using NumJit.Backends.Il;
using NumJit.Typing;

namespace NumJit.Compilation;

/// <summary>
/// The compiler's own code runs cold the first time each construct is compiled in a process
/// (generic instantiations, Reflection.Emit, RyuJIT paths that ReadyToRun does not cover): a
/// user's second kernel would pay ~15-20 ms it should not. When the host starts, a background
/// thread compiles a kernel that exercises the common constructs and has RyuJIT compile the
/// result, without taking the compile lock, so user compilations never wait for it.
/// </summary>
public static class CompilerWarmup
{
    private const string Source = """
        def warmup(a, b, n, x, t):
            out = np.empty(n)
            grid = np.zeros((n, 2), dtype=np.int32)
            s = 0.0
            k = 0
            for i in range(n):
                d = math.log(a[i] / b[i, 0] + 1.0) + math.sqrt(x * x + 1.0) - math.exp(-x)
                e = 0.5 * (1.0 + math.erf(d / math.sqrt(2.0)))
                if e > 1.0 and i % 2 == 0:
                    e = 1.0
                elif e < 0.0 or i // 3 == 1:
                    e = 0.0
                else:
                    e = min(e, abs(d), 0.5) ** 2
                out[i] = e if e == e else -1.0
                grid[i, 1] = grid[i - 1, 0] + i
                s += e * (-1.0) ** i
            while k < n and s > 0:
                k += 1
                if k > 10:
                    break
            for j, v in enumerate(t):
                s += j * v
            q, r = divmod(k, 3)
            return out, (s, q + r, len(t), int(x), float(k), round(x, 2))
        """;

    private static int _started;

    /// <summary>Starts the warm-up once per process (idempotent); never throws.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) return;
        var thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "NumJit warm-up" };
        thread.Start();
    }

    private static void Run() => CompileAndPrepare();

    /// <summary>Compiles and JIT-compiles the warm-up kernel; false if anything failed.</summary>
    internal static bool CompileAndPrepare()
    {
        try
        {
            var globals = new Dictionary<string, object>
            {
                ["np"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "numpy" },
                ["math"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "math" },
            };
            var request = CompileRequestReader.Read(Compiler.RequestJson(Source, ["array(float64, 1d, C)", "array(float64, 2d, A)",
                "int64", "float64", "UniTuple(float64 x 3)"], globals, "<numjit warm-up>"));
            var functions = new Specializer(request.Functions).Run(request.Functions[request.EntryId], request.ArgTypes, null);
            var module = IlModuleEmitter.Emit(functions, request.Options);
            _ = string.Join("\n", functions.Select(f => f.ToString()));   // the IR text every compile reports
            // P/Invoke stubs are generated on first call, not by PrepareMethod.
            _ = Runtime.PyMath.Erf(0.5) + Runtime.PyMath.Erfc(0.5) + Runtime.PyMath.Expm1(0.5) + Runtime.PyMath.Log1p(0.5);
            foreach (var method in module.Kernel.DeclaringType!.GetMethods())
                if (method.DeclaringType == module.Kernel.DeclaringType && !method.IsDefined(
                        typeof(System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute), false))
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
            return true;
        }
        catch (Exception)
        {
            // Warm-up is an optimisation only: a failure here must never reach the user.
            return false;
        }
    }
}
