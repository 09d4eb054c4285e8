"""nogil=True: the entry releases the GIL around compiled code that needs none, so Python
threads run while it computes; code that creates arrays keeps the GIL and says so."""
import threading
import warnings

import numpy as np
import pytest

from concurrency import run_threads
from numjit import NumJitWarning, njit


def heavy(a, rounds):
    s = 0.0
    for r in range(rounds):
        for i in range(a.shape[0]):
            s += np.sqrt(a[i] * r + 1.0)
    return s


def divide(a, d):
    return a[0] // d


def allocates(n):
    return np.arange(n).sum()


A = np.random.default_rng(7).random(50_000)


def test_eight_threads_match_the_serial_result():
    f = njit(nogil=True)(heavy)
    expected = f(A, 3)
    assert f.overloads[f.signatures[0]].releases_gil
    results = run_threads(lambda k: [f(A, 3) for _ in range(5)], 8)
    assert all(r == [expected] * 5 for r in results)
    assert expected == heavy(A, 3) or abs(expected - heavy(A, 3)) <= 1e-9 * abs(expected)


def test_python_threads_run_during_a_nogil_call():
    f = njit(nogil=True)(heavy)
    f(A, 1)
    counter = [0]
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            counter[0] += 1
    t = threading.Thread(target=spin)
    t.start()
    try:
        before = counter[0]
        f(A, 2000)             # ~0.2 s with the GIL released
        during = counter[0] - before
    finally:
        stop.set()
        t.join()
    # Holding the GIL, the spinner could run only in the switch interval before the call (5 ms,
    # ~15_000 increments here); released, it runs throughout (~600_000).
    assert during > 60_000


def test_exceptions_cross_back_with_the_gil():
    f = njit(nogil=True)(divide)
    assert f(np.array([7]), 2) == 3
    assert f.overloads[f.signatures[0]].releases_gil
    for _ in range(3):
        with pytest.raises(ZeroDivisionError):
            f(np.array([7]), 0)
    assert f(np.array([9]), 4) == 2


def test_functions_that_allocate_keep_the_gil_with_a_warning():
    f = njit(nogil=True)(allocates)
    with pytest.warns(NumJitWarning, match="keeps the GIL"):
        assert f(10) == 45
    assert not f.overloads[f.signatures[0]].releases_gil
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = njit(allocates)            # no nogil: no warning
        assert g(10) == 45
