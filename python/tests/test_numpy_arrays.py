"""Arrays as values inside compiled code (issue 3, first part): views from slicing, fancy
indexing, slice assignment, whole-array arithmetic, ufuncs, reductions, array methods and
creation functions, each compared with numpy running the same function."""
import math
import re

import numpy as np
import pytest

from numjit import njit, TypingError, UnsupportedError


def same(expected, got, ulps=False):
    if isinstance(expected, tuple):
        assert isinstance(got, tuple) and len(got) == len(expected)
        for e, g in zip(expected, got):
            same(e, g, ulps)
        return
    if isinstance(expected, np.ndarray):
        assert isinstance(got, np.ndarray), got
        assert got.shape == expected.shape and got.dtype == expected.dtype, (got.shape, got.dtype, expected.shape, expected.dtype)
        if ulps and expected.dtype.kind == "f":
            # numpy's SIMD sin/exp/log differ from libm (which compiled code calls) by an ulp or two.
            np.testing.assert_allclose(got, expected, rtol=4e-16, atol=0)
        else:
            np.testing.assert_array_equal(got, expected)
        return
    if isinstance(expected, (float, np.floating)) and np.isnan(expected):
        assert np.isnan(got)
        return
    assert got == expected and type(got) in (int, float, bool, complex), (expected, got)


def check(func, *args, ulps=False):
    """Runs func under numpy and compiled, on copies, and compares results and argument effects."""
    py_args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    jit_args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    expected = func(*py_args)
    got = njit(func)(*jit_args)
    same(expected, got, ulps)
    for p, j in zip(py_args, jit_args):
        if isinstance(p, np.ndarray):
            np.testing.assert_array_equal(p, j)


A2 = np.arange(24.0).reshape(4, 6)
A1 = np.arange(10.0) * 1.5 - 3
I1 = np.arange(10)


def views(a):
    return a[1:-1, ::2], a[2], a[:, 3], a[::-1, 1:4], a[None, 1], a[..., 0], a[-2:, -3:]


def views_1d(a):
    return a[2:7], a[::-2], a[-3:], a[:0], a[::3]


def slice_assign(a):
    a[1:3] = 7.0
    a[::4] = np.arange(3.0)
    a[-2:] += 1.5
    return a.sum()


def fancy(a, idx):
    return a[idx], a[a > 2.0], a[idx[::-1]]


def mask_assign(a):
    a[a < 0] = 0.0
    return a


def arithmetic(a, b):
    return a + b, a * 2.0, 3 - a, a / b, a // 2, a % 3.0, -a, a ** 2, abs(a - 10), a >= b, a == 3.0


def broadcasting(a, row, col):
    return a + row, a * col, row - col


def ufuncs(a):
    return np.sin(a), np.exp(a / 10), np.sqrt(np.abs(a)), np.floor(a), np.isnan(a), np.maximum(a, 0.5), np.arctan2(a, 2.0), np.where(a > 1, a, -a), np.clip(a, -1.0, 2.0)


def reductions(a):
    return (a.sum(), np.prod(a[:4]), a.min(), np.max(a), a.mean(), a.std(), np.var(a), a.argmin(), np.argmax(a),
            (a > 0).all(), np.any(a > 5), a.cumsum(), np.cumprod(a[:5]))


def reductions_axis(m):
    return m.sum(axis=0), np.sum(m, axis=1), m.max(axis=1), np.mean(m, 0), m.argmax(axis=0), m.min(-1)


def int_reductions(a):
    return a.sum(), a.prod(), a.max(), a.mean(), np.sum(a > 3)


def methods(m):
    return m.T, m.transpose(), m.reshape(3, 8), m.reshape((2, -1)), m.ravel(), m.flatten(), m.copy(), m.astype(np.int32), np.ascontiguousarray(m.T)


def fill_and_sort(a):
    b = a.copy()
    b.fill(2.0)
    c = a[::-1].copy()
    c.sort()
    return b, c, np.sort(a[::-1]), np.argsort(a[::-1]), np.unique(np.floor(a))


def creation(n):
    return np.linspace(0.0, 1.0, n), np.eye(n), np.identity(3, dtype=np.int64), np.eye(3, 4, 1), np.linspace(0, 10, 5, endpoint=False)


def joins(a, b):
    return np.concatenate((a, b)), np.stack((a, b)), np.hstack((a, b)), np.vstack((a, b)), np.concatenate((a, b), axis=0)


