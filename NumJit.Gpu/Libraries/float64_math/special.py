"""Special functions: erf, erfc, lgamma, gamma (CPython's math semantics,
except that domain errors give NaN or inf instead of raising, as CUDA's and OpenCL's do).

Part of NumJit's float64 math library (see exponential.py), in the same restricted source and
the same namespace. Coefficients are Taylor coefficients (erf, the atanh
series of log), Bernoulli numbers (Stirling), or Chebyshev interpolants computed at 50 digits
and written as monomials about the centre of their interval (erfcx, 1/Gamma); all derived for
this file (Taylor and Bernoulli exactly, the fits with mpmath), none copied.

Several results are rounded only once at the end: the large terms are carried as double-double
(a value plus its rounding error, found exactly with _mul_err and Fast2Sum), so each function is
accurate to about 1 ulp besides the error of the exp or log it calls.
"""
import math


def _quot_rem(p, p_lo, d, d_lo, q):
    """(p + p_lo) - q (d + d_lo) for double-double p and d and q ~ p/d, exactly but for the last
    two small terms: the remainder that corrects the rounded quotient q."""
    qd = q * d
    return ((p - qd) - _mul_err(q, d, qd)) + p_lo - q * d_lo


def _sinpi(x):
    """sin(pi x) for finite x. |x| mod 2 and the folds into [0, 1/4] are exact, so only pi * r is
    rounded: sin(pi x) keeps its relative accuracy near the integers and for large |x|."""
    a = math.fabs(x)
    r = a - 2.0 * _floor(0.5 * a)
    sign = math.copysign(1.0, x)
    if r >= 1.0:
        r = r - 1.0
        sign = -sign
    if r > 0.5:
        r = 1.0 - r
    if r > 0.25:
        return sign * cos(math.pi * (0.5 - r))
    return sign * sin(math.pi * r)


# ---------------------------------------------------------------- erf, erfc

def _erf_small(x):
    """erf(x) for |x| < 0.5: Maclaurin series x (c0 + z Q(z)), z = x*x, to z**12, with x * c0
    exact so that the result is rounded about once."""
    z = x * x
    q = z * (-0.37612638903183754 + z * (0.11283791670955126 + z * (-0.026866170645131252 + z * (
        0.005223977625442188 + z * (-0.0008548327023450853 + z * (0.00012055332981789664 + z * (
        -1.492565035840625e-05 + z * (1.6462114365889248e-06 + z * (-1.6365844691234924e-07 + z * (
        1.4807192815879218e-08 + z * (-1.2290555301717928e-09 + z * (
        9.422759064650411e-11))))))))))))
    p = x * 1.1283791670955126
    return p + (_mul_err(x, 1.1283791670955126, p) + x * (1.533545961316588e-17 + q))


