"""What the .NET host needs from this interpreter: numpy's types and creation functions,
and NumJit's exception classes (so compile errors surface as numjit.TypingError etc.)."""
import numpy as np

from . import errors

_DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
           "float32", "float64", "complex64", "complex128"]


def describe():
    dtypes = {}
    for name in _DTYPES:
        dtype = np.dtype(name)
        dtypes[name] = (dtype.num, dtype, dtype.type)
    functions = {name: getattr(np, name) for name in
                 ("empty", "zeros", "ones", "full", "arange", "empty_like", "zeros_like",
                  "ones_like", "full_like")}
    return {
        "ndarray": np.ndarray,
        "dtypes": dtypes,
        "functions": functions,
        "errors": {"NumJitError": errors.NumJitError, "TypingError": errors.TypingError,
                   "UnsupportedError": errors.UnsupportedError, "GpuError": errors.GpuError},
    }
