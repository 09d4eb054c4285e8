"""The float64 math library the CUDA backend compiles for math functions PTX has no instruction
for (NumJit.Gpu/Libraries/float64_math/). Checked three ways, none of which needs a GPU:
run by CPython against CPython's math (error in ulps), and compiled by NumJit, for the CPU and
as device functions on the GPU simulator, against itself run by CPython (bit for bit: the
compiled code must do exactly the float operations the source says, no fusing or reordering)."""
import glob
import math
import os
import random
import types

import numpy as np
import pytest

import numjit
from numjit import cuda

LIBRARY_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "NumJit.Gpu", "Libraries", "float64_math")


def load_library(name="float64_math"):
    """The library's files run into one module, the namespace NumJit's loader gives them."""
    module = types.ModuleType(name)
    for path in sorted(glob.glob(os.path.join(LIBRARY_DIR, "*.py"))):
        with open(path) as source:
            exec(compile(source.read(), path, "exec"), module.__dict__)
    return module


LIB = load_library()
REFERENCE = {"power": math.pow, "log_base": math.log}

# name: (sampling ranges, max ulp measured over them); "log" ranges sample 10**uniform(lo, hi).
UNARY_BOUNDS = {
    "exp": ([(-745, 709.7), (-1, 1)], 1),
    "expm1": ([(-40, 709), (-1, 1), (-1e-5, 1e-5)], 2),
    "exp2": ([(-1075, 1023.9), (-2, 2)], 1),
    "log": ([(-307, 307, "log"), (0.5, 2), (-320, -308, "log")], 1),
    "log2": ([(-307, 307, "log"), (0.5, 2)], 1),
    "log10": ([(-307, 307, "log"), (0.5, 2)], 2),
    "log1p": ([(-0.999, 1), (-1e-5, 1e-5), (-300, 300, "log")], 2),
    "sin": ([(-10, 10), (-1e6, 1e6), (-1e8, 1e8)], 1),
    "cos": ([(-10, 10), (-1e6, 1e6), (-1e8, 1e8)], 2),
    "tan": ([(-10, 10), (-1e6, 1e6)], 3),
    "asin": ([(-1, 1), (0.99, 1)], 2),
    "acos": ([(-1, 1), (0.99, 1), (-1, -0.99)], 3),
    "atan": ([(-5, 5), (-300, 300, "log")], 1),
    "sinh": ([(-710, 710), (-2, 2)], 2),
    "cosh": ([(-710, 710), (-2, 2)], 2),
    "tanh": ([(-25, 25), (-1, 1)], 3),
    "asinh": ([(-1e10, 1e10), (-3, 3), (-300, 300, "log")], 2),
    "acosh": ([(1, 3), (1, 1e10), (0, 300, "log")], 2),
    "atanh": ([(-1, 1), (-0.5, 0.5)], 2),
    "cbrt": ([(-1e10, 1e10), (-300, 300, "log")], 3),
    # CPython's own gamma and lgamma are several ulp off (lgamma by far more near its zeros):
    # against CPython, these bounds include its error; REFERENCE_VALUES holds the library to
    # correctly rounded values.
    "erf": ([(-6, 6), (-1e-3, 1e-3)], 2),
    "erfc": ([(-6, 6), (6, 27)], 3),
    "gamma": ([(0.001, 171), (-170, -0.5)], 8),
    "lgamma": ([(10, 300, "log")], 2),
}

