"""numba's typeof for arguments: the NumJit type name of a Python value (on a dispatch miss)."""
import sys

_INT64_MIN, _INT64_MAX, _UINT64_MAX = -2 ** 63, 2 ** 63 - 1, 2 ** 64 - 1
_DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
           "float32", "float64", "complex64", "complex128"}


def typeof(value):
    """The type name compiled code sees for ``value``; TypeError if it has none."""
    kind = type(value)
    if kind is bool:
        return "bool"
    if kind is int:
        if _INT64_MIN <= value <= _INT64_MAX:
            return "int64"
        if 0 <= value <= _UINT64_MAX:
            return "uint64"
        raise TypeError("int %d does not fit in 64 bits" % value)
    if kind is float:
        return "float64"
    if kind is complex:
        return "complex128"
    if value is None:
        return "none"
    if kind is tuple:
        items = [typeof(v) for v in value]
        if items and all(i == items[0] for i in items):
            return "UniTuple(%s x %d)" % (items[0], len(items))
        return "Tuple(%s)" % ", ".join(items)
    np = sys.modules.get("numpy")
    if np is not None:
        if isinstance(value, np.ndarray):
            return _array_type(np, value)
        if isinstance(value, np.generic):
            name = value.dtype.name
            if name in _DTYPES:
                return name
    raise TypeError("compiled functions cannot take a %s argument" % kind.__name__)


def _array_type(np, array):
    dtype = array.dtype
    if dtype.name not in _DTYPES or not dtype.isnative:
        raise TypeError("compiled functions cannot take arrays of dtype %s (supported: %s)"
                        % (dtype, ", ".join(sorted(_DTYPES))))
    flags = array.flags
    if not flags.aligned:
        raise TypeError("compiled functions cannot take unaligned arrays")
    layout = "C" if flags.c_contiguous else "F" if flags.f_contiguous else "A"
    prefix = "" if flags.writeable else "readonly "
    return "%sarray(%s, %dd, %s)" % (prefix, dtype.name, array.ndim, layout)


def as_exact_array(value):
    """ndarray subclasses and buffer-protocol objects become plain ndarray views (no copy)."""
    np = sys.modules.get("numpy")
    if np is None or type(value) is np.ndarray:
        return value
    if isinstance(value, np.ndarray):
        return value.view(np.ndarray)
    if isinstance(value, np.generic):
        return value
    if isinstance(value, (bytearray, memoryview)) or hasattr(value, "__array_interface__"):
        return np.asarray(value)
    try:
        import array
        if isinstance(value, array.array):
            return np.asarray(value)
    except ImportError:
        pass
    return value