def _erfc_pos(x):
    """erfc(x) for 0.45 <= x < 27.3 as exp(-x*x) erfcx(x), never as 1 - erf(x).

    x*x is split exactly into hi + lo and exp(-x*x) = exp(-hi) (1 - lo): a rounded x*x would
    cost up to x*x/2 ulp. erfcx(x) = exp(x*x) erfc(x) is smooth and is evaluated in
    double-double (g + g_lo): below 2.5 as G + Q0 t + t*t Q2(t), t = x - c, about the centre c
    of [0.45, 1.3] or [1.3, 2.5]; above as (1 + v Q(v)) / (sqrt(pi) x) with v = 1/x**2 (the
    asymptotic series, refitted so that it converges). The final product is exact, so only
    exp and the last addition round at full weight."""
    hi = x * x
    lo = _mul_err(x, x, hi)
    if x < 1.3:
        t = x - 0.875
        q = t * t * (0.1879569237731824 + t * (-0.1009143921262048 + t * (
            0.0498284153313766 + t * (-0.022925811484501287 + t * (0.00992277676081332 + t * (
            -0.004069537662444428 + t * (0.0015904828265108596 + t * (-0.00059508115507238 + t * (
            0.00021395736401431663 + t * (-7.41578715907637e-05 + t * (
            2.4844858350795946e-05 + t * (-8.064689990264237e-06 + t * (
            2.541292752238177e-06 + t * (-7.772364398259007e-07 + t * (
            2.3205396268059215e-07 + t * (-7.219381302075425e-08 + t * (
            2.047337382035898e-08)))))))))))))))))
        b = t * -0.3158338964908418
        g = 0.464311583202669 + b
        g_lo = (b - (g - 0.464311583202669)) + _mul_err(t, -0.3158338964908418, b)
        g_lo = g_lo + ((-1.851963727754574e-17 + t * -6.1203269352942555e-18) + q)
    elif x < 2.5:
        t = x - 1.9
        q = t * t * (0.04678663401747529 + t * (-0.017832628365302295 + t * (
            0.006452320061700456 + t * (-0.0022292880992294387 + t * (0.00073889089105559 + t * (
            -0.00023582725889631333 + t * (7.270477477068133e-05 + t * (
            -2.1708486317074216e-05 + t * (6.291730369776112e-06 + t * (
            -1.7734878101750485e-06 + t * (4.870156992615766e-07 + t * (
            -1.3049927591773786e-07 + t * (3.4159172426602265e-08 + t * (
            -8.709314060199207e-09 + t * (2.18417345510999e-09 + t * (
            -5.911514197669189e-10 + t * (1.4203531974660066e-10)))))))))))))))))
        b = t * -0.11564354718115652
        g = 0.26650937366167265 + b
        g_lo = (b - (g - 0.26650937366167265)) + _mul_err(t, -0.11564354718115652, b)
        g_lo = g_lo + ((4.987639529064167e-18 + t * 6.2100644757642765e-18) + q)
    else:
        v = 1.0 / hi
        w = v - 0.08
        b = v * (-0.4494934552927647 + w * (0.5363546762338216 + w * (-0.9604533312613551 + w * (
            2.1961513766525105 + w * (-5.94748215698932 + w * (18.27773131156929 + w * (
            -62.03365366692267 + w * (228.23089452989302 + w * (-898.1388163058073 + w * (
            3742.6041679418367 + w * (-16388.336571760112 + w * (74936.44754793694 + w * (
            -355193.5573507699 + w * (1745124.1602080534 + w * (-9161349.57364079 + w * (
            48163993.09913071 + w * (-180939398.59209552 + w * (918367860.7054285 + w * (
            -17618068729.033043 + w * (109050708875.66328 + w * (652690927216.4172 + w * (
            -4420681028861.454 + w * (-49666530200659.305 + w * (
            319175965872948.5))))))))))))))))))))))))
        g = 0.5641895835477563 / x
        p = g * x
        g_lo = ((0.5641895835477563 - p) - _mul_err(g, x, p) + 7.66772980658294e-18) / x
        g_lo = g_lo + (g + g_lo) * b
    if hi < 700.0:
        e = exp(-hi)
        p = e * g
        return p + (_mul_err(e, g, p) + e * (g_lo - (g + g_lo) * lo))
    # near underflow: the products at 2**64 times the result (so they stay normal, and exact),
    # with exp(-hi) = 2**-64 exp(-(hi - 64 ln2)), 64 ln2's first part exact; one final rounding.
    e = exp(-(hi - 44.36141955583298))
    p = e * g
    p_lo = _mul_err(e, g, p) + e * (g_lo - (g + g_lo) * (lo - 3.5186707319733575e-12))
    return (p + p_lo) * 5.421010862427522e-20


def erf(x):
    """Error function: the Maclaurin series below 0.5, else 1 - erfc(|x|) (erfc < 0.48 there,
    so the subtraction loses nothing)."""
    if x != x or x == 0.0:
        return x
    a = math.fabs(x)
    if a < 0.5:
        return _erf_small(x)
    if a >= 6.0:
        return math.copysign(1.0, x)
    return math.copysign(1.0 - _erfc_pos(a), x)


def erfc(x):
    """Complementary error function: 1 - erf(x) while |x| < 0.45 (erf(0.45) < 1/2: no bits are
    lost), exp(-x*x) erfcx(x) above (relative accuracy down to the underflow near 27.2), and
    2 - erfc(-x) below -0.45."""
    if x != x:
        return x
    if x > -0.45 and x < 0.45:
        return 1.0 - _erf_small(x)
    if x > 0.0:
        if x >= 27.3:
            return 0.0
        return _erfc_pos(x)
    if x <= -6.0:
        return 2.0
    return 2.0 - _erfc_pos(-x)


# ---------------------------------------------------------------- lgamma, gamma

