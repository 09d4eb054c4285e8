"""Trigonometric functions, hypot and fmod.

Part of NumJit's float64 math library (see exponential.py). The files form one namespace, as
NumJit's loader builds it: a function may call any function of any file by its plain name.
"""
import math


def _sin_reduced(r):
    """sin(r) for |r| <= pi/4, Taylor to degree 17."""
    z = r * r
    return r + r * z * (-0.16666666666666666 + z * (0.008333333333333333 + z * (-0.0001984126984126984 + z * (
        2.7557319223985893e-06 + z * (-2.505210838544172e-08 + z * (1.6059043836821613e-10 + z * (
            -7.647163731819816e-13 + z * 2.8114572543455206e-15)))))))


def _cos_reduced(r):
    """cos(r) for |r| <= pi/4, Taylor to degree 16; the rounding of 1 - r*r/2 is added back."""
    z = r * r
    hz = 0.5 * z
    w = 1.0 - hz
    c = z * z * (0.041666666666666664 + z * (-0.001388888888888889 + z * (2.48015873015873e-05 + z * (
        -2.755731922398589e-07 + z * (2.08767569878681e-09 + z * (-1.1470745597729725e-11 + z * (
            4.779477332387385e-14)))))))
    return w + (((1.0 - w) - hz) + c)


def _quadrant(x):
    """The nearest integer k to x / (pi/2), as a float."""
    return _floor(x * 0.6366197723675814 + 0.5)


def _reduce_quadrant(x, k):
    """x - k pi/2 with pi/2 in four parts, the first three of 27 bits: k times each is exact
    while |k| < 2**26 (|x| below about 1e8; beyond that the result loses accuracy)."""
    r = x - k * 1.570796325802803
    r = r - k * 9.920935739593517e-10
    r = r - k * 5.721188709663575e-18
    return r - k * 1.6446256936324258e-26


def _atan_reduced(t):
    """atan(t) - t for |t| <= 7/16, Taylor to degree 45."""
    z = t * t
    p = -0.3333333333333333 + z * (0.2 + z * (-0.14285714285714285 + z * (0.1111111111111111 + z * (
        -0.09090909090909091 + z * (0.07692307692307693 + z * (-0.06666666666666667 + z * (
            0.058823529411764705 + z * (-0.05263157894736842 + z * (0.047619047619047616 + z * (
                -0.043478260869565216 + z * (0.04 + z * (-0.037037037037037035 + z * (
                    0.034482758620689655 + z * (-0.03225806451612903 + z * (0.030303030303030304 + z * (
                        -0.02857142857142857 + z * (0.02702702702702703 + z * (-0.02564102564102564 + z * (
                            0.024390243902439025 + z * (-0.023255813953488372 + z * 0.022222222222222223))))))))))))))))))))
    return t * z * p


def _sine_in_quadrant(r, k):
    """sin(r + k pi/2) for |r| <= pi/4: the sine or cosine series, signed by k mod 4."""
    q = k - 4.0 * _floor(k * 0.25)
    if q == 0.0:
        return _sin_reduced(r)
    if q == 1.0:
        return _cos_reduced(r)
    if q == 2.0:
        return -_sin_reduced(r)
    return -_cos_reduced(r)


def _is_negative(x):
    """Whether the sign bit is set (-0.0 included)."""
    return math.copysign(1.0, x) < 0.0


# ---------------------------------------------------------------- trigonometric

def sin(x):
    """Sine: x - k pi/2, then the sine or cosine series by quadrant."""
    if math.isinf(x) or x != x:
        return x - x
    if x == 0.0:
        return x                       # keeps the sign of -0.0
    k = _quadrant(x)
    return _sine_in_quadrant(_reduce_quadrant(x, k), k)


def cos(x):
    """Cosine: x - k pi/2, then the cosine or sine series by quadrant."""
    if math.isinf(x) or x != x:
        return x - x
    k = _quadrant(x)
    return _sine_in_quadrant(_reduce_quadrant(x, k), k + 1.0)     # cos(r + k pi/2) = sin(r + (k + 1) pi/2)


