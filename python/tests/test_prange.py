"""parallel=True and numjit.prange: results equal the serial loop's; what cannot run in parallel is rejected."""
import os
import subprocess
import sys

import numpy as np
import pytest

import numjit
from numjit import njit, prange, UnsupportedError

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def reductions(a, b):
    total = 0.0
    count = 0
    product = 1
    smallest = 1e300
    largest = -1e300
    debt = 100
    for i in prange(a.shape[0]):
        x = a[i] * 2.0 + b[i]
        total += x
        count += 1
        if i < 20:
            product *= (i % 3) + 1
        smallest = min(smallest, x)
        largest = max(x, largest)
        debt -= i % 7
    return total, count, product, smallest, largest, debt


@pytest.mark.parametrize("n", [0, 1, 2, 3, 1000, 100_003])
def test_reductions_equal_the_serial_loop(n):
    rng = np.random.default_rng(n)
    a, b = rng.random(n), rng.random(n)
    parallel = njit(parallel=True)(reductions)(a, b)
    serial = njit(reductions)(a, b)
    python = reductions(a, b)
    assert parallel[1:3] == serial[1:3] == python[1:3] and parallel[5] == python[5]     # integers exactly
    assert parallel[3:5] == python[3:5]                                                  # min and max exactly
    assert parallel[0] == pytest.approx(python[0], rel=1e-12, abs=1e-12)                 # sums are reassociated


def test_the_loop_is_outlined_only_with_parallel_true():
    parallel = njit(parallel=True)(reductions)
    serial = njit(reductions)
    a = np.ones(10)
    parallel(a, a)
    serial(a, a)
    assert "= parallel reductions.<prange 0>" in parallel.inspect_ir()[parallel.signatures[0]]
    assert "parallel" not in serial.inspect_ir()[serial.signatures[0]]


def fill(a, out, k):
    for i in prange(a.shape[0]):
        t = a[i] * k
        if t > 1.0:
            t = t - 1.0
        out[i] = t
    return out


def rows(m):
    out = np.empty(m.shape[0])
    total = 0.0
    for i in prange(m.shape[0]):
        s = 0.0
        for j in range(m.shape[1]):
            s += m[i, j]
            total += m[i, j]
        out[i] = s
    return out, total


@njit
def helper(x, y):
    return x * y + 1.0


def calls(a, scale):
    s = 0.0
    for i in numjit.prange(a.shape[0]):
        s += helper(a[i], scale)
    return s


def nested(n):
    s = 0
    for i in prange(n):
        for j in prange(i):
            s += i * j
    return s


def test_element_writes_private_temporaries_and_2d_rows():
    a = np.linspace(0.0, 2.0, 5001)
    np.testing.assert_array_equal(njit(parallel=True)(fill)(a, np.empty_like(a), 0.75), fill(a, np.empty_like(a), 0.75))
    m = np.random.default_rng(1).random((517, 33))
    out, total = njit(parallel=True)(rows)(m)
    np.testing.assert_allclose(out, m.sum(axis=1), rtol=1e-13)
    assert total == pytest.approx(m.sum(), rel=1e-12)
    fortran = np.asfortranarray(m)
    np.testing.assert_allclose(njit(parallel=True)(rows)(fortran)[0], m.sum(axis=1), rtol=1e-13)


def test_calls_nested_prange_and_the_attribute_form():
    import builtins
    a = np.arange(2000.0)
    assert njit(parallel=True)(calls)(a, 0.5) == pytest.approx(calls(a, 0.5), rel=1e-12)
    assert njit(parallel=True)(nested)(300) == nested(300) == sum(i * j for i in builtins.range(300) for j in builtins.range(i))


def divide(a, d):
    out = np.empty(a.shape[0], np.int64)
    for i in prange(a.shape[0]):
        out[i] = a[i] // d[i]
    return out


def test_an_exception_in_any_chunk_reaches_python():
    f = njit(parallel=True)(divide)
    a = np.arange(10_000)
    d = np.ones(10_000, np.int64)
    np.testing.assert_array_equal(f(a, d), a)
    for at in (0, 4_999, 9_999):      # in the caller's chunk and in a worker's
        d[at] = 0
        with pytest.raises(ZeroDivisionError):
            f(a, d)
        d[at] = 1
    np.testing.assert_array_equal(f(a, d), a)


def allocating(n):
    s = 0.0
    for i in prange(n):
        row = np.full(3, i * 1.0)
        s += row.sum()
    return s


def test_a_body_that_allocates_runs_holding_the_gil():
    assert njit(parallel=True)(allocating)(1000) == allocating(1000)


