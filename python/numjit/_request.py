"""Builds the compile request the .NET host reads (NumJit/Compilation/CompileRequestReader.cs).

A request carries the entry function's source and every jitted function it can reach, each
with what its global and closure names referred to at compile time (globals are frozen, as
in numba)."""
import builtins
import inspect
import json
import textwrap
import types

_MODULES = {"math", "cmath", "numpy", "numjit"}
_DTYPE_NAMES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                "float32", "float64", "complex64", "complex128"}


def build(entry, argtypes=None, signature=None):
    """entry: a Dispatcher. Exactly one of argtypes (list of type names) or signature (str)."""
    functions = {}
    ids = {}
    pending = [entry]
    ids[id(entry)] = 0
    while pending:
        dispatcher = pending.pop()
        functions[str(ids[id(dispatcher)])] = _describe_function(dispatcher, ids, pending)
    request = {"entry": 0, "functions": functions, "options": code_options(entry.targetoptions)}
    if signature is not None:
        request["signature"] = signature
    else:
        request["args"] = list(argtypes)
    return json.dumps(request)


def code_options(options):
    """The options that change generated code. NUMJIT_BOUNDSCHECK=0/1 overrides boundscheck=."""
    import os
    boundscheck = bool(options.get("boundscheck", False))
    forced = os.environ.get("NUMJIT_BOUNDSCHECK", "")
    if forced in ("0", "1"):
        boundscheck = forced == "1"
    error_model = options.get("error_model", "python")
    if error_model not in ("python", "numpy"):
        raise ValueError("error_model must be 'python' or 'numpy', not %r" % (error_model,))
    fastmath = options.get("fastmath", False)
    return {"boundscheck": boundscheck, "error_model": error_model, "fastmath": bool(fastmath),
            "nogil": bool(options.get("nogil", False)), "parallel": bool(options.get("parallel", False))}


def _describe_function(dispatcher, ids, pending):
    func = dispatcher.py_func
    if dispatcher._source is None:            # inspect.getsource costs ~0.5 ms: once per function
        dispatcher._source = function_source(func)
    source, indent = dispatcher._source
    code = func.__code__
    names = set()
    _collect_names(code, names)
    globals_ = {}
    scope = func.__globals__
    for name in sorted(names):           # sorted: the request, and so the cache key, is the same in every process
        if name in scope:
            globals_[name] = _describe_value(scope[name], ids, pending)
    if func.__closure__:
        for name, cell in zip(code.co_freevars, func.__closure__):
            try:
                globals_[name] = _describe_value(cell.cell_contents, ids, pending)
            except ValueError:   # empty cell
                globals_[name] = {"kind": "opaque", "type": "unbound closure variable"}
    defaults = {}
    if func.__defaults__:
        params = code.co_varnames[:code.co_argcount]
        for name, value in zip(params[-len(func.__defaults__):], func.__defaults__):
            described = _describe_value(value, ids, pending)
            if described["kind"] == "const":
                defaults[name] = described
    return {"name": func.__name__, "qualname": func.__qualname__, "filename": code.co_filename,
            "firstlineno": code.co_firstlineno, "indent": indent, "source": source,
            "globals": globals_, "defaults": defaults}


def function_source(func):
    """The function's source, dedented, and how far it was indented in its file."""
    raw = _source_from_positions(func)
    if raw is None:
        try:
            raw = inspect.getsource(func)
        except (OSError, TypeError) as error:
            from .errors import UnsupportedError
            raise UnsupportedError("cannot compile %s: its source code is not available (%s)"
                                   % (func.__qualname__, error)) from None
    first = raw.splitlines()[0] if raw else ""
    indent = len(first) - len(first.lstrip())
    return textwrap.dedent(raw), indent


def _source_from_positions(func):
    """The source lines the code object spans (decorators through the last expression, then any
    more-indented lines), or None where that is not certain to be the whole function.

    inspect.getsource tokenizes the file, and tokenize compiles its regular expressions on first
    use: ~4 ms, which a cache hit should not pay. The text is checked by compiling it."""
    code = func.__code__
    if func.__name__ == "<lambda>" or not hasattr(code, "co_positions"):
        return None
    import linecache
    lines = linecache.getlines(code.co_filename, func.__globals__)
    last = _last_line(code)
    first = code.co_firstlineno
    if not lines or last is None or not first <= last <= len(lines):
        return None
    indent = len(lines[first - 1]) - len(lines[first - 1].lstrip())
    while last < len(lines):
        line = lines[last]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        last += 1
    while last > first and not lines[last - 1].strip():
        last -= 1
    raw = "".join(lines[first - 1:last])
    try:
        compile(textwrap.dedent(raw), code.co_filename, "exec", dont_inherit=True)
    except SyntaxError:
        return None
    return raw


