#!/usr/bin/env python3
"""NumPy inside kernels: numpy vs numba vs NumJit on benchmarks/array_kernels.py, in one process.

    /usr/bin/python3 benchmarks/arrays.py [--quick] [--markdown FILE] [--only NAME,...]

For every kernel (see benchmarks/README.md, section "arrays.py"):
  1. the numpy reference result (the kernel itself run by CPython when it is written with
     whole-array operations, else its vectorized numpy equivalent);
  2. numba and numjit compile the SAME function with the same options (njit or vectorize),
     run once (compile + warm-up, excluded), and their results are checked against numpy's:
     floats allclose(rtol=1e-10, atol=1e-10 * max|ref|) (sin/exp in fused array expressions may
     differ from numpy by an ulp), ints exact. A mismatch, or numjit failing to compile, is
     printed loudly and the script exits with status 1 (numba failing to compile something is
     recorded in the table, not a failure);
  3. best of N calls (time.perf_counter) for numpy, numba and numjit, taking turns.
Then the memory-bandwidth bound of the reductions (from the copy row) and the target verdicts.
"""
import argparse
import math
import os
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.join(os.path.dirname(HERE), "python")
sys.path.insert(0, PYTHON_DIR)
sys.path.insert(0, HERE)

import array_kernels  # noqa: E402
import report  # noqa: E402
from report import finish, fmt_ratio, fmt_time, loud, markdown_table  # noqa: E402

RTOL = 1e-10


# ---------------------------------------------------------------- helpers


def mismatch(ref, got):
    """None when `got` matches `ref` (ints exact, floats rtol 1e-10, arrays allclose), else why not."""
    if isinstance(ref, np.ndarray):
        if not isinstance(got, np.ndarray):
            return "expected an array, got %r" % type(got)
        if ref.shape != got.shape:
            return "expected shape %s, got %s" % (ref.shape, got.shape)
        if ref.dtype.kind in "biu":
            if got.dtype.kind not in "biu" or not np.array_equal(ref, got):
                return "integer arrays differ (%s vs %s)" % (ref.dtype, got.dtype)
            return None
        if ref.dtype != got.dtype:
            return "expected %s, got %s" % (ref.dtype, got.dtype)
        atol = RTOL * float(np.max(np.abs(ref))) if ref.size else 0.0
        if not np.allclose(got, ref, rtol=RTOL, atol=atol, equal_nan=True):
            worst = float(np.max(np.abs(got - ref)))
            return "arrays differ (max abs diff %g, atol %g, rtol %g)" % (worst, atol, RTOL)
        return None
    if isinstance(ref, (bool, np.bool_, int, np.integer)):
        if not isinstance(got, (int, np.integer, bool, np.bool_)) or int(got) != int(ref):
            return "expected %r, got %r" % (ref, got)
        return None
    if isinstance(ref, (float, np.floating)):
        if not isinstance(got, (float, np.floating)) or not math.isclose(got, ref, rel_tol=RTOL, abs_tol=0.0):
            return "expected %r, got %r" % (ref, got)
        return None
    return None if ref == got else "expected %r, got %r" % (ref, got)


def fresh(args):
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)


def interleaved_best(funcs, args, repeats):
    """Best of `repeats` calls of each function, the runtimes taking turns (numpy, numba,
    numjit, numpy, ...) so that load from other processes hits them alike. The kernels never
    modify their inputs (the copy kernels only overwrite their output argument), so the same
    arguments are reused."""
    best = {name: float("inf") for name in funcs}
    for _ in range(repeats):
        for name, func in funcs.items():
            start = time.perf_counter()
            func(*args)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def build(module, kernel):
    if kernel.get("vectorize"):
        return module.vectorize(array_kernels.SIGNATURE_F8F8)(kernel["func"])
    return module.njit(**kernel.get("options", {}))(kernel["func"])


