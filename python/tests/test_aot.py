"""numjit.aot: modules compiled ahead of time, imported by fresh processes that never compile."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from numjit import njit, TypingError
from numjit.aot import CC

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Imports the module in a fresh process with the host's compile entry replaced by one that fails.
USE = '''
import json, sys
sys.path[:0] = [%(package)r, %(folder)r]
import numpy as np
from numjit import _loader
host = _loader.host()
def refuse(*args):
    raise AssertionError("an AOT module compiled at run time")
host["compile"] = refuse
import %(module)s as m
out = {"square_f": m.square(1.5), "square_i": m.square(7), "total": m.total(np.arange(5.0)),
       "strided": m.total(np.arange(10.0)[::3]), "signatures": [list(s) for s in m.square.signatures]}
try:
    m.total([1.0])
except TypeError as error:
    out["type_error"] = str(error)
print(json.dumps(out))
'''


def square(x):
    return x * x


def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s


def use(folder, module):
    script = folder / "use.py"
    script.write_text(USE % {"package": PACKAGE, "folder": str(folder), "module": module})
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def build(folder, name="shapes"):
    cc = CC(name)
    cc.output_dir = str(folder)
    cc.export("square", "f8(f8)")(square)
    cc.export("square", "i8(i8)")(square)
    cc.export("total", "f8(f8[:])")(njit(total))        # a dispatcher exports its Python function
    return cc.compile()


def test_cc_module_imports_and_runs_without_compiling(tmp_path):
    path = build(tmp_path)
    assert path == str(tmp_path / "shapes.py")
    assert sorted(os.listdir(tmp_path)) == ["shapes.njaot", "shapes.py"]
    out = use(tmp_path, "shapes")
    assert out["square_f"] == 2.25 and out["square_i"] == 49 and isinstance(out["square_i"], int)
    assert out["total"] == 10.0 and out["strided"] == 0.0 + 3.0 + 6.0 + 9.0
    assert out["signatures"] == [["float64"], ["int64"]]
    assert "compiled functions cannot take a list argument" in out["type_error"]


def test_damaged_or_foreign_bundles_raise_import_error(tmp_path):
    build(tmp_path)
    bundle = tmp_path / "shapes.njaot"
    data = bundle.read_bytes()
    cases = {
        "truncated": data[:len(data) - 100],
        "garbage": b"\0" * 64,
        "other build": data.replace(b'"build": "numjit', b'"build": "nomjit', 1),
    }
    for label, damaged in cases.items():
        bundle.write_bytes(damaged)
        result = subprocess.run([sys.executable, "-c", "import sys; sys.path[:0] = [%r, %r]\nimport shapes"
                                 % (PACKAGE, str(tmp_path))], capture_output=True, text=True)
        assert result.returncode == 1, label
        assert "ImportError" in result.stderr and "Traceback" in result.stderr, label
        assert ("damaged" in result.stderr or "not a numjit AOT bundle" in result.stderr
                or "another numjit build" in result.stderr), (label, result.stderr[-500:])


SOURCE = '''
import numjit

@numjit.njit(["f8(f8)", "i8(i8)"])
def square(x):
    return x * x

@numjit.njit("f8(f8[:])")
def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s

@numjit.njit
def not_exported(x):
    return x
'''


def test_python_m_numjit_aot_exports_functions_with_signatures(tmp_path):
    source = tmp_path / "kernels.py"
    source.write_text(SOURCE)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = subprocess.run([sys.executable, "-m", "numjit", "aot", str(source), "--name", "fast", "--output-dir",
                             str(out_dir)], capture_output=True, text=True, cwd=PACKAGE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote %s" % (out_dir / "fast.py")
    assert "not_exported" not in (out_dir / "fast.py").read_text()
    out = use(out_dir, "fast")
    assert out["square_f"] == 2.25 and out["square_i"] == 49 and out["total"] == 10.0


def test_errors_at_build_time(tmp_path):
    cc = CC("empty")
    cc.output_dir = str(tmp_path)
    with pytest.raises(ValueError, match="nothing to compile"):
        cc.compile()

    def bad(x):
        return x.no_such_attribute

    cc.export("bad", "f8(f8)")(bad)
    with pytest.raises(TypingError):
        cc.compile()
    assert os.listdir(tmp_path) == []
    with pytest.raises(ValueError, match="not a Python identifier"):
        CC("my-module")
    plain = tmp_path / "plain.py"
    plain.write_text("def f(x):\n    return x\n")
    result = subprocess.run([sys.executable, "-m", "numjit", "aot", str(plain)], capture_output=True, text=True,
                            cwd=PACKAGE)
    assert result.returncode == 1 and "has no jitted function with explicit signatures" in result.stderr


def test_exported_functions_match_the_jitted_ones(tmp_path):
    build(tmp_path, "again")
    sys.path.insert(0, str(tmp_path))
    try:
        import again
        a = np.random.default_rng(0).random(101)
        assert again.total(a) == njit(total)(a)
        assert again.square(-3) == 9
        assert repr(again.square) == "<numjit AOT function again.square>"
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("again", None)
