"""AOT modules: import + first call in a fresh process, numjit.aot against numba.pycc.

    /usr/bin/python3 benchmarks/aot_import.py [--runs N] [--markdown FILE]

Builds one module of three kernels (scalar loop, array expression, 2-D loops returning an
array) with ``numjit.aot.CC`` and, when numba and a C compiler are there, with
``numba.pycc.CC`` (an extension module). Then N fresh processes each import a module and time
its first call of each kernel, checking the results against the numjit build's. numjit needs
its .NET host, started (and given 1 s for its warm-up thread) before the import is timed; that
start is reported apart. numba's pycc module needs no numba at run time. Reported: medians.
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
from LIB import CC

cc = CC("NAME")
cc.output_dir = OUT


@cc.export("loop_sum", "f8(f8[:])")
def loop_sum(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s


@cc.export("expression", "f8[:](f8[:], f8[:])")
def expression(a, b):
    return a * b + np.sin(a) - 2.0 * a / (b + 1.0)


@cc.export("pairwise", "f8[:, :](f8[:, :])")
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


if __name__ == "__main__":
    cc.compile()
'''

CHILD = '''
import json, sys, time
sys.path[:0] = [%(package)r, %(folder)r]
import numpy as np
started = time.perf_counter()
%(start)s
library_up = time.perf_counter() - started
t0 = time.perf_counter()
import %(module)s as m
imported = time.perf_counter() - t0
rng = np.random.default_rng(0)
a, b, X = rng.random(1000), rng.random(1000), rng.random((20, 3))
times, results = {}, {}
for name, args in (("loop_sum", (a,)), ("expression", (a, b)), ("pairwise", (X,))):
    t0 = time.perf_counter()
    value = getattr(m, name)(*args)
    times[name] = time.perf_counter() - t0
    results[name] = np.asarray(value).tolist()
print(json.dumps({"library_up": library_up, "import": imported, "times": times, "results": results}))
'''


def build(folder, lib, name):
    source = os.path.join(folder, "build_%s.py" % lib)
    with open(source, "w") as f:
        f.write(KERNELS.replace("LIB", "numjit.aot" if lib == "numjit" else "numba.pycc")
                .replace("NAME", name).replace("OUT", repr(folder)))
    env = dict(os.environ, PYTHONPATH=os.path.join(HERE, "..", "python"))
    started = time.perf_counter()
    result = subprocess.run([sys.executable, source], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("%s build failed:\n%s" % (lib, result.stderr[-3000:]))
    return time.perf_counter() - started


def child(folder, lib, module):
    script = os.path.join(folder, "child_%s.py" % lib)
    start = "from numjit import _loader; _loader.host(); time.sleep(1.0)" if lib == "numjit" else "pass"
    with open(script, "w") as f:
        f.write(CHILD % {"package": os.path.join(HERE, "..", "python"), "folder": folder, "start": start,
                         "module": module})
    result = subprocess.run([sys.executable, script], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("%s child failed:\n%s" % (lib, result.stderr[-3000:]))
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown")
    options = parser.parse_args()
    started = time.perf_counter()
    failures = []
    folder = tempfile.mkdtemp()
    libs = {"numjit": "kernels_numjit_aot"}
    try:
        import numba.pycc  # noqa: F401
        libs["numba"] = "kernels_numba_pycc"
    except ImportError:
        print("numba is not importable: numjit only")
    builds, runs = {}, {}
    for lib, module in libs.items():
        try:
            builds[lib] = build(folder, lib, module)
        except RuntimeError as error:
            if lib == "numjit":
                raise
            print("numba.pycc could not build (no C compiler?): numjit only\n%s" % error)
            continue
        runs[lib] = [child(folder, lib, module) for _ in range(options.runs)]
    reference = runs["numjit"][0]["results"]
    for lib, results in runs.items():
        for run in results:
            for name, value in run["results"].items():
                import numpy as np
                if not np.allclose(value, reference[name], rtol=1e-10):
                    failures.append("%s %s differs from numjit's result" % (lib, name))
    header = ["", "numjit.aot"] + (["numba.pycc"] if "numba" in runs else [])
    rows = [["build (a process compiling the three exports)"] + [report.fmt_time(builds[lib]) for lib in runs],
            ["library start before the import"] +
            [report.fmt_time(statistics.median([r["library_up"] for r in runs[lib]]) - (1.0 if lib == "numjit" else 0.0))
             for lib in runs],
            ["`import module`"] + [report.fmt_time(statistics.median([r["import"] for r in runs[lib]])) for lib in runs]]
    for name in reference:
        rows.append(["first call of `%s`" % name] + [report.fmt_time(statistics.median([r["times"][name] for r in runs[lib]]))
                                                     for lib in runs])
    sections = ["## AOT modules: fresh-process import and first calls (median of %d)" % options.runs, "",
                report.markdown_table(header, rows), "", "Environment: " + "; ".join(report.environment())]
    return report.finish(sections, "aot_import.py", started, options.markdown, failures)


if __name__ == "__main__":
    sys.exit(main())
