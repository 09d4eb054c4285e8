"""Array values stored into existing arrays (dst[...] = expr, x += y): computed in place, no temporary,
with numpy's results even where the value reads memory the store overwrites."""
import numpy as np
import pytest

from numjit import njit

from test_numpy_arrays import check


def copy_into(dst, a):
    dst[:] = a
    return dst


def expr_into(dst, a, b):
    dst[:] = a * b + 1.0
    return dst


def ellipsis_into(dst, a):
    dst[...] = a - 2.0
    return dst


def shift_right(a):
    a[1:] = a[:-1]
    return a


def shift_left(a):
    a[:-1] = a[1:] * 2.0
    return a


def reverse_in_place(a):
    a[:] = a[::-1] + 0.5
    return a


def add_reversed(a):
    a += a[::-1]
    return a


def in_place_ops(x, y):
    x += y
    x *= 2.0
    x -= y[::-1]
    return x


def strided_destination(a, b):
    a[::2] = b * 3.0
    a[1::2] += 1.0
    return a


def rows_and_columns(m, row, col):
    m[1] = row
    m[:, 0] = col * 2.0
    m[2:, 1:] += row[1:]
    m[:] = m + row
    return m


def casting_stores(i, f, f32):
    i[:] = f * 2.5          # float -> int truncates, as numpy's unsafe setitem cast
    f[:] = i                # int -> float
    f32 += f                # float64 into float32 (same kind)
    return i, f, f32


def overlapping_2d(m):
    m[1:, :] = m[:-1, :] + 1.0
    m[:, 1:] = m[:, :-1] * m[:, 1:]
    return m


def zero_d(a):
    v = a[2, ...]
    v[...] = 9.0
    return a


def empty_store(a):
    a[3:3] = a[:0] + 1.0
    return a


F = np.arange(10.0) * 1.5 - 3
M = np.arange(24.0).reshape(4, 6)


@pytest.mark.parametrize("func,args", [
    (copy_into, (np.zeros(10), F)),
    (expr_into, (np.zeros(10), F, F[::-1])),
    (ellipsis_into, (np.zeros((4, 6)), M)),
    (shift_right, (F,)),
    (shift_right, (np.arange(1001.0),)),
    (shift_left, (F,)),
    (reverse_in_place, (F,)),
    (add_reversed, (F,)),
    (in_place_ops, (F, F * 0.5 + 1)),
    (strided_destination, (np.zeros(10), np.arange(5.0))),
    (rows_and_columns, (M, np.arange(6.0) + 100, np.arange(4.0))),
    (casting_stores, (np.zeros(10, np.int64), F, F.astype(np.float32))),
    (overlapping_2d, (M,)),
    (zero_d, (F,)),
    (empty_store, (F,)),
], ids=lambda v: getattr(v, "__name__", ""))
def test_store_matches_numpy(func, args):
    check(func, *args)


def test_store_is_fused_into_the_destination():
    f = njit(expr_into)
    f(np.zeros(10), F, F)
    ir = f.inspect_ir()[f.signatures[0]]
    assert "dst <- elementwise[" in ir and "np." not in ir



def test_shape_mismatch_is_numpys_value_error():
    with pytest.raises(ValueError, match=r"could not broadcast input array from shape \(3,\) into shape \(4,\)"):
        njit(copy_into)(np.zeros(4), np.zeros(3))
    with pytest.raises(ValueError, match=r"broadcast"):
        njit(copy_into)(np.zeros((2, 3)), np.zeros((2, 1, 3)))


def test_store_does_not_allocate_per_call():
    import tracemalloc
    f = njit(expr_into)
    dst, a = np.zeros(100_000), np.ones(100_000)
    f(dst, a, a)
    tracemalloc.start()
    f(dst, a, a)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100_000   # a temporary would be 800 kB
