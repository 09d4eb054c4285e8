using System.Runtime.ExceptionServices;

namespace NumJit.Runtime;

/// <summary>
/// Runs prange loops: the range is cut into one contiguous chunk per thread (static chunking,
/// numba's default schedule). The calling thread runs chunk 0 and a pool of threads, started on
/// the first parallel loop and kept for the life of the process, runs the rest.
/// </summary>
/// <remarks>
/// The pool size is fixed at start: <c>NUMJIT_NUM_THREADS</c>, else the number of processors.
/// <see cref="NumThreads"/> (numjit.set_num_threads) may lower the number used, never raise it.
/// A loop runs on the calling thread alone when its body needs the GIL, when it is reached from
/// inside another parallel loop, or when another Python thread is using the pool at the time.
/// </remarks>
public static unsafe class ParallelRuntime
{
    public static readonly int MaxThreads = ConfiguredThreads();
    private static int _threads = MaxThreads;

    [ThreadStatic] private static bool _inParallelLoop;

    private static readonly object PoolGate = new();
    private static Worker[]? _workers;

    // The loop being run; written by the caller before it wakes the workers.
    private static delegate*<long, long, long, long, long, void> _body;
    private static long _start, _count, _context, _chunks;
    private static CountdownEvent? _done;
    private static ExceptionDispatchInfo? _failure;

    public static int NumThreads
    {
        get => _threads;
        set
        {
            if (value < 1 || value > MaxThreads)
                throw new PyException("ValueError", $"The number of threads must be between 1 and {MaxThreads}");
            _threads = value;
        }
    }

    private static int ConfiguredThreads()
    {
        string? text = Environment.GetEnvironmentVariable("NUMJIT_NUM_THREADS");
        if (int.TryParse(text, out int n) && n >= 1) return n;
        return Math.Max(1, Environment.ProcessorCount);
    }

    /// <summary>
    /// Runs body(lo, hi, context, chunk, depth) over [start, stop) in chunks; returns how many
    /// chunks ran (each chunk leaves its reduction partials in its own context slots).
    /// </summary>
    public static long For(long start, long stop, delegate*<long, long, long, long, long, void> body, long context, bool needsGil)
    {
        if (stop <= start) return 0;
        long count = stop - start;
        long chunks = Math.Min(_threads, count);
        if (chunks <= 1 || needsGil || _inParallelLoop || !Monitor.TryEnter(PoolGate))
        {
            RunChunk(body, start, stop, context, 0);
            return 1;
        }
        try
        {
            var workers = _workers ??= StartWorkers();
            _body = body;
            _start = start;
            _count = count;
            _context = context;
            _chunks = chunks;
            _failure = null;
            _done ??= new CountdownEvent(1);
            _done.Reset((int)chunks - 1);
            for (int k = 1; k < chunks; k++) workers[k - 1].Wake.Release();
            try
            {
                RunChunk(0);
            }
            catch (Exception error)
            {
                Fail(error);
            }
            _done.Wait();
            _failure?.Throw();
            return chunks;
        }
        finally
        {
            Monitor.Exit(PoolGate);
        }
    }

    private static void RunChunk(long chunk)
    {
        long size = _count / _chunks, extra = _count % _chunks;
        long lo = _start + chunk * size + Math.Min(chunk, extra);
        long hi = lo + size + (chunk < extra ? 1 : 0);
        RunChunk(_body, lo, hi, _context, chunk);
    }

    private static void RunChunk(delegate*<long, long, long, long, long, void> body, long lo, long hi, long context, long chunk)
    {
        bool outer = _inParallelLoop;
        _inParallelLoop = true;
        try
        {
            body(lo, hi, context, chunk, 0);
        }
        finally
        {
            _inParallelLoop = outer;
        }
    }

    private static void Fail(Exception error) =>
        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(error), null);

    private sealed class Worker
    {
        public readonly SemaphoreSlim Wake = new(0);
    }

    private static Worker[] StartWorkers()
    {
        var workers = new Worker[MaxThreads - 1];
        for (int k = 0; k < workers.Length; k++)
        {
            var worker = workers[k] = new Worker();
            long chunk = k + 1;
            new Thread(() => Work(worker, chunk)) { IsBackground = true, Name = $"NumJit prange {chunk}" }.Start();
        }
        return workers;
    }

    private static void Work(Worker worker, long chunk)
    {
        while (true)
        {
            worker.Wake.Wait();
            try
            {
                RunChunk(chunk);
            }
            catch (Exception error)
            {
                Fail(error);
            }
            finally
            {
                _done!.Signal();
            }
        }
    }
}
