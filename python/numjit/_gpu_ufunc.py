"""``@vectorize(..., target='cuda')`` (and ``target='opencl'``): ufunc-like objects whose element
loop is a GPU kernel. The scalar function is compiled for the CPU first, which types each
signature (and checks the function); the kernel that applies it element by element is generated
source, compiled per argument types like any ``@cuda.jit`` kernel."""
import functools
import itertools
import linecache

from . import _gpu

_counter = itertools.count()
_THREADS = 256


def vectorize(signatures, target, options):
    from .dispatcher import Dispatcher
    api = _gpu.Api("opencl" if target == "opencl" else None)

    def decorate(func):
        scalar = Dispatcher(func, dict(options, error_model="numpy", cache=False, nopython=True))
        ufunc = GpuUFunc(api, scalar, lazy=not signatures)
        for signature in signatures or ():
            ufunc._add_loop(scalar.compile(signature))
        return ufunc
    return decorate


def _element_kernel(api, scalar, nin):
    """kernel(out, a0, a1, ...): out[i] = scalar(a0[i], a1[i], ...) over 1-d arrays."""
    args = ", ".join("a%d" % k for k in range(nin))
    elements = ", ".join("a%d[i]" % k for k in range(nin))
    name = "vectorized_" + scalar.__name__
    return _generated_kernel(api, scalar, name, "def %s(out, %s):\n    i = cuda.grid(1)\n    if i < out.shape[0]:\n"
                             "        out[i] = scalar(%s)\n" % (name, args, elements))


def _pair_kernel(api, scalar):
    """kernel(out, a): out[i] = scalar(a[2i], a[2i + 1]), and a's last item where its length is odd."""
    name = "reduce_pairs_" + scalar.__name__
    return _generated_kernel(api, scalar, name, "def %s(out, a):\n    i = cuda.grid(1)\n    n = a.shape[0]\n"
                             "    if 2 * i + 1 < n:\n        out[i] = scalar(a[2 * i], a[2 * i + 1])\n"
                             "    elif 2 * i < n:\n        out[i] = a[2 * i]\n" % name)


def _generated_kernel(api, scalar, name, source):
    """A @cuda.jit kernel from generated source that calls `scalar`."""
    from . import cuda
    filename = "<numjit vectorize %s #%d>" % (name, next(_counter))
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)   # so the compiler can read it
    namespace = {"cuda": cuda, "scalar": scalar}
    exec(compile(source, filename, "exec"), namespace)
    return _gpu.Kernel(api, namespace[name], {})


def _read_only(array):
    """A view the launcher will not copy back (inputs may be views of the caller's arrays)."""
    view = array.view()
    view.flags.writeable = False
    return view


