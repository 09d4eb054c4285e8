"""float64 math for GPU targets without instructions for it (PTX has none for float64 sin, exp,
log and the rest): this file (exponentials, logarithms, powers), trigonometric.py,
hyperbolic.py and special.py. The CUDA backend compiles these functions as device functions
and calls them where a kernel calls math.sin & co. on float64 (float32 goes through float64).

The files form one namespace, as NumJit's loader builds it: a function may call any function
of any file by its plain name. The source is restricted so that NumJit compiles it for a GPU:
float arithmetic, loops, calls without recursion (which may return tuples of numbers),
math.floor/fabs/copysign/sqrt/ldexp/frexp/isnan/isinf, and no tables, exceptions or `**`. Coefficients are Taylor coefficients
written out in Horner form. Domain errors give NaN and overflows give inf, as CUDA's and
OpenCL's libraries do, rather than raising as CPython does.

The same files run under CPython: the tests compare them against CPython's math (ulp error)
and against their own compiled versions on the CPU and the GPU simulator (bit for bit).
"""
import math

# ---------------------------------------------------------------- helpers

def _floor(x):
    """floor(x) as a float; math.floor gives an int64, which cannot hold every float."""
    if math.fabs(x) >= 4503599627370496.0:
        return x
    return float(math.floor(x))


def _scale(v, k):
    """v * 2**k for an integer-valued k; an overflow gives inf, as a multiplication does."""
    if k > 1000.0:
        return math.ldexp(v, int(k) - 1000) * 1.0715086071862673e+301
    return math.ldexp(v, int(k))


def _expm1_taylor(r):
    """e**r - 1 for |r| <= ln(2)/2, to degree 14 (the next term is below 2**-62 of the result)."""
    return r + r * r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * (
        0.008333333333333333 + r * (0.001388888888888889 + r * (0.0001984126984126984 + r * (
            2.48015873015873e-05 + r * (2.7557319223985893e-06 + r * (2.755731922398589e-07 + r * (
                2.505210838544172e-08 + r * (2.08767569878681e-09 + r * (1.6059043836821613e-10 + r * (
                    1.1470745597729725e-11)))))))))))))


def _log1p_reduced(f):
    """log(1 + f) for f in [sqrt(1/2) - 1, sqrt(2) - 1]: 2 atanh(s) with s = f / (2 + f).

    Written as f - s (f - T) (2s = f - s f), so the exact f carries the result and only a
    correction of about f*f/2 is rounded."""
    s = f / (2.0 + f)
    z = s * s
    t = z * (0.6666666666666666 + z * (0.4 + z * (0.2857142857142857 + z * (0.2222222222222222 + z * (
        0.18181818181818182 + z * (0.15384615384615385 + z * (0.13333333333333333 + z * (
            0.11764705882352941 + z * (0.10526315789473684 + z * (0.09523809523809523 + z * (
                0.08695652173913043)))))))))))
    return f - s * (f - t)


def _log_parts(x):
    """log(x) = e ln 2 + log(m) with m in [sqrt(1/2), sqrt(2)): (e, log(m))."""
    m, e = math.frexp(x)
    if m < 0.7071067811865476:
        m = m + m
        e = e - 1
    return float(e), _log1p_reduced(m - 1.0)


def _mul_err(a, b, p):
    """a*b - p exactly, where p = a*b rounded (Dekker's product: halves of 26 bits, no fma)."""
    c = 134217729.0 * a
    ah = c - (c - a)
    al = a - ah
    c = 134217729.0 * b
    bh = c - (c - b)
    bl = b - bh
    return ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _log_dd(x):
    """log(x) for finite x > 0 in double-double, about 2**-62 relative: (high part, low part).
    For products that reach exp's range (x**y, Stirling's series), where one rounding of log x
    alone would cost ~100 ulp."""
    # log x = e ln2 + log m, m in [sqrt(1/2), sqrt(2)); log m = 2s + (2/3) s**3 + s**5 R(s*s),
    # s = f / (2 + f). s and s**3 (up to 0.005, times x - 1/2 up to 171) are carried in
    # double-double, and e times ln2's first part is exact.
    m, e = math.frexp(x)
    if m < 0.7071067811865476:
        m = m + m
        e = e - 1
    f = m - 1.0
    u = 2.0 + f
    s = f / u
    p = s * u
    s_lo = ((f - p) - _mul_err(s, u, p) - s * (f - (u - 2.0))) / u
    z = s * s
    z_lo = _mul_err(s, s, z) + 2.0 * s * s_lo
    w = s * z
    w_lo = _mul_err(s, z, w) + (s * z_lo + s_lo * z)
    cube = w * 0.6666666666666666
    cube_lo = _mul_err(w, 0.6666666666666666, cube) + (w * 3.700743415417188e-17
                                                     + w_lo * 0.6666666666666666)
    rest = w * z * (0.4 + z * (0.2857142857142857 + z * (0.2222222222222222 + z * (
        0.18181818181818182 + z * (0.15384615384615385 + z * (0.13333333333333333 + z * (
        0.11764705882352941 + z * (0.10526315789473684 + z * (0.09523809523809523 + z * (
        0.08695652173913043))))))))))
    ek = float(e)
    l0 = ek * 0.6931471805598903 + 2.0 * s
    l_lo = (ek * 0.6931471805598903 - l0) + 2.0 * s
    l_hi = l0 + cube
    l_lo = ((l0 - l_hi) + cube) + l_lo
    l_lo = l_lo + (ek * 5.497923018708371e-14 + (2.0 * s_lo + (cube_lo + rest)))
    return l_hi, l_lo


# ---------------------------------------------------------------- exponentials and logarithms

