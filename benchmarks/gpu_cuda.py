"""CUDA kernels from NumJit against numba-cuda and CuPy on the same GPU, in one run.

    NUMJIT_GPU_BACKEND=cuda /usr/bin/python3 benchmarks/gpu_cuda.py [--repeats N]

Needs a GPU (scripts/gpu-device.sh runs it on a lent machine). Prints medians, in ms, of:
  - axpy on 2**26 float32 device arrays, and its bandwidth as a share of CuPy's
    device-to-device copy of the same bytes (the target is >= 85%);
  - the 1024**2 float32 tiled matmul (NumJit vs numba-cuda vs cupy.matmul);
  - a block-reduction sum of 2**24 float64 (NumJit vs numba-cuda vs cupy.sum).
Kernels are timed after a warm-up launch and synchronized; numba or CuPy rows are skipped when
that library is missing."""
import argparse
import math
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
os.environ.setdefault("NUMJIT_GPU_BACKEND", "cuda")
import numjit  # noqa: E402
from numjit import cuda as nj  # noqa: E402

from gpu_kernels import THREADS, TPB, kernels  # noqa: E402


def timed(run, synchronize, repeats):
    run()
    synchronize()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        synchronize()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def suite(name, cuda, float32, float64, to_device, device_array, repeats, results):
    axpy, matmul, block_sum = kernels(cuda, float32, float64)
    n = 1 << 26
    x, y, out = to_device(np.random.rand(n).astype(np.float32)), to_device(np.random.rand(n).astype(np.float32)), device_array(n, np.float32)
    results[(name, "axpy")] = timed(lambda: axpy[(n + THREADS - 1) // THREADS, THREADS](out, np.float32(2.0), x, y), cuda.synchronize, repeats)
    m = 1024
    A = to_device(np.random.rand(m, m).astype(np.float32))
    B = to_device(np.random.rand(m, m).astype(np.float32))
    C = device_array((m, m), np.float32)
    results[(name, "matmul")] = timed(lambda: matmul[(m // TPB, m // TPB), (TPB, TPB)](A, B, C), cuda.synchronize, repeats)
    expected = A.copy_to_host() @ B.copy_to_host()
    assert np.allclose(C.copy_to_host(), expected, rtol=1e-3), name + " matmul is wrong"
    k = 1 << 24
    data = to_device(np.random.rand(k))
    blocks = k // THREADS
    partial = device_array(blocks, np.float64)
    results[(name, "sum")] = timed(lambda: block_sum[blocks, THREADS](data, partial), cuda.synchronize, repeats)
    assert math.isclose(partial.copy_to_host().sum(), data.copy_to_host().sum(), rel_tol=1e-9), name + " sum is wrong"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    if not nj.is_available():
        sys.exit("no CUDA device: %s" % nj._api.unavailable_reason())
    nj.detect()
    results = {}
    suite("numjit", nj, numjit.float32, numjit.float64, nj.to_device, nj.device_array, args.repeats, results)
    try:
        from numba import cuda as nb, float32, float64
        suite("numba", nb, float32, float64, nb.to_device, lambda s, d: nb.device_array(s, d), args.repeats, results)
    except ImportError:
        print("numba-cuda not installed: its rows are skipped")
    try:
        import cupy as cp
        n = 1 << 26
        src, dst = cp.random.rand(3 * n // 2, dtype=cp.float32), cp.empty(3 * n // 2, cp.float32)   # axpy moves 3 arrays of n floats
        sync = cp.cuda.Device().synchronize
        results[("cupy", "copy")] = timed(lambda: cp.copyto(dst, src), sync, args.repeats)
        a, b = cp.random.rand(1024, 1024, dtype=cp.float32), cp.random.rand(1024, 1024, dtype=cp.float32)
        results[("cupy", "matmul")] = timed(lambda: a @ b, sync, args.repeats)
        v = cp.random.rand(1 << 24)
        results[("cupy", "sum")] = timed(lambda: v.sum(), sync, args.repeats)
    except ImportError:
        print("CuPy not installed: its rows are skipped")
    for (library, kernel), ms in sorted(results.items()):
        print("%-7s %-7s %9.3f ms" % (library, kernel, ms))
    if ("cupy", "copy") in results:
        # A copy of 1.5n floats reads and writes 3n floats' worth of bytes, as axpy does (x, y in, out).
        print("numjit axpy at %.0f%% of CuPy's device-to-device copy bandwidth (target >= 85%%)"
              % (100 * results[("cupy", "copy")] / results[("numjit", "axpy")]))


if __name__ == "__main__":
    main()
