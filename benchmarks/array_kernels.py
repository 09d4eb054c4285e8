"""NumPy-inside-kernels benchmarks for benchmarks/arrays.py (issue 3).

Each kernel is plain Python + numpy that runs unchanged under CPython (where it *is* the numpy
version when it is written with whole-array operations), numba.njit and numjit.njit. Kernels
written with explicit element loops have a separate vectorized numpy equivalent (`numpy`
entry), which is both the reference result and the "numpy" column of the table.

Each entry of KERNELS:
    name        short name (used by --only)
    label       description shown in the table (gets the size appended)
    func        the kernel given to numba.njit / numjit.njit (None for a numpy-only row)
    numpy       the numpy function timed in the numpy column and used as the reference
                (None: no numpy column; then `reference` must be given)
    reference   optional: a function whose result is the reference instead of `numpy`
    options     jit options (e.g. {"fastmath": True}), the same for numba and numjit
    vectorize   True: `func` is a scalar function turned into a ufunc by numba.vectorize /
                numjit.vectorize with SIGNATURES
    make_args   make_args(size) -> tuple of arguments (not modified by any kernel)
    size        full size; quick_size for --quick
    expr        True for whole-array expressions (target: faster than numpy on the same code)
"""
import math

import numpy as np

SIGNATURE_F8F8 = ["float64(float64, float64)"]


# ---------------------------------------------------------------- 1. array expression
def expr(a, b, c):
    return a * b + np.sin(c) - 2.0 * a / (b + 1.0)


# ---------------------------------------------------------------- 2. axpy-like, where
def axpy(a, b):
    return 2.5 * a + b


def where_expr(a, b):
    return np.where(a > 0.5, a, -b)


# ---------------------------------------------------------------- 3. Black-Scholes, array expressions
# Normal CDF: Abramowitz & Stegun 26.2.17 (Zelen & Severo polynomial, |error| < 7.5e-8),
#   N(x) = 1 - phi(|x|) * t * (b1 + t * (b2 + t * (b3 + t * (b4 + t * b5)))),  t = 1 / (1 + p |x|)
# for x >= 0 and 1 - N(|x|) for x < 0 (via np.where). Every runtime evaluates the same
# formula, so results agree to rounding; np.tanh / math.erf are not needed.
def black_scholes_arrays(S, K, T, r, sigma):
    sqrt_t = np.sqrt(T)
    sig_sqrt_t = sigma * sqrt_t
    d1 = (np.log(S / K) + (r + 0.5 * sigma * sigma) * T) / sig_sqrt_t
    d2 = d1 - sig_sqrt_t
    t1 = 1.0 / (1.0 + 0.2316419 * np.abs(d1))
    p1 = 0.3989422804014327 * np.exp(-0.5 * d1 * d1) * t1 * (
        0.319381530 + t1 * (-0.356563782 + t1 * (1.781477937 + t1 * (-1.821255978 + t1 * 1.330274429))))
    n1 = np.where(d1 > 0.0, 1.0 - p1, p1)
    t2 = 1.0 / (1.0 + 0.2316419 * np.abs(d2))
    p2 = 0.3989422804014327 * np.exp(-0.5 * d2 * d2) * t2 * (
        0.319381530 + t2 * (-0.356563782 + t2 * (1.781477937 + t2 * (-1.821255978 + t2 * 1.330274429))))
    n2 = np.where(d2 > 0.0, 1.0 - p2, p2)
    return S * n1 - K * np.exp(-r * T) * n2


# ---------------------------------------------------------------- 4. reduction
def loop_sum(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s


def method_sum(a):
    return a.sum()


def slice_copy(dst, a):
    dst[:] = a
    return dst


def numpy_copyto(dst, a):
    np.copyto(dst, a)
    return dst


# ---------------------------------------------------------------- 5. pairwise distances
def pairwise_loops(X):
    n = X.shape[0]
    d = X.shape[1]
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            s = 0.0
            for k in range(d):
                t = X[i, k] - X[j, k]
                s += t * t
            out[i, j] = np.sqrt(s)
    return out


def pairwise_broadcast(X):
    return np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))


# ---------------------------------------------------------------- 6. histogram
def hist_loop(a, nbins, lo, hi):
    # Uniform bins with numpy's edge correction, so counts equal np.histogram's exactly.
    counts = np.zeros(nbins, np.int64)
    edges = np.linspace(lo, hi, nbins + 1)
    norm = nbins / (hi - lo)
    for i in range(a.shape[0]):
        x = a[i]
        if x < lo or x > hi:
            continue
        k = int((x - lo) * norm)
        if k == nbins:
            k -= 1
        if x < edges[k]:
            k -= 1
        elif k + 1 < nbins and x >= edges[k + 1]:
            k += 1
        counts[k] += 1
    return counts


def hist_numpy(a, nbins, lo, hi):
    counts, edges = np.histogram(a, nbins)
    return counts


def hist_numpy_ref(a, nbins, lo, hi):
    return np.histogram(a, nbins, (lo, hi))[0]


# ---------------------------------------------------------------- 7. k-means assignment
def kmeans_assign(points, centroids):
    n = points.shape[0]
    k = centroids.shape[0]
    labels = np.empty(n, np.int64)
    for i in range(n):
        px = points[i, 0]
        py = points[i, 1]
        best = 0
        best_d = np.inf
        for j in range(k):
            dx = px - centroids[j, 0]
            dy = py - centroids[j, 1]
            dist = dx * dx + dy * dy
            if dist < best_d:
                best_d = dist
                best = j
        labels[i] = best
    return labels


