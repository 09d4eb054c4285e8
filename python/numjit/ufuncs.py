"""@vectorize: compiled scalar kernels as real numpy ufuncs.

With signatures, the ufunc is built at decoration time with one compiled inner loop per
signature; numpy then provides broadcasting, ``out=``, casting, ``.reduce`` and ``.accumulate``.
Without signatures, the object compiles a loop for each new combination of input dtypes on
call. ``target='parallel'`` splits each loop across the cores. Kernels use numpy's error model
(division by zero gives inf/nan, as numpy's own ufuncs), like numba's."""
import functools

from . import _loader
from .dispatcher import Dispatcher

_IDENTITIES = {None: -1, 0: 0, 1: 1, "reorderable": -2}
_TARGETS = ("cpu", "parallel", "cuda", "opencl")


def vectorize(signatures=None, target="cpu", identity=None, **options):
    """``@vectorize``, ``@vectorize(["f8(f8, f8)", ...])``, ``@vectorize(target="parallel")``."""
    if callable(signatures) and not isinstance(signatures, (str, list, tuple)):
        return vectorize()(signatures)
    if target not in _TARGETS:
        raise ValueError("vectorize target must be one of %s, not %r" % (", ".join(_TARGETS), target))
    if identity not in _IDENTITIES:
        raise ValueError("identity must be None, 0, 1 or 'reorderable'")
    if isinstance(signatures, str):
        signatures = [signatures]
    if target in ("cuda", "opencl"):
        from ._gpu_ufunc import vectorize as gpu_vectorize
        return gpu_vectorize(signatures, target, options)

    def decorate(func):
        kernel = Dispatcher(func, dict(options, error_model="numpy", cache=False, nopython=True))
        if signatures:
            indices = [kernel.compile(sig) for sig in signatures]
            return _make(kernel, indices, target, identity)
        return LazyUFunc(kernel, target, identity)
    return decorate


_KERNELS = {}   # id(ufunc) -> kernel Dispatcher, so @njit code can call the kernel directly


def _make(kernel, indices, target, identity):
    ufunc = _loader.host()["make_ufunc"](kernel._handle, tuple(indices), kernel.__name__,
                                         kernel.py_func.__doc__ or "", _IDENTITIES[identity],
                                         1 if target == "parallel" else 0)
    _KERNELS[id(ufunc)] = (ufunc, kernel)
    return ufunc


def kernel_of(value):
    """The scalar kernel behind a numjit-made ufunc (or LazyUFunc), else None."""
    if isinstance(value, LazyUFunc):
        return value._kernel
    entry = _KERNELS.get(id(value))
    return entry[1] if entry is not None and entry[0] is value else None


class LazyUFunc:
    """A ufunc that compiles a loop for each new combination of input dtypes (numba's DUFunc)."""

    def __init__(self, kernel, target, identity):
        self._kernel = kernel
        self._target = target
        self._identity = identity
        self._ufunc = None
        functools.update_wrapper(self, kernel.py_func)

    @property
    def ufunc(self):
        """The numpy ufunc with every loop compiled so far (None before the first call)."""
        return self._ufunc

    def _ensure(self, args):
        import numpy as np
        dtypes = tuple(np.asarray(a).dtype.name for a in args)
        types = tuple("bool" if d == "bool" else d for d in dtypes)
        known = [tuple(str(t) for t in o.args) for o in self._kernel._overloads]
        if types not in known:
            self._kernel._compile_types(types)
            self._ufunc = _make(self._kernel, list(range(len(self._kernel._overloads))), self._target, self._identity)
        elif self._ufunc is None:
            self._ufunc = _make(self._kernel, list(range(len(self._kernel._overloads))), self._target, self._identity)

    def __call__(self, *args, **kwargs):
        self._ensure(args)
        return self._ufunc(*args, **kwargs)

    def reduce(self, array, *args, **kwargs):
        self._ensure((array, array))
        return self._ufunc.reduce(array, *args, **kwargs)

    def accumulate(self, array, *args, **kwargs):
        self._ensure((array, array))
        return self._ufunc.accumulate(array, *args, **kwargs)

    def __repr__(self):
        return "<numjit.vectorize %s>" % self._kernel.__name__