def _last_line(code):
    last = max((end for _, end, _, _ in code.co_positions() if end is not None), default=None)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            inner = _last_line(const)
            if inner is not None and (last is None or inner > last):
                last = inner
    return last


def _collect_names(code, names):
    names.update(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _collect_names(const, names)


def _float_text(value):
    return repr(float(value))


def _describe_value(value, ids, pending):
    from .dispatcher import Dispatcher
    import sys
    # No numjit ufunc or gufunc exists until their modules are imported: don't import them here.
    ufuncs, gufuncs = sys.modules.get("numjit.ufuncs"), sys.modules.get("numjit.gufuncs")
    kernel = ufuncs.kernel_of(value) if ufuncs else None
    if kernel is not None:   # a @vectorize ufunc: compiled code calls its kernel per element
        if id(kernel) not in ids:
            ids[id(kernel)] = len(ids)
            pending.append(kernel)
        return {"kind": "jit", "id": ids[id(kernel)], "ufunc": True}
    info = gufuncs.gufunc_info(value) if gufuncs else None
    if info is not None:   # called from compiled code through Python (numpy broadcasts and allocates)
        return {"kind": "gufunc", "address": id(value), **info}
    if isinstance(value, Dispatcher):
        if id(value) not in ids:
            ids[id(value)] = len(ids)
            pending.append(value)
        return {"kind": "jit", "id": ids[id(value)]}
    constant = _describe_constant(value)
    if constant is not None:
        return constant
    if isinstance(value, types.ModuleType):
        return {"kind": "module", "name": value.__name__}
    from .types import Type
    if isinstance(value, Type) and str(value) in _DTYPE_NAMES:   # numjit.float32 as a dtype (cuda.shared.array)
        return {"kind": "dtype", "name": str(value)}
    if isinstance(value, type) and issubclass(value, BaseException) \
            and getattr(builtins, value.__name__, None) is value:
        return {"kind": "exception", "name": value.__name__}
    np = _numpy()
    if np is not None:
        if isinstance(value, type) and issubclass(value, np.generic):
            return {"kind": "dtype", "name": np.dtype(value).name}
        if isinstance(value, np.dtype):
            return {"kind": "dtype", "name": value.name}
        if isinstance(value, np.ufunc):
            return {"kind": "function", "module": "numpy", "name": value.__name__}
    if callable(value):
        if getattr(builtins, getattr(value, "__name__", ""), None) is value:
            return {"kind": "function", "module": "builtins", "name": value.__name__}
        module = getattr(value, "__module__", None) or ""
        root = module.split(".")[0]
        if root in _MODULES:
            return {"kind": "function", "module": root, "name": value.__name__}
    return {"kind": "opaque", "type": type(value).__name__}


def _describe_constant(value):
    kind = type(value)
    if value is None:
        return {"kind": "const", "type": "none", "value": None}
    if kind is bool:
        return {"kind": "const", "type": "bool", "value": value}
    if kind is int:
        if -2 ** 63 <= value < 2 ** 63:
            return {"kind": "const", "type": "int64", "value": value}
        if 0 <= value < 2 ** 64:
            return {"kind": "const", "type": "uint64", "value": value}
        return None
    if kind is float:
        return {"kind": "const", "type": "float64", "value": _float_text(value)}
    if kind is complex:
        return {"kind": "const", "type": "complex128",
                "value": [_float_text(value.real), _float_text(value.imag)]}
    if kind is tuple:
        items = [_describe_constant(v) for v in value]
        if any(i is None for i in items):
            return None
        item_types = [i["type"] for i in items]
        if item_types and all(t == item_types[0] for t in item_types):
            type_name = "UniTuple(%s x %d)" % (item_types[0], len(items))
        else:
            type_name = "Tuple(%s)" % ", ".join(item_types)
        return {"kind": "const", "type": type_name, "value": [i["value"] for i in items]}
    np = _numpy()
    if np is not None and isinstance(value, np.generic) and value.dtype.kind in "biufc":
        name = value.dtype.name
        if value.dtype.kind == "f":
            return {"kind": "const", "type": name, "value": _float_text(value)}
        if value.dtype.kind == "c":
            return {"kind": "const", "type": name,
                    "value": [_float_text(value.real), _float_text(value.imag)]}
        return {"kind": "const", "type": name, "value": value.item()}
    return None


def _numpy():
    import sys
    return sys.modules.get("numpy")
