"""@guvectorize: generalized ufuncs with layout strings such as ``"(n),()->(n)"``.

The kernel works on one "core" element (here a length-n vector and a scalar) and writes its
outputs into the last arguments, as in numba. Calling the gufunc broadcasts the remaining
("loop") dimensions with numpy's rules, allocates the outputs, flattens the loop dimensions
and hands everything to a compiled driver that calls the kernel once per loop index on views.
"""
import linecache
import re

from .dispatcher import Dispatcher

_LAYOUT = re.compile(r"^\s*((?:\([^()]*\)\s*,\s*)*\([^()]*\))\s*->\s*((?:\([^()]*\)\s*,\s*)*\([^()]*\))\s*$")
_REGISTRY = {}    # id -> GUFunc, kept alive for compiled callers


def _parse_dims(group):
    return [[d.strip() for d in part.split(",") if d.strip()] for part in re.findall(r"\(([^()]*)\)", group)]


def parse_layout(layout):
    """'(n),()->(n)' -> ([['n'], []], [['n']])"""
    match = _LAYOUT.match(layout)
    if not match:
        raise ValueError("invalid gufunc layout %r; expected e.g. '(n),()->(n)'" % (layout,))
    return _parse_dims(match.group(1)), _parse_dims(match.group(2))


def guvectorize(signatures, layout, **options):
    """``@guvectorize(["void(float64[:], float64, float64[:])"], "(n),()->(n)")``"""
    if isinstance(signatures, str):
        signatures = [signatures]
    inputs, outputs = parse_layout(layout)

    def decorate(func):
        return GUFunc(func, list(signatures), layout, inputs, outputs, options)
    return decorate


class GUFunc:
    """A generalized ufunc backed by a compiled kernel (numba's @guvectorize)."""

    def __init__(self, func, signatures, layout, inputs, outputs, options):
        self.__name__ = func.__name__
        self.__doc__ = func.__doc__
        self.py_func = func
        self.signature = layout.replace(" ", "")
        self.nin, self.nout = len(inputs), len(outputs)
        self._core = inputs + outputs
        self._kernel = Dispatcher(func, dict(options, error_model="numpy"))
        self._types = []          # per signature: numpy dtype names of every argument
        for sig in signatures:
            index = self._kernel.compile(sig)
            overload = self._kernel._overloads[index]
            if str(overload.return_type) != "none":
                raise TypeError("a @guvectorize kernel returns through its output arguments; %s returns %s"
                                % (self.__name__, overload.return_type))
            if len(overload.args) != self.nin + self.nout:
                raise TypeError("signature %s has %d arguments but the layout %r has %d"
                                % (sig, len(overload.args), layout, self.nin + self.nout))
            self._types.append([_dtype_of(t) for t in overload.args])
            # A core of () declared as an array (numba writes scalar outputs as out[0]) gets a 1-element view.
            self._as_view = [len(core) == 0 and "array(" in str(t)
                             for core, t in zip(self._core, overload.args)]
        self._drivers = {}
        _REGISTRY[id(self)] = self

    @property
    def types(self):
        return ["".join(__import__("numpy").dtype(t).char for t in ts[:self.nin]) + "->" +
                "".join(__import__("numpy").dtype(t).char for t in ts[self.nin:]) for ts in self._types]

    def _select(self, arrays):
        import numpy as np
        for types in self._types:
            if all(np.can_cast(a.dtype, t, "safe") for a, t in zip(arrays, types)):
                return types
        raise TypeError("%s: no signature matches argument dtypes (%s); compiled: %s"
                        % (self.__name__, ", ".join(str(a.dtype) for a in arrays), ", ".join(self.types)))

    def __call__(self, *args, out=None):
        import numpy as np
        if len(args) == self.nin + self.nout and out is None:
            args, out = args[:self.nin], args[self.nin:]
        if len(args) != self.nin:
            raise TypeError("%s() takes %d array arguments (%d given)" % (self.__name__, self.nin, len(args)))
        arrays = [np.asarray(a) for a in args]
        types = self._select(arrays)
        arrays = [a.astype(t, copy=False) for a, t in zip(arrays, types)]
        sizes = {}
        loops = []
        for a, core in zip(arrays, self._core[:self.nin]):
            if a.ndim < len(core):
                raise ValueError("%s: input needs at least %d dimension(s) for core %r" % (self.__name__, len(core), core))
            for name, extent in zip(core, a.shape[a.ndim - len(core):]):
                if sizes.setdefault(name, extent) != extent:
                    raise ValueError("%s: core dimension %r is %d in one input and %d in another"
                                     % (self.__name__, name, sizes[name], extent))
            loops.append(a.shape[:a.ndim - len(core)])
        loop_shape = np.broadcast_shapes(*loops) if loops else ()
        flat = []
        for a, core in zip(arrays, self._core[:self.nin]):
            core_shape = a.shape[a.ndim - len(core):]
            flat.append(np.ascontiguousarray(np.broadcast_to(a, loop_shape + core_shape)).reshape((-1,) + core_shape))
        results = []
        for j, core in enumerate(self._core[self.nin:]):
            try:
                core_shape = tuple(sizes[name] for name in core)
            except KeyError as missing:
                raise ValueError("%s: output core dimension %s does not appear in any input" % (self.__name__, missing)) from None
            given = out[j] if out is not None else None
            result = given if given is not None else np.empty(loop_shape + core_shape, dtype=types[self.nin + j])
            if result.shape != loop_shape + core_shape:
                raise ValueError("%s: output %d has shape %s, expected %s" % (self.__name__, j, result.shape, loop_shape + core_shape))
            results.append(result)
        scratch = [r if r.flags.c_contiguous and r.dtype == types[self.nin + j] else np.empty(r.shape, types[self.nin + j])
                   for j, r in enumerate(results)]
        count = int(np.prod(loop_shape, dtype=np.int64)) if loop_shape else 1
        views = [s.reshape((count,) + s.shape[len(loop_shape):]) for s in scratch]
        if count:
            self._driver()(*flat, *views)
        for r, s in zip(results, scratch):
            if r is not s:
                r[...] = s
        return results[0] if len(results) == 1 else tuple(results)

    def _driver(self):
        """A compiled loop: for i in range(n): kernel(a0[i], a1[i], ..., out0[i], ...)."""
        driver = self._drivers.get("driver")
        if driver is None:
            from . import njit
            names = ["a%d" % k for k in range(self.nin + self.nout)]
            filename = "<numjit gufunc driver for %s>" % self.__name__
            items = ["%s[i:i + 1]" % n if view else "%s[i]" % n for n, view in zip(names, self._as_view)]
            source = ("def gufunc_driver(%s):\n    for i in range(a0.shape[0]):\n        kernel(%s)\n"
                      % (", ".join(names), ", ".join(items)))
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            namespace = {"kernel": self._kernel}
            exec(compile(source, filename, "exec"), namespace)
            driver = self._drivers["driver"] = njit(namespace["gufunc_driver"])
        return driver

    def __repr__(self):
        return "<numjit.guvectorize %s %s>" % (self.__name__, self.signature)


def _dtype_of(type_name):
    name = str(type_name)
    if name.startswith(("array(", "readonly array(")):
        return name.split("(", 1)[1].split(",")[0]
    return name
