using NumJit.Compilation;
using NumJit.Gpu;
using NumJit.Gpu.Backends.OpenCl;
using NUnit.Framework;

namespace NumJit.Tests.Gpu;

/// <summary>Golden tests of the OpenCL C emitted for small kernels (no driver needed).</summary>
public class OpenClEmitterTests
{
    private static readonly Dictionary<string, object> CudaModule = new()
    {
        ["cuda"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "numjit.cuda" },
    };

    private static string Emit(string source, params string[] args) =>
        OpenClEmitter.Emit(GpuCompiler.Type(Compiler.RequestJson(source, args, CudaModule, "<kernel>")).Functions).Text;

    private static string EmitWithDeviceFunctions(string[] args, params (string Name, string Source)[] functions)
    {
        var globals = new Dictionary<string, object>(CudaModule) { ["np"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "numpy" } };
        return OpenClEmitter.Emit(GpuCompiler.Type(GpuRequests.Json(args, globals, functions)).Functions).Text;
    }

    [Test]
    public void DeviceFunctionsGetAVariantPerAddressSpace()
    {
        string source = EmitWithDeviceFunctions(["array(float64, 1d, C)", "array(float64, 1d, C)"],
            ("k", """
                def k(out, x):
                    shared = cuda.shared.array(32, np.float64)
                    scratch = cuda.local.array(4, np.float64)
                    t = cuda.threadIdx.x
                    shared[t] = x[t]
                    scratch[0] = x[t]
                    out[t] = twice(x) + twice(shared) + twice(scratch)
                """),
            ("twice", "def twice(a):\n    return 2.0 * total(a, 1)\n"),
            ("total", "def total(a, n):\n    s = 0.0\n    for k in range(n):\n        s += a[k]\n    return s\n"));
        // Declared up front: twice is written before total, whose variants come to light later still.
        string prototypes = source[..source.IndexOf("\n{\n", StringComparison.Ordinal)];
        Assert.That(prototypes, Does.Contain("double nj_twice_1(__global double* restrict v_a_data, long v_a_shape0, long v_a_stride0);")
            .And.Contain("double nj_twice_1_s(__local double* v_a_data, long v_a_shape0, long v_a_stride0);")
            .And.Contain("double nj_twice_1_l(double* v_a_data, long v_a_shape0, long v_a_stride0);")
            .And.Contain("double nj_total_2_s(__local double* v_a_data, long v_a_shape0, long v_a_stride0, long v_n);")
            .And.Contain("double nj_total_2_l(double* v_a_data, long v_a_shape0, long v_a_stride0, long v_n);"));
        Assert.That(source, Does.Contain("(2.0 * nj_total_2_s(v_a_data, v_a_shape0, v_a_stride0, 1L))")
            .And.Contain("(*((__local double*)(((__local char*)v_a_data) + (v_k) * v_a_stride0)))")
            .And.Contain("(*((double*)(((char*)v_a_data) + (v_k) * v_a_stride0)))"));
    }

    [Test]
    public void DeviceFunctionSharedArraysAreDeclaredByTheKernelAndPassedDown()
    {
        var globals = new Dictionary<string, object>(CudaModule) { ["np"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "numpy" } };
        var kernel = OpenClEmitter.Emit(GpuCompiler.Type(GpuRequests.Json(["array(float64, 1d, C)"], globals,
            ("k", "def k(out):\n    t = cuda.threadIdx.x\n    out[t] = outer(out[t])\n"),
            ("outer", "def outer(v):\n    return total(v) * 2.0\n"),
            ("total", "def total(v):\n    buffer = cuda.shared.array(32, np.float64)\n    t = cuda.threadIdx.x\n    buffer[t] = v\n" +
                "    cuda.syncthreads()\n    return buffer[0] + buffer[31]\n"))).Functions);
        Assert.That(kernel.Text, Does.Contain("double nj_outer_1(double v_v, __local double* nj_total_2_shared_buffer);")
            .And.Contain("double nj_total_2(double v_v, __local double* nj_total_2_shared_buffer);")
            .And.Contain("    __local double nj_total_2_shared_buffer[32];\n")
            .And.Contain("nj_outer_1(").And.Contain(", nj_total_2_shared_buffer)")
            .And.Contain("(*((__local double*)(((__local char*)nj_total_2_shared_buffer) + (v_t) * 8L))) = v_v;"));
        Assert.That(kernel.StaticSharedBytes, Is.EqualTo(256));
    }

