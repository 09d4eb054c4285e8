"""NumJit: a JIT compiler for numeric Python, compiled by a .NET host in this process.

    import numjit

    @numjit.njit
    def f(x, y):
        return x * y + 1.0

The first call with new argument types compiles; later calls run native code.
"""
from .errors import GpuError, NumJitError, NumJitWarning, TypingError, UnsupportedError
from . import types
from .types import (boolean, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32,
                    float64, complex64, complex128, void)

__version__ = "0.1.0"
__all__ = ["njit", "jit", "vectorize", "guvectorize", "NumJitError", "TypingError", "UnsupportedError", "NumJitWarning",
           "types", "typeof", "prange", "set_num_threads", "get_num_threads"]

_OPTIONS = {"nopython", "cache", "fastmath", "boundscheck", "error_model", "parallel", "nogil",
            "forceobj", "inline", "locals"}


def njit(*args, **options):
    """Compile a function in nopython mode: ``@njit``, ``@njit(cache=True)``, ``@njit("f8(f8)")``."""
    options.setdefault("nopython", True)
    return jit(*args, **options)


def jit(*args, **options):
    """Compile a function; where nopython compilation fails, warn (NumJitWarning) and run it in
    object mode with its loops lifted and compiled (see numjit.objmode). ``nopython=True``
    raises instead; ``forceobj=True`` goes straight to object mode."""
    unknown = set(options) - _OPTIONS
    if unknown:
        raise TypeError("unknown option(s) for numjit.jit: %s" % ", ".join(sorted(unknown)))
    signatures = None
    if args and callable(args[0]) and not isinstance(args[0], str):
        if len(args) > 1:
            raise TypeError("jit(func) takes the function only; give options by keyword")
        return _make(args[0], options, None)
    if args:
        signatures = args[0] if isinstance(args[0], (list, tuple)) else [args[0]]
        if len(args) > 1:
            raise TypeError("jit() takes one signature or a list of signatures")

    def decorate(func):
        return _make(func, options, signatures)
    return decorate


def _make(func, options, signatures):
    from .dispatcher import Dispatcher, jit_disabled
    if jit_disabled():
        return func
    return Dispatcher(func, options, signatures)


def typeof(value):
    """The NumJit type of a value, as compiled code would see it."""
    from ._typeof import typeof as _typeof
    return types.Type(_typeof(value))


def vectorize(*args, **kwargs):
    """Compile a scalar function into a numpy ufunc (see numjit.ufuncs)."""
    from .ufuncs import vectorize as _vectorize
    return _vectorize(*args, **kwargs)


def guvectorize(*args, **kwargs):
    """Compile a core kernel into a generalized ufunc (see numjit.gufuncs)."""
    from .gufuncs import guvectorize as _guvectorize
    return _guvectorize(*args, **kwargs)


def prange(*args):
    """range, whose iterations run on several threads in a function compiled with parallel=True.

    Called from Python (or compiled without parallel=True) it is range."""
    return range(*args)


def set_num_threads(n):
    """How many threads prange loops use from now on: 1 to NUMJIT_NUM_THREADS (default: the
    number of processors), fixed when the .NET host starts."""
    from . import _loader
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("set_num_threads() takes an int, not %s" % type(n).__name__)
    _loader.host()["set_num_threads"](n)


def get_num_threads():
    """How many threads prange loops use."""
    from . import _loader
    return _loader.host()["get_num_threads"]()