# Where CPython raises, the library gives what CUDA's and OpenCL's libraries give.
SPECIAL_VALUES = [
    ("exp", math.inf, math.inf), ("exp", -math.inf, 0.0), ("exp", 710.0, math.inf), ("exp", -0.0, 1.0),
    ("expm1", -0.0, -0.0), ("expm1", -math.inf, -1.0), ("log", 0.0, -math.inf), ("log", -1.0, math.nan),
    ("log", math.inf, math.inf), ("log2", 1024.0, 10.0), ("log10", 1e22, 22.0), ("log10", 1e-5, -5.0),
    ("log1p", -1.0, -math.inf), ("log1p", -2.0, math.nan), ("log1p", -0.0, -0.0),
    ("sin", -0.0, -0.0), ("sin", math.inf, math.nan), ("cos", math.inf, math.nan), ("tan", -0.0, -0.0),
    ("asin", 1.5, math.nan), ("acos", -1.0, math.pi), ("atan", math.inf, math.pi / 2), ("atan", -0.0, -0.0),
    ("sinh", -math.inf, -math.inf), ("cosh", -math.inf, math.inf), ("tanh", math.inf, 1.0), ("tanh", -0.0, -0.0),
    ("acosh", 0.5, math.nan), ("atanh", 1.0, math.inf), ("atanh", -1.0, -math.inf), ("atanh", 2.0, math.nan),
    ("cbrt", -27.0, -3.0), ("cbrt", -0.0, -0.0),
    ("erf", math.inf, 1.0), ("erf", -0.0, -0.0), ("erfc", -math.inf, 2.0), ("erfc", 30.0, 0.0),
    ("gamma", 5.0, 24.0), ("gamma", 0.0, math.inf), ("gamma", -0.0, -math.inf), ("gamma", -3.0, math.nan),
    ("gamma", 172.0, math.inf), ("gamma", 23.0, float(math.factorial(22))), ("lgamma", 1.0, 0.0), ("lgamma", 2.0, 0.0),
    ("lgamma", -2.0, math.inf), ("lgamma", -math.inf, math.inf),
]

BINARY_SPECIAL_VALUES = [
    ("power", -2.0, 3.0, -8.0), ("power", -2.0, 0.5, math.nan), ("power", 0.0, -1.0, math.inf),
    ("power", -0.0, -3.0, -math.inf), ("power", -0.0, 3.0, -0.0), ("power", 2.0, 1e300, math.inf),
    ("power", 0.5, math.inf, 0.0), ("power", -1.0, math.inf, 1.0), ("power", math.nan, 0.0, 1.0),
    ("power", 1.0, math.nan, 1.0), ("power", 2.0, -1074.0, 5e-324), ("power", 2.0, 1024.0, math.inf),
    ("power", -math.inf, 3.0, -math.inf), ("power", math.inf, -2.0, 0.0),
    ("atan2", -0.0, -1.0, -math.pi), ("atan2", 0.0, -0.0, math.pi), ("atan2", math.inf, -math.inf, 3 * math.pi / 4),
    ("hypot", math.inf, math.nan, math.inf), ("hypot", 3e300, 4e300, 5e300), ("hypot", 3e-310, 4e-310, 5e-310),
    ("fmod", 5.5, math.inf, 5.5), ("fmod", math.inf, 2.0, math.nan), ("fmod", 1.0, 0.0, math.nan),
    ("fmod", -7.5, 2.0, -1.5),
]


