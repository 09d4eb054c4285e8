"""@jit falls back to object mode, with loops lifted into compiled code."""
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from numjit import jit, njit, NumJitWarning, TypingError, UnsupportedError

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def report(values, count):
    units = {"m": "metre", "s": "second"}                 # a dict of strings: not in nopython mode
    total = 0.0
    for i in range(values.shape[0]):
        total += values[i] * values[i]
    scale = 2
    while scale < 100:
        scale *= 3
    label = ", ".join(units[n].upper() for n in "ms"[:count])    # method calls on Python objects
    return total, scale, label


def fallback_warnings(func, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args, **kwargs)
    return result, [w for w in caught if issubclass(w.category, NumJitWarning)]


def test_fallback_runs_the_interpreter_and_compiles_the_loops():
    f = jit(report)
    values = np.arange(6.0)
    result, caught = fallback_warnings(f, values, 2)
    assert result == report(values, 2)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "report(array(float64, 1d, C), int64) cannot be compiled in nopython mode" in message
    assert "runs in object mode" in message and "2 loop(s) lifted to compiled code (line 19, 22)" in message
    assert 'test_object_mode.py", line 17' in message and "units = {" in message   # the nopython error, located
    assert caught[0].filename == __file__                                   # reported at the caller
    loops = f.lifted_loops
    assert [d.signatures for d in loops] == [[("float64", "array(float64, 1d, C)")], [("int64",)]]   # (total, values), (scale,)
    assert "while" in loops[0].inspect_ir()[loops[0].signatures[0]]       # the loop ran as compiled code
    again, caught = fallback_warnings(f, values, 1)
    assert again == report(values, 1) and caught == []                   # warned once
    assert len(loops[0].signatures) == 1                                  # and compiled once


def test_njit_and_nopython_raise_instead():
    with pytest.raises((TypingError, UnsupportedError)):
        njit(report)(np.arange(3.0), 1)
    with pytest.raises((TypingError, UnsupportedError)):
        jit(nopython=True)(report)(np.arange(3.0), 1)
    with pytest.raises(TypeError):                       # a tuple of strings cannot be an argument
        njit(keywords)(np.arange(3.0), 1.0, label=("m",))


def test_untypable_arguments_run_in_object_mode():
    f = jit(keywords)
    result, caught = fallback_warnings(f, np.ones(2), 1.0, label="abc")
    assert result == (2.0, "ABC") and len(caught) == 1
    assert "Reason: compiled functions cannot take a str argument" in str(caught[0].message)


def test_forceobj_skips_nopython_without_a_warning():
    f = jit(forceobj=True)(report)
    result, caught = fallback_warnings(f, np.arange(4.0), 1)
    assert result == report(np.arange(4.0), 1) and caught == []
    assert len(f.lifted_loops) == 2 and f.lifted_loops[0].signatures


def live_values(a, n, flag):
    names = {"k": "v"}
    s = 0
    last = -1
    for i in range(n):                  # n == 0: s and last keep their values
        s += i
        last = i
        a[i] = s
    return s, last, a, names["k"], flag


def test_live_ins_and_outs_and_arrays_in_place():
    f = jit(live_values)
    for n in (0, 1, 5):
        a = np.zeros(5, np.int64)
        expected = live_values(np.zeros(5, np.int64), n, True)
        got, _ = fallback_warnings(f, a, n, True)
        assert got[:2] == expected[:2] and got[3:] == expected[3:]
        np.testing.assert_array_equal(got[2], expected[2])
        assert got[2] is a


def not_liftable(a):
    names = ["x"]
    for i in range(a.shape[0]):
        if a[i] < 0:
            return i
    for j in range(3):
        inner = j * 2
    return names[0], inner


def python_only_loop(n):
    seen = {}
    count = 0
    for i in range(n):
        seen[str(i)] = i                # a dict in the loop: the lifted loop stays in CPython
        count += 1
    return count, len(seen)


def test_loops_that_cannot_be_lifted_or_compiled_stay_in_cpython():
    f = jit(not_liftable)
    result, caught = fallback_warnings(f, np.array([1.0, -2.0]))
    assert result == 1 and f.lifted_loops == []
    message = str(caught[0].message)
    assert "stays in CPython: it contains return" in message
    assert "inner would be unbound after a loop that ran no iterations" in message
    g = jit(python_only_loop)
    result, caught = fallback_warnings(g, 7)
    assert result == (7, 7) and len(caught) == 1
    assert len(g.lifted_loops) == 1 and g.lifted_loops[0].signatures == []


def divides(a, d):
    tag = {"name": "x"}
    s = 0
    for i in range(a.shape[0]):
        s += a[i] // d
    return s, tag


def test_exceptions_in_lifted_loops_reach_python():
    f = jit(divides)
    result, _ = fallback_warnings(f, np.arange(5), 2)
    assert result == divides(np.arange(5), 2)
    with pytest.raises(ZeroDivisionError):
        f(np.arange(5), 0)


def keywords(a, scale=2.0, *, label="x"):
    text = label.upper()
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * scale
    return s, text


def test_keywords_and_defaults_in_object_mode():
    f = jit(keywords)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NumJitWarning)
        assert f(np.ones(3)) == (6.0, "X")
        assert f(np.ones(3), scale=1.0, label="y") == (3.0, "Y")


CACHED = '''
import numpy as np
import numjit

@numjit.jit(cache=True)
def summary(values):
    units = {"a": "b"}
    total = 0.0
    for i in range(values.shape[0]):
        total += values[i]
    return total, units["a"]
'''

RUN = '''
import json, sys, warnings
sys.path[:0] = [%r, %r]
warnings.simplefilter("ignore")
import numpy as np
import cached
result = cached.summary(np.arange(4.0))
loop = cached.summary.lifted_loops[0]
print(json.dumps({"result": list(result), "hits": loop.stats.hits, "misses": loop.stats.misses}))
'''


def test_lifted_loops_are_cached_across_processes(tmp_path):
    (tmp_path / "cached.py").write_text(CACHED)
    script = tmp_path / "run.py"
    script.write_text(RUN % (PACKAGE, str(tmp_path)))
    environment = dict(os.environ, NUMJIT_CACHE_DIR=str(tmp_path / "cache"))
    runs = [json.loads(subprocess.run([sys.executable, str(script)], env=environment, capture_output=True, text=True,
                                      check=True).stdout) for _ in range(2)]
    assert runs[0] == {"result": [6.0, "b"], "hits": 0, "misses": 1}
    assert runs[1] == {"result": [6.0, "b"], "hits": 1, "misses": 0}