def products(a, b, m):
    return np.dot(a, b), a @ b, m @ b[:6], np.outer(a[:3], b[:2]), np.vdot(a, b), np.dot(m, m.T)


def views_are_live(a):
    row = a[1]
    row[0] = -1.0
    col = a[:, 2]
    col += 100.0
    return a


@pytest.mark.parametrize("func,args", [
    (views, (A2,)), (views, (np.asfortranarray(A2),)), (views_1d, (A1,)), (slice_assign, (A1,)),
    (fancy, (A1, np.array([0, 3, 5]))), (mask_assign, (A1,)), (arithmetic, (A1, A1[::-1] + 20)),
    (broadcasting, (A2, np.arange(6.0), np.arange(4.0).reshape(4, 1))), (ufuncs, (A1,)),
    (reductions, (A1,)), (reductions_axis, (A2,)), (int_reductions, (I1,)), (methods, (A2,)),
    (fill_and_sort, (A1,)), (creation, (4,)), (joins, (A1, A1 * 2)), (products, (A1, A1 + 1, A2)),
    (views_are_live, (A2,)),
], ids=lambda v: getattr(v, "__name__", ""))
def test_matches_numpy(func, args):
    check(func, *args, ulps=func in (ufuncs, reductions))


def int_array_scalar(a):
    return a + 1, a * 2.5, a // 2


def float32_array_scalar(a):
    return a * 2.0


def test_array_scalar_arithmetic_types_follow_numba():
    a = np.arange(5, dtype=np.int8)
    got = njit(int_array_scalar)(a)
    # numba types the scalar by its full type (int64/float64), not numpy's value-based casting.
    assert got[0].dtype == np.int64 and got[1].dtype == np.float64 and got[2].dtype == np.int64
    np.testing.assert_array_equal(got[0], a.astype(np.int64) + 1)
    f4 = np.ones(3, np.float32)
    assert njit(float32_array_scalar)(f4).dtype == np.float64   # numba: float64; numpy 1.x: float32


def two_fancy(a, i, j):
    return a[i, j], a[i[:, None], j], a[i, 1:4], a[1:3, j], a[a > 5]


def test_several_advanced_indexes_follow_numpy():
    check(two_fancy, A2, np.array([0, 1, 3]), np.array([1, 2, 5]))


def rows(m):
    total = 0.0
    for row in m:
        total += row.sum() * row[0]
    for i, row in enumerate(m[::-1]):
        row[0] = i
    return total, m


def test_iterating_a_2d_array_yields_row_views():
    check(rows, A2)


def too_many(a):
    return a[1, 2, 3]


def test_too_many_indices_is_typing_error():
    with pytest.raises(TypingError, match="too many indices"):
        njit(too_many)(A2)


def readonly_slice_write(a):
    a[1:3] = 0.0


def test_readonly_views_reject_writes():
    a = A1.copy()
    a.flags.writeable = False
    with pytest.raises(TypingError, match="read-only"):
        njit(readonly_slice_write)(a)


def shape_mismatch(a, b):
    return a + b


def test_shape_mismatch_is_value_error_from_numpy():
    with pytest.raises(ValueError, match="broadcast"):
        njit(shape_mismatch)(np.zeros(3), np.zeros(4))


def test_views_and_results_do_not_leak():
    import tracemalloc
    f = njit(views)
    g = njit(arithmetic)
    f(A2)
    g(A1, A1 + 20)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    for _ in range(300):
        f(A2)
        g(A1, A1 + 20)
    grown = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    assert grown < 20_000


def fused(a, b, c):
    return a * b + np.sin(c) - 2.0 * a / (b + 1.0)


def test_array_expression_is_one_fused_loop():
    f = njit(fused)
    args = (A1, A1 + 30, A1[::-1])
    np.testing.assert_allclose(f(*args), fused(*args), rtol=4e-16, atol=1e-15)
    ir = f.inspect_ir()[f.signatures[0]]
    assert ir.count("elementwise[") == 1 and "np." not in ir


def broadcast_3d(a, b, c):
    return (a + b) * c, a > b, np.where(a > 5.0, a, -b)


def int8_wraps(a, b):
    return a + b, a * b, -a, a - b, a // b


def mixed_dtypes(i8, f4, u2):
    return i8 + f4, f4 * f4, u2 + i8, f4 / f4, np.sqrt(f4), np.floor(f4)


def divide_arrays(a, b):
    return a / b, a // b, a % b


