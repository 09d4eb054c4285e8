"""@guvectorize: generalized ufuncs with layout strings such as ``"(n),()->(n)"``.

The kernel works on one "core" element (here a length-n vector and a scalar) and writes its
outputs into the last arguments, as in numba. The result is a real numpy gufunc (built with
PyUFunc_FromFuncAndDataAndSignature): numpy broadcasts the loop dimensions, checks core sizes,
picks the signature by its casting rules, allocates outputs and handles ``out=``; a compiled
inner loop calls the kernel once per loop index on views of the core.
"""
import re

from . import _loader
from .dispatcher import Dispatcher

_LAYOUT = re.compile(r"^\s*((?:\([^()]*\)\s*,\s*)*\([^()]*\))\s*->\s*((?:\([^()]*\)\s*,\s*)*\([^()]*\))\s*$")
_GUFUNCS = {}    # id(gufunc) -> (gufunc, kernel, info): keeps kernels alive and tells compiled callers the layout


def _parse_dims(group):
    return [[d.strip() for d in part.split(",") if d.strip()] for part in re.findall(r"\(([^()]*)\)", group)]


def parse_layout(layout):
    """'(n),()->(n)' -> ([['n'], []], [['n']])"""
    match = _LAYOUT.match(layout)
    if not match:
        raise ValueError("invalid gufunc layout %r; expected e.g. '(n),()->(n)'" % (layout,))
    return _parse_dims(match.group(1)), _parse_dims(match.group(2))


def guvectorize(signatures, layout, **options):
    """``@guvectorize(["void(float64[:], float64, float64[:])"], "(n),()->(n)")`` -> a numpy gufunc."""
    if isinstance(signatures, str):
        signatures = [signatures]
    inputs, outputs = parse_layout(layout)
    names = {}
    # numpy numbers core dimensions by first appearance in the signature; the loops read them so
    core_indices = tuple(tuple(names.setdefault(d, len(names)) for d in core) for core in inputs + outputs)

    def decorate(func):
        kernel = Dispatcher(func, dict(options, error_model="numpy", cache=False, nopython=True))
        indices = [kernel.compile(sig) for sig in signatures]
        gufunc = _loader.host()["make_gufunc"](kernel._handle, tuple(indices), func.__name__, func.__doc__ or "",
                                               layout.replace(" ", ""), len(inputs), core_indices)
        types = [[_dtype_of(t) for t in kernel._overloads[i].args] for i in indices]
        _GUFUNCS[id(gufunc)] = (gufunc, kernel, {"nin": len(inputs), "core": [len(c) for c in inputs + outputs],
                                                 "types": types})
        return gufunc
    return decorate


def gufunc_info(value):
    """nin, core dimension counts and per-signature dtypes of a numjit-made gufunc, else None."""
    entry = _GUFUNCS.get(id(value))
    return entry[2] if entry is not None and entry[0] is value else None


def _dtype_of(type_name):
    name = str(type_name)
    if name.startswith(("array(", "readonly array(")):
        return name.split("(", 1)[1].split(",")[0]
    return name
