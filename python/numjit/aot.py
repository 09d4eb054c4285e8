"""Ahead-of-time modules (numba's ``pycc``, deprecated there with no replacement).

    from numjit.aot import CC
    cc = CC("my_module")

    @cc.export("square", "f8(f8)")
    def square(x):
        return x * x

    cc.compile()        # writes my_module.py and my_module.njaot

``import my_module`` then loads the compiled code: it needs numjit's runtime (the .NET host) but
never compiles. Or, for functions decorated with explicit signatures:

    python -m numjit aot file.py [--name module] [--output-dir DIR]

Each export is a specialization compiled exactly as ``cache=True`` would (see
NumJit/Compilation/CacheEntry.cs), bundled in ``<name>.njaot``. The bundle records the numjit
build and .NET runtime it was compiled by; importing it with another build raises ImportError
(the IL refers to the runtime's internals), while a different CPU is fine (RyuJIT compiles the IL
for the CPU at hand).
"""
import json
import os
import struct
import sys

from . import _loader
from .caching import build_id, entry_key, write_atomically
from ._dispatcher_base import DispatcherBase

_MAGIC = b"NJAOT\x01\n"
_LOADER = '''"""{name}: compiled ahead of time by numjit from {source}.

Exports: {exports}.
Needs numjit (its .NET host) at run time; nothing is compiled at import."""
from numjit.aot import load_exports as _load_exports

_load_exports(globals(), __file__)
'''


class CC:
    """A module to compile ahead of time (numba.pycc.CC's interface)."""

    def __init__(self, extension_name, source_module=None):
        if not extension_name.isidentifier():
            raise ValueError("module name %r is not a Python identifier" % (extension_name,))
        self.name = extension_name
        caller = sys._getframe(1).f_globals.get("__file__")
        self.output_dir = os.path.dirname(os.path.abspath(caller)) if caller else os.getcwd()
        self.source = source_module or caller or "<unknown>"
        self._exports = []        # (name, signature, function)

    @property
    def output_file(self):
        return os.path.join(self.output_dir, self.name + ".py")

    def export(self, exported_name, signature):
        """Decorator: export the function under ``exported_name`` with one explicit signature
        (several exports may share a name, one signature each). Returns the function unchanged."""
        def decorate(func):
            python_function = getattr(func, "py_func", func)
            self._exports.append((exported_name, str(signature), python_function))
            return func
        return decorate

    def compile(self):
        """Compiles every export and writes the module (loader and bundle); returns the loader's path."""
        if not self._exports:
            raise ValueError("%s: nothing to compile (use @cc.export)" % self.name)
        from .dispatcher import Dispatcher
        from . import _request
        host = _loader.host()
        entries = []
        for name, signature, function in self._exports:
            dispatcher = Dispatcher(function, {"nopython": True})
            dispatcher._register()
            request = _request.build(dispatcher, signature=signature)
            key = entry_key(host, request)
            info, _builtin, entry = host["compile"](dispatcher._handle, request, key)
            if entry is None:
                raise ValueError("%s (%s) cannot be compiled ahead of time: its code refers to objects of this "
                                 "process (a @guvectorize function)" % (name, signature))
            entries.append({"name": name, "signature": json.loads(info)["signature"], "key": key, "entry": entry})
        write_bundle(os.path.join(self.output_dir, self.name + ".njaot"), entries, build_id(host))
        exports = ", ".join("%s%s" % (e["name"], e["signature"]) for e in entries)
        write_atomically(self.output_file, _LOADER.format(name=self.name, source=self.source, exports=exports).encode())
        return self.output_file


def write_bundle(path, entries, build):
    header = json.dumps({"build": build, "exports": [
        {"name": e["name"], "signature": e["signature"], "key": e["key"], "length": len(e["entry"])}
        for e in entries]}).encode()
    data = _MAGIC + struct.pack("<I", len(header)) + header + b"".join(e["entry"] for e in entries)
    write_atomically(path, data)


def load_exports(namespace, module_file):
    """Called by a generated module: defines its exports in ``namespace``."""
    path = os.path.splitext(module_file)[0] + ".njaot"
    module = namespace.get("__name__", "?")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as error:
        raise ImportError("%s: cannot read its compiled code %s (%s)" % (module, path, error)) from None
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 4:
        raise ImportError("%s: %s is not a numjit AOT bundle" % (module, path))
    (length,) = struct.unpack_from("<I", data, len(_MAGIC))
    start = len(_MAGIC) + 4
    try:
        header = json.loads(data[start:start + length])
    except ValueError:
        raise ImportError("%s: %s is damaged (its header does not parse)" % (module, path)) from None
    host = _loader.host()
    if header.get("build") != build_id(host):
        raise ImportError("%s was compiled by another numjit build or .NET runtime (%s; this one is %s): compile it "
                          "again" % (module, header.get("build"), build_id(host)))
    offset = start + length
    functions = {}
    for export in header["exports"]:
        entry = data[offset:offset + export["length"]]
        offset += export["length"]
        function = functions.get(export["name"]) or functions.setdefault(export["name"], ExportedFunction(export["name"], module))
        function._load(host, export["key"], entry)
    namespace.update(functions)
    namespace["__all__"] = sorted(functions)


class ExportedFunction(DispatcherBase):
    """An exported function: calls go straight to the compiled entries, as for a dispatcher with
    explicit signatures (arguments are converted safely or rejected with TypeError)."""

    def __init__(self, name, module):
        self.__name__ = self.__qualname__ = name
        self.__module__ = module
        self._overloads = []
        host = _loader.host()
        self._handle = host["register"](self, self._call_slow, type(self).__flags__)

    def _load(self, host, key, entry):
        from .dispatcher import CompiledOverload
        loaded = host["load_cached"](self._handle, key, entry)
        if loaded is None:
            raise ImportError("%s: the compiled code of %s is damaged; compile the module again" % (self.__module__, self.__name__))
        info, builtin = loaded
        self._overloads.append(CompiledOverload(json.loads(info), builtin))

    def __call__(self, *args, **kwargs):
        return self._call_slow(*args, **kwargs)

    def _call_slow(self, *args, **kwargs):
        from .dispatcher import Dispatcher
        from ._typeof import as_exact_array, typeof
        if kwargs:
            raise TypeError("%s() takes positional arguments only" % self.__name__)
        args = tuple(as_exact_array(a) for a in args)
        types = tuple(typeof(a) for a in args)
        index, args = Dispatcher._convert(self, types, args)
        return _loader.host()["invoke"](self._handle, index, args)

    @property
    def signatures(self):
        return [o.args for o in self._overloads]

    def __repr__(self):
        return "<numjit AOT function %s.%s>" % (self.__module__, self.__name__)


def compile_file(path, name=None, output_dir=None):
    """``python -m numjit aot``: exports every jitted function of the file that has explicit signatures."""
    import importlib.util
    from .dispatcher import Dispatcher
    path = os.path.abspath(path)
    module_name = "_numjit_aot_source_" + os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(module_name, None)
    cc = CC(name or os.path.splitext(os.path.basename(path))[0] + "_aot", source_module=path)
    cc.output_dir = os.path.abspath(output_dir) if output_dir else os.path.dirname(path)
    for attribute, value in sorted(vars(module).items()):
        if isinstance(value, Dispatcher) and value._explicit_signatures:
            for signature in value._explicit_signatures:
                cc.export(attribute, signature)(value.py_func)
    if not cc._exports:
        raise ValueError("%s has no jitted function with explicit signatures (@njit(\"f8(f8)\"))" % path)
    return cc.compile()