# Correctly rounded values (mpmath at 50 digits) where CPython's own functions are inaccurate,
# around lgamma's zeros at 1 and 2 above all.
REFERENCE_VALUES = [
    ("erf", 0.001, 0.0011283787909692365), ("erf", 0.5, 0.5204998778130465), ("erf", 1.5, 0.9661051464753108),
    ("erf", 4.0, 0.9999999845827421), ("erf", -0.7, -0.6778011938374184),
    ("erfc", 0.3, 0.6713732405408726), ("erfc", 1.0, 0.15729920705028513), ("erfc", 2.0, 0.004677734981047266),
    ("erfc", 3.5, 7.430983723414128e-07), ("erfc", 6.0, 2.1519736712498913e-17), ("erfc", 10.0, 2.088487583762545e-45),
    ("erfc", 26.0, 5.663192408856143e-296), ("erfc", -1.5, 1.9661051464753108),
    ("gamma", 0.001, 999.4237724845955), ("gamma", 0.5, 1.772453850905516), ("gamma", 0.6596719444699092, 1.366764591559543),
    ("gamma", 2.5, 1.329340388179137), ("gamma", 7.3, 1271.4236336639087), ("gamma", 30.25, 2.0628053137753467e+31),
    ("gamma", 170.5, 5.56209241456e+305), ("gamma", -0.5, -3.544907701811032), ("gamma", -2.7, -0.931082784838964),
    ("gamma", -150.3, -1.5097598047749159e-263),
    ("lgamma", 0.001, 6.907178885383853), ("lgamma", 0.5, 0.5723649429247001), ("lgamma", 0.999, 0.0005780385328913802),
    ("lgamma", 1.001, -0.0005763935982833062), ("lgamma", 1.5, -0.12078223763524522), ("lgamma", 1.999, -0.0004224618006921073),
    ("lgamma", 2.001, 0.000423106734800117), ("lgamma", 2.5442545460642987, 0.3162775459708043), ("lgamma", 3.7, 1.428072326665388),
    ("lgamma", 50.5, 146.51925549072064), ("lgamma", 1e10, 220258509288.81058), ("lgamma", 1e300, 6.897755278982137e+302),
    ("lgamma", -0.5, 1.2655121234846454), ("lgamma", -3.3, -0.8243558050174264),
]


def samples(ranges, n, seed):
    rng = random.Random(seed)
    points = []
    for r in ranges:
        lo, hi = r[0], r[1]
        points += [10 ** rng.uniform(lo, hi) if len(r) > 2 else rng.uniform(lo, hi) for _ in range(n)]
    return points


def ulps(got, expected):
    got, expected = np.asarray(got), np.asarray(expected)
    same = (got == expected) | (np.isnan(got) & np.isnan(expected))
    with np.errstate(invalid="ignore"):    # inf - inf where only one side overflowed: counted as huge
        error = np.abs(got - expected) / np.maximum(np.spacing(np.abs(expected)), 5e-324)
    return np.where(same, 0.0, np.where(np.isnan(error), np.inf, error))


def same_bits(a, b):
    return (a == b and math.copysign(1.0, a) == math.copysign(1.0, b)) or (a != a and b != b)


@pytest.mark.parametrize("name", sorted(UNARY_BOUNDS))
def test_unary_function_within_its_ulp_bound(name):
    ranges, bound = UNARY_BOUNDS[name]
    xs = samples(ranges, 1500, seed=hash(name) % 1000)
    reference = REFERENCE.get(name) or getattr(math, name)
    errors = ulps([getattr(LIB, name)(x) for x in xs], [reference(x) for x in xs])
    worst = int(np.argmax(errors))
    assert errors[worst] <= bound, "%s(%r): %s ulp" % (name, xs[worst], errors[worst])


def _pow_reference(x, y):
    try:
        return math.pow(x, y)
    except OverflowError:
        return math.inf


@pytest.mark.parametrize("name, reference, pairs, bound", [
    ("power", _pow_reference, lambda r: (10 ** r.uniform(-3, 3), r.uniform(-200, 200)), 1),
    # |y log x| between 600 and 760: where a plain exp(y * log(x)) would be tens of ulp off
    ("power", _pow_reference, lambda r: (lambda x: (x, r.choice([-1, 1]) * r.uniform(600, 760) / abs(math.log(x))))(r.uniform(0.5, 2)), 1),
    ("power", _pow_reference, lambda r: (1 + r.uniform(-1e-3, 1e-3), r.uniform(-1e5, 1e5)), 1),
    ("atan2", math.atan2, lambda r: (r.uniform(-5, 5), r.uniform(-5, 5)), 1),
    ("hypot", math.hypot, lambda r: (r.uniform(-5, 5) * 10 ** r.uniform(-300, 300), r.uniform(-5, 5) * 10 ** r.uniform(-300, 300)), 1),
    ("fmod", math.fmod, lambda r: (r.uniform(-1e300, 1e300), r.uniform(-5, 5)), 0),
    ("log_base", math.log, lambda r: (10 ** r.uniform(-100, 100), r.uniform(1.5, 20)), 3),
])
def test_binary_function_within_its_ulp_bound(name, reference, pairs, bound):
    rng = random.Random(7)
    args = [pairs(rng) for _ in range(3000)]
    errors = ulps([getattr(LIB, name)(x, y) for x, y in args], [reference(x, y) for x, y in args])
    worst = int(np.argmax(errors))
    assert errors[worst] <= bound, "%s%r: %s ulp" % (name, args[worst], errors[worst])


