"""The GPU simulator's cost per simulated thread, with and without barriers.

    /usr/bin/python3 benchmarks/gpu_simulator.py"""
import os
import sys
import time

os.environ["NUMJIT_GPU_BACKEND"] = "sim"
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import numpy as np  # noqa: E402
import numjit  # noqa: E402
from numjit import cuda  # noqa: E402

from gpu_kernels import kernels  # noqa: E402


axpy, _, block_sum = kernels(cuda, numjit.float32, numjit.float64)   # block_sum: 256 threads, 9 barriers
n = 1 << 20
x = cuda.to_device(np.random.rand(n))
y = cuda.to_device(np.random.rand(n))
out = cuda.device_array(n)
axpy[n // 256, 256](out, 2.0, x, y)
t = time.perf_counter()
axpy[n // 256, 256](out, 2.0, x, y)
dt = time.perf_counter() - t
print("axpy %d threads: %.1f ms, %.1f ns/thread" % (n, dt * 1e3, dt / n * 1e9))
m = 64 * 256
a = cuda.to_device(np.random.rand(m))
o = cuda.device_array(64)
block_sum[64, 256](a, o)
t = time.perf_counter()
block_sum[64, 256](a, o)
dt = time.perf_counter() - t
print("block_sum %d threads, 9 barriers: %.1f ms, %.1f us/thread" % (m, dt * 1e3, dt / m * 1e6))