@pytest.mark.parametrize("func,args", [
    (broadcast_3d, (np.arange(24.0).reshape(2, 3, 4), np.arange(4.0), np.arange(3.0).reshape(3, 1))),
    (broadcast_3d, (np.arange(24.0).reshape(2, 3, 4)[:, ::-1, ::2], np.arange(2.0), np.ones((2, 1, 1)))),
    (broadcast_3d, (np.zeros((0, 3)), np.zeros(3), np.zeros((1, 3)))),
    (int8_wraps, (np.array([100, -100, 127, -128, 5], dtype=np.int8), np.array([100, 100, 1, -1, 3], dtype=np.int8))),
    (mixed_dtypes, (np.arange(5, dtype=np.int8), np.linspace(0.5, 2.5, 5).astype(np.float32), np.arange(5, dtype=np.uint16))),
    (divide_arrays, (np.array([1.0, -1.0, 0.0, 7.5]), np.array([0.0, 0.0, 0.0, 2.0]))),
], ids=lambda v: getattr(v, "__name__", ""))
def test_fused_expressions_match_numpy(func, args):
    with np.errstate(all="ignore"):
        check(func, *args)


def add(a, b):
    return a + b


def test_broadcast_mismatch_names_the_shapes():
    with pytest.raises(ValueError, match=r"could not be broadcast together with shapes \(3,\) \(4,\)"):
        njit(add)(np.zeros(3), np.zeros(4))


def exact_ops(a, b, s, c):
    return (a * s + b) / (b - c) - np.sqrt(np.abs(a)) + np.floor(b) * -a


def transcendental(a):
    return np.sin(a) + np.exp(a * 0.1) * np.log(a + 2.0)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n", list(range(0, 41)))   # past four float32 vectors (32) with every tail
def test_vectorized_path_matches_numpy_exactly_for_every_tail_length(dtype, n):
    a = (np.arange(n, dtype=dtype) - 3) * dtype(0.75)
    b = np.arange(n, dtype=dtype) + dtype(1.25)
    s, c = dtype(1.5), dtype(0.5)   # scalars of the array's dtype: numba would widen float32 by float64 scalars
    got = njit(exact_ops)(a, b, s, c)
    expected = exact_ops(a, b, s, c)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)


def test_vectorized_code_is_emitted_and_strided_inputs_still_work():
    f = njit(exact_ops)
    a = np.linspace(-2, 2, 40)
    f(a, a + 3, 2.0, 0.5)
    assert "Vector256" in f.inspect_il()[f.signatures[0]]
    strided = a[::2]
    np.testing.assert_array_equal(f(strided, strided + 3, 2.0, 0.5), exact_ops(strided, strided + 3, 2.0, 0.5))


def test_array_transcendentals_are_vectorized_within_a_few_ulp_of_numpy():
    # np.sin/exp/log on whole arrays use Vector256 forms (<= 2 ulp from libm; numpy's own SIMD
    # kernels are <= 3 ulp from libm), with or without fastmath.
    a = np.linspace(0.0, 5.0, 1003)
    for f in (njit(transcendental), njit(fastmath=True)(transcendental)):
        np.testing.assert_allclose(f(a), transcendental(a), rtol=2e-15, atol=1e-15)
        il = f.inspect_il()[f.signatures[0]]
        assert "Sin" in il and "Vector256" in il


def scalar_sin_loop(a, out):
    for i in range(a.shape[0]):
        out[i] = math.sin(a[i])


def test_scalar_math_in_loops_stays_libm_exact_without_fastmath():
    a = np.linspace(0.0, 5.0, 1003)
    out = np.empty_like(a)
    njit(scalar_sin_loop)(a, out)
    assert out.tolist() == [math.sin(x) for x in a]


def from_literals(x):
    return np.array([1.0, 2.0, x]), np.array([[1, 2], [3, 4]]), np.array((x, 2)), np.array([True, False]), np.asarray([[x, 1.5]]), np.array([1, 2], dtype=np.float32)


def asarray_identity(a):
    b = np.asarray(a)
    b[0] = 99.0
    return np.array(a) is not None


def test_array_from_literals_and_asarray():
    check(from_literals, 3.5)
    a = np.zeros(3)
    njit(asarray_identity)(a)
    assert a[0] == 99.0     # asarray returned the same array, not a copy


def randoms(seed):
    np.random.seed(seed)
    return (np.random.random(), np.random.rand(3), np.random.randn(2, 2), np.random.uniform(1.0, 2.0, 4),
            np.random.normal(0.0, 3.0), np.random.randint(0, 10, (2, 3)), np.random.randint(5), np.random.random(2))


