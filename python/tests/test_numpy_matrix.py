"""Differential matrix: element-wise functions, operators and reductions compiled by NumJit
against numpy itself, over dtypes and shapes (empty, 0-d, 1-d, 2-d, strided, reversed,
transposed)."""
import numpy as np
import pytest

from numjit import njit

DTYPES = ["int32", "int64", "uint8", "float32", "float64"]


def shapes(dtype):
    base = (np.arange(1, 13) % 7).astype(dtype)
    return {
        "empty": base[:0],
        "0d": np.array(base[3]),
        "1d": base[:6].copy(),
        "2d": base.reshape(3, 4).copy(),
        "strided": base[::3],
        "reversed": base[::-1],
        "transposed": base.reshape(3, 4).T,
    }


def u_sqrt(a): return np.sqrt(a)
def u_sin(a): return np.sin(a)
def u_exp(a): return np.exp(a / 4)
def u_log(a): return np.log(a + 1)
def u_abs(a): return np.abs(a)
def u_floor(a): return np.floor(a)
def u_isnan(a): return np.isnan(a)
def u_neg(a): return -a
def b_add(a): return a + a
def b_sub(a): return a - 2
def b_mul(a): return a * a
def b_div(a): return a / 3
def b_floordiv(a): return a // 3
def b_mod(a): return a % 4
def b_pow(a): return a ** 2
def b_lt(a): return a < 3
def b_max(a): return np.maximum(a, 3)
def b_where(a): return np.where(a > 2, a, 0)


UNARY = [u_sqrt, u_sin, u_exp, u_log, u_abs, u_floor, u_isnan, u_neg]
BINARY = [b_add, b_sub, b_mul, b_div, b_floordiv, b_mod, b_pow, b_lt, b_max, b_where]

# Functions combining the array with a Python int or float: NumJit types that scalar by its full
# type (int64/float64) as numba does, where numpy 1.x casts it by value; the reference is numpy
# on the array promoted accordingly.
SCALAR_OPERAND = {u_exp: "int64", u_log: "int64", b_sub: "int64", b_div: "int64", b_floordiv: "int64",
                  b_mod: "int64", b_pow: "int64", b_lt: "int64", b_max: "int64", b_where: "int64"}


def compare(expected, got):
    expected_arr = np.asarray(expected)
    got_arr = np.asarray(got)
    assert got_arr.shape == expected_arr.shape
    if expected_arr.dtype.kind == "f":
        np.testing.assert_allclose(got_arr, expected_arr, rtol=2e-15 if expected_arr.dtype == np.float64 else 1e-6, equal_nan=True)
    else:
        np.testing.assert_array_equal(got_arr, expected_arr)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("func", UNARY + BINARY, ids=lambda f: f.__name__)
def test_elementwise_matrix(func, dtype):
    compiled = njit(func)
    for name, a in shapes(dtype).items():
        reference = a.astype(np.promote_types(a.dtype, SCALAR_OPERAND[func])) if func in SCALAR_OPERAND else a
        with np.errstate(all="ignore"):
            expected = func(reference)
            if getattr(expected, "dtype", None) == np.float16:
                # numpy computes 8-bit integers in float16, which NumJit (like numba) replaces by float32
                expected = func(reference.astype(np.float32))
            got = compiled(a)
        compare(expected, got)
        if isinstance(expected, np.ndarray) and a.ndim > 0:
            assert got.dtype == expected.dtype, (name, got.dtype, expected.dtype)


def r_sum(a): return a.sum()
def r_prod(a): return np.prod(a)
def r_min(a): return a.min()
def r_max(a): return np.max(a)
def r_mean(a): return a.mean()
def r_argmax(a): return a.argmax()
def r_all(a): return (a > 0).all()
def r_any(a): return np.any(a > 5)
def r_cumsum(a): return np.cumsum(a)
def r_sum_axis0(a): return a.sum(axis=0)


@pytest.mark.filterwarnings("ignore:Mean of empty slice:RuntimeWarning", "ignore:invalid value encountered:RuntimeWarning")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("func", [r_sum, r_prod, r_min, r_max, r_mean, r_argmax, r_all, r_any, r_cumsum, r_sum_axis0],
                         ids=lambda f: f.__name__)
