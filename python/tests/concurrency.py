"""Runs a function on several Python threads at once, for the tests of GIL handling."""
import threading


def run_threads(work, count):
    """Calls work(k) for k in range(count), each on its own thread, all started together;
    returns the results in order."""
    results = [None] * count

    def target(k):
        results[k] = work(k)
    threads = [threading.Thread(target=target, args=(k,)) for k in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
