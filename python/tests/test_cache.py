"""cache=True: entries shared between processes (each run here is a fresh interpreter)."""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from numjit import njit

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

KERNELS = '''
import numpy as np
import numjit
from helpers import weight

SCALE = 3.0

@numjit.njit(cache=True)
def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += weight(a[i]) * SCALE
    return s

@numjit.njit(cache=True, fastmath=FASTMATH)
def squares(n):
    return np.arange(n) ** 2

@numjit.njit
def uncached(x):
    return x + 1
'''

HELPERS = '''
import numjit

@numjit.njit
def weight(x):
    return x * 2.0
'''

RUN = '''
import json, sys
sys.path.insert(0, %(package)r)
sys.path.insert(0, %(folder)r)
import numpy as np
import kernels
a = np.arange(10.0)
out = {"total": kernels.total(a), "squares": kernels.squares(6).tolist(), "total_int": kernels.total(np.arange(4)),
       "uncached": kernels.uncached(1)}
stats = {name: [getattr(kernels, name).stats.hits, getattr(kernels, name).stats.misses,
                getattr(kernels, name).stats.rejected] for name in ("total", "squares", "uncached")}
print(json.dumps({"out": out, "stats": stats, "path": kernels.total.stats.cache_path}))
'''


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    write_kernels(folder)
    (folder / "helpers.py").write_text(HELPERS)
    return folder


def write_kernels(folder, fastmath=False, scale="3.0"):
    (folder / "kernels.py").write_text(KERNELS.replace("FASTMATH", str(fastmath)).replace("SCALE = 3.0", "SCALE = " + scale))


def run(folder, cache_dir=None, processes=1, **env):
    script = folder / "run.py"
    script.write_text(RUN % {"package": PACKAGE, "folder": str(folder)})
    environment = dict(os.environ, **env)
    environment.pop("NUMJIT_CACHE", None)
    if cache_dir is not None:
        environment["NUMJIT_CACHE_DIR"] = str(cache_dir)
    else:
        environment.pop("NUMJIT_CACHE_DIR", None)
    children = [subprocess.Popen([sys.executable, str(script)], env=environment, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(processes)]
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results if processes > 1 else results[0]


def expected(scale=3.0):
    return {"total": float(sum(x * 2.0 * scale for x in range(10))), "squares": [i * i for i in range(6)],
            "total_int": float(sum(x * 2.0 * scale for x in range(4))), "uncached": 2}


def entries(directory):
    return sorted(p for p in os.listdir(directory) if p.endswith(".nji"))


def test_second_process_loads_what_the_first_compiled(project):
    first = run(project)
    assert first["out"] == expected()
    assert first["path"] == str(project / "__pycache__")
    assert first["stats"] == {"total": [0, 2, 0], "squares": [0, 1, 0], "uncached": [0, 0, 0]}
    assert len(entries(project / "__pycache__")) == 3        # total twice (float64 and int64 arrays), squares
    second = run(project)
    assert second["out"] == expected()
    assert second["stats"] == {"total": [2, 0, 0], "squares": [1, 0, 0], "uncached": [0, 0, 0]}


def test_a_changed_callee_in_another_module_invalidates(project):
    run(project)
    (project / "helpers.py").write_text(HELPERS.replace("x * 2.0", "x * 5.0"))
    changed = run(project)
    assert changed["stats"]["total"] == [0, 2, 0]
    assert changed["out"]["total"] == float(sum(x * 5.0 * 3.0 for x in range(10)))
    assert changed["stats"]["squares"] == [1, 0, 0]           # does not call the helper


def test_a_changed_global_or_option_or_flag_invalidates(project, tmp_path):
    run(project)
    write_kernels(project, scale="4.0")
    changed = run(project)
    assert changed["stats"]["total"] == [0, 2, 0] and changed["out"]["total"] == expected(4.0)["total"]
    write_kernels(project, scale="4.0", fastmath=True)
    assert run(project)["stats"] == {"total": [2, 0, 0], "squares": [0, 1, 0], "uncached": [0, 0, 0]}
    flagged = run(project, NUMJIT_BOUNDSCHECK="1")
    assert flagged["stats"]["total"] == [0, 2, 0] and flagged["stats"]["squares"] == [0, 1, 0]
    assert run(project, NUMJIT_BOUNDSCHECK="1")["stats"]["total"] == [2, 0, 0]


def test_cache_dir_setting_and_moving(project, tmp_path):
    first_dir = tmp_path / "cache-a"
    assert run(project, first_dir)["stats"]["total"] == [0, 2, 0]
    assert run(project, first_dir)["stats"]["total"] == [2, 0, 0]
    assert not (project / "__pycache__").exists()
    moved = tmp_path / "cache-moved"
    os.rename(first_dir, moved)
    after_move = run(project, moved)                          # entries hold no paths: still hits
    assert after_move["stats"]["total"] == [2, 0, 0] and after_move["path"] == str(moved)
    fresh = run(project, tmp_path / "cache-b")                # a new directory starts empty
    assert fresh["stats"]["total"] == [0, 2, 0] and fresh["out"] == expected()


def test_eight_processes_cold_start_on_one_cache(project, tmp_path):
    directory = tmp_path / "shared"
    results = run(project, directory, processes=8)
    for result in results:
        assert result["out"] == expected()
        assert sum(result["stats"]["total"][:2]) == 2 and result["stats"]["total"][2] == 0
    assert len(entries(directory)) == 3
    assert not [p for p in os.listdir(directory) if p.startswith(".tmp-")]
    assert run(project, directory)["stats"]["total"] == [2, 0, 0]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "flip", "foreign"])
