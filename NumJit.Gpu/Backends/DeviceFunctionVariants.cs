using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends;

/// <summary>
/// The device functions one kernel's emitter writes. A pointer's memory space is part of its
/// type in OpenCL C and of every load in PTX, so a device function is written once for each
/// combination of spaces its callers pass: its <see cref="Spaces"/> key has one letter per array
/// parameter, 'g' (global: a launch argument), 's' (shared) or 'l' (local). Each function is
/// written for all-global arguments under its plain name; a call passing a shared or local
/// array asks for another variant, which the emitter takes from <see cref="TryNext"/>.
/// </summary>
public sealed class DeviceFunctionVariants
{
    public const char Global = 'g', Shared = 's', Local = 'l';

    private readonly Dictionary<IrFunction, string> _names;
    private readonly HashSet<(IrFunction, string)> _requested = new();
    private readonly Queue<(IrFunction Function, string Spaces)> _pending = new();

    public DeviceFunctionVariants(IReadOnlyList<IrFunction> functions) => _names = GpuKernelIr.DeviceFunctions(functions);

    /// <summary>The all-global key: what a function's own emission (and every launch argument) uses.</summary>
    public static string AllGlobal(IrFunction function) => new(Global, function.Parameters.Count(p => p.Type is ArrayType));

    /// <summary>The name of the all-global variant, which also names what belongs to the function whatever the variant (its shared arrays).</summary>
    public string BaseName(IrFunction function) => _names[function];

    /// <summary>The emitted name of one variant; the first request for a variant queues it.</summary>
    public string Name(IrFunction function, string spaces)
    {
        string name = _names[function];
        bool allGlobal = spaces.All(c => c == Global);
        if (_requested.Add((function, spaces)) && !allGlobal) _pending.Enqueue((function, spaces));
        return allGlobal ? name : $"{name}_{spaces}";
    }

    /// <summary>A variant requested but not yet written.</summary>
    public bool TryNext(out (IrFunction Function, string Spaces) variant) => _pending.TryDequeue(out variant);
}
