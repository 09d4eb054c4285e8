"""NumJit demo: real kernels, compiled on first call, timed against CPython (and numba if present).

Run with ./demo from the repository root (it builds the .NET host when needed)."""
import math
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import numpy as np  # noqa: E402

import numjit  # noqa: E402


def pi(n):
    s = 0.0
    for i in range(n):
        s += (-1.0) ** i / (2 * i + 1)
    return 4.0 * s


def mandelbrot(width, height, max_iter):
    out = np.zeros((height, width), dtype=np.int32)
    for y in range(height):
        ci = -1.5 + 3.0 * y / height
        for x in range(width):
            cr = -2.0 + 3.0 * x / width
            zr = 0.0
            zi = 0.0
            n = 0
            while n < max_iter and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                n += 1
            out[y, x] = n
    return out


def black_scholes(S, K, T, r, sigma):
    call = np.empty(S.shape[0])
    for i in range(S.shape[0]):
        d1 = (math.log(S[i] / K[i]) + (r + 0.5 * sigma * sigma) * T[i]) / (sigma * math.sqrt(T[i]))
        d2 = d1 - sigma * math.sqrt(T[i])
        cdf1 = 0.5 * (1.0 + math.erf(d1 / math.sqrt(2.0)))
        cdf2 = 0.5 * (1.0 + math.erf(d2 / math.sqrt(2.0)))
        call[i] = S[i] * cdf1 - K[i] * math.exp(-r * T[i]) * cdf2
    return call


def primes_below(n):
    sieve = np.ones(n, dtype=np.bool_)
    sieve[0] = False
    sieve[1] = False
    count = 0
    for i in range(2, n):
        if sieve[i]:
            count += 1
            for j in range(i * i, n, i):
                sieve[j] = False
    return count


def best_time(func, args, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    rng = np.random.default_rng(0)
    n = 200_000
    options = (rng.uniform(50, 150, n), rng.uniform(50, 150, n), rng.uniform(0.1, 2.0, n), 0.02, 0.3)
    kernels = [
        ("pi (Leibniz, 10M terms)", pi, (10_000_000,), (1_000_000,), 10.0),
        ("mandelbrot 400x300", mandelbrot, (400, 300, 100), (400, 300, 100), 1.0),
        ("black-scholes 200k", black_scholes, options, options, 1.0),
        ("prime sieve 2M", primes_below, (2_000_000,), (2_000_000,), 1.0),
    ]
    try:
        import numba
    except ImportError:
        numba = None
    print("NumJit %s demo: compile on first call, then native code\n" % numjit.__version__)
    header = "%-26s %12s %12s %10s" % ("kernel", "CPython", "NumJit", "speed-up")
    if numba:
        header += " %12s" % "numba"
    print(header)
    print("-" * len(header))
    for name, func, args, python_args, scale in kernels:
        compiled = numjit.njit(func)
        start = time.perf_counter()
        compiled(*python_args)
        first = time.perf_counter() - start
        t_jit, got = best_time(compiled, args)
        t_py, _ = best_time(func, python_args, repeat=1)
        t_py *= scale               # the pi loop is linear: CPython runs a tenth of it
        expected = func(*args) if scale == 1.0 else None
        if expected is not None:
            assert np.allclose(got, expected), name
        line = "%-26s %10.1f ms %10.2f ms %9.0fx" % (name, t_py * 1e3, t_jit * 1e3, t_py / t_jit)
        if numba:
            fast = numba.njit(func)
            fast(*python_args)
            t_nb, _ = best_time(fast, args)
            line += " %10.2f ms" % (t_nb * 1e3)
        print(line + "   (first call %.0f ms)" % (first * 1e3))
    print("\nCPython time for pi is measured on 1M terms and scaled x10 (the loop is linear).")


if __name__ == "__main__":
    main()
