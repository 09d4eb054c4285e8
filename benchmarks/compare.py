#!/usr/bin/env python3
"""Compare CPython, numba and NumJit on the kernels of benchmarks/kernels.py, in one process.

    /usr/bin/python3 benchmarks/compare.py [--quick] [--markdown FILE] [--only NAME,...]

Sections (see benchmarks/README.md for what each one measures):
  1. kernels: steady-state time per call (warm-up call excluded, best of N); every numba and
     numjit result is checked against CPython's first (a mismatch fails loudly, exit status 1)
  2. call overhead: ns per call of f(x, y) -> x + y and f(a) -> a[0], raw and minus a no-op loop
  3. first-call latency: compile + first call of black_scholes, each run in a fresh subprocess
  4. import time: `import numjit` / `import numba` in fresh subprocesses
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
import timeit

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.join(os.path.dirname(HERE), "python")
sys.path.insert(0, PYTHON_DIR)
sys.path.insert(0, HERE)

import kernels  # noqa: E402
from report import environment, finish, fmt_ratio, fmt_time, loud, markdown_table  # noqa: E402

RTOL = 1e-12


# ---------------------------------------------------------------- helpers


def mismatch(ref, got, path="result"):
    """None when `got` matches `ref` (ints exact, floats rtol 1e-12, arrays allclose), else why not."""
    if isinstance(ref, tuple):
        if not isinstance(got, tuple) or len(got) != len(ref):
            return "%s: expected a tuple of %d, got %r" % (path, len(ref), type(got))
        for i, (r, g) in enumerate(zip(ref, got)):
            why = mismatch(r, g, "%s[%d]" % (path, i))
            if why:
                return why
        return None
    if isinstance(ref, np.ndarray):
        if not isinstance(got, np.ndarray):
            return "%s: expected an array, got %r" % (path, type(got))
        if ref.shape != got.shape or ref.dtype != got.dtype:
            return "%s: expected %s %s, got %s %s" % (path, ref.dtype, ref.shape, got.dtype, got.shape)
        if ref.dtype.kind in "biu":
            if not np.array_equal(ref, got):
                return "%s: %d integer elements differ" % (path, int(np.sum(ref != got)))
            return None
        atol = RTOL * float(np.max(np.abs(ref))) if ref.size else 0.0
        if not np.allclose(got, ref, rtol=RTOL, atol=atol, equal_nan=True):
            worst = float(np.max(np.abs(got - ref)))
            return "%s: arrays differ (max abs diff %g, atol %g, rtol %g)" % (path, worst, atol, RTOL)
        return None
    if isinstance(ref, (bool, np.bool_)) or isinstance(ref, (int, np.integer)):
        if not isinstance(got, (int, np.integer, bool, np.bool_)) or int(got) != int(ref):
            return "%s: expected %r, got %r" % (path, ref, got)
        return None
    if isinstance(ref, (float, np.floating)):
        if not isinstance(got, (float, np.floating)) or not math.isclose(got, ref, rel_tol=RTOL, abs_tol=0.0):
            return "%s: expected %r, got %r" % (path, ref, got)
        return None
    if ref != got:
        return "%s: expected %r, got %r" % (path, ref, got)
    return None


def fresh(args):
    """Copies of the array arguments (in-place kernels then always start from the same state)."""
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)


def best_of(func, base_args, repeats):
    times = []
    for _ in range(repeats):
        args = fresh(base_args)
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


# ---------------------------------------------------------------- 1. kernels
def run_kernels(opts, runtimes, failures):
    rows = []
    for kernel in kernels.KERNELS:
        if opts.only and kernel["name"] not in opts.only:
            continue
        name = kernel["name"]
        size = kernel["quick_size"] if opts.quick else kernel["size"]
        full_args = kernel["make_args"](size)
        print("[kernel] %s: %s" % (name, kernels.describe(kernel, size)), flush=True)

        cp_func = kernels.bind(kernel, None)
        # CPython's size: a smaller problem scaled linearly, only for kernels linear in `size`.
        cp_size, factor = size, 1.0
        if kernel["linear"] and not opts.quick and "cpython_size" in kernel:
            small = kernel["cpython_size"]
            small_args = kernel["make_args"](small)
            start = time.perf_counter()
            cp_func(*fresh(small_args))
            estimate = (time.perf_counter() - start) * kernels.scale_factor(kernel, size, small)
            if estimate > opts.cpython_full_below:
                cp_size, factor = small, kernels.scale_factor(kernel, size, small)
        cp_args = full_args if cp_size == size else kernel["make_args"](cp_size)

        # Reference result (this call is also CPython's warm-up).
        args = fresh(cp_args)
        reference = kernel["result"](args, cp_func(*args))

        results = {}
        row_ok = True
        for runtime, decorator in runtimes.items():
            if decorator is None or decorator is False:
                continue
            try:
                func = kernels.bind(kernel, decorator)
                args = fresh(cp_args)
                got = kernel["result"](args, func(*args))   # compile + warm-up, excluded
            except Exception as error:  # noqa: BLE001 - report any compile/run failure and go on
                loud("%s: %s FAILED at CPython's size: %s: %s" % (name, runtime, type(error).__name__, error))
                failures.append("%s/%s: %s" % (name, runtime, type(error).__name__))
                row_ok = False
                continue
            why = mismatch(reference, got)
            if why:
                loud("%s: %s result differs from CPython's: %s" % (name, runtime, why))
                failures.append("%s/%s: mismatch" % (name, runtime))
                row_ok = False
                continue
            if cp_size != size:
                args = fresh(full_args)
                full_result = kernel["result"](args, func(*args))   # warm-up at the timed size
                results[runtime] = (func, full_result)
            else:
                results[runtime] = (func, None)
        # At the full size (CPython scaled), cross-check numjit against numba.
        if cp_size != size and "numba" in results and "numjit" in results:
            why = mismatch(results["numba"][1], results["numjit"][1])
            if why:
                loud("%s: numjit differs from numba at the full size: %s" % (name, why))
                failures.append("%s: numjit/numba mismatch at full size" % name)
                row_ok = False

        cp_time = best_of(cp_func, cp_args, opts.cpython_repeats) * factor
        times = {}
        for runtime, (func, _) in results.items():
            times[runtime] = best_of(func, full_args, opts.repeats)
        nb, nj = times.get("numba"), times.get("numjit")
        note = "CPython: full size"
        if factor != 1.0:
            note = "CPython: size %s, time scaled x%g (linear in size)" % (_size_text(cp_size), factor)
        if not row_ok:
            note = "**FAILED** " + note
        rows.append([kernels.describe(kernel, size), fmt_time(cp_time),
                     fmt_time(nb) if runtimes.get("numba") else "skipped", fmt_time(nj),
                     fmt_ratio(cp_time / nj if nj else None),
                     fmt_ratio(nj / nb if nj and nb else None), note])
        print("    CPython %s | numba %s | numjit %s" % (fmt_time(cp_time), fmt_time(nb), fmt_time(nj)), flush=True)
    header = ["kernel", "CPython", "numba", "numjit", "numjit speedup vs CPython", "numjit/numba time",
              "notes"]
    return markdown_table(header, rows), None


def _size_text(size):
    return "x".join(str(s) for s in size) if isinstance(size, tuple) else format(size, "_")


# ---------------------------------------------------------------- 2. call overhead
def add2(x, y):
    return x + y


def first(a):
    return a[0]


def call_overhead(opts, runtimes):
    number = 200_000 if opts.quick else 1_000_000
    repeat = 5
    # The statement's names are locals of timeit's inner function (defined in `setup`), as in
    # a loop in a function; the no-op baseline is `pass` with the same number of iterations.
    noop = min(timeit.Timer("pass").repeat(repeat, number)) / number
    array = np.arange(4, dtype=np.float64)
    rows = []
    for runtime, decorator in runtimes.items():
        if decorator is False:
            continue
        for label, func, stmt, setup_values in (
                ("f(x, y) floats -> x + y", add2, "f(x, y)", {"x": 1.5, "y": 2.5}),
                ("f(a) 1-D float64 -> a[0]", first, "f(a)", {"a": array})):
            f = func if decorator is None else decorator(func)
            namespace = dict(setup_values, F=f)
            f(*setup_values.values())   # compile
            setup = "f = F; " + "; ".join("%s = _%s" % (k, k) for k in setup_values)
            namespace.update({"_" + k: v for k, v in setup_values.items()})
            raw = min(timeit.Timer(stmt, setup=setup, globals=namespace).repeat(repeat, number)) / number
            rows.append([label, runtime, "%.1f" % (raw * 1e9), "%.1f" % ((raw - noop) * 1e9)])
    header = ["call", "runtime", "raw ns/call", "net ns/call (minus no-op loop %.1f ns)" % (noop * 1e9)]
    return markdown_table(header, rows), {(r[0], r[1]): float(r[3]) for r in rows}


# ---------------------------------------------------------------- 3. first-call latency
_LATENCY_SCRIPT = r"""
import json, sys, time
sys.path.insert(0, %(python_dir)r)
sys.path.insert(0, %(bench_dir)r)
import numpy as np
import kernels
which, mode = sys.argv[1], sys.argv[2]
if which == "numjit":
    import numjit as jit
