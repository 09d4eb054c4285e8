"""Hyperbolic functions and their inverses, and the cube root.

Part of NumJit's float64 math library (see exponential.py). The files form one namespace, as
NumJit's loader builds it: a function may call any function of any file by its plain name.
"""
import math


# ---------------------------------------------------------------- hyperbolic

def _half_exp(a):
    """e**a / 2 for a >= 0, finite up to e**a / 2's own overflow (a = 710.47...)."""
    if a < 709.782712893384:
        return 0.5 * exp(a)
    w = exp(0.5 * a)
    return (0.5 * w) * w


def sinh(x):
    """Hyperbolic sine from expm1 (no cancellation near 0); e**(|x|/2) twice near overflow."""
    if x != x or math.isinf(x):
        return x
    a = math.fabs(x)
    if a < 3.725290298461914e-09:
        return x
    if a < 22.0:
        t = expm1(a)
        if a < 1.0:
            h = 0.5 * (2.0 * t - t * t / (t + 1.0))
        else:
            h = 0.5 * (t + t / (t + 1.0))
    else:
        h = _half_exp(a)
    return math.copysign(h, x)


def cosh(x):
    """Hyperbolic cosine from expm1 near 0 and exp elsewhere."""
    if x != x:
        return x
    a = math.fabs(x)
    if math.isinf(a):
        return a
    if a < 0.34657359027997264:
        t = expm1(a)
        w = 1.0 + t
        return 1.0 + (t * t) / (w + w)
    if a < 22.0:
        t = exp(a)
        return 0.5 * t + 0.5 / t
    return _half_exp(a)


def tanh(x):
    """Hyperbolic tangent from expm1(+-2|x|); +-1 beyond 22."""
    if x != x:
        return x
    a = math.fabs(x)
    if a < 5.551115123125783e-17:
        return x
    if a >= 22.0:
        return math.copysign(1.0, x)
    if a >= 1.0:
        t = expm1(a + a)
        z = 1.0 - 2.0 / (t + 2.0)
    else:
        t = expm1(-(a + a))
        z = -t / (t + 2.0)
    return math.copysign(z, x)


def asinh(x):
    """Inverse hyperbolic sine through log1p near 0 and log far out."""
    if x != x or math.isinf(x):
        return x
    a = math.fabs(x)
    if a < 3.725290298461914e-09:
        return x
    if a > 268435456.0:
        r = log(a) + 0.6931471805599453
    elif a > 2.0:
        r = log(2.0 * a + 1.0 / (math.sqrt(a * a + 1.0) + a))
    else:
        t = a * a
        r = log1p(a + t / (1.0 + math.sqrt(1.0 + t)))
    return math.copysign(r, x)


def acosh(x):
    """Inverse hyperbolic cosine; NaN below 1."""
    if x != x:
        return x
    if x < 1.0:
        return math.nan
    if math.isinf(x):
        return x
    if x > 268435456.0:
        return log(x) + 0.6931471805599453
    if x > 2.0:
        return log(2.0 * x - 1.0 / (x + math.sqrt(x * x - 1.0)))
    t = x - 1.0
    return log1p(t + math.sqrt(2.0 * t + t * t))


def atanh(x):
    """Inverse hyperbolic tangent: log1p(2|x| / (1 - |x|)) / 2; +-inf at +-1, NaN beyond."""
    if x != x:
        return x
    a = math.fabs(x)
    if a > 1.0:
        return math.nan
    if a == 1.0:
        return math.copysign(math.inf, x)
    if a < 3.725290298461914e-09:
        return x
    if a < 0.5:
        t = a + a
        r = 0.5 * log1p(t + t * a / (1.0 - a))
    else:
        r = 0.5 * log1p((a + a) / (1.0 - a))
    return math.copysign(r, x)


def cbrt(x):
    """Cube root: m 2**e with e a multiple of 3, Newton's iteration on m, one final correction."""
    if x != x or math.isinf(x) or x == 0.0:
        return x
    m, e = math.frexp(math.fabs(x))
    r = e - 3 * (e // 3)
    m = math.ldexp(m, r)              # in [0.5, 4)
    y = 0.6 + m * (0.4 - 0.03 * m)    # within 15% of m's cube root
    for i in range(5):
        y = y - (y * y * y - m) / (3.0 * y * y)
    y = y - (y - m / (y * y)) / 3.0
    return math.copysign(math.ldexp(y, (e - r) // 3), x)
