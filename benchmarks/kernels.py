"""Benchmark kernels for benchmarks/compare.py.

Every kernel is plain Python + numpy restricted to what NumJit compiles today (explicit loops,
integer indexing, math module, np.empty/zeros/ones creation), so that the SAME function object
runs under CPython, numba.njit and numjit.njit.

Each entry of KERNELS describes one benchmark:
    name        short name (used by --only)
    func        the plain Python function
    make_args   make_args(size) -> tuple of fresh arguments (called before every timed call,
                outside the timed region, so in-place kernels always start from the same state)
    result      result(args, ret) -> the value compared between runtimes
    size        full problem size; quick_size for --quick
    linear      True when run time is linear in `size` (then CPython may run at cpython_size
                and be scaled by size / cpython_size; the table says so)
    label       description shown in the table
    recursive   for self-recursive kernels, the global name the function calls itself by: each
                runtime gets a copy of the function whose global of that name is the compiled
                function (as `@njit def fib` at module level would give), see bind()
"""
import math
import types

import numpy as np


# ---------------------------------------------------------------- 1. pi (Leibniz), constant base
def pi_leibniz(n):
    s = 0.0
    for i in range(n):
        s += (-1.0) ** i / (2 * i + 1)
    return 4.0 * s


# ---------------------------------------------------------------- 9. pi, run-time base
def pi_runtime_base(n, sign):
    s = 0.0
    for i in range(n):
        s += sign ** i / (2 * i + 1)
    return 4.0 * s


# ---------------------------------------------------------------- 2. mandelbrot
def mandelbrot(out, xmin, xmax, ymin, ymax, max_iter):
    height = out.shape[0]
    width = out.shape[1]
    dx = (xmax - xmin) / width
    dy = (ymax - ymin) / height
    for row in range(height):
        ci = ymin + row * dy
        for col in range(width):
            cr = xmin + col * dx
            zr = 0.0
            zi = 0.0
            n = 0
            while n < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                n += 1
            out[row, col] = n
    return out


# ---------------------------------------------------------------- 3. n-body
def nbody(pos, vel, mass, dt, steps, softening):
    n = pos.shape[0]
    acc = np.zeros((n, 3))
    for step in range(steps):
        for i in range(n):
            acc[i, 0] = 0.0
            acc[i, 1] = 0.0
            acc[i, 2] = 0.0
        for i in range(n):
            xi = pos[i, 0]
            yi = pos[i, 1]
            zi = pos[i, 2]
            ax = 0.0
            ay = 0.0
            az = 0.0
            for j in range(n):
                if j != i:
                    dx = pos[j, 0] - xi
                    dy = pos[j, 1] - yi
                    dz = pos[j, 2] - zi
                    r2 = dx * dx + dy * dy + dz * dz + softening
                    inv_r3 = mass[j] / (r2 * math.sqrt(r2))
                    ax += dx * inv_r3
                    ay += dy * inv_r3
                    az += dz * inv_r3
            acc[i, 0] = ax
            acc[i, 1] = ay
            acc[i, 2] = az
        for i in range(n):
            for k in range(3):
                vel[i, k] += dt * acc[i, k]
                pos[i, k] += dt * vel[i, k]
    energy = 0.0
    for i in range(n):
        energy += 0.5 * mass[i] * (vel[i, 0] * vel[i, 0] + vel[i, 1] * vel[i, 1] + vel[i, 2] * vel[i, 2])
    return energy


# ---------------------------------------------------------------- 4. Jacobi 5-point stencil
def jacobi(a, out, sweeps):
    rows = a.shape[0]
    cols = a.shape[1]
    for sweep in range(sweeps):
        for i in range(1, rows - 1):
            for j in range(1, cols - 1):
                out[i, j] = 0.25 * (a[i - 1, j] + a[i + 1, j] + a[i, j - 1] + a[i, j + 1])
        a, out = out, a
    return a


# ---------------------------------------------------------------- 5. naive matmul
def matmul(a, b, c):
    n = a.shape[0]
    m = a.shape[1]
    p = b.shape[1]
    for i in range(n):
        for j in range(p):
            acc = 0.0
            for k in range(m):
                acc += a[i, k] * b[k, j]
            c[i, j] = acc
    return c