else:
    import numba as jit
if mode in ("warm", "hot"):
    # Bring the compiler up (numjit: the .NET host; numba: LLVM) with another function.
    w = jit.njit(kernels.warmup_add)
    w(1.0, 2.0)
if mode == "hot":
    # Also exercise the compiler's code paths (math functions, 2-D arrays) on other sources.
    jit.njit(kernels.bs_call)(100.0, 95.0, 1.0, 0.03, 0.25)
    jit.njit(kernels.nbody)(*kernels._nbody_args(4))
args = kernels._bs_args(1000)
f = jit.njit(kernels.black_scholes)
start = time.perf_counter()
f(*args)
elapsed = time.perf_counter() - start
start = time.perf_counter()
f(*args)
second = time.perf_counter() - start
phases = None
if which == "numjit":
    phases = list(f.overloads.values())[0].timings_ms
print(json.dumps({"first": elapsed, "second": second, "phases": phases}))
"""


def first_call_latency(opts, have_numba):
    script = _LATENCY_SCRIPT % {"python_dir": PYTHON_DIR, "bench_dir": HERE}
    runs = 1 if opts.quick else 5
    rows = []
    summary = {}
    cases = [("numjit", "warm"), ("numjit", "hot"), ("numjit", "cold")]
    if have_numba:
        cases += [("numba", "warm"), ("numba", "hot"), ("numba", "cold")]
    for which, mode in cases:
        samples, seconds, phases = [], [], []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", script, which, mode], capture_output=True, text=True)
            if out.returncode != 0:
                loud("first-call latency %s/%s failed:\n%s" % (which, mode, out.stderr[-2000:]))
                break
            data = json.loads(out.stdout.strip().splitlines()[-1])
            samples.append(data["first"])
            seconds.append(data["second"])
            if data["phases"]:
                phases.append(data["phases"])
        if not samples:
            continue
        what = {"warm": "warm: compiler up (a 2-line function compiled first)",
                "hot": "hot: compiler code paths exercised (scalar Black-Scholes and n-body compiled first)",
                "cold": "cold: first compile in the process (%s)" % (
                    "includes starting the .NET host" if which == "numjit" else "includes numba/LLVM initialisation"),
                }[mode]
        phase_text = ""
        if phases:
            best = min(phases, key=lambda p: sum(p.values()))
            phase_text = ", ".join("%s %.2f" % (k, v) for k, v in best.items())
        rows.append([which, what, "%.2f" % (min(samples) * 1e3), "%.2f" % (statistics.median(samples) * 1e3),
                     "%.3f" % (statistics.median(seconds) * 1e3), str(len(samples)), phase_text or "-"])
        summary[(which, mode)] = min(samples) * 1e3
    header = ["runtime", "process state", "first call: best ms", "first call: median ms", "second call: median ms",
              "runs", "numjit compiler phases, best run (ms)"]
    return markdown_table(header, rows), summary


# ---------------------------------------------------------------- 4. import time
_IMPORT_SCRIPT = r"""
import sys, time
sys.path.insert(0, %(python_dir)r)
start = time.perf_counter()
import %(module)s
print(time.perf_counter() - start)
"""


def import_times(opts, have_numba):
    runs = 2 if opts.quick else 5
    rows = []
    summary = {}
    modules = ["numjit", "numpy"] + (["numba"] if have_numba else [])
    for module in modules:
        samples = []
        for _ in range(runs):
            script = _IMPORT_SCRIPT % {"python_dir": PYTHON_DIR, "module": module}
            out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
            if out.returncode != 0:
                loud("import %s failed:\n%s" % (module, out.stderr[-2000:]))
                break
            samples.append(float(out.stdout.strip().splitlines()[-1]))
        if samples:
            rows.append(["import " + module, "%.2f" % (min(samples) * 1e3), "%.2f" % (statistics.median(samples) * 1e3),
                         str(len(samples))])
            summary[module] = min(samples) * 1e3
    note = ("`import numjit` does not import numpy (numpy is imported at the first compile); "
            "numba imports numpy, so its time includes numpy's.")
    return markdown_table(["statement (fresh process)", "best ms", "median ms", "runs"], rows) + "\n\n" + note, summary


# ---------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI smoke test)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the tables to FILE")
    parser.add_argument("--only", metavar="NAME,...",
                        help="only these kernels (%s); the other sections are skipped unless named: "
                             "calls, latency, import" % ",".join(k["name"] for k in kernels.KERNELS))
    parser.add_argument("--repeats", type=int, default=None, help="best of N for numba/numjit (default 5, quick 2)")
    parser.add_argument("--cpython-repeats", type=int, default=None, help="best of N for CPython (default 3, quick 1)")
    parser.add_argument("--cpython-full-below", type=float, default=1.0, metavar="SECONDS",
                        help="linear kernels run CPython at full size when one full call is estimated below "
                             "this (default 1.0 s), else at cpython_size scaled")
    opts = parser.parse_args(argv)
    opts.only = set(opts.only.split(",")) if opts.only else None
    if opts.repeats is None:
        opts.repeats = 2 if opts.quick else 5
    if opts.cpython_repeats is None:
        opts.cpython_repeats = 1 if opts.quick else 3
    known = {k["name"] for k in kernels.KERNELS} | {"calls", "latency", "import"}
    if opts.only and opts.only - known:
        parser.error("unknown name(s) in --only: %s" % ", ".join(sorted(opts.only - known)))

    started = time.perf_counter()
    import numjit
    runtimes = {"CPython": None}
    try:
        import numba
        runtimes["numba"] = numba.njit
    except ImportError as error:
        print("numba is not importable (%s): numba columns are skipped" % error, file=sys.stderr)
        runtimes["numba"] = False
    runtimes["numjit"] = numjit.njit
    have_numba = runtimes["numba"] is not False

    failures = []
    sections = ["# NumJit benchmarks%s" % (" (--quick)" if opts.quick else ""), "",
                "\n".join("- " + line for line in environment()), ""]

    def wanted(section):
        return opts.only is None or section in opts.only

    if opts.only is None or opts.only & {k["name"] for k in kernels.KERNELS}:
        table, _ = run_kernels(opts, runtimes, failures)
        sections += ["## Steady-state kernel time (best of %d after a warm-up call; CPython best of %d)"
                     % (opts.repeats, opts.cpython_repeats), "", table, ""]
    if wanted("calls"):
        print("[calls] call overhead", flush=True)
        table, _ = call_overhead(opts, runtimes)
        sections += ["## Call overhead (timeit, best of 5, %s calls)" % ("200k" if opts.quick else "1M"), "",
                     table, ""]
    if wanted("latency"):
        print("[latency] first-call latency (subprocesses)", flush=True)
        table, _ = first_call_latency(opts, have_numba)
        sections += ["## First-call latency: black_scholes (20 lines), compile + first call, fresh subprocess "
                     "per run", "", table, ""]
    if wanted("import"):
        print("[import] import time (subprocesses)", flush=True)
        table, _ = import_times(opts, have_numba)
        sections += ["## Import time (perf_counter around the import, fresh subprocess per run)", "", table, ""]
    return finish(sections, "compare.py", started, opts.markdown, failures)


if __name__ == "__main__":
    sys.exit(main())
