"""Strength-reduced row pointers: inside `for j in range(...)`, A[j, k] is read through a pointer
bumped by A's row stride. Results must equal CPython's for every layout, step, and control flow,
and the rewrite must stay away from loops that rebind the array or the index."""
import numpy as np
import pytest

from numjit import njit


def row_sums_step(a, step):
    out = np.zeros(a.shape[0])
    for j in range(0, a.shape[0], 2):
        s = 0.0
        for k in range(a.shape[1]):
            s += a[j, k] * step
        out[j] = s
    return out


def nearest(points, centroids):
    labels = np.empty(points.shape[0], np.int64)
    for i in range(points.shape[0]):
        best = -1
        best_d = np.inf
        for j in range(1, centroids.shape[0]):
            if centroids[j, 0] > 10.0:
                continue
            if centroids[j, 0] < -10.0:
                break
            d = (points[i, 0] - centroids[j, 0]) ** 2 + (points[i, 1] - centroids[j, 1]) ** 2
            if d < best_d:
                best_d = d
                best = j
        labels[i] = best
    return labels


def scale_rows(a, out):
    for j in range(a.shape[0]):
        for k in range(a.shape[1]):
            out[j, k] = a[j, k] * (j + 1)
            out[j, k] += 1
    return out


def cube_trace(c):
    t = 0
    for j in range(c.shape[0]):
        t += c[j, j % c.shape[1], j % c.shape[2]]
    return t


def strided_1d(v):
    s = 0.0
    for j in range(v.shape[0]):
        s += v[j] * j
    return s


def many_arrays(a, b, c, d, e, f):
    s = 0.0
    for j in range(a.shape[0]):
        s += a[j, 0] + b[j, 1] + c[j, 0] + d[j, 1] + e[j, 0] + f[j, 1]
    return s


def rebinds_array(a, b):
    s = 0.0
    for j in range(a.shape[0]):
        s += a[j, 0]
        a = b          # the loop rebinds `a`: no row pointer may survive this
    return s


def index_reassigned_elsewhere(a):
    s = 0.0
    for j in range(a.shape[0]):
        s += a[j, 1]
    j = 0              # `j` bound twice in the function: not a pure induction variable
    return s + j


G = np.random.default_rng(11)
M = G.normal(size=(9, 7))
CASES = [
    (row_sums_step, (M, 3.0)),
    (row_sums_step, (np.asfortranarray(M), 3.0)),
    (row_sums_step, (M[::-2, 1:], 0.5)),
    (row_sums_step, (np.zeros((0, 3)), 1.0)),
    (nearest, (G.normal(size=(50, 2)), np.vstack([G.normal(size=(12, 2)), [[11.0, 0.0]], G.normal(size=(3, 2))]))),
    (nearest, (G.normal(size=(20, 2)), np.vstack([G.normal(size=(5, 2)), [[-11.0, 0.0]], G.normal(size=(3, 2))]))),
    (nearest, (G.normal(size=(20, 4))[:, ::2], G.normal(size=(8, 3))[::-1, 1:])),
    (cube_trace, (np.arange(4 * 5 * 6, dtype=np.int32).reshape(4, 5, 6),)),
    (cube_trace, (np.arange(4 * 5 * 6, dtype=np.int64).reshape(4, 5, 6)[::-1, :, ::2],)),
    (strided_1d, (np.arange(20.0)[::3],)),
    (strided_1d, (np.arange(20.0)[::-1],)),
    (many_arrays, tuple(G.normal(size=(6, 2)) for _ in range(6))),
    (rebinds_array, (M.copy(), M[::-1].copy())),
    (index_reassigned_elsewhere, (M,)),
]


@pytest.mark.parametrize("func,args", CASES, ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_row_pointer_loops_match_python(func, args):
    expected = func(*(a.copy() if isinstance(a, np.ndarray) else a for a in args))
    got = njit(func)(*args)
    np.testing.assert_array_equal(got, expected)


def test_scale_rows_stores_through_row_pointers():
    a = G.normal(size=(5, 4))
    for out in (np.zeros((5, 4)), np.zeros((5, 8))[:, ::2], np.zeros((5, 4), order="F")):
        expected = scale_rows(a, out.copy())
        got = njit(scale_rows)(a, out)
        np.testing.assert_array_equal(got, expected)


def _ir(func, *args):
    f = njit(func)
    f(*args)
    return f.inspect_ir()[f.signatures[0]]


def test_row_pointers_are_used_where_sound():
    ir = _ir(nearest, G.normal(size=(4, 2)), G.normal(size=(3, 2)))
    assert "centroids[j, 0:int64] at $" in ir and "points[i, 0:int64] at $" in ir
    # a C-contiguous 1-d array is indexed with a scaled index instead; Fortran rows are unit-stride
    assert " at $" not in _ir(strided_1d, np.arange(5.0))
    assert " at $" in _ir(strided_1d, np.arange(10.0)[::2])
    assert " at $" not in _ir(row_sums_step, np.asfortranarray(M), 1.0)
    # at most four row pointers per loop
    assert _ir(many_arrays, *(M[:, :2].copy() for _ in range(6))).count(" at $") == 4


def test_no_row_pointers_where_unsound():
    assert " at $" not in _ir(rebinds_array, M.copy(), M.copy())
    assert " at $" not in _ir(index_reassigned_elsewhere, M)


def out_of_range_rows(a):
    s = 0.0
    for j in range(a.shape[0] + 1):
        s += a[j, 0]
    return s


def test_boundscheck_still_sees_the_row_index():
    f = njit(boundscheck=True)(out_of_range_rows)
    with pytest.raises(IndexError, match="index 3 is out of bounds for axis 0 with size 3"):
        f(np.zeros((3, 2)))
