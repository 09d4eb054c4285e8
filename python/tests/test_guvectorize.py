"""@guvectorize builds a real numpy gufunc: numpy's broadcasting, core-size checks, casting and
out= apply, and the compiled inner loop must give the results the pure-Python kernel gives on
every layout of the operands."""
import numpy as np
import pytest

import numjit
from concurrency import run_threads
from numjit import njit


def _cumsum_py(x, out):
    s = 0
    for i in range(x.shape[0]):
        s += x[i]
        out[i] = s


cumsum = numjit.guvectorize(["void(float64[:], float64[:])", "void(int64[:], int64[:])", "void(float32[:], float32[:])"],
                            "(n)->(n)")(_cumsum_py)


def _weighted_py(m, w, bias, out):
    for i in range(m.shape[0]):
        s = bias
        for j in range(m.shape[1]):
            s += m[i, j] * w[j]
        out[i] = s


weighted = numjit.guvectorize(["void(float64[:, :], float64[:], float64, float64[:])"], "(m,n),(n),()->(m)")(_weighted_py)


def _stats_py(x, lo, mean):
    lo[0] = x.min()
    mean[0] = x.mean()


stats = numjit.guvectorize(["void(float64[:], float64[:], float64[:])"], "(n)->(),()")(_stats_py)


def _cross_py(a, b, out):
    out[0] = a[1] * b[2] - a[2] * b[1]
    out[1] = a[2] * b[0] - a[0] * b[2]
    out[2] = a[0] * b[1] - a[1] * b[0]


cross = numjit.guvectorize(["void(float64[:], float64[:], float64[:])"], "(3),(3)->(3)")(_cross_py)


def _reference(kernel, core_out, *arrays, out_dtype=np.float64):
    """Runs the Python kernel over the broadcast loop dimensions, as numpy would."""
    nin = len(arrays)
    cores = [a.ndim - lp for a, lp in zip(arrays, core_out[0])]
    loop = np.broadcast_shapes(*(a.shape[:c] for a, c in zip(arrays, cores)))
    outs = [np.zeros(loop + shape, out_dtype) for shape in core_out[1]]
    for idx in np.ndindex(*loop):
        args = [np.broadcast_to(a, loop + a.shape[c:])[idx] for a, c in zip(arrays, cores)]
        views = [o[idx] if o[idx].ndim else o[idx][None] for o in outs]
        kernel(*args, *views)
    return outs[0] if len(outs) == 1 else tuple(outs)


def test_is_a_numpy_gufunc():
    assert isinstance(cumsum, np.ufunc)
    assert cumsum.signature == "(n)->(n)" and cumsum.nin == 1 and cumsum.nout == 1
    assert cumsum.types == ["d->d", "l->l", "f->f"]
    assert weighted.signature == "(m,n),(n),()->(m)"


RNG = np.random.default_rng(42)
X = RNG.normal(size=(4, 6))


@pytest.mark.parametrize("x", [
    X, X[::-1, ::2], X.T, np.asfortranarray(X), X[:, :0], X[:0], X[1], np.arange(12).reshape(3, 4),
    np.arange(12, dtype=np.int32).reshape(3, 4), X.astype(np.float32),
], ids=["c", "negative-strided", "transposed", "fortran", "empty-core", "empty-loop", "1d", "int64", "int32", "float32"])
def test_cumsum_matches_python_on_every_layout(x):
    got = cumsum(x)
    expected = np.cumsum(x, axis=-1)
    # numpy takes the first loop the input casts to safely: int32 runs the float64 loop
    assert got.dtype == (np.float64 if x.dtype == np.int32 else expected.dtype)
    if x.dtype == np.float32:   # the kernel's `s = 0; s += x[i]` accumulates in float64 (numba's typing)
        np.testing.assert_allclose(got, expected, rtol=1e-5)
    else:
        np.testing.assert_array_equal(got, expected)


def test_loop_dimensions_broadcast_and_scalars_pass_by_value():
    m = RNG.normal(size=(5, 1, 3, 4))
    w = RNG.normal(size=(2, 4))
    bias = np.array([0.5, -1.0])      # loop shapes (5, 1), (2,) and (2,) broadcast to (5, 2)
    got = weighted(m, w, bias)
    expected = _reference(_weighted_py, ([2, 1, 0], [(3,)]), m, w, bias)
    assert got.shape == (5, 2, 3)
    np.testing.assert_allclose(got, expected, rtol=1e-14)


