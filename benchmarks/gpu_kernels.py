"""The kernels the GPU benchmarks time, written once for any numba.cuda-like module (numba's
cuda, numjit.cuda, numjit.opencl): gpu_cuda.py, gpu_opencl.py and gpu_simulator.py."""

TPB = 16
THREADS = 256


def kernels(cuda, float32, float64):
    """The same three kernels for a numba.cuda-like module."""
    @cuda.jit
    def axpy(out, a, x, y):
        i = cuda.grid(1)
        if i < out.shape[0]:
            out[i] = a * x[i] + y[i]

    @cuda.jit
    def matmul(A, B, C):
        sA = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
        sB = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
        x, y = cuda.grid(2)
        tx = cuda.threadIdx.x
        ty = cuda.threadIdx.y
        tmp = float32(0.0)
        for i in range(cuda.gridDim.x):
            sA[ty, tx] = A[y, tx + i * TPB]
            sB[ty, tx] = B[ty + i * TPB, x]
            cuda.syncthreads()
            for j in range(TPB):
                tmp += sA[ty, j] * sB[j, tx]
            cuda.syncthreads()
        C[y, x] = tmp

    @cuda.jit
    def block_sum(data, partial):
        cache = cuda.shared.array(THREADS, float64)
        tid = cuda.threadIdx.x
        i = cuda.grid(1)
        cache[tid] = data[i] if i < data.shape[0] else 0.0
        cuda.syncthreads()
        step = THREADS // 2
        while step > 0:
            if tid < step:
                cache[tid] += cache[tid + step]
            cuda.syncthreads()
            step //= 2
        if tid == 0:
            partial[cuda.blockIdx.x] = cache[0]

    return axpy, matmul, block_sum
