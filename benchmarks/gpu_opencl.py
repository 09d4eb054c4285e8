"""The same kernels on OpenCL (pocl, a CPU device here) and compiled for the CPU with @njit.

    /usr/bin/python3 benchmarks/gpu_opencl.py [--repeats N]

Prints medians of the launch (copies included: numpy arguments) and of the njit loop."""
import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import numjit  # noqa: E402
from numjit import opencl as cl  # noqa: E402

from gpu_kernels import TPB, kernels  # noqa: E402

axpy_kernel, matmul_kernel, _ = kernels(cl, numjit.float32, numjit.float64)


@numjit.njit
def axpy_cpu(out, a, x, y):
    for i in range(out.shape[0]):
        out[i] = a * x[i] + y[i]


@numjit.njit
def matmul_cpu(A, B, C):
    n = A.shape[0]
    for i in range(n):
        for j in range(n):
            C[i, j] = 0.0
        for k in range(n):
            a = A[i, k]
            for j in range(n):
                C[i, j] += a * B[k, j]


def median_time(f, repeats):
    f()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=9)
    opts = parser.parse_args()
    if not cl.is_available():
        print("no OpenCL device:", cl._api.unavailable_reason())
        return 1
    cl.detect()
    n = 4_000_000
    x, y, out = np.random.rand(n), np.random.rand(n), np.empty(n)
    dx, dy, dout = cl.to_device(x), cl.to_device(y), cl.device_array(n)

    def device_axpy():
        axpy_kernel[(n + 255) // 256, 256](dout, 2.5, dx, dy)
        cl.synchronize()
    rows = [("axpy n=4M, numpy arguments (copies in and out)", lambda: axpy_kernel[(n + 255) // 256, 256](out, 2.5, x, y),
             lambda: axpy_cpu(out, 2.5, x, y)),
            ("axpy n=4M, device arrays", device_axpy, lambda: axpy_cpu(out, 2.5, x, y))]
    m = 512
    A, B, C = (np.random.rand(m, m).astype(np.float32) for _ in range(3))
    dA, dB, dC = cl.to_device(A), cl.to_device(B), cl.device_array((m, m), np.float32)

    def device_matmul():
        matmul_kernel[(m // TPB, m // TPB), (TPB, TPB)](dA, dB, dC)
        cl.synchronize()
    rows.append(("tiled matmul 512x512 float32, device arrays", device_matmul, lambda: matmul_cpu(A, B, C)))
    print("| kernel | OpenCL (pocl) | @njit loop on the CPU | OpenCL / njit time |")
    print("|---|---|---|---|")
    for label, gpu, cpu in rows:
        g, c = median_time(gpu, opts.repeats), median_time(cpu, opts.repeats)
        print("| %s | %.2f ms | %.2f ms | %.2fx |" % (label, g * 1e3, c * 1e3, g / c))
    matmul_kernel[(m // TPB, m // TPB), (TPB, TPB)](A, B, C)
    assert np.allclose(C, A @ B, rtol=1e-3), "matmul result is wrong"
    return 0


if __name__ == "__main__":
    sys.exit(main())
