using System.Runtime.Intrinsics.X86;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using NumJit.Backends.Il;

namespace NumJit.Compilation;

/// <summary>
/// The bytes of one cache=True entry and their validation. The package chooses where entries
/// live and writes them atomically; this class decides what is inside and whether a file may be
/// loaded. A file is loaded only when all of it checks: magic, format version, the key it was
/// written for, lengths, and a checksum over the whole. Anything else (truncated, garbage, written
/// for another key or by another NumJit build) reads as "no entry" and is rebuilt.
/// </summary>
/// <remarks>
/// Layout: "NJCACHE" + format byte, then length-prefixed UTF-8 strings (key, info JSON, function
/// name, kernel method name), a flags byte (needs GIL, releases GIL), the length-prefixed
/// assembly image, and a 64-bit checksum of everything before it; integers little-endian.
/// </remarks>
public static class CacheEntry
{
    private static readonly byte[] Magic = "NJCACHE\u0001"u8.ToArray();
    private const int ChecksumSize = 8;

    /// <summary>
    /// What, besides the request, decides whether saved IL can run here: this compiler build (its
    /// module version id changes with every change to the compiler) and the .NET runtime. An AOT
    /// module must match it. (No assembly version: the module version id already tells builds
    /// apart, and the first <c>Assembly.GetName()</c> in a process costs milliseconds.)
    /// </summary>
    public static string BuildId => string.Join("|",
        "numjit " + typeof(CacheEntry).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        ".NET " + Environment.Version);

    /// <summary>The CPU features the emitter and RyuJIT choose instructions by: part of a cache key
    /// (a cache entry is for this machine), not of an AOT module (RyuJIT compiles its IL anywhere).</summary>
    public static string CpuFeatures()
    {
        var features = new List<string> { System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString() };
        void Add(string name, bool supported) { if (supported) features.Add(name); }
        Add("sse4.2", Sse42.IsSupported);
        Add("popcnt", Popcnt.IsSupported);
        Add("avx", Avx.IsSupported);
        Add("avx2", Avx2.IsSupported);
        Add("fma", Fma.IsSupported);
        Add("bmi2", Bmi2.IsSupported);
        Add("lzcnt", Lzcnt.IsSupported);
        Add("avx512f", Avx512F.IsSupported);
        Add("avx512bw", Avx512BW.IsSupported);
        Add("avx512dq", Avx512DQ.IsSupported);
        Add("avx512vl", Avx512F.VL.IsSupported);
        return string.Join(",", features);
    }

    /// <summary>The saved assembly's name: unique per key, so entries never clash in one process.</summary>
    public static string AssemblyName(string key) => "NumJit.Cached." + key[..Math.Min(key.Length, 40)];

    public static byte[] Write(string key, string infoJson, string name, IlModule module)
    {
        var buffer = new MemoryStream();
        buffer.Write(Magic);
        foreach (var text in new[] { key, infoJson, name, module.Kernel.Name }) WriteBlock(buffer, Encoding.UTF8.GetBytes(text));
        buffer.WriteByte((byte)((module.KernelNeedsGil ? 1 : 0) | (module.ReleasesGil ? 2 : 0)));
        WriteBlock(buffer, module.Image!);
        Span<byte> sum = stackalloc byte[ChecksumSize];
        BinaryPrimitives.WriteUInt64LittleEndian(sum, Checksum(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Write(sum);
        return buffer.ToArray();
    }

    private static void WriteBlock(MemoryStream buffer, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    /// <summary>The specialization an entry holds, or null when the bytes are not a valid entry for <paramref name="key"/>.</summary>
    public static CompiledSpecialization? Read(string key, byte[] bytes)
    {
        if (bytes.Length < Magic.Length + ChecksumSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
        var body = bytes.AsSpan(0, bytes.Length - ChecksumSize);
        if (Checksum(body) != BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(body.Length))) return null;
        int at = Magic.Length;
        if (!TryBlock(body, ref at, out var keyBytes) || Encoding.UTF8.GetString(keyBytes) != key
            || !TryBlock(body, ref at, out var info) || !TryBlock(body, ref at, out var name) || !TryBlock(body, ref at, out var kernel)
            || at >= body.Length) return null;
        byte flags = body[at++];
        if (!TryBlock(body, ref at, out var image) || at != body.Length) return null;
        try
        {
            var module = IlModuleLoader.Load(AssemblyName(key), image.ToArray(), Encoding.UTF8.GetString(kernel),
                (flags & 1) != 0, (flags & 2) != 0);
            return new CompiledSpecialization(module.EntryPoint, Encoding.UTF8.GetString(info), Encoding.UTF8.GetString(name), module, null);
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    private static bool TryBlock(ReadOnlySpan<byte> body, ref int at, out ReadOnlySpan<byte> block)
    {
        block = default;
        if (body.Length - at < 4) return false;
        int length = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
        at += 4;
        if (length < 0 || length > body.Length - at) return false;
        block = body.Slice(at, length);
        at += length;
        return true;
    }

    /// <summary>
    /// A 64-bit multiply-xorshift checksum. It guards against truncated and damaged files, not
    /// against an attacker (entries are trusted by ownership); SHA-256 would first load OpenSSL,
    /// ~7 ms of a cache hit's budget.
    /// </summary>
    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        ulong hash = (ulong)data.Length * Prime;
        int whole = data.Length & ~7;
        foreach (ulong word in MemoryMarshal.Cast<byte, ulong>(data[..whole]))
        {
            hash = (hash ^ word) * Prime;
            hash ^= hash >> 32;
        }
        foreach (byte b in data[whole..])
        {
            hash = (hash ^ b) * Prime;
            hash ^= hash >> 32;
        }
        return hash;
    }
}
