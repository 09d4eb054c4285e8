"""Dispatcher: the object ``@njit`` returns.

Calls go straight from CPython into C# (vectorcall, see _dispatcher_base.py): the host tries
each compiled specialization's exact-type fast path in turn. Only a miss comes back here, to
``_call_slow``, which fills defaults and keywords, types the arguments, compiles a new
specialization (or, with explicit signatures, converts the arguments) and calls it.
"""
import os
import threading

from . import _loader, caching
from ._dispatcher_base import DispatcherBase
from ._typeof import as_exact_array, typeof
from .errors import NumJitError
from .types import Type

_SAFE_SCALAR_CONVERSIONS = {
    "bool": ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32",
             "float64", "complex64", "complex128"),
    "int64": ("float64", "complex128"),
    "uint64": ("float64", "complex128"),
    "float32": ("float64", "complex128", "complex64"),
    "float64": ("complex128",),
}


class CompiledOverload:
    """What ``dispatcher.overloads[signature]`` holds: the typed IR, the IL and timings."""

    def __init__(self, info, entry_point):
        self.entry_point = entry_point   # a builtin function running just this specialization
        self.signature = info["signature"]
        self.args = tuple(Type(a) for a in info["args"])
        self.return_type = Type(info["return"])
        self.variables = info["variables"]
        self.ir = info["ir"]
        self.il = info["il"]
        self.timings_ms = info["timings_ms"]
        self.releases_gil = info.get("releases_gil", False)   # nogil=True took effect

    def __repr__(self):
        return "<CompiledOverload %s>" % self.signature