def test_random_inside_compiled_code_is_reproducible_and_matches_numpy():
    first = njit(randoms)(42)
    second = njit(randoms)(42)
    same(first, second)
    same(randoms(42), first)          # numpy's own generator: identical streams


def histogram(a):
    counts, edges = np.histogram(a, 5)
    return counts, edges, np.histogram(a, bins=3)[0].sum()


def test_histogram_matches_numpy():
    check(histogram, np.array([0.5, 1.0, 1.5, 2.0, 2.5, 9.0, 3.0]))


def linalg(a, b, v):
    return np.linalg.det(a), np.linalg.inv(a), np.linalg.solve(a, b), np.linalg.solve(a, v), np.linalg.det(a.T)


def test_linalg_matches_numpy():
    rng = np.random.default_rng(3)
    a = rng.random((5, 5)) + np.eye(5)
    b = rng.random((5, 2))
    v = rng.random(5)
    got = njit(linalg)(a, b, v)
    expected = linalg(a, b, v)
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-13)
    ints = np.array([[2, 1], [1, 3]])
    assert abs(njit(linalg)(ints, np.eye(2), np.ones(2))[0] - 5.0) < 1e-12


def singular(a):
    return np.linalg.inv(a)


def test_singular_matrix_raises_numpy_linalg_error():
    with pytest.raises(np.linalg.LinAlgError, match="Singular matrix"):
        njit(singular)(np.array([[1.0, 2.0], [2.0, 4.0]]))
    with pytest.raises(np.linalg.LinAlgError, match="square"):
        njit(singular)(np.zeros((2, 3)))


def repeated_operands(t, d):
    return t * t + np.log(t) * d - t / (d + t)


def test_repeated_operands_are_one_input_and_log_is_fused():
    t = np.linspace(0.5, 3.0, 37)
    d = t[::-1].copy()
    f = njit(repeated_operands)
    np.testing.assert_allclose(f(t, d), repeated_operands(t, d), rtol=2e-15, atol=1e-15)
    ir = f.inspect_ir()[f.signatures[0]]
    assert ir.count("elementwise[") == 1 and "np." not in ir
    assert ir.split("elementwise[")[1].split("]")[0].count(",") == 1   # two inputs: t and d


def histogram_bins(a, bins):
    return np.histogram(a, bins)


@pytest.mark.parametrize("data", [
    np.random.default_rng(7).normal(size=1001), np.arange(20), np.array([3.0, 3.0, 3.0]), np.zeros(0),
    np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]), np.random.default_rng(8).random(50).astype(np.float32),
    np.array([-5, 7, 7, 2], dtype=np.int8), np.linspace(0, 1, 11)[::-1],
    np.concatenate([np.linspace(-1, 1, 16), [-7.5, 9.25, 0.5]]),   # extremes in the scalar tail after the AVX loop
    np.concatenate([[-7.5], np.linspace(-1, 1, 31), [9.25]]),
])
@pytest.mark.parametrize("bins", [1, 3, 10, 17])
def test_compiled_histogram_equals_numpy(data, bins):
    check(histogram_bins, data, bins)


def test_histogram_of_strided_views_equals_numpy():
    # check() copies its arguments (making them contiguous); these views reach the kernel as they are.
    base = np.random.default_rng(9).normal(size=3001)
    views = [base[::3], base[::-1], base[::-7], np.broadcast_to(np.float64(2.5), (40,)), base[5:5]]
    for view in views:
        for bins in (1, 10):
            got_counts, got_edges = njit(histogram_bins)(view, bins)
            counts, edges = np.histogram(view, bins)
            np.testing.assert_array_equal(got_counts, counts)
            np.testing.assert_array_equal(got_edges, edges)


def test_histogram_errors_match_numpy():
    with pytest.raises(ValueError, match="not finite"):
        njit(histogram_bins)(np.array([1.0, np.nan]), 3)
    for at in (0, 5, 17, 20):   # inside the 8-wide AVX loop and in its tail
        data = np.linspace(0.0, 1.0, 21)
        data[at] = np.nan
        with pytest.raises(ValueError, match=r"range of \[nan, nan\] is not finite"):
            njit(histogram_bins)(data, 4)
        data[at] = -np.inf
        with pytest.raises(ValueError) as expected:
            np.histogram(data, 4)
        with pytest.raises(ValueError, match=re.escape(str(expected.value))):
            njit(histogram_bins)(data, 4)
    with pytest.raises(ValueError, match="must be positive"):
        njit(histogram_bins)(np.arange(3.0), 0)
