using System.Text.Json;

namespace NumJit.Tests.Gpu;

/// <summary>Compile requests for a kernel and the device functions it calls, as the Python side sends them.</summary>
internal static class GpuRequests
{
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