def _rgamma1pm1(z):
    """1/Gamma(1+z) - 1 for z in [-0.5, 1.5]. 1/Gamma is entire; this is z (z-1) R(z), with
    R(0.5 + s) = R0 + s (Q0 + s R2(s)) a degree-19 fit. z (z-1), R's leading terms and their
    product are carried in double-double, so the result keeps its relative accuracy at the
    zeros z = 0 and z = 1 (lgamma's zeros at 1 and 2) and is rounded about once."""
    zm1 = z - 1.0
    w = z * zm1
    w_lo = _mul_err(z, zm1, w) + z * (z - (zm1 + 1.0))
    s = z - 0.5
    q = s * s * (0.052551068573976734 + s * (-0.04161568105120862 + s * (
        0.006336833305082632 + s * (0.0021579532693078926 + s * (-0.001104258086965984 + s * (
        0.0001488873069401579 + s * (2.5888670515660376e-05 + s * (-1.3881255312007355e-05 + s * (
        2.133862367114402e-06 + s * (6.220163673534106e-08 + s * (-8.93636923082341e-08 + s * (
        1.7035944932125493e-08 + s * (-9.12728392618626e-10 + s * (-2.700194477111374e-10 + s * (
        7.45685829011156e-11 + s * (-7.98803284539958e-12 + s * (-9.24191150765428e-14 + s * (
        1.784945370273792e-13 + s * (-2.7100427787227993e-14)))))))))))))))))))
    b = s * 0.1646981057811324
    r = -0.5135166683820503 + b
    r_lo = ((-0.5135166683820503 - r) + b) + _mul_err(s, 0.1646981057811324, b)
    r_lo = r_lo + ((4.968046400985213e-17 + s * 1.3497784737392393e-17) + q)
    p = w * r
    return p + (_mul_err(w, r, p) + (w * r_lo + w_lo * r))


def _stirling(x, mode):
    """For x >= 8: lgamma(x) if mode is 0, Gamma(x) if 1, 2**64 / Gamma(x) if -1 (scaled, for
    the reflection's subnormal results). Stirling's series (x - 1/2) log x - x + log(2 pi)/2 +
    sum B_2k / (2k (2k-1) x**(2k-1)), k <= 11, with the first terms in double-double: they reach
    709 at Gamma's overflow, where one rounding of log x alone would cost Gamma ~100 ulp."""
    l_hi, l_lo = _log_dd(x)
    # (x - 1/2) log x - x: the product exactly, then the subtraction (x < (x - 1/2) log x).
    a = x - 0.5
    w = a * l_hi
    w_lo = _mul_err(a, l_hi, w) + a * l_lo
    y = w - x
    y_lo = ((w - y) - x) + w_lo
    r = 1.0 / x
    q = r * r
    st = r * (0.08333333333333333 + q * (-0.002777777777777778 + q * (0.0007936507936507937 + q * (
        -0.0005952380952380953 + q * (0.0008417508417508417 + q * (-0.0019175269175269176 + q * (
        0.00641025641025641 + q * (-0.029550653594771242 + q * (0.17964437236883057 + q * (
        -1.3924322169059011 + q * (13.402864044168393)))))))))))
    g = y + 0.9189385332046728
    g_lo = (0.9189385332046728 - (g - y)) + (y_lo + (-3.8782941580672414e-17 + st))
    if mode == 0.0:
        return g + g_lo
    h = g + g_lo
    h_lo = g_lo - (h - g)
    scale = 1.0
    if mode > 0.0 and h > 700.0:
        # at Gamma's overflow bound exp(h) alone would overflow: e**h = 2 e**(h - ln2)
        h = h - 0.6931471805598903
        h_lo = h_lo - 5.497923018708371e-14
        scale = 2.0
    if mode < 0.0:
        # 2**64 e**-h = e**-(h - 64 ln2), 64 times ln2's first part exact
        h = h - 44.36141955583298
        h_lo = h_lo - 3.5186707319733575e-12
    ex = exp(mode * h)
    return scale * (ex + ex * (mode * h_lo))


def _gamma_mid(x, want_log):
    """Gamma(x) for 1 <= x < 8 (and the integers to 23), or log Gamma(x) if want_log is 1:
    (x-1)(x-2)...(x-n) / (1 + h(z)), z = x - n - 1 in [0, 1), n <= 6 (22), h = _rgamma1pm1.
    Product and quotient are carried in double-double, so the result is rounded about once
    (and log Gamma is one log, free of the cancellation in log(product) + lgamma(1+z))."""
    n = int(x) - 1
    p = 1.0
    p_lo = 0.0
    for k in range(n):
        f = x - float(k + 1)
        q = p * f
        p_lo = _mul_err(p, f, q) + p_lo * f
        p = q
    h = _rgamma1pm1(x - float(n + 1))
    d = 1.0 + h
    d_lo = h - (d - 1.0)
    q = p / d
    if want_log == 1.0:
        return log(q) + _quot_rem(p, p_lo, d, d_lo, q) / p
    return q + _quot_rem(p, p_lo, d, d_lo, q) / d