def exp(x):
    """e**x: x = k ln 2 + r with |r| <= ln(2)/2 (ln 2 in two parts), then 2**k (1 + expm1(r))."""
    if x != x:
        return x
    if x > 709.782712893384:
        return math.inf
    if x < -745.1332191019412:
        return 0.0
    k = _floor(x * 1.4426950408889634 + 0.5)
    r = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10
    return _scale(1.0 + _expm1_taylor(r), k)


def expm1(x):
    """e**x - 1, without the cancellation near 0: 2**k expm1(r) + (2**k - 1)."""
    if x != x:
        return x
    if x == 0.0:
        return x                       # keeps the sign of -0.0
    if x > 709.782712893384:
        return math.inf
    if x < -38.0:
        return -1.0
    if math.fabs(x) <= 0.34657359027997264:
        return _expm1_taylor(x)
    k = _floor(x * 1.4426950408889634 + 0.5)
    r = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10
    p = _expm1_taylor(r)
    if k > 56.0:
        return _scale(1.0 + p, k)
    t = math.ldexp(1.0, int(k))
    return t * p + (t - 1.0)


def exp2(x):
    """2**x: 2**k times e**(f ln 2) with f = x - k exact and |f| <= 1/2."""
    if x != x:
        return x
    if x >= 1024.0:
        return math.inf
    if x < -1080.0:
        return 0.0
    k = _floor(x + 0.5)
    f = x - k
    return _scale(1.0 + _expm1_taylor(f * 0.6931471805599453 + f * 2.3190468138462996e-17), k)


def _log_edge(x):
    """Any logarithm of what is not finite and positive: nan stays, -inf at 0, nan below, inf at inf."""
    if x != x or x > 0.0:
        return x
    if x == 0.0:
        return -math.inf
    return math.nan


def log(x):
    """Natural logarithm: e ln 2 + log(m), ln 2 in two parts so that e times the first is exact."""
    if not (x > 0.0 and x < math.inf):
        return _log_edge(x)
    e, log_m = _log_parts(x)
    return e * 0.6931471803691238 + (log_m + e * 1.9082149292705877e-10)


def log2(x):
    """Base-2 logarithm; exact at powers of two."""
    if not (x > 0.0 and x < math.inf):
        return _log_edge(x)
    e, log_m = _log_parts(x)
    return e + log_m * 1.4426950408889634


def log10(x):
    """Base-10 logarithm: e log10(2) (in two parts) + log(m) / ln 10; exact at powers of ten."""
    if not (x > 0.0 and x < math.inf):
        return _log_edge(x)
    e, log_m = _log_parts(x)
    return e * 0.3010299955494702 + (e * 1.1451100898021838e-10 + log_m * 0.4342944819032518)


def log1p(x):
    """log(1 + x): the logarithm of u = 1 + x plus (1 + x - u) / u, the rounding u lost."""
    if x != x:
        return x
    if x < -1.0:
        return math.nan
    if x == -1.0:
        return -math.inf
    if math.isinf(x):
        return x
    u = 1.0 + x
    if u == 1.0:
        return x
    e, log_m = _log_parts(u)
    c = 0.0
    if e < 54.0:
        if e > 0.0:
            c = 1.0 - (u - x)
        else:
            c = x - (u - 1.0)
        c = c / u
    return e * 0.6931471803691238 + (log_m + (c + e * 1.9082149292705877e-10))


def log_base(x, base):
    """math.log(x, base); base 1 gives +-inf (nan for x = 1) where CPython raises."""
    denominator = log(base)
    numerator = log(x)
    if denominator == 0.0:
        if numerator == 0.0 or numerator != numerator:
            return math.nan
        return math.copysign(math.inf, numerator)
    return numerator / denominator


def power(x, y):
    """x ** y for floats: exp(y log |x|) with log |x| and the product in double-double, so the
    error stays within a few ulp even where y log |x| is near the overflow bound. A negative x
    needs an integer y (else NaN); 0 to a negative power is inf (numpy's and CUDA's answer)."""
    if y == 0.0 or x == 1.0:
        return 1.0
    if x != x or y != y:
        return x + y
    y_integer = _floor(y) == y
    y_odd = False
    if y_integer and math.fabs(y) < 9007199254740992.0:
        y_odd = _floor(0.5 * y) != 0.5 * y
    if x < 0.0 and not y_integer and not math.isinf(y):
        return math.nan
    a = math.fabs(x)
    sign = 1.0
    if _is_negative(x) and y_odd:
        sign = -1.0
    if a == 0.0:
        if y < 0.0:
            return sign * math.inf
        return sign * 0.0
    if math.isinf(y):
        if a == 1.0:
            return 1.0
        if (a > 1.0) == (y > 0.0):
            return math.inf
        return 0.0
    if math.isinf(a):
        if y < 0.0:
            return sign * 0.0
        return sign * math.inf
    # |y| >= 2**63 with |x| != 1 puts |y log |x|| beyond 745: the result over- or underflows.
    if math.fabs(y) >= 9.223372036854776e18:
        if (a > 1.0) == (y > 0.0):
            return math.inf
        return 0.0
    return sign * _exp_of_product(y, a)


def _exp_of_product(y, a):
    """e**(y log a) for a > 0, finite, and |y| < 2**63, carrying y log a in double-double."""
    l_hi, l_lo = _log_dd(a)
    # y L in double-double.
    w_hi = y * l_hi
    w_lo = _mul_err(y, l_hi, w_hi) + y * l_lo
    if w_hi > 709.782712893384:
        return math.inf
    if w_hi < -745.1332191019412:
        return 0.0
    k = _floor(w_hi * 1.4426950408889634 + 0.5)
    r = (w_hi - k * 0.6931471803691238) + (w_lo - k * 1.9082149292705877e-10)
    return _scale(1.0 + _expm1_taylor(r), k)
