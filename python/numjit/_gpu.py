"""GPU kernels: the launcher, device arrays and the numba-style API that numjit.cuda and
numjit.opencl expose. Compilation and the drivers live in NumJit.Gpu (C#); this module only
fingerprints arguments, moves numpy arrays to and from the device and launches."""
import os
import threading
import weakref

from . import _request, _typeof
from .errors import GpuError

_BACKENDS = ("cuda", "opencl", "sim")


def _host():
    from ._loader import gpu_host
    return gpu_host()


def _dims(value, what):
    """An int or a tuple of 1-3 ints -> a 3-tuple of positive ints."""
    items = value if isinstance(value, tuple) else (value,)
    if not 1 <= len(items) <= 3:
        raise ValueError("%s must be an int or a tuple of 1 to 3 ints, not %r" % (what, value))
    dims = []
    for item in items:
        if isinstance(item, bool) or not hasattr(item, "__index__"):
            raise TypeError("%s must be ints, not %r" % (what, value))
        item = item.__index__()
        if item < 1:
            raise ValueError("%s must be positive, not %r" % (what, value))
        dims.append(item)
    return tuple(dims) + (1,) * (3 - len(dims))


class DeviceArray:
    """An array in device memory, C-contiguous (numba's DeviceNDArray): ``copy_to_host()``
    brings it back; passing it to a kernel copies nothing."""

    def __init__(self, api, shape, dtype):
        import numpy as np
        self._api = api
        self.backend = api.backend
        self.shape = tuple(int(n) for n in shape)
        if any(n < 0 for n in self.shape):
            raise ValueError("negative dimensions are not allowed: %r" % (self.shape,))
        self.dtype = np.dtype(dtype)
        self.ndim = len(self.shape)
        self.size = int(np.prod(self.shape, dtype=np.int64)) if self.shape else 1
        self.nbytes = self.size * self.dtype.itemsize
        strides, step = [], self.dtype.itemsize
        for n in reversed(self.shape):
            strides.insert(0, step)
            step *= max(n, 1)
        self.strides = tuple(strides)
        self._type = "array(%s, %dd, C)" % (self.dtype.name, self.ndim)
        self._buffer = _host()["allocate"](self.backend, self.nbytes)
        self._release = weakref.finalize(self, _free, self.backend, self._buffer)

    def __len__(self):
        if not self.shape:
            raise TypeError("len() of a 0-d device array")
        return self.shape[0]

    def __repr__(self):
        return "<numjit DeviceArray shape=%s dtype=%s on %s>" % (self.shape, self.dtype, self.backend)

    def is_c_contiguous(self):
        return True

    def copy_to_device(self, ary, stream=0):
        import numpy as np
        ary = np.ascontiguousarray(ary, dtype=self.dtype)
        if ary.shape != self.shape:
            raise ValueError("cannot copy an array of shape %s into a device array of shape %s" % (ary.shape, self.shape))
        _host()["write"](self.backend, self._buffer, ary, self.nbytes)

    def copy_to_host(self, ary=None, stream=0):
        import numpy as np
        if ary is None:
            ary = np.empty(self.shape, self.dtype)
        elif ary.shape != self.shape or ary.dtype != self.dtype:
            raise ValueError("copy_to_host needs an array of shape %s and dtype %s" % (self.shape, self.dtype))
        if ary.flags.c_contiguous and ary.flags.writeable:
            _host()["read"](self.backend, self._buffer, ary, self.nbytes)
        else:
            staging = np.empty(self.shape, self.dtype)
            _host()["read"](self.backend, self._buffer, staging, self.nbytes)
            ary[...] = staging
        return ary

    def _launch_argument(self):
        return (self._buffer, self.shape, self.strides)

    def _flat(self):
        """A 1-d view of the same device memory (it keeps this array alive)."""
        view = object.__new__(DeviceArray)
        view.__dict__.update(self.__dict__)
        view.shape, view.strides, view.ndim = (self.size,), (self.dtype.itemsize,), 1
        view._type = "array(%s, 1d, C)" % self.dtype.name
        view._release = None
        view._parent = self
        return view


def _free(backend, buffer):
    try:
        _host()["free"](backend, buffer)
    except Exception:       # interpreter shutdown: the driver frees with the process
        pass


class Stream:
    """numba's stream. Our backends run one in-order queue, so work on any stream is ordered
    after earlier work; ``synchronize()`` waits for all of it."""

    def __init__(self, api):
        self._api = api

    def synchronize(self):
        self._api.synchronize()

    def auto_synchronize(self):
        import contextlib

        @contextlib.contextmanager
        def scope():
            yield self
            self.synchronize()
        return scope()