def _gamma_main(x):
    """Gamma(x) for x > -0.5, x != 0: 1 / (x (1 + (1/Gamma(1+x) - 1))) below 1 (the product and
    quotient in double-double), _gamma_mid up to 8, Stirling beyond."""
    if x >= 1.0:
        # integers below 24 by the product too, so that Gamma(n) is (n-1)! exactly
        if x < 8.0 or (x < 24.0 and _floor(x) == x):
            return _gamma_mid(x, 0.0)
        return _stirling(x, 1.0)
    if math.fabs(x) < 1e-17:
        return 1.0 / x
    h = _rgamma1pm1(x)
    d = 1.0 + h
    den = x * d
    q = 1.0 / den
    return q + _quot_rem(1.0, 0.0, den, _mul_err(x, d, den) + x * (h - (d - 1.0)), q) / den


def _lgamma_main(x):
    """lgamma(x) for x > -0.5, x != 0. Near the zeros at 1 and 2 (x in [0.75, 2.5)) it is
    -log1p(1/Gamma(x) - 1), relatively accurate since 1/Gamma(x) - 1 is and x - 1 is exact;
    below, -log|x/Gamma(1+x)|; _gamma_mid up to 8; Stirling beyond."""
    if x < 0.75:
        if math.fabs(x) < 1e-17:
            return -log(math.fabs(x))
        # -log|x / Gamma(1+x)| as one log of a double-double product (away from lgamma's zeros;
        # log1p(h(x - 1)) would amplify the error of h by up to 1.3 near 0.5)
        h = _rgamma1pm1(x)
        d = 1.0 + h
        den = x * d
        return -log(math.fabs(den)) - (_mul_err(x, d, den) + x * (h - (d - 1.0))) / den
    if x < 2.5:
        return 0.0 - log1p(_rgamma1pm1(x - 1.0))
    if x < 8.0:
        return _gamma_mid(x, 1.0)
    if x > 1e300:
        # the exact products of _stirling would overflow; the terms left out are below 2**-900
        # of the result.
        return x * (log(x) - 1.0)
    return _stirling(x, 0.0)


def lgamma(x):
    """log|Gamma(x)|: see _lgamma_main for x > -0.5; below, the reflection
    lgamma(x) = log(pi / |x sin(pi x)|) - lgamma(-x). inf at 0, the negative integers and +-inf.
    Near lgamma's zeros at negative x the two terms cancel and the relative error grows."""
    if x != x:
        return x
    if math.isinf(x) or x == 0.0:
        return math.inf
    if x > -0.5:
        return _lgamma_main(x)
    if _floor(x) == x:
        return math.inf
    # log(pi / |x sin(pi x)|) with the product and quotient in double-double (pi's second part
    # is 1.2246467991473532e-16)
    s = _sinpi(x)
    xs = x * s
    xs_lo = _mul_err(x, s, xs)
    if xs < 0.0:
        xs = -xs
        xs_lo = -xs_lo
    q = math.pi / xs
    l = log(q) + _quot_rem(math.pi, 1.2246467991473532e-16, xs, xs_lo, q) / math.pi
    return l - _lgamma_main(-x)


def gamma(x):
    """Gamma(x): see _gamma_main for x > -0.5; below, the reflection
    Gamma(x) = -pi / (x sin(pi x) Gamma(-x)), with 1/Gamma(-x) from Stirling directly below
    -160. NaN at the negative integers and -inf, +-inf at +-0, inf beyond 171.624 (overflow)."""
    if x != x:
        return x
    if x == 0.0:
        return math.copysign(math.inf, x)
    if x > 171.62437695630272:
        return math.inf
    if x > -0.5:
        return _gamma_main(x)
    if math.isinf(x) or _floor(x) == x:
        return math.nan
    # -pi / (x sin(pi x) Gamma(-x)) with the products and quotient in double-double
    s = _sinpi(x)
    xs = x * s
    xs_lo = _mul_err(x, s, xs)
    if x > -160.0:
        # (Gamma(-x) |x| stays below 1e300, where Dekker's splitting would overflow)
        g = _gamma_main(-x)
        den = xs * g
        q = -math.pi / den
        den_lo = _mul_err(xs, g, den) + xs_lo * g
        return q + _quot_rem(-math.pi, -1.2246467991473532e-16, den, den_lo, q) / den
    # r = 2**64 / Gamma(-x): the products stay normal, one rounding at the final scaling
    r = _stirling(-x, -1.0)
    num = -math.pi * r
    num_lo = -(_mul_err(math.pi, r, -num) + 1.2246467991473532e-16 * r)
    q = num / xs
    if r == 0.0:
        return q
    return (q + _quot_rem(num, num_lo, xs, xs_lo, q) / xs) * 5.421010862427522e-20
