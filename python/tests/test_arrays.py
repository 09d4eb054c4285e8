import gc
import sys
import tracemalloc

import numpy as np
import pytest

from numjit import njit


@njit
def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s


@njit
def total2d(a):
    s = 0.0
    n, m = a.shape
    for i in range(n):
        for j in range(m):
            s += a[i, j] * (i + 1) + j
    return s


@njit
def ends(a):
    return a[-1], a[-len(a)], a[0]


@njit
def scale(a, k):
    for i in range(a.shape[0]):
        a[i] *= k


@njit
def make(n):
    a = np.empty(n)
    for i in range(n):
        a[i] = i * 1.5
    return a


@njit
def creators(n):
    return (np.zeros(n), np.ones((2, n)), np.full(n, 3, dtype=np.int32), np.arange(n), np.arange(1.0, n, 0.5),
            np.zeros((n, 2, 2), dtype=np.int8), np.empty_like(np.ones(n)), np.full_like(np.zeros(3), 2.5))


@njit
def props(a):
    return a.ndim, a.size, a.shape, len(a)


@njit
def iterate(a):
    s = 0
    for v in a:
        s += v
    return s


def test_sum_1d_c_and_strided():
    a = np.arange(100.0)
    assert total(a) == a.sum()
    view = a[::3]
    assert not view.flags.c_contiguous
    assert total(view) == sum(view.tolist())
    reversed_view = a[::-1]
    assert total(reversed_view) == a.sum()


@pytest.mark.parametrize("order", ["C", "F"])
def test_2d_layouts(order):
    a = np.asarray(np.arange(12.0).reshape(3, 4), order=order)
    assert total2d(a) == total2d.py_func(a)
    t = np.arange(20.0).reshape(4, 5)[::2, 1::2]
    assert total2d(t) == total2d.py_func(t)


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                                   "float32", "float64", "bool"])
def test_dtypes(dtype):
    a = (np.arange(10) % 3).astype(dtype)
    assert iterate(a) == iterate.py_func(a)


def test_negative_index():
    a = np.arange(5.0)
    assert ends(a) == (4.0, 0.0, 0.0)


@njit
def assigned_indices(a, n):
    i = n * 2                  # n may be negative: i still wraps
    j = a.shape[0] // 2        # provably non-negative: indexed without the wrap
    k = j + n                  # negative when n < -j
    return a[i] + a[j] * 10 + a[k] * 100


@pytest.mark.parametrize("n", [-3, -1, 0, 2])
def test_indices_assigned_once_wrap_only_where_they_may_be_negative(n):
    a = np.arange(10.0)
    assert assigned_indices(a, n) == assigned_indices.py_func(a, n)


def test_writes_visible_in_place():
    a = np.arange(4.0)
    scale(a, 2.0)
    assert a.tolist() == [0.0, 2.0, 4.0, 6.0]
    b = np.arange(10.0)[::2]
    scale(b, -1.0)
    assert b.tolist() == [-0.0, -2.0, -4.0, -6.0, -8.0]


def test_readonly_array_rejected_for_writes():
    a = np.arange(4.0)
    a.flags.writeable = False
    assert total(a) == 6.0            # reading is fine
    with pytest.raises(Exception) as info:
        scale(a, 2.0)
    assert "read-only" in str(info.value)


def test_created_arrays_own_memory_and_match_numpy():
    a = make(5)
    assert isinstance(a, np.ndarray) and a.flags.owndata and a.dtype == np.float64
    assert a.tolist() == [0.0, 1.5, 3.0, 4.5, 6.0]
    got = creators(4)
    expected = creators.py_func(4)
    for g, e in zip(got, expected):
        assert g.dtype == e.dtype and g.shape == e.shape
        if not (e.dtype.kind == "f" and e is expected[6]):
            np.testing.assert_array_equal(g, e) if e is not expected[6] else None


def retained_bytes(action, repeat):
    """Memory still allocated after running action `repeat` times (numpy traces its buffers)."""
    action()
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    for _ in range(repeat):
        action()
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    return grown


def test_leak_detector_detects_a_leak():
    kept = []
    assert retained_bytes(lambda: kept.append(np.zeros(10)), 1000) > 80_000


def test_returned_arrays_do_not_leak():
    a = make(10)
    assert sys.getrefcount(a) == 2   # the local and getrefcount's argument
    assert retained_bytes(lambda: (make(10), creators(3)), 2000) < 20_000


def test_arguments_keep_their_refcount():
    a = np.arange(10.0)
    before = sys.getrefcount(a)
    for _ in range(1000):
        total(a)
        props(a)
    assert sys.getrefcount(a) == before


def test_properties():
    a = np.zeros((3, 4))
    assert props(a) == (2, 12, (3, 4), 3)


def test_empty_arrays():
    assert total(np.zeros(0)) == 0.0
    assert make(0).shape == (0,)


def test_subclass_and_buffer_arguments_go_through_slow_path():
    m = np.arange(6.0).view(np.recarray) if hasattr(np, "recarray") else np.arange(6.0)
    assert total(np.asarray(m)) == 15.0
    import array
    assert iterate(array.array("d", [1.0, 2.0, 3.0])) == 6.0


@njit
def pair(n):
    return np.zeros(n), np.ones(n)


@njit
def uses_pair(n):
    a, b = pair(n)
    return a[0] + b[0]


@njit
def maybe_array(n):
    if n > 0:
        return np.full(n, 2.0)
    return None


@njit
def uses_maybe(n):
    m = maybe_array(n)
    if m is None:
        return -1.0
    return 0.0


def test_arrays_returned_through_tuples_and_optionals_are_owned_once():
    assert uses_pair(3) == 1.0
    assert maybe_array(0) is None
    got = maybe_array(3)
    references = sys.getrefcount(got)   # (taken before pytest's assert rewriting holds `got`)
    assert references == 2
    assert got.tolist() == [2.0, 2.0, 2.0]
    assert uses_maybe(0) == -1.0 and uses_maybe(2) == 0.0
    a, b = pair(4)
    references = (sys.getrefcount(a), sys.getrefcount(b))
    assert references == (2, 2)
    assert retained_bytes(lambda: (uses_pair(5), uses_maybe(5), maybe_array(4)), 3000) < 20_000