@pytest.mark.parametrize("name, x, expected", REFERENCE_VALUES)
def test_special_functions_against_correctly_rounded_values(name, x, expected):
    assert ulps(getattr(LIB, name)(x), expected) <= 2


@pytest.mark.parametrize("name, x, expected", SPECIAL_VALUES)
def test_special_values(name, x, expected):
    assert same_bits(getattr(LIB, name)(x), expected)


@pytest.mark.parametrize("name, x, y, expected", BINARY_SPECIAL_VALUES)
def test_binary_special_values(name, x, y, expected):
    assert same_bits(getattr(LIB, name)(x, y), expected)


# ---------------------------------------------------------------- compiled by NumJit

PUBLIC = sorted(n for n, v in vars(LIB).items() if callable(v) and not n.startswith("_") and getattr(v, "__module__", "") == LIB.__name__)


def _arguments(arity, seed):
    rng = random.Random(seed)
    specials = [0.0, -0.0, 1.0, -1.0, 0.5, math.inf, -math.inf, math.nan, 5e-324, 1e308, 710.0, -745.5]
    values = specials + [rng.uniform(-4, 4) for _ in range(60)] + [math.copysign(10 ** rng.uniform(-300, 300), rng.uniform(-1, 1)) for _ in range(40)]
    if arity == 1:
        return [(v,) for v in values]
    return [(rng.choice(values), rng.choice(values)) for _ in range(150)]


def _compiled_library(decorate):
    """A fresh copy of the module whose functions are compiled by `decorate`: their global
    names resolve to each other's compiled versions, as in the CUDA backend's build."""
    module = load_library("float64_math_compiled")
    for name, function in list(vars(module).items()):
        if callable(function) and getattr(function, "__module__", "") == module.__name__:
            setattr(module, name, decorate(function))
    return module


def test_compiled_for_the_cpu_bit_for_bit():
    compiled = _compiled_library(numjit.njit)
    for name in PUBLIC:
        function = getattr(LIB, name)
        for args in _arguments(function.__code__.co_argcount, seed=len(name)):
            assert same_bits(getattr(compiled, name)(*args), function(*args)), (name, args)


def test_compiled_as_device_functions_on_the_simulator_bit_for_bit(monkeypatch):
    monkeypatch.setenv("NUMJIT_GPU_BACKEND", "sim")
    compiled = _compiled_library(cuda.jit(device=True))
    for name in PUBLIC:
        function = getattr(LIB, name)
        args = _arguments(function.__code__.co_argcount, seed=len(name))
        columns = [np.array([a[i] for a in args]) for i in range(len(args[0]))]
        out = np.zeros(len(args))
        device_function = getattr(compiled, name)
        if len(columns) == 1:
            @cuda.jit
            def kernel(out, x):
                i = cuda.grid(1)
                if i < out.shape[0]:
                    out[i] = device_function(x[i])
        else:
            @cuda.jit
            def kernel(out, x, y):
                i = cuda.grid(1)
                if i < out.shape[0]:
                    out[i] = device_function(x[i], y[i])
        kernel[(len(args) + 127) // 128, 128](out, *columns)
        for got, a in zip(out, args):
            assert same_bits(float(got), function(*a)), (name, a, got)