def test_a_damaged_entry_is_rebuilt_not_loaded(project, tmp_path, damage):
    directory = tmp_path / "cache"
    run(project, directory)
    names = entries(directory)
    victim = directory / [n for n in names if ".squares." in n][0]
    data = victim.read_bytes()
    if damage == "truncate":
        victim.write_bytes(data[:len(data) // 2])
    elif damage == "garbage":
        victim.write_bytes(os.urandom(len(data)))
    elif damage == "empty":
        victim.write_bytes(b"")
    elif damage == "flip":
        middle = len(data) // 2
        victim.write_bytes(data[:middle] + bytes([data[middle] ^ 0x40]) + data[middle + 1:])
    else:                                                     # a valid entry, for another key
        victim.write_bytes((directory / [n for n in names if ".total." in n][0]).read_bytes())
    result = run(project, directory)
    assert result["out"] == expected()
    assert result["stats"]["squares"] == [0, 1, 1]           # found, rejected, compiled again
    assert result["stats"]["total"] == [2, 0, 0]
    assert run(project, directory)["stats"]["squares"] == [1, 0, 0]   # and saved again


def test_entries_in_a_directory_of_another_user_are_not_loaded(project, tmp_path):
    directory = tmp_path / "cache"
    run(project, directory)
    script = project / "run.py"
    # Pretend to be another user: the directory and its entries now belong to someone else.
    script.write_text("import os\nos.getuid = lambda: os.stat(%r).st_uid + 1\n" % str(directory) + script.read_text())
    environment = dict(os.environ, NUMJIT_CACHE_DIR=str(directory))
    out = subprocess.run([sys.executable, str(script)], env=environment, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["out"] == expected()
    assert result["stats"]["total"] == [0, 2, 0] and result["path"] is None


def test_numjit_cache_env_turns_caching_on(tmp_path):
    folder = tmp_path / "envproject"
    folder.mkdir()
    (folder / "plain.py").write_text("import numjit\n@numjit.njit\ndef f(x):\n    return x * 2\n")
    code = ("import sys; sys.path[:0] = [%r, %r]\nimport plain\nprint(plain.f(21), plain.f.stats.hits, plain.f.stats.misses)"
            % (PACKAGE, str(folder)))
    environment = dict(os.environ, NUMJIT_CACHE="1", NUMJIT_CACHE_DIR=str(tmp_path / "c"))
    outputs = [subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True,
                              check=True).stdout.split() for _ in range(2)]
    assert outputs == [["42", "0", "1"], ["42", "1", "0"]]


def increment(x):
    return x + 1


def test_stats_without_cache_are_zero():
    f = njit(increment)
    assert f(1) == 2
    assert (f.stats.hits, f.stats.misses) == (0, 0)


def test_code_calling_a_gufunc_runs_but_is_not_saved(tmp_path, monkeypatch):
    import numjit
    monkeypatch.setenv("NUMJIT_CACHE_DIR", str(tmp_path))

    @numjit.guvectorize(["void(float64[:], float64[:])"], "(n)->()")
    def gsum(a, out):
        out[0] = a.sum()

    @numjit.njit(cache=True)
    def caller(x):
        return gsum(x)

    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(caller(x), [3.0, 12.0])
    assert caller.stats.misses == 1 and sum(caller.stats.unsaved.values()) == 1
    assert entries(tmp_path) == []


def test_source_of_multiline_and_decorated_functions(tmp_path, monkeypatch):
    monkeypatch.setenv("NUMJIT_CACHE_DIR", str(tmp_path))
    module = tmp_path / "shapes.py"
    module.write_text(textwrap.dedent('''
        import numjit

        @numjit.njit(
            cache=True,
        )
        def spread(a,
                   b):
            x = (a
                 + b
            )
            return (
                x * 2
            )
        # a trailing comment
    '''))
    sys.path.insert(0, str(tmp_path))
    try:
        import shapes
        assert shapes.spread(1, 2) == 6
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("shapes", None)
