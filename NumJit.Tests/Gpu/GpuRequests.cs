using System.Text.Json;

namespace NumJit.Tests.Gpu;

/// <summary>Compile requests for a kernel and the device functions it calls, as the Python side sends them.</summary>
internal static class GpuRequests
{
    /// <summary>A device function summing a[0:n] over an array of any space, and one passing its array on to it.</summary>
    public const string Total = "def total(a, n):\n    s = 0.0\n    for k in range(n):\n        s += a[k]\n    return s\n",
        Twice = "def twice(a):\n    return 2.0 * total(a, 1)\n";

    /// <summary>A kernel k(out, x) with a shared and a local array, storing <paramref name="result"/> (over x, shared and scratch).</summary>
    public static string ArraysOfEverySpace(string result) => $"""
        def k(out, x):
            shared = cuda.shared.array(32, np.float64)
            scratch = cuda.local.array(4, np.float64)
            t = cuda.threadIdx.x
            shared[t] = x[t]
            scratch[0] = x[t]
            out[t] = {result}
        """;

    /// <summary>functions[0] is the kernel; every function sees the others by name, and the given globals.</summary>
    public static string Json(string[] args, Dictionary<string, object> globals, params (string Name, string Source)[] functions)
    {
        var scope = new Dictionary<string, object>(globals);
        for (int i = 0; i < functions.Length; i++) scope[functions[i].Name] = new Dictionary<string, object> { ["kind"] = "jit", ["id"] = i };
        var table = new Dictionary<string, object>();
        for (int i = 0; i < functions.Length; i++)
            table[i.ToString()] = new Dictionary<string, object>
            {
                ["name"] = functions[i].Name, ["filename"] = "<kernel>", ["firstlineno"] = 1, ["indent"] = 0,
                ["source"] = functions[i].Source, ["globals"] = scope,
            };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["entry"] = 0, ["args"] = args, ["functions"] = table });
    }
}
