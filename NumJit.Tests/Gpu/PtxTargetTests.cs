using NumJit.Compilation;
using NumJit.Gpu;
using NumJit.Gpu.Backends.Ptx;
using NUnit.Framework;

namespace NumJit.Tests.Gpu;

/// <summary>The PTX .version and .target chosen from a driver version and a device's compute capability.</summary>
public class PtxTargetTests
{
    [TestCase(10010, 7, 5, "6.4", "sm_75")]
    [TestCase(10020, 6, 1, "6.5", "sm_61")]
    [TestCase(11000, 8, 6, "7.0", "sm_80")]      // sm_86 needs ISA 7.1: the sm_80 code is JIT-compiled forward
    [TestCase(11010, 8, 6, "7.1", "sm_86")]
    [TestCase(12000, 8, 9, "8.0", "sm_89")]
    [TestCase(12060, 9, 0, "8.5", "sm_90")]      // CUDA 12.6 brought no new ISA
    [TestCase(12080, 9, 0, "8.7", "sm_90")]
    [TestCase(12090, 10, 3, "8.8", "sm_103")]
    [TestCase(12090, 11, 0, "8.8", "sm_103")]    // sm_110 needs ISA 9.0
    [TestCase(13000, 12, 0, "9.0", "sm_120")]
    [TestCase(13020, 15, 0, "9.1", "sm_121")]    // a driver and a device newer than the tables
    public void NewestIsaTheDriverLoadsAndTheDevicesOwnArchitecture(int driver, int major, int minor, string version, string target) =>
        Assert.That(PtxTarget.For(driver, major, minor), Is.EqualTo(new PtxTarget(version, target)));

    [TestCase(10000, 7, 0)]   // CUDA 10.0 loads ISA 6.3 at most
    [TestCase(12080, 5, 2)]   // Maxwell: no f64 atomic add
    public void NoTargetWhereNumJitsPtxCannotRun(int driver, int major, int minor) =>
        Assert.That(PtxTarget.For(driver, major, minor), Is.Null);

    [Test]
    public void TheEmitterDeclaresTheTarget()
    {
        var typed = GpuCompiler.Type(Compiler.RequestJson("def k(a):\n    a[0] = 1.0\n", ["array(float64, 1d, C)"], new Dictionary<string, object>(), "<k>"));
        Assert.That(PtxEmitter.Emit(typed.Functions, target: new PtxTarget("8.7", "sm_90")).Text,
            Does.Contain("\n.version 8.7\n.target sm_90\n.address_size 64\n"));
    }
}
