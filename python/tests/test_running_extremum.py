"""`if x < m: m = x; i = j` compiles without a branch (minsd/maxsd and a masked integer update);
results must still be CPython's, including NaN, ties and signed zeros."""
import numpy as np
import pytest

from numjit import njit


def argmin_loop(a):
    best = 0
    best_d = np.inf
    for j in range(a.shape[0]):
        d = a[j]
        if d < best_d:
            best_d = d
            best = j
    return best, best_d


def argmax_loop(a):
    m = -np.inf
    at = -1
    hits = 0
    for j in range(a.shape[0]):
        x = a[j] * 1.0
        if x > m:
            m = x
            at = j
            hits = 7
    return m, at, hits


def min_only(a):
    m = a[0]
    for j in range(a.shape[0]):
        x = a[j]
        if x < m:
            m = x
    return m


def companions_read_later(a):
    # `prev` reads a target of the same block: must keep the branch (the value is the old one)
    m = np.inf
    prev = 0
    cur = 0
    for j in range(a.shape[0]):
        x = a[j]
        if x < m:
            m = x
            prev = cur
            cur = j
    return m, prev, cur


DATA = [
    np.array([3.0, 1.0, 2.0, 1.0, 5.0]),                  # tie: the first index wins
    np.array([np.nan, 2.0, np.nan, -1.0, -1.0]),          # NaN never compares true
    np.array([0.0, -0.0, -0.0, 0.0]),                     # signed zeros compare equal
    np.array([np.nan, np.nan]),
    np.array([-np.inf, np.inf, 4.0]),
    np.random.default_rng(3).normal(size=999),
    np.random.default_rng(4).normal(size=64).astype(np.float32),
]


@pytest.mark.parametrize("func", [argmin_loop, argmax_loop, min_only, companions_read_later])
@pytest.mark.parametrize("data", DATA, ids=range(len(DATA)))
def test_running_extremum_matches_python(func, data):
    expected = func(data)
    got = njit(func)(data)
    expected = expected if isinstance(expected, tuple) else (expected,)
    got = got if isinstance(got, tuple) else (got,)
    assert len(got) == len(expected)
    for e, g in zip(expected, got):
        if isinstance(e, (float, np.floating)) and np.isnan(e):
            assert np.isnan(g)
        else:
            assert g == e and isinstance(g, float) == isinstance(e, (float, np.floating)), (e, g)
            if isinstance(g, float):
                assert np.signbit(g) == np.signbit(e)


def test_running_minimum_has_no_branch():
    f = njit(argmin_loop)
    f(DATA[0])
    il = f.inspect_il()[f.signatures[0]]
    assert "MinScalar" in il
    g = njit(companions_read_later)
    g(DATA[0])
    assert "MinScalar" not in g.inspect_il()[g.signatures[0]]


def argmin_float32_labels(a, labels):
    # float32 extremum (32-bit compare mask) with an int32 companion
    m = a[0]
    best = labels[0]
    for j in range(a.shape[0]):
        x = a[j]
        label = labels[j]
        if x < m:
            m = x
            best = label
    return m, best


@pytest.mark.parametrize("seed", [5, 6])
def test_single_precision_with_int32_companion(seed):
    g = np.random.default_rng(seed)
    a = g.normal(size=257).astype(np.float32)
    a[3::17] = np.nan
    labels = g.integers(-2**31, 2**31 - 1, size=257).astype(np.int32)
    f = njit(argmin_float32_labels)
    assert f(a, labels) == argmin_float32_labels(a, labels)
    assert "MinScalar" in f.inspect_il()[f.signatures[0]]


def argmin_with_break(a, limit):
    best = -1
    best_d = np.inf
    for j in range(a.shape[0]):
        if a[j] > limit:
            break
        d = a[j]
        if d < best_d:
            best_d = d
            best = j
    return best, best_d


def argmin_read_in_loop(a):
    best = 0
    best_d = np.inf
    trace = 0
    for j in range(a.shape[0]):
        d = a[j]
        if d < best_d:
            best_d = d
            best = j
        trace += best          # the index is read every iteration: it must stay an integer
    return best, trace


@pytest.mark.parametrize("data", DATA[:6], ids=range(6))
def test_index_kept_in_a_vector_register(data):
    for limit in (np.inf, 1.0, -np.inf):
        assert njit(argmin_with_break)(data, limit) == argmin_with_break(data, limit)
    assert njit(argmin_read_in_loop)(data) == argmin_read_in_loop(data)
    f, g = njit(argmin_loop), njit(argmin_read_in_loop)
    f(data)
    g(data)
    assert "$shadow.best" in f.inspect_il()[f.signatures[0]]
    assert "$shadow" not in g.inspect_il()[g.signatures[0]]
