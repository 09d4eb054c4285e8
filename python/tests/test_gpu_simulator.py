"""What only the simulator (NUMJIT_GPU_BACKEND=sim) promises beyond the shared kernel suite:
real barriers, errors that name the thread, and memory that is not cleared for you."""
import numpy as np
import pytest

import numjit
from numjit import cuda


@pytest.fixture(autouse=True)
def simulator(monkeypatch):
    monkeypatch.setenv("NUMJIT_GPU_BACKEND", "sim")


@cuda.jit
def out_of_range(out, x):
    i = cuda.grid(1)
    out[i] = x[i] * 2.0


def test_out_of_range_access_names_thread_block_and_index():
    x = np.arange(10.0)
    out = np.zeros(10)
    with pytest.raises(IndexError, match=r"index 10 is out of bounds for axis 0 with size 10 "
                                         r"\(in thread \(2, 0, 0\) of block \(1, 0, 0\)\)"):
        out_of_range[2, 8](out, x)
    out_of_range[2, 5](out, x)       # the same kernel, launched in range, still works
    np.testing.assert_array_equal(out, x * 2)


@cuda.jit
def out_of_range_2d(a):
    i, j = cuda.grid(2)
    a[i, j] = 1


def test_out_of_range_in_a_2d_launch():
    with pytest.raises(IndexError, match=r"axis 1 with size 3 \(in thread \(0, 3, 0\) of block \(0, 0, 0\)\)"):
        out_of_range_2d[1, (2, 4)](np.zeros((2, 3)))


@cuda.jit
def rotate_in_shared(a, out):
    # Each thread reads what a later thread wrote: wrong unless every write happens before the barrier.
    tile = cuda.shared.array(256, numjit.float64)
    t = cuda.threadIdx.x
    i = cuda.grid(1)
    tile[t] = a[i]
    cuda.syncthreads()
    out[i] = tile[(t + 1) % cuda.blockDim.x]


def test_barrier_orders_writes_before_reads_across_blocks():
    a = np.random.rand(4 * 256)
    out = np.zeros_like(a)
    rotate_in_shared[4, 256](a, out)
    np.testing.assert_array_equal(out, np.roll(a.reshape(4, 256), -1, axis=1).ravel())


@cuda.jit
def early_exit_then_barrier(a, n):
    t = cuda.threadIdx.x
    if t >= n:
        return
    buffer = cuda.shared.array(32, numjit.int64)
    buffer[t] = t
    cuda.syncthreads()
    a[t] = buffer[n - 1 - t]


def test_threads_that_return_early_do_not_hold_the_barrier():
    a = np.full(32, -7, np.int64)
    early_exit_then_barrier[1, 32](a, 20)
    np.testing.assert_array_equal(a[:20], np.arange(20)[::-1])
    np.testing.assert_array_equal(a[20:], -7)


@cuda.jit
def fails_in_one_thread(a):
    buffer = cuda.shared.array(64, numjit.float64)
    t = cuda.threadIdx.x
    buffer[t] = 1.0
    cuda.syncthreads()
    if t == 17:
        a[100] = buffer[t]
    cuda.syncthreads()
    a[t] = buffer[t]


def test_a_failing_thread_stops_the_others_at_the_barrier():
    with pytest.raises(IndexError, match=r"in thread \(17, 0, 0\) of block \(0, 0, 0\)"):
        fails_in_one_thread[2, 64](np.zeros(64))


@cuda.jit
def read_uninitialized(out_f, out_i):
    f = cuda.shared.array(4, numjit.float64)
    n = cuda.local.array(4, numjit.int32)
    t = cuda.threadIdx.x
    out_f[t] = f[t]
    out_i[t] = n[t]


def test_shared_and_local_memory_start_as_garbage_not_zero():
    # A GPU does not clear them; the simulator fills them with 0xFF bytes, so a kernel that reads
    # before it writes gets NaN or -1 instead of a zero that happens to look right.
    out_f = np.zeros(4)
    out_i = np.zeros(4, np.int32)
    read_uninitialized[1, 4](out_f, out_i)
    assert np.isnan(out_f).all()
    np.testing.assert_array_equal(out_i, -1)


@cuda.jit
def count_blocks(counter, order):
    if cuda.threadIdx.x == 0:
        slot = cuda.atomic.add(counter, 0, 1)
        order[slot] = cuda.blockIdx.x


def test_atomics_are_atomic_across_blocks_running_in_parallel():
    blocks = 2000
    counter = np.zeros(1, np.int64)
    order = np.full(blocks, -1, np.int64)
    count_blocks[blocks, 4](counter, order)
    assert counter[0] == blocks
    np.testing.assert_array_equal(np.sort(order), np.arange(blocks))


def test_the_simulator_is_always_available():
    assert cuda.is_available()
    assert cuda.detect()


def test_inspect_asm_shows_the_compiled_il():
    x = np.arange(4.0)
    out_of_range[1, 4](np.zeros(4), x)
    text = "\n".join(out_of_range.inspect_asm().values())
    assert "GpuSimulation::Index" in text
