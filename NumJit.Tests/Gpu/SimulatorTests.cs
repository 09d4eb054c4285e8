using NumJit.Compilation;
using NumJit.Gpu;
using NumJit.Gpu.Runtime;
using NumJit.Gpu.Runtime.Simulator;
using NumJit.Runtime;
using NUnit.Framework;

namespace NumJit.Tests.Gpu;

/// <summary>Kernels run on the GPU simulator from .NET alone: launch semantics, barriers, atomics, errors.</summary>
public unsafe class SimulatorTests
{
    private static readonly Dictionary<string, object> Globals = new()
    {
        ["cuda"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "numjit.cuda" },
        ["np"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "numpy" },
    };

    private readonly SimulatorBackend _sim = new();

    private CompiledKernel Compile(string source, params string[] args) =>
        _sim.Compile(GpuCompiler.Type(Compiler.RequestJson(source, args, Globals, "<kernel>")));

    /// <summary>A device copy of a 1-d array and its launch argument.</summary>
    private KernelArgument Upload<T>(T[] values) where T : unmanaged
    {
        long bytes = values.Length * sizeof(T);
        nint buffer = _sim.Allocate(bytes);
        fixed (T* v = values) _sim.Write(buffer, v, bytes);
        return new KernelArgument(buffer, [values.Length], [sizeof(T)], 0);
    }

    private T[] Download<T>(KernelArgument array) where T : unmanaged
    {
        var values = new T[array.Shape![0]];
        fixed (T* v = values) _sim.Read(array.Buffer, v, values.Length * sizeof(T));
        _sim.Free(array.Buffer);
        return values;
    }

    private static LaunchConfiguration Config(long blocks, long threads, long shared = 0) => new([blocks, 1, 1], [threads, 1, 1], shared);

    [Test]
    public void ElementwiseKernelCoversEveryThreadOnce()
    {
        var kernel = Compile("def k(out, a):\n    i = cuda.grid(1)\n    if i < out.shape[0]:\n        out[i] = out[i] + a * i\n",
            "array(int64, 1d, C)", "int64");
        var output = Upload(new long[1000]);
        _sim.Launch(kernel, Config(8, 128), [output, KernelArgument.Scalar(3)]);
        Assert.That(Download<long>(output), Is.EqualTo(Enumerable.Range(0, 1000).Select(i => 3L * i).ToArray()));
    }

    [Test]
    public void BlockReductionMeetsAtTheBarrierAndAddsAtomically()
    {
        const string source = """
            def total(a, out):
                cache = cuda.shared.array(64, np.float64)
                t = cuda.threadIdx.x
                cache[t] = a[cuda.grid(1)]
                cuda.syncthreads()
                step = 32
                while step > 0:
                    if t < step:
                        cache[t] += cache[t + step]
                    cuda.syncthreads()
                    step //= 2
                if t == 0:
                    cuda.atomic.add(out, 0, cache[0])
            """;
        var kernel = Compile(source, "array(float64, 1d, C)", "array(float64, 1d, C)");
        Assert.That(kernel.Source.UsesBarrier, Is.True);
        var data = Enumerable.Range(0, 64 * 6).Select(i => (double)i).ToArray();
        var input = Upload(data);
        var output = Upload(new double[1]);
        _sim.Launch(kernel, Config(6, 64), [input, output]);
        Assert.That(Download<double>(output)[0], Is.EqualTo(data.Sum()));
        _sim.Free(input.Buffer);
    }

    [Test]
    public void OutOfRangeAccessNamesTheThreadAndBlock()
    {
        var kernel = Compile("def k(a):\n    a[cuda.grid(1)] = 1.0\n", "array(float64, 1d, C)");
        var array = Upload(new double[10]);
        var error = Assert.Throws<PyException>(() => _sim.Launch(kernel, Config(3, 4), [array]))!;
        Assert.That(error.PyType, Is.EqualTo("IndexError"));
        Assert.That(error.Message, Is.EqualTo("index 10 is out of bounds for axis 0 with size 10 (in thread (2, 0, 0) of block (2, 0, 0))"));
        _sim.Free(array.Buffer);
    }

    [Test]
    public void LaunchLimitsAreCudas()
    {
        var kernel = Compile("def k(a):\n    buffer = cuda.shared.array(0, np.int32)\n    buffer[0] = 1\n    a[0] = buffer[0]\n",
            "array(int32, 1d, C)");
        var array = Upload(new int[1]);
        Assert.That(() => _sim.Launch(kernel, Config(1, 2048), [array]), Throws.TypeOf<GpuException>().With.Message.Contains("2048 threads"));
        Assert.That(() => _sim.Launch(kernel, Config(1, 1, 64 * 1024), [array]), Throws.TypeOf<GpuException>().With.Message.Contains("shared memory"));
        _sim.Launch(kernel, Config(1, 1, 4), [array]);
        Assert.That(Download<int>(array), Is.EqualTo(new[] { 1 }));
    }
}
