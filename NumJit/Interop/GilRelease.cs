namespace NumJit.Interop;

/// <summary>nogil=True: the entry wrapper releases the GIL around compiled code that needs none.</summary>
public static unsafe class GilRelease
{
    /// <summary>PyEval_SaveThread: releases the GIL, returning the thread state to restore.</summary>
    public static nint Release() => CApi.PyEval_SaveThread();

    /// <summary>PyEval_RestoreThread: takes the GIL back (also on the exception path, before Python sees the error).</summary>
    public static void Reacquire(nint state) => CApi.PyEval_RestoreThread(state);
}
