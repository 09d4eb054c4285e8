"""Formatting, failure reporting and the environment description shared by the benchmark runners
(compare.py, arrays.py)."""
import os
import platform
import sys


def loud(message):
    """A failure nobody can miss in a long run's output."""
    bar = "!" * 78
    print("\n%s\n!!! %s\n%s\n" % (bar, message, bar), file=sys.stderr, flush=True)


def finish(sections, script, started, markdown, failures):
    """Prints the report (and writes it to `markdown`); returns the exit status: 1 on failures."""
    import time
    sections.append("Total run time of %s: %.1f s" % (script, time.perf_counter() - started))
    text = "\n".join(sections)
    print()
    print(text)
    if markdown:
        with open(markdown, "w") as f:
            f.write(text + "\n")
    if failures:
        loud("FAILURES: %s" % "; ".join(failures))
        return 1
    return 0


def fmt_time(seconds):
    if seconds is None:
        return "n/a"
    if seconds >= 1.0:
        return "%.3g s" % seconds
    if seconds >= 1e-3:
        return "%.3g ms" % (seconds * 1e3)
    return "%.3g us" % (seconds * 1e6)


def fmt_ratio(value, suffix="x"):
    return "n/a" if value is None else ("%.3g%s" % (value, suffix))


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def environment():
    """Interpreter, numpy, numjit, numba (when importable) and CPU, one line each."""
    import numpy as np
    import numjit
    lines = ["python %s (%s)" % (platform.python_version(), sys.executable), "numpy %s" % np.__version__,
             "numjit %s" % numjit.__version__]
    try:
        import numba
        lines.append("numba %s" % numba.__version__)
    except ImportError:
        lines.append("numba: not importable (skipped)")
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    lines.append("%s, %d logical CPUs" % (cpu, os.cpu_count() or 0))
    return lines