# ---------------------------------------------------------------- kernels
def run_kernels(opts, modules, failures):
    rows, measured = [], {}
    for kernel in array_kernels.KERNELS:
        name = kernel["name"]
        if opts.only and name not in opts.only:
            continue
        size = kernel["quick_size"] if opts.quick else kernel["size"]
        args = kernel["make_args"](size)
        print("[kernel] %s: %s" % (name, array_kernels.describe(kernel, size)), flush=True)
        reference = (kernel.get("reference") or kernel["numpy"])(*fresh(args))

        funcs, notes, row_ok = {}, [], True
        for runtime, module in modules.items():
            if module is None:
                notes.append("numba not importable")
                continue
            try:
                func = build(module, kernel)
                got = func(*fresh(args))   # compile + warm-up, excluded from the timings
            except Exception as error:  # noqa: BLE001 - report any compile/run failure and go on
                first_line = (str(error).strip().splitlines() or [""])[0][:160]
                if runtime == "numjit":
                    loud("%s: numjit FAILED: %s: %s" % (name, type(error).__name__, error))
                    failures.append("%s/numjit: %s" % (name, type(error).__name__))
                    row_ok = False
                else:
                    print("    %s does not compile it: %s: %s" % (runtime, type(error).__name__, first_line),
                          flush=True)
                notes.append("%s: does not compile (%s: %s)" % (runtime, type(error).__name__,
                                                                first_line.replace("|", "\\|")))
                continue
            why = mismatch(reference, got)
            if why:
                loud("%s: %s result differs from numpy's: %s" % (name, runtime, why))
                failures.append("%s/%s: mismatch" % (name, runtime))
                row_ok = False
                notes.append("%s: **MISMATCH** %s" % (runtime, why))
                continue
            funcs[runtime] = func

        times = interleaved_best(dict({"numpy": kernel["numpy"]}, **funcs), args, opts.repeats)
        np_t, nb, nj = times["numpy"], times.get("numba"), times.get("numjit")
        measured[name] = dict(times, size=size, kernel=kernel)
        if kernel.get("options"):
            notes.insert(0, "options %s for both" % kernel["options"])
        if not row_ok:
            notes.insert(0, "**FAILED**")
        rows.append([array_kernels.describe(kernel, size), fmt_time(np_t), fmt_time(nb), fmt_time(nj),
                     fmt_ratio(nj / nb if nj and nb else None), fmt_ratio(np_t / nj if nj else None),
                     "; ".join(notes)])
        print("    numpy %s | numba %s | numjit %s" % (fmt_time(np_t), fmt_time(nb), fmt_time(nj)), flush=True)
    header = ["kernel", "numpy", "numba", "numjit", "numjit/numba time", "numjit speedup vs numpy", "notes"]
    return markdown_table(header, rows), measured


# ---------------------------------------------------------------- bandwidth bound
def bandwidth(measured):
    """Copy bandwidth and how far the reductions are from the read-only bound.

    The copy moves 2 * 8n bytes (read a, write dst; for arrays this large glibc's memmove uses
    non-temporal stores, so there is no read-for-ownership of dst). A reduction reads 8n bytes,
    so its bound is the copy time scaled to the read-only bytes: t_bound = t_copy * 8n / 16n =
    t_copy / 2. Ratio = t_sum / t_bound (1.0 = at the bound measured by the copy)."""
    if "copy" not in measured:
        return None, None
    copy = measured["copy"]
    n = copy["size"]
    t_copy = copy["numpy"]
    t_bound = t_copy / 2.0
    rows = [["numpy `np.copyto(dst, a)` (%s doubles, 16n bytes moved)" % format(n, "_"), fmt_time(t_copy),
             "%.2f GB/s" % (16.0 * n / t_copy / 1e9), "-"]]
    for runtime in ("numba", "numjit"):
        if runtime in copy:
            rows.append(["%s `dst[:] = a`" % runtime, fmt_time(copy[runtime]),
                         "%.2f GB/s" % (16.0 * n / copy[runtime] / 1e9), "-"])
    ratios = {}
    for name, what in (("sum_fastmath", "loop sum, fastmath=True"), ("sum_loop", "loop sum, strict"),
                       ("sum_method", "`a.sum()`")):
        if name not in measured or measured[name]["size"] != n:
            continue
        for runtime in ("numpy", "numba", "numjit"):
            if runtime not in measured[name] or (runtime == "numpy" and name != "sum_method"):
                continue
            t = measured[name][runtime]
            ratios[(name, runtime)] = t / t_bound
            rows.append(["%s %s (8n bytes read)" % (runtime, what), fmt_time(t), "%.2f GB/s" % (8.0 * n / t / 1e9),
                         "%.2fx" % (t / t_bound)])
    header = ["what", "time", "bandwidth", "time / read-only bound (t_copy / 2 = %s)" % fmt_time(t_bound)]
    return markdown_table(header, rows), ratios


