"""nogil=True speed-up: one call, then the same call on N Python threads at once (best of 3 each), for the same
kernel compiled with and without nogil. Usage: python3 benchmarks/nogil_threads.py [threads]"""
import os
import sys
import threading
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import numjit  # noqa: E402


def work(a):
    s = 0.0
    for r in range(200):
        for i in range(a.shape[0]):
            s += np.sqrt(a[i] * r + 1.0)
    return s


def measure(fn, a, threads, repeat=3):
    """Best of `repeat` for one call and for `threads` concurrent calls."""
    fn(a)
    one = many = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(a)
        one = min(one, time.perf_counter() - start)
        workers = [threading.Thread(target=fn, args=(a,)) for _ in range(threads)]
        start = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        many = min(many, time.perf_counter() - start)
    return one, many


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else os.cpu_count()
    a = np.random.default_rng(0).random(200_000)
    print("| function | one call | %d calls on %d threads | speed-up |" % (threads, threads))
    print("|---|---|---|---|")
    variants = [("numjit njit", numjit.njit(work)), ("numjit njit(nogil=True)", numjit.njit(nogil=True)(work))]
    try:
        import numba
        variants.append(("numba njit(nogil=True)", numba.njit(nogil=True)(work)))
    except ImportError:
        pass
    for name, fn in variants:
        one, many = measure(fn, a, threads)
        print("| %s | %.1f ms | %.1f ms | %.2fx |" % (name, one * 1e3, many * 1e3, threads * one / many))


if __name__ == "__main__":
    main()
