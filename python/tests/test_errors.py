import os
import subprocess
import sys

import numpy as np
import pytest

import numjit
from numjit import njit, TypingError, UnsupportedError, NumJitError


def adds_tuple(x):
    return x + (1, 2)


def test_typing_error_names_file_line_caret_types():
    f = njit(adds_tuple)
    with pytest.raises(TypingError) as info:
        f(1.5)
    message = str(info.value)
    assert isinstance(info.value, NumJitError)
    assert __file__ in message
    line = adds_tuple.__code__.co_firstlineno + 1
    assert "line %d" % line in message
    assert "float64" in message and "UniTuple(int64 x 2)" in message
    assert "\n    return x + (1, 2)\n           ^^^^^^^^^^\n" in message + "\n"
    assert len(message.splitlines()) < 25


def uses_with(x):
    with open("f") as fh:
        pass
    return x


def uses_list_comprehension(n):
    return [i for i in range(n)]


def uses_undefined(x):
    return x + not_defined_anywhere


def uses_string(x):
    return "abc"


def test_unsupported_constructs_raise_unsupported_error():
    for func, pattern in [(uses_with, "'with' statement"), (uses_list_comprehension, "listcomp"),
                          (uses_string, "strings")]:
        with pytest.raises(UnsupportedError, match=pattern) as info:
            njit(func)(3)
        assert "line" in str(info.value)


def test_undefined_name():
    with pytest.raises(TypingError, match="not_defined_anywhere"):
        njit(uses_undefined)(1)


def cannot_unify(x):
    y = 1
    if x > 0:
        y = (1, 2)
    return y


def test_cannot_unify_has_hint():
    with pytest.raises(TypingError) as info:
        njit(cannot_unify)(1)
    assert "int64" in str(info.value) and "UniTuple" in str(info.value)
    assert "Hint:" in str(info.value)


def raises_value_error(x):
    if x < 0:
        raise ValueError("x must be non-negative")
    return x


def divides(a, b):
    return a // b


def fdivides(a, b):
    return a / b


def test_exceptions_surface_as_python_exceptions():
    f = njit(raises_value_error)
    with pytest.raises(ValueError, match="x must be non-negative"):
        f(-1)
    assert f(2) == 2
    with pytest.raises(ZeroDivisionError):
        njit(divides)(1, 0)
    with pytest.raises(ZeroDivisionError):
        njit(fdivides)(1.0, 0.0)


def bad_index(a):
    return a[1.5]


def test_float_index_is_typing_error_with_hint():
    with pytest.raises(TypingError, match="int"):
        njit(bad_index)(np.zeros(3))


def recursive_forever(n):
    return recursive_forever(n - 1)


def test_recursion_without_base_case_is_typing_error():
    global recursive_forever
    compiled = njit(recursive_forever)
    saved, recursive_forever = recursive_forever, compiled
    try:
        with pytest.raises(TypingError, match="return type"):
            compiled(3)
    finally:
        recursive_forever = saved


def test_missing_host_is_clear_error():
    code = ("import sys; sys.path.insert(0, %r); import numjit\n"
            "f = numjit.njit(lambda x: x)\n") % os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code += ("def g(x):\n    return x\n"
             "try:\n    numjit.njit(g)(1)\nexcept Exception as e:\n    print(type(e).__name__, e)\n")
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, NUMJIT_HOST_DIR="/nonexistent"),
                         capture_output=True, text=True).stdout
    assert "HostLoadError" in out and "/nonexistent" in out and "dotnet publish" in out


def test_source_unavailable_is_clear_error():
    namespace = {}
    exec("def h(x):\n    return x\n", namespace)
    with pytest.raises(UnsupportedError, match="source code is not available"):
        njit(namespace["h"])(1)


def test_bad_inputs_never_crash():
    # Any kind of argument must give an exception, never kill the interpreter.
    f = njit(raises_value_error)
    for bad in [None, "s", b"b", [1], {1: 2}, object(), np.zeros((2, 2)), 10 ** 30, float("nan")]:
        try:
            f(bad)
        except (TypeError, TypingError, ValueError):
            pass


def test_bad_signature_string():
    with pytest.raises(TypeError, match="invalid type signature"):
        njit("f8(blah)")(raises_value_error)


def runaway(n):
    if n == 0:
        return 0
    return runaway(n + 1) + 1


def test_runaway_recursion_is_recursion_error_not_a_crash():
    code = ("import sys; sys.path.insert(0, %r); import numjit\n"
            "import test_errors as t\n"
            "t.runaway = numjit.njit(t.runaway)\n"
            "try:\n    t.runaway(1)\nexcept RecursionError as e:\n    print('RecursionError', e)\n") % (
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=os.path.dirname(os.path.abspath(__file__)))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "RecursionError" in result.stdout