# ---------------------------------------------------------------- 6. Black-Scholes (math.erf)
def black_scholes(S, K, T, r, sigma, out):
    n = S.shape[0]
    inv_sqrt2 = 1.0 / math.sqrt(2.0)
    for i in range(n):
        s = S[i]
        k = K[i]
        t = T[i]
        sqrt_t = math.sqrt(t)
        sig_sqrt_t = sigma * sqrt_t
        d1 = (math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sig_sqrt_t
        d2 = d1 - sig_sqrt_t
        cdf1 = 0.5 * (1.0 + math.erf(d1 * inv_sqrt2))
        cdf2 = 0.5 * (1.0 + math.erf(d2 * inv_sqrt2))
        discount = math.exp(-r * t)
        call = s * cdf1 - k * discount * cdf2
        if call < 0.0:
            call = 0.0
        out[i] = call
    return out


# ---------------------------------------------------------------- 7. prime sieve
def prime_sieve(n):
    flags = np.ones(n, np.uint8)
    flags[0] = 0
    if n > 1:
        flags[1] = 0
    i = 2
    while i * i < n:
        if flags[i]:
            for j in range(i * i, n, i):
                flags[j] = 0
        i += 1
    count = 0
    for k in range(n):
        count += flags[k]
    return count


# ---------------------------------------------------------------- 8. recursive fib
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


# ---------------------------------------------------------------- input builders
def _mandel_args(size):
    width, height = size
    return (np.zeros((height, width), np.int64), -2.0, 1.0, -1.2, 1.2, 200)


def _nbody_args(n):
    rng = np.random.default_rng(42)
    pos = rng.standard_normal((n, 3))
    vel = rng.standard_normal((n, 3)) * 0.1
    mass = rng.uniform(0.5, 1.5, n)
    return (pos, vel, mass, 1e-3, 5, 1e-2)


def _jacobi_args(size):
    n, sweeps = size
    rng = np.random.default_rng(1)
    a = rng.random((n, n))
    return (a, a.copy(), sweeps)


def _matmul_args(n):
    rng = np.random.default_rng(2)
    return (rng.random((n, n)), rng.random((n, n)), np.zeros((n, n)))


def _bs_args(n):
    rng = np.random.default_rng(3)
    S = rng.uniform(50.0, 150.0, n)
    K = rng.uniform(50.0, 150.0, n)
    T = rng.uniform(0.1, 2.0, n)
    return (S, K, T, 0.03, 0.25, np.empty(n))


def _ret(args, ret):
    return ret


KERNELS = [
    dict(name="pi", func=pi_leibniz, make_args=lambda n: (n,), result=_ret,
         size=10_000_000, quick_size=1_000_000, cpython_size=1_000_000, linear=True,
         label="pi Leibniz `(-1.0) ** i` (constant base), n=%s"),
    dict(name="pi_runtime_base", func=pi_runtime_base, make_args=lambda n: (n, -1.0), result=_ret,
         size=10_000_000, quick_size=1_000_000, cpython_size=1_000_000, linear=True,
         label="pi Leibniz `sign ** i`, sign=-1.0 passed at run time (general pow), n=%s"),
    dict(name="mandelbrot", func=mandelbrot, make_args=_mandel_args, result=_ret,
         size=(320, 240), quick_size=(80, 60), linear=False,
         label="mandelbrot %sx%s, max_iter=200"),
    dict(name="nbody", func=nbody, make_args=_nbody_args, result=lambda args, ret: (ret, args[0], args[1]),
         size=256, quick_size=48, linear=False,
         label="n-body O(n^2), n=%s, 5 steps"),
    dict(name="jacobi", func=jacobi, make_args=_jacobi_args, result=_ret,
         size=(512, 40), quick_size=(64, 4), cpython_size=(512, 4), linear=True,
         label="Jacobi 5-point %s^2, %s sweeps"),
    dict(name="matmul", func=matmul, make_args=_matmul_args, result=_ret,
         size=160, quick_size=40, linear=False,
         label="naive matmul %s^3"),
    dict(name="black_scholes", func=black_scholes, make_args=_bs_args, result=_ret,
         size=1_000_000, quick_size=20_000, cpython_size=100_000, linear=True,
         label="Black-Scholes (math.erf), n=%s"),
    dict(name="sieve", func=prime_sieve, make_args=lambda n: (n,), result=_ret,
         size=5_000_000, quick_size=200_000, linear=False,
         label="prime sieve (uint8 array), N=%s"),
    dict(name="fib", func=fib, make_args=lambda n: (n,), result=_ret,
         size=30, quick_size=22, linear=False, recursive="fib",
         label="recursive fib(%s)"),
]


def bind(kernel, decorator):
    """The kernel's function compiled by `decorator` (None: plain CPython)."""
    func = kernel["func"]
    name = kernel.get("recursive")
    if decorator is None:
        return func
    if not name:
        return decorator(func)
    # A copy of the function with its own globals, in which `name` is the compiled copy.
    namespace = dict(func.__globals__)
    copy = types.FunctionType(func.__code__, namespace, func.__name__, func.__defaults__, func.__closure__)
    copy.__qualname__ = func.__qualname__
    compiled = decorator(copy)
    namespace[name] = compiled
    return compiled


# Used by compare.py's first-call latency check to bring the compiler up before timing.
def warmup_add(x, y):
    return x + y


# Used by compare.py's "hot" first-call latency: a scalar Black-Scholes (different source, same
# math functions) compiled before black_scholes, so the compiler's own code paths are JIT-compiled.
def bs_call(s, k, t, r, sigma):
    if t <= 0.0:
        if s > k:
            return s - k
        return 0.0
    inv_sqrt2 = 1.0 / math.sqrt(2.0)
    sqrt_t = math.sqrt(t)
    sig_sqrt_t = sigma * sqrt_t
    d1 = (math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sig_sqrt_t
    d2 = d1 - sig_sqrt_t
    cdf1 = 0.5 * (1.0 + math.erf(d1 * inv_sqrt2))
    cdf2 = 0.5 * (1.0 + math.erf(d2 * inv_sqrt2))
    discount = math.exp(-r * t)
    call = s * cdf1 - k * discount * cdf2
    if call < 0.0:
        call = 0.0
    return call


def scale_factor(kernel, size, cpython_size):
    """How many times bigger `size` is than `cpython_size` for a linear kernel."""
    if isinstance(size, tuple):
        # (n, sweeps) for jacobi: linear in the last component only, the others must match.
        if size[:-1] != cpython_size[:-1]:
            raise ValueError("only the last size component may differ for scaling")
        return size[-1] / cpython_size[-1]
    return size / cpython_size


def describe(kernel, size):
    label = kernel["label"]
    return label % (size if isinstance(size, tuple) else (format(size, "_"),))
