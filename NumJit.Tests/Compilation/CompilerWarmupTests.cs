using NUnit.Framework;
using NumJit.Compilation;

namespace NumJit.Tests.Compilation;

public class CompilerWarmupTests
{
    [Test]
    public void WarmupKernelCompilesAndJits()
    {
        // The warm-up swallows its own errors (it must never disturb the user), so a regression
        // that stopped it from compiling would otherwise go unnoticed.
        Assert.That(CompilerWarmup.CompileAndPrepare(), Is.True);
    }
}
