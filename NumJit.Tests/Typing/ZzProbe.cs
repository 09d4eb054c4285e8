using NUnit.Framework;
using NumJit.IR.Types;
namespace NumJit.Tests.Typing;
public class ZzProbe
{
    [TestCase("array(f8, 2d, Q)")]
    [TestCase("array(f8, xd, C)")]
    [TestCase("array(f8, 99999999999d, C)")]
    [TestCase("UniTuple(f8 x 99999999999)")]
    [TestCase("array(f8, 2d, c)")]
    [TestCase("array(f8, 0d, C)")]
    [TestCase("UniTuple(f8 x 0)")]
    [TestCase("array(f8[:], 1d, C)")]
    [TestCase("array(none, 1d, C)")]
    [TestCase("OptionalType(none)")]
    [TestCase("array(f8, 2d, 1)")]
    public void P(string t)
    {
        try { TestContext.Out.WriteLine(t + " -> " + TypeNameParser.ParseType(t)); }
        catch (Exception e) { TestContext.Out.WriteLine(t + " -> " + e.GetType().Name + ": " + e.Message); }
    }
}