def tan(x):
    """Tangent: sin/cos of the reduced argument, -cos/sin in odd quadrants."""
    if math.isinf(x) or x != x:
        return x - x
    if x == 0.0:
        return x                       # keeps the sign of -0.0
    k = _quadrant(x)
    r = _reduce_quadrant(x, k)
    if k - 2.0 * _floor(k * 0.5) == 0.0:
        return _sin_reduced(r) / _cos_reduced(r)
    return -_cos_reduced(r) / _sin_reduced(r)


def atan(x):
    """Arc tangent: |x| is moved next to 0, 1/2, 1, 3/2 or infinity, atan(x) = atan(c) +
    atan((x - c) / (1 + c x)), and the series runs on what is left (at most 7/16)."""
    if x != x:
        return x
    if x == 0.0:
        return x                       # keeps the sign of -0.0
    a = math.fabs(x)
    if a < 0.4375:
        return x + _atan_reduced(x)
    if a < 0.6875:
        t = (a + a - 1.0) / (2.0 + a)
        r = 0.4636476090008061 + (2.2698777452961687e-17 + (t + _atan_reduced(t)))
    elif a < 1.1875:
        t = (a - 1.0) / (a + 1.0)
        r = 0.7853981633974483 + (3.061616997868383e-17 + (t + _atan_reduced(t)))
    elif a < 2.4375:
        t = (a - 1.5) / (1.0 + 1.5 * a)
        r = 0.982793723247329 + (1.3903311031230998e-17 + (t + _atan_reduced(t)))
    else:
        t = -1.0 / a
        r = 1.5707963267948966 + (6.123233995736766e-17 + (t + _atan_reduced(t)))
    return math.copysign(r, x)


def atan2(y, x):
    """Two-argument arc tangent with C99's rules for zeros and infinities."""
    if x != x or y != y:
        return x + y
    if math.isinf(x):
        if math.isinf(y):
            if x > 0.0:
                return math.copysign(0.7853981633974483, y)
            return math.copysign(2.356194490192345, y)
        if x > 0.0:
            return math.copysign(0.0, y)
        return math.copysign(3.141592653589793, y)
    if math.isinf(y):
        return math.copysign(1.5707963267948966, y)
    if y == 0.0:
        if _is_negative(x):
            return math.copysign(3.141592653589793, y)
        return y
    if x == 0.0:
        return math.copysign(1.5707963267948966, y)
    a = atan(math.fabs(y / x))
    if x < 0.0:
        a = 3.141592653589793 - (a - 1.2246467991473532e-16)
    return math.copysign(a, y)


def asin(x):
    """Arc sine: atan2(x, sqrt((1 - x)(1 + x))); NaN outside [-1, 1]."""
    if x != x:
        return x
    if math.fabs(x) > 1.0:
        return math.nan
    return atan2(x, math.sqrt((1.0 - x) * (1.0 + x)))


def acos(x):
    """Arc cosine: 2 atan2(sqrt(1 - x), sqrt(1 + x)); NaN outside [-1, 1]."""
    if x != x:
        return x
    if math.fabs(x) > 1.0:
        return math.nan
    return 2.0 * atan2(math.sqrt(1.0 - x), math.sqrt(1.0 + x))


def hypot(x, y):
    """sqrt(x*x + y*y) without overflow or underflow: both scaled by the larger one's exponent."""
    if math.isinf(x) or math.isinf(y):
        return math.inf
    if x != x or y != y:
        return x + y
    a = math.fabs(x)
    b = math.fabs(y)
    if b > a:
        t = a
        a = b
        b = t
    if b == 0.0:
        return a
    m, e = math.frexp(a)
    a = math.ldexp(a, -e)
    b = math.ldexp(b, -e)
    return math.ldexp(math.sqrt(a * a + b * b), e)


def fmod(x, y):
    """C's fmod, exactly: y scaled by a power of two is taken off |x| while it fits (each
    subtraction is exact)."""
    if x != x or y != y or math.isinf(x) or y == 0.0:
        return math.nan
    a = math.fabs(x)
    b = math.fabs(y)
    if math.isinf(b) or a < b:
        return x
    mb, eb = math.frexp(b)
    while a >= b:
        ma, ea = math.frexp(a)
        t = math.ldexp(b, ea - eb)
        if t > a:
            t = 0.5 * t
        a = a - t
    return math.copysign(a, x)