class Dispatcher(DispatcherBase):
    """A jitted function: call it like the Python function it wraps."""

    def __init__(self, py_func, options=None, signatures=None, lifted_from=None):
        self.py_func = py_func
        self.targetoptions = dict(options or {})
        self.__name__ = py_func.__name__
        self.__qualname__ = py_func.__qualname__
        self.__doc__ = py_func.__doc__
        self.__module__ = py_func.__module__
        self.__wrapped__ = py_func
        self._handle = 0
        self._source = None              # (dedented source, indent), read on first compile
        self._overloads = []            # in the host's entry order
        self._lock = threading.RLock()
        self._explicit_signatures = [str(s) for s in signatures or ()]   # compiled eagerly; AOT exports them
        self._cache = caching.FunctionCache(py_func) if caching.enabled(self.targetoptions) else None
        self._lifted_from = lifted_from   # the function this lifted loop was cut from (see objmode.py)
        self._object_runner = None        # objmode.Lifted, made on the first fallback
        self._object_types = set()        # argument types that run in object mode
        self._object_warned = set()       # ... of which the fallback was reported (None: untypable arguments)
        code = py_func.__code__
        self._nparams = code.co_argcount
        for signature in signatures or ():
            self.compile(signature)

    # -- calling --------------------------------------------------------------------------

    def __call__(self, *args, **kwargs):
        # Reached only before the host has registered this dispatcher.
        return self._call_slow(*args, **kwargs)

    def _call_slow(self, *args, **kwargs):
        call_args, call_kwargs = args, kwargs
        if kwargs or len(args) != self._nparams:
            args = self._bind(args, kwargs)
        args = tuple(as_exact_array(a) for a in args)
        try:
            types = tuple(typeof(a) for a in args)
        except TypeError as error:
            if self._nopython or self._explicit_signatures:
                raise
            with self._lock:
                runner = self._enter_object_mode(None, error)
            return runner(*call_args, **call_kwargs)
        runner = None
        with self._lock:
            index = self._find(types)
            if index is None:
                if types in self._object_types:
                    runner = self._object_runner
                elif self._explicit_signatures:
                    index, args = self._convert(types, args)
                elif self.targetoptions.get("forceobj"):
                    runner = self._enter_object_mode(types, None)
                else:
                    try:
                        index = self._compile_types(types)
                    except NumJitError as error:
                        if self._nopython:
                            raise
                        runner = self._enter_object_mode(types, error)
        if runner is not None:
            return runner(*call_args, **call_kwargs)
        return _loader.host()["invoke"](self._handle, index, args)

    @property
    def _nopython(self):
        return bool(self.targetoptions.get("nopython", False))

    def _enter_object_mode(self, types, error):
        """Object mode (see objmode.py) for these argument types; warns on the first fallback."""
        from . import objmode
        if self._object_runner is None:
            self._object_runner = objmode.lift(self.py_func, self.targetoptions) if self._lifted_from is None \
                else objmode.Lifted(self.py_func, [], [])
        if types is not None:
            self._object_types.add(types)
        if error is not None and self._lifted_from is None and types not in self._object_warned:
            self._object_warned.add(types)
            import warnings
            from .errors import NumJitWarning
            warnings.warn(self._object_runner.fallback_message(self.__qualname__, types, error), NumJitWarning,
                          stacklevel=_caller_stacklevel())
        return self._object_runner

    def _bind(self, args, kwargs):
        import inspect
        try:
            bound = inspect.signature(self.py_func).bind(*args, **kwargs)
        except TypeError as error:
            raise TypeError("%s(): %s" % (self.__name__, error)) from None
        bound.apply_defaults()
        return tuple(bound.arguments.values())

    def _find(self, types):
        for index, overload in enumerate(self._overloads):
            if overload.args == types:
                return index
        return None

    def _convert(self, types, args):
        """With explicit signatures, numba converts arguments safely or raises TypeError."""
        for index, overload in enumerate(self._overloads):
            if len(overload.args) != len(types):
                continue
            converted = []
            for value, have, want in zip(args, types, overload.args):
                if have == want:
                    converted.append(value)
                elif want in _SAFE_SCALAR_CONVERSIONS.get(have, ()):
                    converted.append(complex(value) if want.startswith("complex") else
                                     float(value) if want.startswith("float") else int(value))
                    if want not in ("float64", "int64", "complex128", "bool"):
                        import numpy as np
                        converted[-1] = np.dtype(want).type(converted[-1])
                elif have.startswith(("array", "readonly")) and _array_fits(have, want):
                    converted.append(value)
                else:
                    break
            else:
                return index, tuple(converted)
        raise TypeError("No matching definition for argument type(s) %s of %s; compiled signatures: %s"
                        % (", ".join(types), self.__name__,
                           "; ".join(o.signature for o in self._overloads)))

    # -- compiling ------------------------------------------------------------------------

    def _register(self):
        if not self._handle:
            host = _loader.host()
            self._handle = host["register"](self, self._call_slow, type(self).__flags__)

    def _compile_types(self, types):
        with self._lock:
            self._register()
            from . import _request
            return self._compile_request(_request.build(self, argtypes=types))

    def compile(self, signature):
        """Compile eagerly for an explicit signature ("f8(f8[:], i8)" or a numjit.types signature)."""
        with self._lock:
            self._register()
            from . import _request
            return self._compile_request(_request.build(self, signature=str(signature)))

    def _compile_request(self, request):
        host = _loader.host()
        if self._cache is None:
            return self._add(host["compile"](self._handle, request))
        compiled, outcome = self._cache.compile(host, self._handle, request)
        index = self._add(compiled)
        self._cache.record(self._overloads[index].args, outcome)
        return index

    def _add(self, compiled):
        import json
        info_json, entry_point = compiled
        overload = CompiledOverload(json.loads(info_json), entry_point)
        if self.targetoptions.get("nogil") and not overload.releases_gil:
            import warnings
            from .errors import NumJitWarning
            warnings.warn("nogil=True: %s%s keeps the GIL because it creates arrays or calls numpy or Python "
                          "(NumJit allocates through numpy, which needs the GIL)" % (self.__name__, overload.signature),
                          NumJitWarning, stacklevel=4)
        self._overloads.append(overload)
        return len(self._overloads) - 1

    # -- introspection --------------------------------------------------------------------

    @property
    def stats(self):
        """Cache hits and misses (see numjit.caching.CacheStats); all zero without cache=True."""
        return self._cache.stats if self._cache is not None else caching.CacheStats()

    @property
    def lifted_loops(self):
        """Object mode: the dispatchers of the loops lifted out of this function (compiled per
        argument types like any jitted function); empty before a fallback."""
        return list(self._object_runner.loops) if self._object_runner is not None else []

    @property
    def object_mode_signatures(self):
        """Argument-type tuples that run in object mode."""
        return sorted(self._object_types)

    @property
    def signatures(self):
        """Argument-type tuples compiled so far."""
        return [o.args for o in self._overloads]

    @property
    def overloads(self):
        return {o.args: o for o in self._overloads}

    @property
    def nopython_signatures(self):
        return ["%s -> %s" % ("(%s)" % ", ".join(o.args), o.return_type) for o in self._overloads]

    def inspect_types(self, signature=None, file=None):
        """Print the source annotated with every variable's inferred type, per signature."""
        import sys
        from . import _request
        file = file or sys.stdout
        source, _ = _request.function_source(self.py_func)
        for overload in self._overloads:
            if signature is not None and tuple(signature) != overload.args:
                continue
            print("%s %s" % (self.__qualname__, overload.signature), file=file)
            print("-" * 60, file=file)
            lines = source.splitlines()
            for number, line in enumerate(lines, self.py_func.__code__.co_firstlineno):
                print("%5d  %s" % (number, line), file=file)
                for name in _assigned_names(line):
                    if name in overload.variables:
                        print("       #   %s: %s" % (name, overload.variables[name]), file=file)
            print("", file=file)

    def inspect_il(self, signature=None):
        """{argument types: IL listing} of the compiled specializations."""
        return {o.args: o.il for o in self._overloads if signature is None or tuple(signature) == o.args}

    def inspect_ir(self, signature=None):
        """{argument types: typed IR} of the compiled specializations."""
        return {o.args: o.ir for o in self._overloads if signature is None or tuple(signature) == o.args}

    def __repr__(self):
        return "CPUDispatcher(%r)" % (self.py_func,)

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        import functools
        return functools.partial(self, instance)