class Kernel:
    """A ``@cuda.jit`` kernel: compiled per backend and argument types on first launch,
    launched as ``kernel[blocks, threads](args)`` or ``[blocks, threads, stream, shared_bytes]``."""

    def __init__(self, api, py_func, options):
        self.py_func = py_func
        self.__name__ = py_func.__name__
        self.__doc__ = py_func.__doc__
        self.targetoptions = options
        self._source = None
        self._api = api
        self._compiled = {}
        self._lock = threading.Lock()
        # The driver's modules go when the kernel does (not at exit: the host may be gone by then).
        weakref.finalize(self, _release_kernels, self._compiled).atexit = False

    def __getitem__(self, config):
        if not isinstance(config, tuple) or not 2 <= len(config) <= 4:
            raise ValueError("launch a kernel as kernel[blocks, threads] or kernel[blocks, threads, stream, shared_bytes]")
        grid = _dims(config[0], "blocks per grid")
        block = _dims(config[1], "threads per block")
        shared = config[3] if len(config) > 3 else 0
        if isinstance(shared, bool) or not hasattr(shared, "__index__") or shared.__index__() < 0:
            raise ValueError("dynamic shared memory must be a non-negative number of bytes, not %r" % (shared,))
        return _Launch(self, grid, block, shared.__index__())

    def __call__(self, *args, **kwargs):
        raise TypeError("kernel %s must be launched with a configuration: %s[blocks, threads](...)"
                        % (self.__name__, self.__name__))

    def _compile(self, backend, types):
        key = (backend, types)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key)
                if compiled is None:
                    request = _request.build(self, list(types))
                    compiled = _host()["compile"](backend, request)
                    self._compiled[key] = compiled
        return compiled

    def inspect_asm(self, signature=None):
        """The emitted kernel text (OpenCL C, PTX) per (backend, argument types)."""
        texts = {key: text for key, (_, text, _) in self._compiled.items()}
        return texts if signature is None else texts[signature]

    @property
    def signatures(self):
        return [types for _, types in self._compiled]

    def _launch(self, grid, block, shared, args):
        import numpy as np
        backend = self._api.backend
        types, launch_args, copies = [], [], []
        for arg in args:
            if isinstance(arg, DeviceArray):
                if arg.backend != backend:
                    raise GpuError("a device array of the %s backend was passed to a kernel running on %s" % (arg.backend, backend))
                types.append(arg._type)
                launch_args.append(arg._launch_argument())
            elif isinstance(arg, np.ndarray):
                device = self._api.to_device(arg)
                types.append(device._type if arg.flags.writeable else "readonly " + device._type)
                launch_args.append(device._launch_argument())
                copies.append((arg, device))
            else:
                try:
                    types.append(_typeof.typeof(arg))
                except TypeError as error:
                    raise TypeError("kernel %s: %s" % (self.__name__, error)) from None
                launch_args.append(arg)
        kernel_id = self._compile(backend, tuple(types))[0]
        _host()["launch"](kernel_id, grid, block, shared, tuple(launch_args))
        for host, device in copies:          # numba copies numpy arguments back after the launch
            if host.flags.writeable:
                device.copy_to_host(host)


def _release_kernels(compiled):
    for kernel_id, _, _ in compiled.values():
        _host()["release"](kernel_id)


class _Launch:
    def __init__(self, kernel, grid, block, shared):
        self.kernel, self.grid, self.block, self.shared = kernel, grid, block, shared

    def __call__(self, *args):
        self.kernel._launch(self.grid, self.block, self.shared, args)


class Api:
    """The functions numjit.cuda and numjit.opencl share, bound to how each picks its backend."""

    def __init__(self, backend=None):
        self._fixed = backend

    @property
    def backend(self):
        name = self._fixed or os.environ.get("NUMJIT_GPU_BACKEND", "") or "cuda"
        if name not in _BACKENDS:
            raise ValueError("NUMJIT_GPU_BACKEND must be one of %s, not %r" % (", ".join(_BACKENDS), name))
        return name

    def jit(self, func_or_signature=None, device=False, **options):
        """``@jit`` kernels; ``@jit(device=True)`` device functions (callable from kernels)."""
        def decorate(func):
            if device:
                from . import njit
                return njit(**{k: v for k, v in options.items() if k in ("fastmath", "inline")})(func)
            return Kernel(self, func, options)
        if callable(func_or_signature) and not isinstance(func_or_signature, str):
            return decorate(func_or_signature)
        # Signatures are accepted for numba compatibility; kernels compile per argument types on launch.
        return decorate

    def is_available(self):
        try:
            return _host()["unavailable"](self.backend) is None
        except Exception:
            return False

    def unavailable_reason(self):
        """None when the backend can run here, else the driver's reason (a missing driver or
        device). Anything else going wrong is raised, not reported as a reason: tests skip on
        this reason, and a broken host must fail them instead."""
        return _host()["unavailable"](self.backend)

    def detect(self):
        reason = self.unavailable_reason()
        if reason is not None:
            print("no %s device: %s" % (self.backend, reason))
            return False
        print(_host()["detect"](self.backend))
        return True

    def synchronize(self):
        _host()["synchronize"](self.backend)

    def stream(self):
        return Stream(self)

    def to_device(self, ary, stream=0, copy=True, to=None):
        import numpy as np
        ary = np.asarray(ary)
        device = to if to is not None else DeviceArray(self, ary.shape, ary.dtype)
        if copy:
            device.copy_to_device(ary)
        return device

    def device_array(self, shape, dtype=float, stream=0):
        return DeviceArray(self, shape if isinstance(shape, tuple) else (shape,), dtype)

    def device_array_like(self, ary, stream=0):
        return DeviceArray(self, ary.shape, ary.dtype)


class _KernelOnly:
    """cuda.grid, cuda.threadIdx, ...: meaningful inside kernels only, where the compiler reads them."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        return _KernelOnly(self._name + "." + attr)

    def __call__(self, *args, **kwargs):
        raise RuntimeError("cuda.%s is only available inside a GPU kernel" % self._name)

    def __repr__(self):
        return "<numjit kernel intrinsic cuda.%s>" % self._name


def export(api, namespace):
    """Fills a module's namespace with the API bound to ``api`` (numjit.cuda, numjit.opencl)."""
    for name in ("jit", "is_available", "detect", "synchronize", "stream", "to_device", "device_array",
                 "device_array_like"):
        namespace[name] = getattr(api, name)
    for name in ("grid", "gridsize", "threadIdx", "blockIdx", "blockDim", "gridDim", "syncthreads",
                 "shared", "local", "atomic"):
        namespace[name] = _KernelOnly(name)
    namespace["warpsize"] = 32
    namespace["GpuError"] = namespace["CudaAPIError"] = namespace["CudaSupportError"] = GpuError
    namespace["DeviceNDArray"] = DeviceArray