def test_reduction_matrix(func, dtype):
    compiled = njit(func)
    for name, a in shapes(dtype).items():
        if name == "0d" and func is r_sum_axis0:
            continue   # axis 0 does not exist on a 0-d array (a TypingError in NumJit, numpy raises too)
        with np.errstate(all="ignore"):
            try:
                expected = func(a)
            except ValueError:
                with pytest.raises(ValueError):
                    compiled(a)   # e.g. min/argmax of an empty array
                continue
            got = compiled(a)
        compare(expected, got)


def u_sign(a): return np.sign(a)
def u_ceil(a): return np.ceil(a)
def u_trunc(a): return np.trunc(a)
def u_log2(a): return np.log2(a + 1)
def u_log10(a): return np.log10(a + 1)
def u_expm1(a): return np.expm1(a / 8)
def u_tanh(a): return np.tanh(a)
def u_arctan(a): return np.arctan(a)
def u_isfinite(a): return np.isfinite(a)
def u_square(a): return np.square(a)
def b_min(a): return np.minimum(a, 3)
def b_fmax(a): return np.fmax(a, 2)
def b_arctan2(a): return np.arctan2(a, 2.0)
def b_hypot(a): return np.hypot(a, 3.0)
def b_eq(a): return a == 3
def b_land(a): return np.logical_and(a > 1, a < 5)
def b_clip(a): return np.clip(a, 1, 4)


MORE_UNARY = [u_sign, u_ceil, u_trunc, u_log2, u_log10, u_expm1, u_tanh, u_arctan, u_isfinite, u_square]
MORE_BINARY = [b_min, b_fmax, b_arctan2, b_hypot, b_eq, b_land, b_clip]
SCALAR_OPERAND.update({u_log2: "int64", u_log10: "int64", u_expm1: "int64", b_min: "int64", b_fmax: "int64",
                       b_arctan2: "float64", b_hypot: "float64", b_eq: "int64", b_clip: "int64"})


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("func", MORE_UNARY + MORE_BINARY, ids=lambda f: f.__name__)
def test_more_elementwise(func, dtype):
    test_elementwise_matrix(func, dtype)


def i_and(a): return a & 6
def i_shift(a): return a << 2
def i_invert(a): return ~a


@pytest.mark.parametrize("dtype", ["int32", "int64", "uint8"])
@pytest.mark.parametrize("func", [i_and, i_shift, i_invert], ids=lambda f: f.__name__)
def test_integer_bitwise(func, dtype):
    compiled = njit(func)
    for name, a in shapes(dtype).items():
        reference = a.astype(np.promote_types(a.dtype, "int64")) if func is not i_invert else a
        compare(func(reference), compiled(a))


def r_var(a): return a.var()
def r_std(a): return np.std(a)
def r_argmin(a): return np.argmin(a)
def r_cumprod(a): return a.cumprod()
def r_min_axis1(a): return a.min(axis=-1)
def f_sort(a): return np.sort(a)
def f_argsort(a): return np.argsort(a, kind="stable") if False else np.argsort(a)
def f_unique(a): return np.unique(a)
def f_transpose(a): return a.T.copy()
def f_ravel(a): return np.ravel(a)


@pytest.mark.filterwarnings("ignore:Mean of empty slice:RuntimeWarning", "ignore:invalid value encountered:RuntimeWarning",
                            "ignore:Degrees of freedom:RuntimeWarning")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("func", [r_var, r_std, r_argmin, r_cumprod, r_min_axis1, f_sort, f_unique, f_transpose, f_ravel],
                         ids=lambda f: f.__name__)
def test_more_reductions_and_functions(func, dtype):
    compiled = njit(func)
    for name, a in shapes(dtype).items():
        if name == "0d" and func in (r_min_axis1, f_sort):
            continue   # no axis -1 on a 0-d array (numpy raises too)
        with np.errstate(all="ignore"):
            try:
                expected = func(a)
            except ValueError:
                with pytest.raises(ValueError):
                    compiled(a)
                continue
            got = compiled(a)
        compare(expected, got)