def _caller_stacklevel():
    """warnings.warn's stacklevel for the first frame outside this package (the user's call)."""
    import sys
    package = os.path.dirname(os.path.abspath(__file__))
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == package:
        frame, level = frame.f_back, level + 1
    return level


def _assigned_names(line):
    code = line.split("#")[0]
    names = []
    stripped = code.strip()
    for keyword in ("for ", "def "):
        if stripped.startswith(keyword):
            if keyword == "def ":
                inside = stripped[stripped.find("(") + 1:stripped.rfind(")")]
                return [p.split("=")[0].split(":")[0].strip() for p in inside.split(",") if p.strip()]
            target = stripped[4:].split(" in ")[0]
            return [t.strip(" ()") for t in target.split(",")]
    if "=" in code and not any(op in code for op in ("==", "!=", "<=", ">=")):
        target = code.split("=")[0].rstrip("+-*/%&|^<>@")
        return [t.strip(" ()") for t in target.split(",") if t.strip(" ()").isidentifier()]
    return names


def _array_fits(have, want):
    """Whether an array argument of type ``have`` may be passed for parameter type ``want``."""
    def parse(name):
        readonly = name.startswith("readonly ")
        inner = name[len("readonly "):] if readonly else name
        dtype, ndim, layout = inner[len("array("):-1].split(", ")
        return readonly, dtype, ndim, layout
    try:
        h, w = parse(have), parse(want)
    except ValueError:
        return False
    return h[1:3] == w[1:3] and (w[3] == "A" or w[3] == h[3]) and (w[0] or not h[0])


def jit_disabled():
    return os.environ.get("NUMJIT_DISABLE_JIT", "") not in ("", "0")