    [Test]
    public void DeviceFunctionsReturnTuplesAsStructs()
    {
        string source = EmitWithDeviceFunctions(["array(int64, 1d, C)"],
            ("k", "def k(a):\n    i = cuda.grid(1)\n    q, r = divide(a[i], 3)\n    a[i] = q + r + divide(a[i], 2)[1]\n"),
            ("divide", "def divide(a, b):\n    return a // b, a % b\n"));
        Assert.That(source, Does.Contain("typedef struct { long f0; long f1; } nj_tuple_long_long;")
            .And.Contain("nj_tuple_long_long nj_divide_1(long v_a, long v_b);")
            .And.Contain("nj_tuple_long_long nj_result = nj_divide_1(").And.Contain("    nj_result.f1 = nj_mod_long(v_a, v_b);")
            .And.Contain("    return nj_result;").And.Contain(", 2L).f1"));
    }

    [Test]
    public void ElementwiseKernel()
    {
        const string source = """
            def axpy(out, a, x):
                i = cuda.grid(1)
                if i < out.shape[0]:
                    out[i] = a * x[i]
            """;
        Assert.That(Emit(source, "array(float32, 1d, C)", "float32", "readonly array(float32, 1d, C)"), Is.EqualTo("""
            // generated by NumJit from axpy(array(float32, 1d, C), float32, readonly array(float32, 1d, C)) -> none
            #pragma OPENCL EXTENSION cl_khr_fp64 : enable
            __kernel void nj_axpy(__global float* restrict v_out_data, long v_out_shape0, long v_out_stride0, float v_a, __global const float* restrict v_x_data, long v_x_shape0, long v_x_stride0)
            {
                long v_i;
                v_i = ((((long)get_group_id(0)) * ((long)get_local_size(0))) + ((long)get_local_id(0)));
                if ((v_i < v_out_shape0)) {
                    (*((__global float*)(((__global char*)v_out_data) + (v_i) * v_out_stride0))) = (v_a * (*((__global const float*)(((__global const char*)v_x_data) + (v_i) * v_x_stride0))));
                }
            }


            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void SharedMemoryBarrierAndFloatAtomic()
    {
        const string source = """
            def total(a, out):
                cache = cuda.shared.array(64, np.float64)
                t = cuda.threadIdx.x
                cache[t] = a[cuda.grid(1)]
                cuda.syncthreads()
                if t == 0:
                    s = 0.0
                    for k in range(64):
                        s += cache[k]
                    cuda.atomic.add(out, 0, s)
            """;
        var globals = new Dictionary<string, object>(CudaModule)
        {
            ["np"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "numpy" },
        };
        string text = OpenClEmitter.Emit(GpuCompiler.Type(Compiler.RequestJson(source, ["array(float64, 1d, C)", "array(float64, 1d, C)"], globals, "<k>")).Functions).Text;
        Assert.That(text, Does.Contain("    __local double v_cache[64];\n"));
        Assert.That(text, Does.Contain("barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);"));
        Assert.That(text, Does.Contain("#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable"));
        Assert.That(text, Does.Contain("inline double nj_atomic_add_double_global(volatile __global double* p, double v) { union { ulong i; double f; } old, next; " +
            "do { old.f = *p; next.f = old.f + v; } while (atom_cmpxchg((volatile __global ulong*)p, old.i, next.i) != old.i); return old.f; }"));
    }

    [Test]
    public void OnlyIndicesThatMayBeNegativeWrap()
    {
        const string source = """
            def shift(out, x):
                i = cuda.grid(1)
                j = i * 2 + cuda.threadIdx.x
                k = i - 1
                out[i] = x[k] + x[j]
            """;
        string text = Emit(source, "array(float64, 1d, C)", "array(float64, 1d, C)");
        Assert.That(text, Does.Contain("nj_wrap(v_k, v_x_shape0)"), "i - 1 may be negative: Python wraps it");
        Assert.That(text, Does.Not.Contain("nj_wrap(v_i,").And.Not.Contain("nj_wrap(v_j,"), "grid coordinates and their sums and products cannot be");
    }

    [Test]
    public void KernelsReturningValuesAreRejectedWithTheirLine()
    {
        var error = Assert.Throws<CompilerError>(() => Emit("def k(a):\n    return a[0]\n", "array(float64, 1d, C)"))!;
        Assert.That(error.PythonClass, Is.EqualTo("TypingError"));
        Assert.That(error.Message, Does.Contain("returns a value").And.Contain("line 1"));
    }

    [Test]
    public void ArraysCreatedInKernelsAreUnsupported()
    {
        var globals = new Dictionary<string, object>(CudaModule)
        {
            ["np"] = new Dictionary<string, object> { ["kind"] = "module", ["name"] = "numpy" },
        };
        var error = Assert.Throws<CompilerError>(() => OpenClEmitter.Emit(GpuCompiler.Type(Compiler.RequestJson(
            "def k(a):\n    b = np.zeros(3)\n    a[0] = b[0]\n", ["array(float64, 1d, C)"], globals, "<k>")).Functions))!;
        Assert.That(error.PythonClass, Is.EqualTo("UnsupportedError"));
        Assert.That(error.Message, Does.Contain("not supported in GPU code"));
    }
}
