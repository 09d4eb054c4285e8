using NUnit.Framework;
using NumJit.Compilation;

namespace NumJit.Tests.Typing;

public class ZzProbe
{
    static readonly Dictionary<string, object> MathG = new() { ["math"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "math" } };
    static void Show(string src, params string[] args)
    {
        try
        {
            var c = Compiler.CompileFunction(src, args, MathG);
            TestContext.Out.WriteLine("OK " + c.Function.ReturnType + "\n" + c.InfoJson.Substring(0, Math.Min(400, c.InfoJson.Length)) + "\n" + c.Function);
            TestContext.Out.WriteLine("KERNEL " + c.Module.Kernel + " " + c.Module.Kernel.MethodImplementationFlags);
        }
        catch (CompilerError e) { TestContext.Out.WriteLine($"ERR {e.PythonClass}\n{e.Message}"); }
        catch (Exception e) { TestContext.Out.WriteLine($"EXC {e}"); }
        TestContext.Out.WriteLine("-----");
    }
    [Test]
    public void Probe()
    {
        Show("def f(n):\n    s = 0\n    for i in range(n):\n        s += 0.5\n    return s\n", "int64");
        Show("def f(n):\n    if n > 0:\n        return 1.5\n", "int64");
        Show("def f(n):\n    if n < 2:\n        return n\n    return f(n-1) + f(n-2)\n", "int64");
        Show("def f(n):\n    return f(n)\n", "int64");
        Show("def f(x):\n    with x:\n        pass\n    return 1\n", "int64");
        Show("def f(x):\n    return [i for i in range(x)]\n", "int64");
        Show("def f(x):\n    print(x)\n", "int64");
        Show("def f(x):\n    return x + (1, 2)\n", "float64");
        Show("def f(x):\n    return y\n", "float64");
        Show("def f(x):\n    y = 1\n    if x > 0:\n        y = (1, 2)\n    return y\n", "float64");
        Show("def f(x):\n    try:\n        x = 1\n    except Exception:\n        pass\n    return x\n", "float64");
    }
}