def test_out_argument_including_non_contiguous():
    x = RNG.normal(size=(3, 5))
    out = np.zeros((3, 10))[:, ::2]
    assert cumsum(x, out=out) is out
    np.testing.assert_array_equal(out, np.cumsum(x, axis=1))
    positional = np.empty((3, 5))
    assert cumsum(x, positional) is positional


def test_scalar_outputs_written_through_one_element_views():
    lo, mean = stats(X)
    np.testing.assert_array_equal(lo, X.min(axis=1))
    np.testing.assert_allclose(mean, X.mean(axis=1), rtol=1e-15)
    assert stats(X[0])[0].shape == ()


def test_frozen_core_dimensions():
    a, b = RNG.normal(size=(7, 3)), RNG.normal(size=(3,))
    np.testing.assert_allclose(cross(a, b), np.cross(a, b), rtol=1e-14)
    with pytest.raises(ValueError, match="core dimension"):
        cross(np.zeros(4), np.zeros(3))


def test_numpy_checks_core_sizes_and_dtypes():
    with pytest.raises(ValueError, match="core dimension"):
        weighted(np.zeros((2, 3)), np.zeros(4), 0.0)
    with pytest.raises(TypeError, match="cumsum"):
        cumsum(np.array(["a", "b"]))


def _raises_py(x, out):
    for i in range(x.shape[0]):
        if x[i] < 0:
            raise ValueError("negative input")
        out[i] = x[i]


def test_kernel_exceptions_reach_python():
    f = numjit.guvectorize(["void(float64[:], float64[:])"], "(n)->(n)")(_raises_py)
    np.testing.assert_array_equal(f(np.arange(3.0)), np.arange(3.0))
    with pytest.raises(ValueError, match="negative input"):
        f(np.array([[1.0, 2.0], [3.0, -1.0]]))
    np.testing.assert_array_equal(f(np.ones((2, 2))), np.ones((2, 2)))   # still usable afterwards


def _allocates_py(x, out):
    tmp = np.empty(x.shape[0])           # allocation inside the loop needs the GIL numpy released
    for i in range(x.shape[0]):
        tmp[i] = x[i] * 2.0
    out[0] = tmp.sum()


def test_kernels_may_allocate_and_threads_may_call():
    f = numjit.guvectorize(["void(float64[:], float64[:])"], "(n)->()")(_allocates_py)
    x = RNG.normal(size=(200, 16))
    expected = 2.0 * x.sum(axis=1)
    for r in run_threads(lambda k: f(x), 4):
        np.testing.assert_allclose(r, expected, rtol=1e-13)


def _copy_py(x, out):
    for i in range(x.shape[0]):
        out[i] = x[i]


def test_contiguous_declarations_are_checked_at_run_time():
    f = numjit.guvectorize(["void(float64[::1], float64[:])"], "(n)->(n)")(_copy_py)
    np.testing.assert_array_equal(f(X), X)
    with pytest.raises(ValueError, match="non-contiguous core"):
        f(X.T)


def _nothing_py(x, out):
    pass


def test_bad_declarations_are_rejected_when_built():
    with pytest.raises(TypeError, match="outputs must be arrays"):
        numjit.guvectorize(["void(float64[:], float64)"], "(n)->()")(_nothing_py)
    with pytest.raises(TypeError, match="core dimension"):
        numjit.guvectorize(["void(float64[:, :], float64[:])"], "(n)->(n)")(_nothing_py)
    with pytest.raises(TypeError, match="has 2 arguments but the layout has 3"):
        numjit.guvectorize(["void(float64[:], float64[:])"], "(n),()->(n)")(_copy_py)


def gufunc_in_kernel(m, w):
    return weighted(m, w, 1.0).sum() + cumsum(w)[-1]


def test_callable_from_njit():
    m, w = RNG.normal(size=(3, 4)), RNG.normal(size=4)
    assert njit(gufunc_in_kernel)(m, w) == pytest.approx(gufunc_in_kernel(m, w), rel=1e-14)