def kmeans_assign_numpy(points, centroids):
    d = ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return d.argmin(axis=1)


# ---------------------------------------------------------------- 8. @vectorize ufunc
def rel_diff(x, y):
    return 2.0 * (x - y) / (x + y)


def rel_diff_numpy(x, y):
    return 2.0 * (x - y) / (x + y)


# ---------------------------------------------------------------- arguments
def _rng():
    return np.random.default_rng(12345)


def _expr_args(n):
    g = _rng()
    return g.random(n), g.random(n), g.random(n)


def _two(n):
    g = _rng()
    return g.random(n), g.random(n)


def _bs_args(n):
    g = _rng()
    S = g.uniform(50.0, 150.0, n)
    K = g.uniform(50.0, 150.0, n)
    T = g.uniform(0.1, 2.0, n)
    return S, K, T, 0.03, 0.25


def _sum_args(n):
    return (_rng().random(n),)


def _copy_args(n):
    return np.empty(n), _rng().random(n)


def _pairwise_args(n):
    return (_rng().random((n, 3)),)


def _hist_args(n):
    a = _rng().random(n)
    a[0], a[-1] = 0.0, 1.0   # so np.histogram(a, bins)'s range (a.min(), a.max()) is exactly (0, 1)
    return a, 100, 0.0, 1.0


def _kmeans_args(n):
    g = _rng()
    return g.random((n, 2)), g.random((16, 2))


def _rel_args(n):
    g = _rng()
    return g.uniform(1.0, 2.0, n), g.uniform(1.0, 2.0, n)


SUM_N = 16_000_000       # 128 MB of float64: well past the 35.8 MB L3, so memory-bound
SUM_QUICK = 2_000_000

KERNELS = [
    dict(name="expr", label="`a * b + np.sin(c) - 2.0 * a / (b + 1.0)`", func=expr, numpy=expr,
         make_args=_expr_args, size=1_000_000, quick_size=100_000, expr=True),
    dict(name="axpy", label="axpy-like `2.5 * a + b`", func=axpy, numpy=axpy,
         make_args=_two, size=4_000_000, quick_size=200_000, expr=True),
    dict(name="where", label="`np.where(a > 0.5, a, -b)`", func=where_expr, numpy=where_expr,
         make_args=_two, size=4_000_000, quick_size=200_000, expr=True),
    dict(name="bs", label="Black-Scholes as array expressions (A&S 26.2.17 polynomial CDF)",
         func=black_scholes_arrays, numpy=black_scholes_arrays,
         make_args=_bs_args, size=1_000_000, quick_size=100_000, expr=True),
    dict(name="sum_loop", label="explicit loop `s += a[i]`", func=loop_sum, numpy=method_sum,
         make_args=_sum_args, size=SUM_N, quick_size=SUM_QUICK),
    dict(name="sum_fastmath", label="explicit loop `s += a[i]`, fastmath=True", func=loop_sum, numpy=method_sum,
         options={"fastmath": True}, make_args=_sum_args, size=SUM_N, quick_size=SUM_QUICK),
    dict(name="sum_method", label="`a.sum()`", func=method_sum, numpy=method_sum,
         make_args=_sum_args, size=SUM_N, quick_size=SUM_QUICK),
    dict(name="copy", label="copy: numpy `np.copyto(dst, a)`; jits `dst[:] = a`", func=slice_copy,
         numpy=numpy_copyto, make_args=_copy_args, size=SUM_N, quick_size=SUM_QUICK),
    dict(name="pairwise_loops", label="pairwise distances, explicit loops (numpy: broadcasting)",
         func=pairwise_loops, numpy=pairwise_broadcast, make_args=_pairwise_args, size=1000, quick_size=200),
    dict(name="pairwise_broadcast",
         label="pairwise distances, `np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))`",
         func=pairwise_broadcast, numpy=pairwise_broadcast, make_args=_pairwise_args, size=1000, quick_size=200,
         expr=True),
    dict(name="hist_loop", label="histogram 100 bins, explicit loop (numpy: np.histogram)", func=hist_loop,
         numpy=hist_numpy, reference=hist_numpy_ref, make_args=_hist_args, size=2_000_000, quick_size=100_000),
    dict(name="hist_numpy", label="histogram 100 bins, `np.histogram(a, bins)` inside the kernel",
         func=hist_numpy, numpy=hist_numpy, reference=hist_numpy_ref, make_args=_hist_args,
         size=2_000_000, quick_size=100_000),
    dict(name="kmeans", label="k-means assignment, k=16, 2-D, explicit loops (numpy: broadcasting + argmin)",
         func=kmeans_assign, numpy=kmeans_assign_numpy, make_args=_kmeans_args, size=100_000, quick_size=10_000),
    dict(name="vectorize", label="@vectorize `rel_diff(x, y) = 2*(x-y)/(x+y)` (numpy: same expression)",
         func=rel_diff, numpy=rel_diff_numpy, vectorize=True, make_args=_rel_args,
         size=1_000_000, quick_size=100_000, expr=True),
]


def describe(kernel, size):
    if kernel["name"] in ("pairwise_loops", "pairwise_broadcast"):
        what = "n=%d x 3" % size
    elif kernel["name"] == "kmeans":
        what = "n=%s points" % format(size, "_")
    else:
        what = "n=%s" % format(size, "_")
    return "%s, %s" % (kernel["label"], what)
