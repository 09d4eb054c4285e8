"""The GPU kernel suite: every kernel runs on each built backend this machine has a driver
for (OpenCL through pocl on CI), compared with numpy or CPython."""
import gc
import math
import os

import numpy as np
import pytest

import numjit
from numjit import cuda
from numjit import _gpu

# A backend without a driver or device here skips with the driver's own reason (CUDA without
# a GPU: "no CUDA driver (libcuda.so.1 not found)").
BACKENDS = ["sim", "opencl", "cuda"]



def _reason(backend):
    return _gpu.Api(backend).unavailable_reason()


@pytest.fixture(params=BACKENDS)
def gpu(request, monkeypatch):
    """numjit.cuda switched to one backend (skipped, with the driver's reason, where it cannot run)."""
    reason = _reason(request.param)
    if reason is not None:
        pytest.skip("%s backend unavailable: %s" % (request.param, reason))
    monkeypatch.setenv("NUMJIT_GPU_BACKEND", request.param)
    return request.param


# ---------------------------------------------------------------- element-wise

@cuda.jit
def scale_add(out, a, x, y):
    i = cuda.grid(1)
    if i < out.shape[0]:
        out[i] = a * x[i] + y[i]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64])
def test_elementwise_every_dtype(gpu, dtype):
    n = 1000   # not a multiple of the block: the guard matters
    x = (np.arange(n) % 17).astype(dtype)
    y = (np.arange(n) % 5).astype(dtype)
    out = np.zeros(n, dtype)
    a = dtype(3)
    scale_add[(n + 127) // 128, 128](out, a, x, y)
    expected = a * x + y
    if np.issubdtype(dtype, np.integer):
        np.testing.assert_array_equal(out, expected)
    else:
        np.testing.assert_allclose(out, expected, rtol=1e-6)


@cuda.jit
def python_semantics(out_i, out_f, a, b, fa, fb):
    i = cuda.grid(1)
    if i < a.shape[0]:
        out_i[i, 0] = a[i] // b[i]
        out_i[i, 1] = a[i] % b[i]
        out_i[i, 2] = -a[i] // b[i]
        out_i[i, 3] = a[i] ** 3
        out_f[i, 0] = fa[i] // fb[i]
        out_f[i, 1] = fa[i] % fb[i]
        out_f[i, 2] = max(fa[i], fb[i])
        out_f[i, 3] = abs(fa[i] - fb[i])


def test_python_floor_division_and_modulo(gpu):
    a = np.array([7, -7, 7, -7, 0, 9, -1, 5], np.int64)
    b = np.array([2, 2, -2, -2, 3, -4, 7, 1], np.int64)
    fa = a.astype(np.float64) + 0.5
    fb = b.astype(np.float64)
    out_i = np.zeros((len(a), 4), np.int64)
    out_f = np.zeros((len(a), 4), np.float64)
    python_semantics[1, 32](out_i, out_f, a, b, fa, fb)
    for k in range(len(a)):
        ai, bi, x, y = int(a[k]), int(b[k]), float(fa[k]), float(fb[k])
        assert list(out_i[k]) == [ai // bi, ai % bi, -ai // bi, ai ** 3]
        assert list(out_f[k]) == [x // y, x % y, max(x, y), abs(x - y)]


# ---------------------------------------------------------------- 2-D grids

@cuda.jit
def add_2d(out, a, b):
    row, col = cuda.grid(2)
    if row < out.shape[0] and col < out.shape[1]:
        out[row, col] = a[row, col] + 2.0 * b[row, col]


def test_2d_grid_and_non_contiguous_input(gpu):
    a = np.random.rand(37, 53)
    b = np.random.rand(53, 37).T          # F-ordered view: copied C-contiguous to the device
    out = np.zeros((37, 53))
    add_2d[(5, 7), (8, 8)](out, a, b)
    np.testing.assert_allclose(out, a + 2.0 * b)


@cuda.jit
def coordinates(out):
    x = cuda.threadIdx.x + cuda.blockIdx.x * cuda.blockDim.x
    y = cuda.threadIdx.y + cuda.blockIdx.y * cuda.blockDim.y
    if x < out.shape[1] and y < out.shape[0]:
        out[y, x] = cuda.gridDim.x * 1000 + cuda.gridDim.y * 100 + cuda.blockDim.x * 10 + cuda.blockDim.y
    w, h = cuda.gridsize(2)
    if x == 0 and y == 0:
        out[0, 0] = w * 1000 + h


def test_thread_coordinates(gpu):
    out = np.zeros((6, 10), np.int64)
    coordinates[(3, 2), (4, 3)](out)
    expected = np.full((6, 10), 3 * 1000 + 2 * 100 + 4 * 10 + 3)
    expected[0, 0] = 12 * 1000 + 6
    np.testing.assert_array_equal(out, expected)


# ---------------------------------------------------------------- shared memory

TPB = 16


@cuda.jit
def tiled_matmul(A, B, C):
    sA = cuda.shared.array(shape=(TPB, TPB), dtype=numjit.float32)
    sB = cuda.shared.array(shape=(TPB, TPB), dtype=numjit.float32)
    x, y = cuda.grid(2)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    bpg = cuda.gridDim.x
    tmp = numjit.float32(0.0)
    for i in range(bpg):
        sA[ty, tx] = 0.0
        sB[ty, tx] = 0.0
        if y < A.shape[0] and (tx + i * TPB) < A.shape[1]:
            sA[ty, tx] = A[y, tx + i * TPB]
        if x < B.shape[1] and (ty + i * TPB) < B.shape[0]:
            sB[ty, tx] = B[ty + i * TPB, x]
        cuda.syncthreads()
        for j in range(TPB):
            tmp += sA[ty, j] * sB[j, tx]
        cuda.syncthreads()
    if y < C.shape[0] and x < C.shape[1]:
        C[y, x] = tmp


def test_shared_memory_tiled_matmul(gpu):
    n = 48
    A = np.random.rand(n, n).astype(np.float32)
    B = np.random.rand(n, n).astype(np.float32)
    C = np.zeros((n, n), np.float32)
    blocks = (n + TPB - 1) // TPB
    tiled_matmul[(blocks, blocks), (TPB, TPB)](A, B, C)
    np.testing.assert_allclose(C, A @ B, rtol=1e-4)


@cuda.jit
def block_sum(data, partial):
    cache = cuda.shared.array(128, numjit.float64)
    tid = cuda.threadIdx.x
    i = cuda.grid(1)
    cache[tid] = data[i] if i < data.shape[0] else 0.0
    cuda.syncthreads()
    step = cuda.blockDim.x // 2
    while step > 0:
        if tid < step:
            cache[tid] += cache[tid + step]
        cuda.syncthreads()
        step //= 2
    if tid == 0:
        partial[cuda.blockIdx.x] = cache[0]


def test_block_reduction_with_syncthreads(gpu):
    data = np.random.rand(10_000)
    blocks = (data.size + 127) // 128
    partial = np.zeros(blocks)
    block_sum[blocks, 128](data, partial)
    np.testing.assert_allclose(partial.sum(), data.sum())
    np.testing.assert_allclose(partial[0], data[:128].sum())


@cuda.jit
def reverse_dynamic(a):
    buffer = cuda.shared.array(0, dtype=numjit.int32)
    t = cuda.threadIdx.x
    buffer[t] = a[t]
    cuda.syncthreads()
    a[t] = buffer[cuda.blockDim.x - 1 - t]


def test_dynamic_shared_memory(gpu):
    a = np.arange(64, dtype=np.int32)
    reverse_dynamic[1, 64, 0, 64 * 4](a)
    np.testing.assert_array_equal(a, np.arange(64)[::-1])


@cuda.jit
def local_scratch(out):
    scratch = cuda.local.array(4, numjit.int64)
    i = cuda.grid(1)
    for k in range(4):
        scratch[k] = i * (k + 1)
    total = 0
    for k in range(4):
        total += scratch[k]
    out[i] = total


def test_local_arrays_are_per_thread(gpu):
    out = np.zeros(64, np.int64)
    local_scratch[2, 32](out)
    np.testing.assert_array_equal(out, np.arange(64) * 10)


# ---------------------------------------------------------------- atomics

@cuda.jit
def histogram(data, bins):
    i = cuda.grid(1)
    if i < data.shape[0]:
        cuda.atomic.add(bins, data[i], 1)


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_histogram_with_atomics(gpu, dtype):
    data = np.random.randint(0, 10, 5000)
    bins = np.zeros(10, dtype)
    histogram[(data.size + 255) // 256, 256](data, bins)
    np.testing.assert_array_equal(bins, np.bincount(data, minlength=10))


@cuda.jit
def float_atomics(data, result):
    i = cuda.grid(1)
    if i < data.shape[0]:
        cuda.atomic.add(result, 0, data[i])
        cuda.atomic.max(result, 1, data[i])
        cuda.atomic.min(result, 2, data[i])
        cuda.atomic.sub(result, 3, data[i])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_atomics(gpu, dtype):
    data = (np.arange(1, 1001) % 97).astype(dtype)   # small integers: sums are exact in any order
    result = np.array([0, -1e9, 1e9, 0], dtype)
    float_atomics[4, 256](data, result)
    np.testing.assert_array_equal(result, [data.sum(), data.max(), data.min(), -data.sum()])


@cuda.jit
def claim(flags, winners):
    i = cuda.grid(1)
    if i < winners.shape[0]:
        old = cuda.atomic.compare_and_swap(flags, 0, i + 1)
        winners[i] = old


def test_compare_and_swap(gpu):
    flags = np.zeros(1, np.int32)
    winners = np.full(64, -1, np.int32)
    claim[1, 64](flags, winners)
    assert (winners == 0).sum() == 1               # exactly one thread saw the initial 0
    assert flags[0] - 1 == np.flatnonzero(winners == 0)[0]


# ---------------------------------------------------------------- device functions and math

@cuda.jit(device=True)
def smoothstep(edge0, edge1, x):
    t = min(max((x - edge0) / (edge1 - edge0), 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


@cuda.jit
def apply_smoothstep(out, x):
    i = cuda.grid(1)
    if i < x.shape[0]:
        out[i] = smoothstep(0.25, 0.75, x[i])


def test_device_functions(gpu):
    x = np.linspace(0, 1, 101)
    out = np.zeros_like(x)
    apply_smoothstep[1, 128](out, x)
    np.testing.assert_allclose(out, [smoothstep.py_func(0.25, 0.75, v) for v in x], rtol=1e-15)


@cuda.jit(device=True)
def floor_divmod(a, b):
    return a // b, a % b, a / b


@cuda.jit(device=True)
def passed_on(a, b):
    return floor_divmod(a, b)          # a tuple returned straight from another call


@cuda.jit(device=True)
def swapped(a, b):
    q, r, f = floor_divmod(a, b)
    result = (r, q)
    return result


@cuda.jit
def use_tuple_returns(out, fout, a, b):
    i = cuda.grid(1)
    if i < a.shape[0]:
        q, r, f = passed_on(a[i], b[i])
        out[i, 0] = q
        out[i, 1] = r
        fout[i] = f
        out[i, 2] = floor_divmod(a[i], b[i])[1]
        s = swapped(a[i], b[i])
        out[i, 3] = s[0] - s[1]


def test_device_functions_return_tuples(gpu):
    a = np.array([7, -7, 7, -7, 0, 9, -1, 5, 1 << 40], np.int64)
    b = np.array([2, 2, -2, -2, 3, -4, 7, 1, 3], np.int64)
    out = np.zeros((len(a), 4), np.int64)
    fout = np.zeros(len(a))
    use_tuple_returns[1, 32](out, fout, a, b)
    for k in range(len(a)):
        q, r, f = floor_divmod.py_func(int(a[k]), int(b[k]))
        assert list(out[k]) == [q, r, r, r - q], k
        assert fout[k] == f


@cuda.jit(device=True)
def tree_sum(values, t):
    """Sums values[0:blockDim] into values[0]; every thread of the block calls it."""
    step = cuda.blockDim.x // 2
    while step > 0:
        if t < step:
            values[t] += values[t + step]
        cuda.syncthreads()
        step //= 2


@cuda.jit(device=True)
def weighted(values, weights, n):
    s = 0.0
    for k in range(n):
        s += values[k] * weights[k]
    return s


@cuda.jit(device=True)
def weighted_twice(values, weights, n):
    return weighted(values, weights, n) + weighted(weights, values, n)   # passes its arrays on


@cuda.jit
def arrays_of_every_space(out, x, w):
    shared = cuda.shared.array(64, np.float64)
    scratch = cuda.local.array(3, np.float64)
    t = cuda.threadIdx.x
    i = cuda.grid(1)
    shared[t] = x[i]
    for k in range(3):
        scratch[k] = x[i] * (k + 1)
    cuda.syncthreads()
    out[i, 0] = weighted(scratch, w, 3)          # local, global
    out[i, 1] = weighted_twice(w, scratch, 3)    # global, local, passed on
    out[i, 2] = weighted(shared, w, 3)           # shared, global
    out[i, 3] = weighted(x, w, 3)                # global, global
    cuda.syncthreads()
    tree_sum(shared, t)
    if t == 0:
        out[cuda.blockIdx.x, 4] = shared[0]


def test_shared_and_local_arrays_passed_to_device_functions(gpu):
    x = np.linspace(-1.0, 3.0, 128)
    w = np.array([0.5, -2.0, 3.0])
    out = np.zeros((128, 5))
    arrays_of_every_space[2, 64](out, x, w)
    expected = np.zeros((128, 4))
    for i in range(128):
        scratch = [x[i] * (k + 1) for k in range(3)]
        expected[i] = [weighted.py_func(scratch, w, 3),
                       weighted.py_func(w, scratch, 3) + weighted.py_func(scratch, w, 3),
                       weighted.py_func(x[i // 64 * 64:], w, 3),
                       weighted.py_func(x, w, 3)]
    # OpenCL C may contract a * b + c into one fma: a last-bit difference.
    np.testing.assert_allclose(out[:, :4], expected, rtol=1e-15, atol=1e-15)
    np.testing.assert_allclose(out[:2, 4], [x[:64].sum(), x[64:].sum()], rtol=1e-14)


@cuda.jit(device=True)
def block_total(value):
    """The sum of value over a block of 64 threads, in a shared array of the device function's own."""
    buffer = cuda.shared.array(64, np.float64)
    t = cuda.threadIdx.x
    buffer[t] = value
    cuda.syncthreads()
    step = 32
    while step > 0:
        if t < step:
            buffer[t] += buffer[t + step]
        cuda.syncthreads()
        step //= 2
    total = buffer[0]
    cuda.syncthreads()      # every thread has read it before a next call writes the buffer again
    return total


@cuda.jit(device=True)
def block_mean(value):
    return block_total(value) / cuda.blockDim.x


@cuda.jit
def block_statistics(out, x):
    own = cuda.shared.array(64, np.float64)
    t = cuda.threadIdx.x
    own[t] = x[cuda.grid(1)]
    total = block_total(own[t])
    mean = block_mean(own[t] * own[t])
    if t == 0:
        out[cuda.blockIdx.x, 0] = total
        out[cuda.blockIdx.x, 1] = mean


def test_shared_arrays_declared_in_device_functions(gpu):
    x = np.arange(192, dtype=np.float64) % 13 - 4.0     # small integers: every sum exact
    out = np.zeros((3, 2))
    block_statistics[3, 64](out, x)
    blocks = x.reshape(3, 64)
    np.testing.assert_array_equal(out[:, 0], blocks.sum(axis=1))
    np.testing.assert_array_equal(out[:, 1], (blocks * blocks).sum(axis=1) / 64)


def test_device_function_shared_memory_counts_against_the_limit(gpu):
    @cuda.jit(device=True)
    def big(i):
        scratch = cuda.shared.array(134217728, np.float64)     # 1 GiB: more than any device's shared memory
        scratch[i] = 1.0
        return scratch[i]

    @cuda.jit
    def k(out):
        out[0] = big(0)
    with pytest.raises(numjit.GpuError, match="shared memory"):
        k[1, 1](np.zeros(1))


def test_dynamic_shared_memory_in_a_device_function_is_rejected(gpu):
    @cuda.jit(device=True)
    def dynamic(i):
        scratch = cuda.shared.array(0, np.float64)
        return scratch[i]

    @cuda.jit
    def k(out):
        out[0] = dynamic(0)
    with pytest.raises(numjit.UnsupportedError, match="dynamic shared memory .* in a device function"):
        k[1, 1, 0, 64](np.zeros(1))


@cuda.jit(device=True)
def count_into(counts, value):
    cuda.atomic.add(counts, value % counts.shape[0], 1)


@cuda.jit
def shared_histogram(out, data):
    counts = cuda.shared.array(8, np.int32)
    t = cuda.threadIdx.x
    if t < 8:
        counts[t] = 0
    cuda.syncthreads()
    count_into(counts, data[cuda.grid(1)])
    cuda.syncthreads()
    if t < 8:
        count_into(out, counts[t] * 0 + t)     # the global variant of the same function
        cuda.atomic.add(out, 8 + t, counts[t])


def test_atomics_on_a_shared_array_in_a_device_function(gpu):
    data = (np.arange(256) * 7 % 23).astype(np.int32)
    out = np.zeros(16, np.int32)
    shared_histogram[4, 64](out, data)
    np.testing.assert_array_equal(out[:8], np.full(8, 4))      # each block's t < 8 added one
    np.testing.assert_array_equal(out[8:], np.bincount(data % 8, minlength=8))


def test_atomics_on_a_local_array_in_a_device_function_are_rejected(gpu):
    @cuda.jit
    def k(out):
        scratch = cuda.local.array(8, np.int32)
        count_into(scratch, 3)
        out[0] = scratch[3]
    with pytest.raises(numjit.UnsupportedError, match="atomics on cuda.local arrays"):
        k[1, 1](np.zeros(1, np.int32))


MATH = ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "atanh",
        "exp", "expm1", "exp2", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "erf", "erfc", "gamma",
        "lgamma", "fabs", "floor", "ceil"]


def _math_kernel(name):
    function = getattr(math, name)     # a closure variable naming math.<name>: compiled as that function

    @cuda.jit
    def kernel(out, x):
        i = cuda.grid(1)
        if i < x.shape[0]:
            out[i] = function(x[i])
    return kernel


@pytest.mark.parametrize("name", MATH)
def test_math_functions_match_cpython(gpu, name):
    x = np.linspace(0.05, 0.95, 200)
    out = np.zeros_like(x)
    _math_kernel(name)[2, 128](out, x)
    expected = np.array([float(getattr(math, name)(v)) for v in x])
    # f64 within a few ulp of CPython's libm (OpenCL allows up to 4 ulp for most of these).
    np.testing.assert_allclose(out, expected, rtol=4e-15, atol=2e-15)


def test_two_argument_math_and_float_powers(gpu):
    @cuda.jit
    def k(out, x, y):
        i = cuda.grid(1)
        if i < x.shape[0]:
            out[i, 0] = x[i] ** y[i]
            out[i, 1] = math.pow(x[i], -y[i])
            out[i, 2] = math.atan2(y[i] - 1.0, x[i] - 2.0)
            out[i, 3] = math.hypot(x[i], y[i])
            out[i, 4] = math.fmod(x[i] * 7.0, y[i])
            out[i, 5] = math.log(x[i], 4.5 + y[i])
            out[i, 6] = math.acosh(1.0 + x[i])
    x = np.linspace(0.05, 5.0, 300)
    y = np.linspace(-3.0, 3.0, 300)[::-1].copy()
    out = np.zeros((300, 7))
    k[3, 128](out, x, y)
    expected = [[a ** b, math.pow(a, -b), math.atan2(b - 1.0, a - 2.0), math.hypot(a, b), math.fmod(a * 7.0, b),
                 math.log(a, 4.5 + b), math.acosh(1.0 + a)] for a, b in zip(x, y)]
    np.testing.assert_allclose(out, expected, rtol=4e-15, atol=2e-15)


def test_float32_math_without_a_hardware_approximation(gpu):
    @cuda.jit
    def k(out, x):
        i = cuda.grid(1)
        if i < x.shape[0]:
            out[i] = math.asin(x[i]) + math.tanh(x[i]) + x[i] ** x[i]
    x = np.linspace(0.01, 0.99, 200).astype(np.float32)
    out = np.zeros_like(x)
    k[2, 128](out, x)
    wide = x.astype(np.float64)
    np.testing.assert_allclose(out, np.arcsin(wide) + np.tanh(wide) + wide ** wide, rtol=2e-6)


def test_float32_math_within_documented_bounds(gpu):
    @cuda.jit
    def k(out, x):
        i = cuda.grid(1)
        if i < x.shape[0]:
            out[i] = math.exp(x[i]) + math.sin(x[i])
    x = np.linspace(-2, 2, 300).astype(np.float32)
    out = np.zeros_like(x)
    k[3, 128](out, x)
    np.testing.assert_allclose(out, np.exp(x.astype(np.float64)) + np.sin(x.astype(np.float64)), rtol=2e-6, atol=1e-6)


# ---------------------------------------------------------------- device arrays

def test_a_kernel_is_released_with_its_dispatcher(gpu):
    @cuda.jit
    def k(out):
        out[0] = 1.0
    out = np.zeros(1)
    k[1, 1](out)
    (kernel_id, _, _), = k._compiled.values()
    host = _gpu._host()
    del k
    gc.collect()
    with pytest.raises(ValueError, match="no kernel %d" % kernel_id):    # already released
        host["release"](kernel_id)


def test_device_arrays_stay_on_the_device(gpu):
    x = np.arange(256, dtype=np.float64)
    dx = cuda.to_device(x)
    dy = cuda.device_array_like(x)
    dout = cuda.device_array(256, np.float64)
    scale_add[2, 128](dy, 1.0, dx, dx)        # dy = 2x
    scale_add[2, 128](dout, 0.5, dy, dx)      # out = x + x
    cuda.synchronize()
    np.testing.assert_array_equal(dout.copy_to_host(), 2 * x)
    assert dout.shape == (256,) and dout.dtype == np.float64 and len(dout) == 256
    host = np.zeros(256)
    dy.copy_to_host(host)
    np.testing.assert_array_equal(host, 2 * x)


def test_readonly_numpy_arguments_are_not_copied_back(gpu):
    x = np.arange(10.0)
    x.flags.writeable = False
    out = np.zeros(10)
    scale_add[1, 32](out, 1.0, x, x)
    np.testing.assert_array_equal(out, 2 * x)


# ---------------------------------------------------------------- @vectorize(target='cuda')

@numjit.vectorize(["float32(float32, float32)", "float64(float64, float64)", "int64(int64, int64)"], target="cuda")
def gpu_abs_affine(a, b):
    if a < 0:
        return -a
    return a * b + 1


@numjit.vectorize(["float64(float64, float64)"], target="cuda")
def gpu_rel_diff(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def test_gpu_ufunc_broadcasts_and_picks_the_loop(gpu):
    x = np.linspace(-2, 5, 12)
    y = np.linspace(1, 3, 4).reshape(4, 1)
    got = gpu_rel_diff(x, y)
    assert got.shape == (4, 12) and got.dtype == np.float64
    expected = [[gpu_rel_diff.py_func(a, b) for a in x] for b in y[:, 0]]
    np.testing.assert_array_equal(got, expected)
    assert gpu_rel_diff(3.0, 1.0) == gpu_rel_diff.py_func(3.0, 1.0)
    assert gpu_rel_diff.types == ["dd->d"]


def test_gpu_ufunc_loops_by_dtype(gpu):
    f = np.arange(-3, 7, dtype=np.float32)
    got = gpu_abs_affine(f, np.float32(2.5))
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, np.where(f < 0, -f, f * np.float32(2.5) + 1))
    i = np.arange(-3, 7)
    got = gpu_abs_affine(i, 5)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, np.where(i < 0, -i, i * 5 + 1))
    # numpy's rule: the first loop the inputs cast to safely; int32 goes to float64 before int64
    assert gpu_abs_affine(np.arange(3, dtype=np.int32), 2).dtype == np.float64
    with pytest.raises(TypeError, match="not supported for the input types"):
        gpu_abs_affine(np.zeros(2, np.complex128), np.zeros(2, np.complex128))


def test_gpu_ufunc_on_device_arrays_stays_on_the_device(gpu):
    a = cuda.to_device(np.arange(6.0).reshape(2, 3))
    b = cuda.to_device(np.full((2, 3), 0.5))
    got = gpu_rel_diff(a, b)
    assert isinstance(got, _gpu.DeviceArray) and got.shape == (2, 3)
    np.testing.assert_array_equal(got.copy_to_host(), [[gpu_rel_diff.py_func(p, q) for p, q in zip(r, s)]
                                                       for r, s in zip(np.arange(6.0).reshape(2, 3), np.full((2, 3), 0.5))])
    out = np.zeros((2, 3))
    assert gpu_rel_diff(a, b, out=out) is out
    np.testing.assert_array_equal(out, got.copy_to_host())


def test_gpu_ufunc_without_signatures_compiles_per_dtype(gpu):
    @numjit.vectorize(target="cuda")
    def twice(v):
        return v * 2
    np.testing.assert_array_equal(twice(np.arange(5, dtype=np.int32)), np.arange(5) * 2)
    np.testing.assert_array_equal(twice(np.arange(3.0)), [0.0, 2.0, 4.0])
    assert twice.types == ["i->l", "d->d"]     # int32 * 2 is int64, as in numba
    assert twice(np.zeros(0)).shape == (0,)


@numjit.vectorize(["int64(int64, int64)", "float64(float64, float64)"], target="cuda")
def gpu_add(a, b):
    return a + b


@numjit.vectorize(["float64(float64, float64)"], target="cuda")
def gpu_max(a, b):
    return a if a >= b else b


@pytest.mark.parametrize("n", [1, 2, 3, 255, 1000])
def test_gpu_ufunc_reduce(gpu, n):
    ints = (np.arange(n) * 7919) % 1013 - 500
    assert gpu_add.reduce(ints) == ints.sum()                       # integers: exact
    floats = np.cos(np.arange(n) * 0.37) * 1e3
    assert gpu_max.reduce(floats) == floats.max()
    np.testing.assert_allclose(gpu_add.reduce(floats), floats.sum(), rtol=1e-12, atol=1e-9)   # a tree, not a fold
    on_device = cuda.to_device(floats)
    assert gpu_max.reduce(on_device) == floats.max()
    np.testing.assert_array_equal(on_device.copy_to_host(), floats)                            # its input intact


def test_gpu_ufunc_reduce_errors(gpu):
    with pytest.raises(ValueError, match="zero-size array to reduction operation gpu_add which has no identity"):
        gpu_add.reduce(np.zeros(0))
    with pytest.raises(ValueError, match="takes a 1-d array, not 2-d"):
        gpu_add.reduce(np.zeros((2, 2)))
    @numjit.vectorize(["float64(float64)"], target="cuda")
    def negate(v):
        return -v
    with pytest.raises(ValueError, match="only supported for binary functions"):
        negate.reduce(np.zeros(3))


# ---------------------------------------------------------------- errors

def test_kernel_returning_a_value_is_a_typing_error(gpu):
    @cuda.jit
    def bad(a):
        return a[0]
    with pytest.raises(numjit.TypingError, match="returns a value"):
        bad[1, 1](np.zeros(1))


def test_unsupported_construct_names_the_line(gpu):
    @cuda.jit
    def bad(a):
        cuda.not_a_thing()
    with pytest.raises(numjit.UnsupportedError, match="not_a_thing.*\n.*line"):
        bad[1, 1](np.zeros(1))


def test_wrong_launch_configurations(gpu):
    a = np.zeros(4)
    with pytest.raises(ValueError, match="launch a kernel"):
        scale_add[1](a, 1.0, a, a)
    with pytest.raises(ValueError, match="positive"):
        scale_add[0, 32](a, 1.0, a, a)
    with pytest.raises(TypeError, match="configuration"):
        scale_add(a, 1.0, a, a)
    with pytest.raises(numjit.GpuError, match="threads"):
        scale_add[1, 1 << 20](a, 1.0, a, a)


def test_too_much_shared_memory(gpu):
    with pytest.raises(numjit.GpuError, match="shared memory"):
        reverse_dynamic[1, 64, 0, 1 << 30](np.zeros(64, np.int32))


def test_cuda_api_outside_kernels():
    with pytest.raises(RuntimeError, match="only available inside a GPU kernel"):
        cuda.grid(1)

    @numjit.njit
    def cpu(a):
        return cuda.grid(1)
    with pytest.raises(numjit.UnsupportedError, match="only available in GPU kernels"):
        cpu(np.zeros(1))


def test_unknown_backend_name(monkeypatch):
    monkeypatch.setenv("NUMJIT_GPU_BACKEND", "metal")
    with pytest.raises(ValueError, match="NUMJIT_GPU_BACKEND"):
        scale_add[1, 1](np.zeros(1), 1.0, np.zeros(1), np.zeros(1))
