"""@vectorize: real numpy ufuncs from compiled scalar kernels."""
import math

import numpy as np
import pytest

import numjit
from numjit import njit, vectorize


@vectorize(["float64(float64, float64)", "int64(int64, int64)"])
def rel_diff(x, y):
    return 2 * (x - y) / (x + y) if x + y != 0 else 0


@vectorize
def scaled(x):
    return x * 3 + 1


@vectorize(["float64(float64)"], target="parallel")
def parallel_sq(x):
    return x * x + math.sin(x)


@vectorize(["float64(float64)"])
def raises_above_two(x):
    if x > 2:
        raise ValueError("too big")
    return x


@vectorize(["float64(float64, float64)"], identity=0)
def plus(x, y):
    return x + y


def test_is_a_real_numpy_ufunc_with_broadcasting_out_and_reduce():
    assert isinstance(rel_diff, np.ufunc) and rel_diff.nin == 2 and rel_diff.nout == 1
    assert rel_diff.types == ["dd->d", "ll->l"]
    a = np.linspace(1, 5, 5)
    b = a[::-1].copy()
    expected = np.array([rel_diff.__wrapped__(x, y) if hasattr(rel_diff, "__wrapped__") else 2 * (x - y) / (x + y) for x, y in zip(a, b)])
    np.testing.assert_allclose(rel_diff(a, b), expected, rtol=1e-15)
    assert rel_diff(a[:, None], b[None, :]).shape == (5, 5)
    out = np.empty(5)
    rel_diff(a, b, out=out)
    np.testing.assert_array_equal(out, rel_diff(a, b))
    assert plus.reduce(np.arange(5.0)) == 10.0
    np.testing.assert_array_equal(plus.accumulate(np.arange(4.0)), [0.0, 1.0, 3.0, 6.0])
    assert plus.reduce(np.zeros(0)) == 0.0          # identity=0
    np.testing.assert_array_equal(plus.reduce(np.ones((2, 3)), axis=1), [3.0, 3.0])


def test_without_signatures_compiles_per_dtype():
    np.testing.assert_array_equal(scaled(np.arange(4)), np.arange(4) * 3 + 1)
    np.testing.assert_array_equal(scaled(np.arange(4.0)), np.arange(4.0) * 3 + 1)
    assert scaled.ufunc.types == ["l->l", "d->d"]
    assert scaled(2.0) == 7.0


def test_parallel_target_matches_serial():
    x = np.linspace(0, 10, 200_003)
    np.testing.assert_array_equal(parallel_sq(x), x * x + np.array([math.sin(v) for v in x]))


def test_exception_inside_the_loop_surfaces():
    with pytest.raises(ValueError, match="too big"):
        raises_above_two(np.arange(5.0))
    np.testing.assert_array_equal(raises_above_two(np.arange(3.0)), np.arange(3.0))


def test_division_by_zero_follows_numpy_not_python():
    @vectorize(["float64(float64, float64)"])
    def div(x, y):
        return x / y
    with np.errstate(all="ignore"):
        assert np.isinf(div(np.array([1.0]), np.array([0.0]))[0])


def uses_ufunc(a, b):
    return rel_diff(a, b) + scaled(a), rel_diff(2.0, 1.0)


def test_callable_from_njit_code():
    a = np.arange(1.0, 6.0)
    b = a[::-1].copy()
    got = njit(uses_ufunc)(a, b)
    np.testing.assert_allclose(got[0], rel_diff(a, b) + scaled(a), rtol=1e-15)
    assert got[1] == rel_diff(2.0, 1.0)


def test_bad_target_is_rejected():
    with pytest.raises(ValueError, match="target"):
        vectorize(["f8(f8)"], target="roc")(lambda x: x)


@numjit.guvectorize(["void(float64[:], float64, float64[:])", "void(int64[:], int64, int64[:])"], "(n),()->(n)")
def add_scalar(x, y, out):
    for i in range(x.shape[0]):
        out[i] = x[i] + y


