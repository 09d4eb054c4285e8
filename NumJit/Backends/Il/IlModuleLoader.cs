using System.Reflection;
using System.Runtime.Loader;

namespace NumJit.Backends.Il;

/// <summary>
/// Loads a module saved by <see cref="IlModuleEmitter"/> (a cache entry written by this process
/// or another). An assembly is loaded once per process: two dispatchers of the same code share it,
/// and loading a second assembly of the same name into the default context would fail.
/// </summary>
public static class IlModuleLoader
{
    /// <summary>The one type a saved module holds.</summary>
    public const string TypeName = "Compiled";

    private static readonly Dictionary<string, Assembly> Loaded = new();

    /// <exception cref="BadImageFormatException">The image is not a module NumJit saved.</exception>
    public static IlModule Load(string assemblyName, byte[] image, string kernelName, bool needsGil, bool releasesGil)
    {
        Assembly assembly;
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(assemblyName, out assembly!))
            {
                try
                {
                    assembly = AssemblyLoadContext.Default.LoadFromStream(new System.IO.MemoryStream(image));
                }
                catch (FileLoadException error)
                {
                    throw new BadImageFormatException($"cannot load {assemblyName}: {error.Message}", error);
                }
                if (assembly.GetName().Name != assemblyName)
                    throw new BadImageFormatException($"the image holds {assembly.GetName().Name}, not {assemblyName}");
                Loaded[assemblyName] = assembly;
            }
        }
        var type = assembly.GetType(TypeName) ?? throw new BadImageFormatException($"{assemblyName} has no type {TypeName}");
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        var entry = type.GetMethod("Entry") ?? throw new BadImageFormatException($"{assemblyName} has no Entry");
        var builtin = type.GetMethod("Builtin") ?? throw new BadImageFormatException($"{assemblyName} has no Builtin");
        var kernel = type.GetMethod(kernelName) ?? throw new BadImageFormatException($"{assemblyName} has no {kernelName}");
        return new IlModule(entry.MethodHandle.GetFunctionPointer(), builtin.MethodHandle.GetFunctionPointer(), kernel, "")
        {
            KernelNeedsGil = needsGil,
            ReleasesGil = releasesGil,
        };
    }
}
