"""Element-wise range loops and (under fastmath) sum reductions run as Vector256 code."""
import numpy as np
import pytest

from numjit import njit


def scale_add(out, a, b, k):
    for i in range(out.shape[0]):
        out[i] = a[i] * k + np.sqrt(b[i])
    return i


def partial_map(out, a, lo, hi):
    for i in range(lo, hi):
        out[i] = -a[i] / 2.0


def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s


def dot(a, b):
    s = 0.0
    for i in range(len(a)):
        s += a[i] * b[i]
    return s


def shifted(a):
    for i in range(a.shape[0] - 1):
        a[i + 1] = a[i] + 1.0     # loop-carried: must stay scalar


def in_place(a):
    for i in range(a.shape[0]):
        a[i] = a[i] * 2.0


@pytest.mark.parametrize("n", [0, 1, 3, 4, 7, 8, 17, 33, 39, 1000])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_map_loops_match_the_scalar_loop_exactly(n, dtype):
    a = np.linspace(-3, 3, n).astype(dtype)
    b = np.linspace(0, 9, n).astype(dtype)
    out1, out2 = np.zeros(n, dtype), np.zeros(n, dtype)
    k = dtype(1.5)
    f = njit(scale_add)
    if n > 0:
        assert f(out1, a, b, k) == scale_add(out2, a, b, k) == n - 1
    np.testing.assert_array_equal(out1, out2)
    if n > 0:
        assert "vectorizable map" in f.inspect_ir()[f.signatures[0]]


def test_partial_range_and_in_place_update():
    a = np.arange(20.0)
    out1, out2 = np.zeros(20), np.zeros(20)
    njit(partial_map)(out1, a, 3, 15)
    partial_map(out2, a, 3, 15)
    np.testing.assert_array_equal(out1, out2)
    x, y = np.arange(11.0), np.arange(11.0)
    njit(in_place)(x)
    in_place(y)
    np.testing.assert_array_equal(x, y)


def test_overlapping_views_fall_back_to_the_scalar_loop():
    a = np.zeros(16)
    njit(shifted)(a)
    np.testing.assert_array_equal(a, np.arange(16.0))
    base = np.zeros(17)
    view = base[1:]
    f = njit(partial_map)
    f(view, base[:-1] + 1.0, 0, 16)   # distinct arrays: fine either way
    np.testing.assert_array_equal(view, -(np.zeros(16) + 1.0) / 2.0)


def test_sum_is_sequential_without_fastmath_and_vectorized_with_it():
    a = np.random.default_rng(1).random(100_003)
    plain = njit(total)
    fast = njit(fastmath=True)(total)
    assert plain(a) == total(a)                       # same order as CPython: bit-identical
    assert abs(fast(a) - total(a)) < 1e-9 * a.size    # reassociated
    assert "vectorizable sum" in fast.inspect_ir()[fast.signatures[0]]
    b = a[::-1].copy()
    assert abs(njit(fastmath=True)(dot)(a, b) - dot(a, b)) < 1e-9 * a.size
    assert fast(np.zeros(0)) == 0.0 and fast(np.ones(5)) == 5.0


def partial_dot(a, b, lo, hi):
    s = 1.0
    for i in range(lo, hi):
        s += a[i] * b[i] - 0.25
    return s


@pytest.mark.parametrize("n", [0, 1, 3, 4, 5, 7, 8, 1001])
def test_strict_sums_unrolled_four_ways_keep_cpython_order(n):
    # Without fastmath the sum is unrolled by four on unit-stride data, still adding in order.
    rng = np.random.default_rng(n)
    a, b = rng.standard_normal(n) * 1e8, rng.standard_normal(n)
    assert njit(total)(a) == total(a)
    assert njit(total)(a[::2]) == total(a[::2])                    # strided: the ordinary loop
    assert njit(dot)(a, b) == dot(a, b)
    f = njit(partial_dot)
    for lo, hi in ((0, n), (1, n - 1), (n // 3, n), (2, 1)):
        assert f(a, b, lo, hi) == partial_dot(a, b, lo, hi)
    f32 = a.astype(np.float32)
    assert njit(total)(f32) == total(f32)                          # float32 data, float64 sum


def running_max(a):
    m = -np.inf
    for i in range(a.shape[0]):
        m = max(m, a[i])
    return m


def running_min_sq(a):
    m = np.inf
    for i in range(len(a)):
        m = min(m, a[i] * a[i] - 1.0)
    return m


@pytest.mark.parametrize("n", [0, 1, 5, 16, 33, 10_001])
def test_fastmath_min_max_reductions(n):
    a = np.random.default_rng(n).normal(size=n)
    fast_max = njit(fastmath=True)(running_max)
    fast_min = njit(fastmath=True)(running_min_sq)
    assert fast_max(a) == running_max(a)
    assert fast_min(a) == running_min_sq(a)
    if n:
        assert "vectorizable max" in fast_max.inspect_ir()[fast_max.signatures[0]]