@numjit.guvectorize(["void(float64[:, :], float64[:], float64[:])"], "(m,n),(n)->(m)")
def matvec(m, v, out):
    for i in range(m.shape[0]):
        s = 0.0
        for j in range(m.shape[1]):
            s += m[i, j] * v[j]
        out[i] = s


@numjit.guvectorize(["void(float64[:], float64[:], float64[:])"], "(n)->(),()")
def min_max(x, lo, hi):
    lo[0] = x.min()
    hi[0] = x.max()


def test_guvectorize_broadcasts_loop_dimensions():
    a = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(add_scalar(a, 10.0), a + 10.0)
    np.testing.assert_array_equal(add_scalar(a, np.array([1.0, 2.0, 3.0])), a + np.array([[1.0], [2.0], [3.0]]))
    np.testing.assert_array_equal(add_scalar(np.arange(4), np.int64(2)), np.arange(4) + 2.0)
    assert add_scalar.signature == "(n),()->(n)" and add_scalar.types == ["dd->d", "ll->l"]
    m = np.random.default_rng(0).random((5, 3, 4))
    v = np.random.default_rng(1).random(4)
    np.testing.assert_allclose(matvec(m, v), m @ v, rtol=1e-14)
    out = np.empty((5, 3))
    assert matvec(m, v, out=(out,)) is out


def test_guvectorize_scalar_outputs_and_errors():
    lo, hi = min_max(np.array([[3.0, -1.0, 2.0], [5.0, 4.0, 9.0]]))
    np.testing.assert_array_equal(lo, [-1.0, 4.0])
    np.testing.assert_array_equal(hi, [3.0, 9.0])
    with pytest.raises(ValueError, match="core dimension"):
        matvec(np.zeros((2, 3)), np.zeros(4))
    with pytest.raises(ValueError, match="invalid gufunc layout"):
        numjit.guvectorize(["void(float64[:], float64[:])"], "(n)=>(n)")
    with pytest.raises(TypeError, match="returns through its output"):
        numjit.guvectorize(["float64(float64[:], float64[:])"], "(n)->(n)")(lambda_free)


def lambda_free(x, out):
    return 1.0


def uses_gufunc(a, k):
    return add_scalar(a, k) * 2.0, matvec(a.reshape(3, 4), a[:4])


def test_gufunc_callable_from_njit():
    a = np.arange(12.0)
    got = njit(uses_gufunc)(a, 1.5)
    np.testing.assert_array_equal(got[0], (a + 1.5) * 2.0)
    np.testing.assert_allclose(got[1], a.reshape(3, 4) @ a[:4])


@vectorize(["float64(float64, float64)", "float32(float32, float32)"])
def affine(x, y):
    return 2.5 * x - y / 4.0


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_vectorized_inner_loop_every_length_and_strided(dtype):
    for n in range(0, 21):
        x = np.linspace(-3, 3, n).astype(dtype)
        y = np.linspace(1, 9, n).astype(dtype)
        np.testing.assert_array_equal(affine(x, y), reference(x, y))
    x = np.arange(40, dtype=dtype)[::3]
    y = np.arange(40, dtype=dtype)[::-3]
    np.testing.assert_array_equal(affine(x, y), reference(x, y))


def reference(x, y):
    # The literals are float64, so the float32 kernel computes in float64 and rounds on return (as numba).
    return (2.5 * x.astype(np.float64) - y.astype(np.float64) / 4.0).astype(x.dtype)


def _allocating_kernel(x):
    tmp = np.empty(3)        # array creation needs the GIL, which numpy releases around ufunc loops
    tmp[:] = x
    return tmp.sum()


@pytest.mark.parametrize("target", ["cpu", "parallel"])
def test_kernels_using_python_run_holding_the_gil(target):
    from concurrency import run_threads
    f = vectorize(["float64(float64)"], target=target)(_allocating_kernel)
    x = np.arange(5000.0)    # past numpy's threshold for releasing the GIL, and past one parallel chunk
    for results in run_threads(lambda k: [f(x) for _ in range(3)], 4):
        for r in results:
            np.testing.assert_array_equal(r, 3.0 * x)
