using NUnit.Framework;
using NumJit.Compilation;

namespace NumJit.Tests.Compilation;

public class CacheEntryTests
{
    private const string Source = "def f(n):\n    s = 0\n    for i in range(n):\n        s += i * i\n    return s\n";

    private static byte[] Entry(string key) =>
        Compiler.CompileRequest(Compiler.RequestJson(Source, ["int64"], null, "<cache test>"), key).CacheEntry!;

    [Test]
    public void AnEntryLoadsAndRunsForItsKey()
    {
        string key = Guid.NewGuid().ToString("N");
        var loaded = CacheEntry.Read(key, Entry(key));
        Assert.That(loaded, Is.Not.Null);
        Assert.That(loaded!.Module.Call(10L), Is.EqualTo(285L));
        Assert.That(loaded.InfoJson, Does.Contain("\"signature\""));
        Assert.That(loaded.Name, Is.EqualTo("f"));
    }

    [Test]
    public void DamagedOrForeignBytesAreNotAnEntry()
    {
        string key = Guid.NewGuid().ToString("N");
        byte[] entry = Entry(key);
        Assert.That(CacheEntry.Read(Guid.NewGuid().ToString("N"), entry), Is.Null, "written for another key");
        Assert.That(CacheEntry.Read(key, entry[..(entry.Length / 2)]), Is.Null, "truncated");
        Assert.That(CacheEntry.Read(key, []), Is.Null, "empty");
        var random = new byte[entry.Length];
        new Random(1).NextBytes(random);
        Assert.That(CacheEntry.Read(key, random), Is.Null, "garbage");
        for (int at = 0; at < entry.Length; at += Math.Max(1, entry.Length / 97))
        {
            var flipped = (byte[])entry.Clone();
            flipped[at] ^= 0x10;
            Assert.That(CacheEntry.Read(key, flipped), Is.Null, $"byte {at} flipped");
        }
    }

    [Test]
    public void CodeHoldingAProcessAddressIsNotSaved()
    {
        // A gufunc global is called through its address in this process.
        var globals = new Dictionary<string, object>
        {
            ["g"] = new Dictionary<string, object>
            {
                ["kind"] = "gufunc", ["address"] = 12345, ["nin"] = 1, ["core"] = new[] { 1, 0 },
                ["types"] = new[] { new[] { "float64", "float64" } },
            },
        };
        const string caller = "def h(x):\n    return g(x)\n";
        var compiled = Compiler.CompileRequest(Compiler.RequestJson(caller, ["array(float64, 2d, C)"], globals, "<cache test>"), "somekey");
        Assert.That(compiled.CacheEntry, Is.Null);
    }
}