class GpuUFunc:
    """Called like a ufunc: inputs broadcast, are cast to the first loop that takes them safely,
    and the result has the broadcast shape. Device arrays in give a device array out (nothing
    crosses to the host when every input is a device array of one shape and the loop's dtypes)."""

    def __init__(self, api, scalar, lazy):
        self._api = api
        self._scalar = scalar
        self.py_func = scalar.py_func
        self._lazy = lazy
        self._loops = []          # (input dtypes, output dtype)
        self._kernel = None
        self._pairs = None
        self.nin = scalar.py_func.__code__.co_argcount
        self.nout = 1
        functools.update_wrapper(self, scalar.py_func)

    def _add_loop(self, index):
        import numpy as np
        overload = self._scalar._overloads[index]
        try:
            loop = (tuple(np.dtype(str(t)) for t in overload.args), np.dtype(str(overload.return_type)))
        except TypeError:
            raise TypeError("vectorize(target=%r) takes scalar signatures, not %s"
                            % (self._api.backend, overload.signature)) from None
        if len(loop[0]) != self.nin:
            raise TypeError("signature %s does not match %s's %d arguments" % (overload.signature, self.__name__, self.nin))
        if loop not in self._loops:
            self._loops.append(loop)

    @property
    def types(self):
        """numpy's spelling of the loops: 'ff->f'."""
        return ["".join(d.char for d in inputs) + "->" + output.char for inputs, output in self._loops]

    def _resolve(self, dtypes, scalars):
        import numpy as np
        for inputs, output in self._loops:
            if inputs == dtypes:
                return inputs, output
        for inputs, output in self._loops:
            if all(np.can_cast(d, want, "same_kind" if scalar else "safe")
                   for d, want, scalar in zip(dtypes, inputs, scalars)):
                return inputs, output
        if self._lazy:
            self._add_loop(self._scalar._compile_types(tuple(d.name for d in dtypes)))
            return self._loops[-1]
        raise TypeError("ufunc %r not supported for the input types (%s); its loops are %s"
                        % (self.__name__, ", ".join(d.name for d in dtypes), ", ".join(self.types)))

    def __call__(self, *args, out=None, stream=0):
        import numpy as np
        if len(args) != self.nin:
            raise TypeError("%s() takes %d arguments (%d given)" % (self.__name__, self.nin, len(args)))
        on_device = [isinstance(a, _gpu.DeviceArray) for a in args]
        dtypes = tuple(a.dtype if d else np.asarray(a).dtype for a, d in zip(args, on_device))
        scalars = [not d and np.ndim(a) == 0 for a, d in zip(args, on_device)]
        inputs, output = self._resolve(dtypes, scalars)
        if self._kernel is None:
            self._kernel = _element_kernel(self._api, self._scalar, self.nin)
        if all(on_device) and len({a.shape for a in args}) == 1 and dtypes == inputs and out is None:
            result = self._api.device_array(args[0].shape, output)
            self._launch(result._flat(), [a._flat() for a in args])
            return result
        host = [a.copy_to_host() if d else np.asarray(a) for a, d in zip(args, on_device)]
        arrays = np.broadcast_arrays(*host)
        shape = arrays[0].shape if arrays else ()
        flat = [_read_only(np.ascontiguousarray(a, dtype=want).ravel()) for a, want in zip(arrays, inputs)]
        result = np.empty(int(np.prod(shape, dtype=np.int64)), output)
        self._launch(result, flat)
        result = result.reshape(shape)
        if out is not None:
            if isinstance(out, _gpu.DeviceArray):
                out.copy_to_device(result)
            else:
                out[...] = result
            return out
        if any(on_device):
            return self._api.to_device(result)
        return result if shape else result[()]

    def reduce(self, array, stream=0):
        """Reduces a 1-d array (host or device) to a scalar on the device, as numba's GPU ufuncs
        do: by halving passes that combine neighbours, log2(n) launches. The order is a tree,
        not numpy's left-to-right fold, so the function should be associative (add, multiply,
        max, min); float sums differ from numpy's in rounding only."""
        import numpy as np
        if self.nin != 2:
            raise ValueError("reduce only supported for binary functions")
        on_device = isinstance(array, _gpu.DeviceArray)
        if not on_device:
            array = np.asarray(array)
        if array.ndim != 1:
            raise ValueError("reduce on a GPU ufunc takes a 1-d array, not %d-d" % array.ndim)
        if array.shape[0] == 0:
            raise ValueError("zero-size array to reduction operation %s which has no identity" % self.__name__)
        inputs, output = self._resolve((array.dtype, array.dtype), [False, False])
        if inputs != (output, output):
            raise TypeError("reduce needs a loop whose inputs and output have one type (like 'dd->d'); %s's loop for %s is %s"
                            % (self.__name__, array.dtype, "".join(d.char for d in inputs) + "->" + output.char))
        if not (on_device and array.dtype == output):
            host = array.copy_to_host() if on_device else array
            array = self._api.to_device(np.ascontiguousarray(host, dtype=output))
        if self._pairs is None:
            self._pairs = _pair_kernel(self._api, self._scalar)
        current = array._flat()
        while current.shape[0] > 1:
            half = self._api.device_array((current.shape[0] + 1) // 2, output)
            self._pairs[(half.shape[0] + _THREADS - 1) // _THREADS, _THREADS](half, current)
            current = half
        return current.copy_to_host()[0]

    def _launch(self, result, inputs):
        n = result.shape[0]
        if n:
            self._kernel[(n + _THREADS - 1) // _THREADS, _THREADS](result, *inputs)

    def __repr__(self):
        return "<numjit GPU ufunc %s on %s>" % (self.__name__, self._api.backend)