def test_thread_count_api():
    before = numjit.get_num_threads()
    assert 1 <= before <= (os.cpu_count() or 1) or os.environ.get("NUMJIT_NUM_THREADS")
    f = njit(parallel=True)(reductions)
    a = np.random.default_rng(5).random(3001)
    try:
        numjit.set_num_threads(1)
        assert numjit.get_num_threads() == 1
        one = f(a, a)
    finally:
        numjit.set_num_threads(before)
    assert one[1:] == reductions(a, a)[1:]
    with pytest.raises(ValueError, match="between 1 and"):
        numjit.set_num_threads(0)
    with pytest.raises(ValueError, match="between 1 and"):
        numjit.set_num_threads(10_000)
    with pytest.raises(TypeError):
        numjit.set_num_threads(2.0)


def test_numjit_num_threads_sets_the_pool_size():
    code = ("import sys; sys.path.insert(0, %r)\nimport numjit\nprint(numjit.get_num_threads())\n"
            "numjit.set_num_threads(3)\nprint(numjit.get_num_threads())\n"
            "try:\n    numjit.set_num_threads(4)\nexcept ValueError:\n    print('refused')\n") % PACKAGE
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, NUMJIT_NUM_THREADS="3"),
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["3", "3", "refused"]


def test_prange_from_python_is_range():
    assert list(prange(2, 8)) == list(range(2, 8))
    assert reductions(np.ones(4), np.zeros(4))[1] == 4


def carried(a):
    previous = 0.0
    for i in prange(a.shape[0]):
        a[i] = previous
        previous = a[i] + 1.0
    return a


def returns(a):
    for i in prange(a.shape[0]):
        if a[i] > 0:
            return i
    return -1


def stepped(a):
    s = 0.0
    for i in prange(0, a.shape[0], 2):
        s += a[i]
    return s


def mixed_reduction(a):
    s = 0.0
    for i in prange(a.shape[0]):
        s += a[i]
        s *= 0.5
    return s


@pytest.mark.parametrize("func, message", [
    (carried, "'previous' carries a value from one prange iteration to the next"),
    (returns, "return inside a prange loop"),
    (stepped, "prange supports a step of 1 only"),
    (mixed_reduction, "'s' carries a value"),
])
def test_loops_that_cannot_run_in_parallel_are_rejected(func, message):
    with pytest.raises(UnsupportedError, match=message) as error:
        njit(parallel=True)(func)(np.ones(8))
    assert "test_prange.py" in str(error.value)
    njit(func)(np.ones(8))          # without parallel=True it is an ordinary loop


def nogil_sum(a):
    s = 0.0
    for i in prange(a.shape[0]):
        s += np.sqrt(a[i])
    return s


def test_parallel_with_nogil_from_threads():
    from concurrency import run_threads
    f = njit(parallel=True, nogil=True)(nogil_sum)
    a = np.arange(100_000.0)
    expected = nogil_sum(a)
    results = run_threads(lambda k: f(a), 4)
    assert all(r == pytest.approx(expected, rel=1e-12) for r in results)
    assert f.overloads[f.signatures[0]].releases_gil


def array_expression(a, b, k):
    r = a * b + np.sin(a) - k * a / (b + 1.0)
    return r


def int_expression(a, b):
    r = (a * 3 + b) // 2
    return r


def test_array_expressions_run_in_parallel_with_the_serial_results():
    rng = np.random.default_rng(11)
    a, b = rng.random(100_001), rng.random(100_001)
    parallel, serial = njit(parallel=True)(array_expression), njit(array_expression)
    # Chunks run the explicit-loop vector code, the serial expression its own: an ulp apart at most.
    np.testing.assert_allclose(parallel(a, b, 2.0), serial(a, b, 2.0), rtol=4e-16 * 64, atol=1e-15)
    assert "= parallel array_expression.<prange 0>" in parallel.inspect_ir()[parallel.signatures[0]]
    np.testing.assert_allclose(parallel(a[::3], b[::3], 0.5), serial(a[::3], b[::3], 0.5), rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(parallel(a[:1], b[:1], 2.0), serial(a[:1], b[:1], 2.0), rtol=1e-14)
    np.testing.assert_array_equal(parallel(a[:0], b[:0], 2.0), serial(a[:0], b[:0], 2.0))
    # Different lengths take the serial fused loop: broadcasting, or numpy's error.
    np.testing.assert_array_equal(parallel(a, b[:1], 2.0), serial(a, b[:1], 2.0))
    with pytest.raises(ValueError, match="broadcast"):
        parallel(a[:5], b[:3], 2.0)
    i, j = np.arange(-50, 50), np.arange(100)[::-1].copy()
    np.testing.assert_array_equal(njit(parallel=True)(int_expression)(i, j), int_expression(i, j))
    m = rng.random((30, 40))
    np.testing.assert_array_equal(parallel(m, m, 1.0), serial(m, m, 1.0))      # 2-d: the serial loop
