"""Each function runs compiled and under CPython on the same inputs: results must be equal
(exactly for ints and bools; floats too, except where noted numba semantics differ)."""
import cmath
import math

import pytest

from numjit import njit


def arith(a, b):
    return a + b, a - b, a * b, a // b, a % b, -a // b, -a % b, a // -b, a % -b


def int_pow(a, b):
    return a ** b


def float_ops(x, y):
    return x / y, x // y, x % y, x ** 2, x ** 0.5 if x >= 0 else -1.0, -x


def compare_chain(a, b, c):
    return a < b < c, a <= b <= c, a == b != c, a > b >= c, not (a < b)


def logic(a, b):
    return (a and b), (a or b), (not a), (a > 0 and b > 0), (a < 0 or b < 0)


def ternary(x):
    return x if x > 0 else -x, 1.5 if x == 0 else 2.5


def loops(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        if i > 40:
            break
        total += i
    else:
        total = -total
    j = 0
    while j < n:
        j += 7
    for k in range(n, 0, -3):
        total += k
    for k in range(2, n, 5):
        total -= k
    return total, j


def enum_zip(n):
    s = 0
    for i, v in enumerate(range(5, n)):
        s += i * v
    for a, b in zip(range(n), range(3, 3 + n // 2)):
        s += a * b
    for i, v in enumerate(range(n), 10):
        s -= i
    return s


def swap(a, b):
    a, b = b, a
    c, (d, e) = a + b, (a, b)
    return a, b, c, d, e


def builtins_(x, y):
    q, r = divmod(x, y)
    return q, r, abs(x - y), min(x, y), max(x, y, 0), round(x / 3), round(x / 7, 2), int(x / 3), float(x), bool(x)


def math_funcs(x):
    return (math.sqrt(x), math.exp(x), math.log(x), math.log(x, 2), math.log10(x), math.log1p(x), math.sin(x),
            math.cos(x), math.tan(x), math.atan(x), math.sinh(x), math.tanh(x), math.floor(x), math.ceil(x),
            math.trunc(x), math.gamma(x), math.lgamma(x), math.erf(x), math.erfc(x), math.hypot(x, 3.0),
            math.atan2(x, 2.0), math.copysign(x, -1.0), math.fabs(-x), math.degrees(x), math.radians(x),
            math.isnan(x), math.isinf(x), math.isfinite(x), math.expm1(x), math.asinh(x), math.pi * x, math.e)


def int_math(n):
    return math.factorial(n), math.gcd(n, 12), math.isqrt(n), math.comb(n, 2), math.lcm(n, 4)


def recursion(n):
    if n <= 1:
        return 1
    return n * recursion(n - 1)


def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def complex_ops(z, w):
    return z + w, z * w, z - w, z / w, abs(z), z.real, z.imag, z.conjugate(), -z, z == w


def mixed(i, x):
    acc = 0
    for k in range(i):
        acc += k
    acc = acc * x
    return acc


def wrap(a):
    return a * 3037000500 * 3037000500


def shifts(a, b):
    return a << b, a >> b, a & b, a | b, a ^ b, ~a


def tuple_in(x):
    return x in (1, 2, 3), x not in (4, 5)


CASES = [
    (arith, [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (2 ** 40, 7), (-(2 ** 50), 3)]),
    (int_pow, [(2, 10), (3, 0), (-3, 3), (7, 1), (2, 62)]),
    (float_ops, [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (0.0, 3.0), (1e10, 1e-10), (2.5, 0.5)]),
    (compare_chain, [(1, 2, 3), (3, 2, 1), (1, 1, 1), (1.5, float("nan"), 3.0), (-1, 0, 0)]),
    (logic, [(0, 0), (1, 0), (0, 5), (3, 4), (-1, 2)]),
    (ternary, [(3.0,), (-2.0,), (0.0,)]),
    (loops, [(0,), (1,), (10,), (50,), (100,)]),
    (enum_zip, [(0,), (6,), (20,)]),
    (swap, [(1, 2), (-5, 9)]),
    (builtins_, [(17, 5), (-17, 5), (17, -5), (2, 3), (100, 7)]),
    (math_funcs, [(0.5,), (1.0,), (2.5,), (10.0,), (1e-3,)]),
    (int_math, [(0,), (1,), (5,), (12,), (20,)]),
    (recursion, [(1,), (5,), (20,)]),
    (collatz, [(1,), (27,), (97,), (871,)]),
    (complex_ops, [(1 + 2j, 3 - 1j), (-0.5j, 2 + 0j)]),
    (mixed, [(10, 0.5), (0, 2.0), (7, -1.25)]),
    (shifts, [(5, 2), (-5, 1), (1, 62), (12345, 0)]),
    (tuple_in, [(1,), (4,), (7,)]),
]


def _same(a, b):
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("func,inputs", CASES, ids=[c[0].__name__ for c in CASES])
def test_matches_cpython(func, inputs):
    compiled = njit(func)
    if func is recursion:
        # the recursive call must reach the compiled function: rebind the global during the test
        globals()["recursion"] = compiled
    try:
        for args in inputs:
            expected = func(*args)
            got = compiled(*args)
            assert _same(expected, got), "%s%r: CPython %r, numjit %r" % (func.__name__, args, expected, got)
    finally:
        globals()["recursion"] = recursion


def test_int64_wraps_like_numba():
    # CPython has big ints; compiled code uses int64 two's complement, as numba does.
    compiled = njit(wrap)
    expected = ((5 * 3037000500 * 3037000500 + 2 ** 63) % 2 ** 64) - 2 ** 63
    assert compiled(5) == expected


def sequences(x, y):
    t = (x, y, 0.5, 1e-20)
    return (math.fsum(t), math.prod((x, y, 3.0)), math.dist((x, y), (1.0, 2.0)), math.hypot(x, y, 1.0),
            math.prod((2, 3, 4)), pow(7, 5, 13), pow(7, -1, 13), pow(-7, 3, -5))


def ranges(n):
    r = range(2, n, 3)
    total = len(r) * 1000
    for v in r:
        total += v
    return total, len(range(n)), len(range(n, 0, -2)), len(range(5, 2))


def test_sequence_math_and_ranges():
    for args in [(1.5, 2.25), (-3.0, 1e10), (0.1, 0.2)]:
        assert njit(sequences)(*args) == sequences(*args)
    for n in (0, 1, 10, 17):
        assert njit(ranges)(n) == ranges(n)


def array_sequences(a):
    return math.fsum(a), math.prod(a), math.dist(a, a)


def test_sequence_math_over_arrays():
    import numpy as np
    a = np.array([0.1, 0.2, 0.3, 1e100, -1e100])
    assert njit(array_sequences)(a) == array_sequences(a)
    b = np.arange(1, 6)
    assert njit(array_sequences)(b) == array_sequences(b)


def none_then_value(n):
    x = None
    if n > 0:
        x = 1.5 * n
    return x


def loop_else_returns(n):
    for i in range(n):
        if i > 5:
            return i
    else:
        return -1


def tuple_order(a, b):
    return (a, 2) < (b, 3), (a, b) <= (a, b), (a, 1, 0) > (a, 1), (1, a) >= (1, b)


def test_optional_variables_loop_else_and_tuple_order():
    for n in (-1, 0, 3):
        assert njit(none_then_value)(n) == none_then_value(n)
    compiled = njit(loop_else_returns)
    for n in (0, 3, 10):
        assert compiled(n) == loop_else_returns(n)
    assert compiled.overloads[("int64",)].return_type == "int64"
    for a, b in [(1, 2), (2, 1), (1, 1)]:
        assert njit(tuple_order)(a, b) == tuple_order(a, b)


def cmath_funcs(z):
    return (cmath.sqrt(z), cmath.exp(z), cmath.log(z), cmath.log(z, 2), cmath.log10(z), cmath.sin(z), cmath.cos(z),
            cmath.sinh(z), cmath.cosh(z), cmath.phase(z), cmath.polar(z), cmath.rect(2.0, 0.5), cmath.isnan(z), cmath.isfinite(z))


def test_cmath_matches_cpython_exactly():
    for z in (1 + 2j, -3 + 0.5j, 0.25 - 4j, 2 + 0j, 1.5):
        expected = cmath_funcs(z)
        got = njit(cmath_funcs)(z)
        assert _same(expected, got), (z, expected, got)