# ---------------------------------------------------------------- targets
def targets(measured, ratios):
    rows = []
    for name, m in measured.items():
        nb, nj = m.get("numba"), m.get("numjit")
        label = array_kernels.describe(m["kernel"], m["size"])
        if nb and nj:
            rows.append(["numjit at most 1.0x numba: %s" % label, "%.3gx" % (nj / nb),
                         "met" if nj <= nb else "**missed**"])
        elif nj and not nb:
            rows.append(["numjit at most 1.0x numba: %s" % label, "numba does not compile it", "n/a (numjit runs)"])
    for runtime in ("numjit", "numba"):
        key = ("sum_fastmath", runtime)
        if key in ratios:
            rows.append(["%s fastmath loop sum within 1.1x of the copy-measured read bound" % runtime,
                         "%.2fx" % ratios[key], "met" if ratios[key] <= 1.1 else "**missed**"])
    for name, m in measured.items():
        if m["kernel"].get("expr") and m.get("numjit"):
            rows.append(["array expression faster than numpy: %s" % name,
                         "%.3gx numpy's time" % (m["numjit"] / m["numpy"]),
                         "met" if m["numjit"] < m["numpy"] else "**missed**"])
    return markdown_table(["target", "measured", "verdict"], rows)


# ---------------------------------------------------------------- main
def environment():
    """report.environment() plus when the host was built and the load average."""
    lines = report.environment()
    host = os.path.join(PYTHON_DIR, "numjit", "_host", "NumJit.dll")
    try:
        built = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(os.path.getmtime(host)))
        commit = subprocess.run(["git", "-C", HERE, "describe", "--always", "--dirty"], capture_output=True,
                                text=True).stdout.strip() or "?"
        lines.append("NumJit host built %s (working tree %s)" % (built, commit))
    except OSError:
        pass
    if hasattr(os, "getloadavg"):
        lines.append("load average at start: %.2f %.2f %.2f" % os.getloadavg())
    return lines


def main(argv=None):
    names = [k["name"] for k in array_kernels.KERNELS]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI smoke test)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the tables to FILE")
    parser.add_argument("--only", metavar="NAME,...", help="only these kernels (%s)" % ",".join(names))
    parser.add_argument("--repeats", type=int, default=None, help="best of N (default 15, quick 2)")
    opts = parser.parse_args(argv)
    opts.only = set(opts.only.split(",")) if opts.only else None
    if opts.repeats is None:
        opts.repeats = 2 if opts.quick else 15
    if opts.only and opts.only - set(names):
        parser.error("unknown name(s) in --only: %s" % ", ".join(sorted(opts.only - set(names))))

    started = time.perf_counter()
    import numjit
    modules = {}
    try:
        import numba
        modules["numba"] = numba
    except ImportError as error:
        print("numba is not importable (%s): numba columns are skipped" % error, file=sys.stderr)
        modules["numba"] = None
    modules["numjit"] = numjit

    failures = []
    table, measured = run_kernels(opts, modules, failures)
    sections = ["# NumPy inside kernels%s" % (" (--quick)" if opts.quick else ""), "",
                "\n".join("- " + line for line in environment()), "",
                "## Steady-state time per call (best of %d after a compile + warm-up call, runtimes taking "
                "turns)" % opts.repeats, "",
                table, ""]
    bw_table, ratios = bandwidth(measured)
    if bw_table:
        sections += ["## Memory-bandwidth bound of the reductions", "",
                     "t_bound = t_copy(np.copyto) * (8n read-only bytes) / (16n bytes a copy moves) = t_copy / 2",
                     "", bw_table, ""]
    sections += ["## Targets", "", targets(measured, ratios or {}), ""]
    return finish(sections, "arrays.py", started, opts.markdown, failures)


if __name__ == "__main__":
    sys.exit(main())
