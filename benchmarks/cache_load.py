"""cache=True: what a fresh process pays per function on a cache hit, numjit against numba.

    /usr/bin/python3 benchmarks/cache_load.py [--runs N] [--markdown FILE]

Writes a module of five kernels (scalar loop, array expression, 2-D loops, a function calling
another jitted function, np.histogram) to a temporary folder, once decorated with numjit's and
once with numba's ``njit(cache=True)``. For each library: one process compiles and saves
(cold), then N fresh processes load. Every child first starts the library (numjit: the .NET
host, whose warm-up thread is given 1 s to finish; numba: one cached trivial function, so its
~0.1 s first-load setup is reported separately), then times the first call of each kernel,
which loads the cached code and runs it. numjit also reports the load alone (the dispatcher's
load of the entry, before the call that has RyuJIT compile the loaded IL). Results are checked
against the cold process's. Reported: the median over the N runs of each time.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "python"))
import report  # noqa: E402

KERNELS = '''
import numpy as np
from LIB import njit

@njit(cache=True)
def warm(x):
    return x + 1

@njit(cache=True)
def loop_sum(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s

@njit(cache=True)
def expression(a, b):
    return a * b + np.sin(a) - 2.0 * a / (b + 1.0)

@njit(cache=True)
def pairwise(X):
    n = X.shape[0]
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            d = 0.0
            for k in range(X.shape[1]):
                t = X[i, k] - X[j, k]
                d += t * t
            out[i, j] = np.sqrt(d)
    return out

@njit(cache=True)
def helper(x):
    return x * 0.5 + 1.0

@njit(cache=True)
def calls_helper(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += helper(a[i])
    return s

@njit(cache=True)
def histogram(a):
    counts, edges = np.histogram(a, 20)
    return counts
'''

CHILD = '''
import json, sys, time
sys.path[:0] = [%(package)r, %(folder)r]
import numpy as np
started = time.perf_counter()
%(start_library)s
library_up = time.perf_counter() - started
import kernels_%(lib)s as k
setup = time.perf_counter()
k.warm(1)
first_load_setup = time.perf_counter() - setup
rng = np.random.default_rng(0)
a, b, X = rng.random(1000), rng.random(1000), rng.random((20, 3))
calls = [("loop_sum", (a,)), ("expression", (a, b)), ("pairwise", (X,)), ("calls_helper", (a,)), ("histogram", (a,))]
times, loads, results = {}, {}, {}
for name, args in calls:
    f = getattr(k, name)
    if %(numjit)s:
        from numjit._typeof import typeof
        t0 = time.perf_counter()
        f._compile_types(tuple(typeof(x) for x in args))
        loads[name] = time.perf_counter() - t0
        t1 = time.perf_counter()
        value = f(*args)
        times[name] = loads[name] + time.perf_counter() - t1
    else:
        t0 = time.perf_counter()
        value = f(*args)
        times[name] = time.perf_counter() - t0
    results[name] = np.asarray(value).tolist()
if %(numjit)s:
    hits = sum(getattr(k, n).stats.hits for n, _ in calls)
else:
    hits = sum(sum(getattr(k, n).stats.cache_hits.values()) for n, _ in calls)
print(json.dumps({"library_up": library_up, "first_load_setup": first_load_setup, "times": times, "loads": loads,
                  "results": results, "hits": hits}))
'''

STARTS = {
    "numjit": "from numjit import _loader; _loader.host(); time.sleep(1.0)",
    "numba": "import numba",
}


def child(lib, folder, cache_dir):
    script = os.path.join(folder, "child_%s.py" % lib)
    with open(script, "w") as f:
        f.write(CHILD % {"package": os.path.join(HERE, "..", "python"), "folder": folder, "lib": lib,
                         "start_library": STARTS[lib], "numjit": lib == "numjit"})
    env = dict(os.environ, NUMJIT_CACHE_DIR=cache_dir, NUMBA_CACHE_DIR=cache_dir)
    out = subprocess.run([sys.executable, script], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("%s child failed:\n%s" % (lib, out.stderr[-3000:]))
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown")
    options = parser.parse_args()
    started = time.perf_counter()
    failures = []
    libs = ["numjit"]
    try:
        import numba  # noqa: F401
        libs.append("numba")
    except ImportError:
        print("numba is not importable: numjit only")
    rows = {}
    with tempfile.TemporaryDirectory() as folder:
        for lib in libs:
            with open(os.path.join(folder, "kernels_%s.py" % lib), "w") as f:
                f.write(KERNELS.replace("LIB", lib))
            cache_dir = os.path.join(folder, "cache_" + lib)
            cold = child(lib, folder, cache_dir)
            warm = [child(lib, folder, cache_dir) for _ in range(options.runs)]
            for run in warm:
                if run["results"] != cold["results"]:
                    failures.append("%s: a cache hit gave other results than the cold compile" % lib)
                if run["hits"] != len(cold["times"]):
                    failures.append("%s: %d cache hits, expected %d" % (lib, run["hits"], len(cold["times"])))
            rows[lib] = (cold, warm)
    names = list(rows["numjit"][0]["times"])
    header = ["kernel", "numjit cold compile + call", "numjit hit: load", "numjit hit: load + first call"]
    if "numba" in rows:
        header += ["numba cold compile + call", "numba hit: first call"]
    table = []
    for name in names:
        cold, warm = rows["numjit"]
        row = [name, report.fmt_time(cold["times"][name]), report.fmt_time(statistics.median([w["loads"][name] for w in warm])),
               report.fmt_time(statistics.median([w["times"][name] for w in warm]))]
        if "numba" in rows:
            ncold, nwarm = rows["numba"]
            row += [report.fmt_time(ncold["times"][name]), report.fmt_time(statistics.median([w["times"][name] for w in nwarm]))]
        table.append(row)
    setup = [["numjit: host start (in the child, before the 1 s warm-up pause)",
              report.fmt_time(statistics.median([w["library_up"] - 1.0 for w in rows["numjit"][1]]))],
             ["numjit: first cached function of the process (`warm`), load + call",
              report.fmt_time(statistics.median([w["first_load_setup"] for w in rows["numjit"][1]]))]]
    if "numba" in rows:
        setup += [["numba: `import numba`", report.fmt_time(statistics.median([w["library_up"] for w in rows["numba"][1]]))],
                  ["numba: first cached function of the process (`warm`)",
                   report.fmt_time(statistics.median([w["first_load_setup"] for w in rows["numba"][1]]))]]
    sections = ["## Cache hits in a fresh process (median of %d processes)" % options.runs, "",
                report.markdown_table(header, table), "", report.markdown_table(["once per process", "time"], setup), "",
                "Environment: " + "; ".join(report.environment())]
    return report.finish(sections, "cache_load.py", started, options.markdown, failures)


if __name__ == "__main__":
    sys.exit(main())
