"""Exceptions and warnings raised by NumJit."""


class NumJitError(Exception):
    """Base class of NumJit's compilation errors."""


class TypingError(NumJitError):
    """The function uses values whose types cannot work together in compiled code.

    The message names the file and line, marks the offending expression with carets,
    states the types involved and, where there is one, a hint."""


class UnsupportedError(NumJitError):
    """The function uses a Python feature that compiled code does not support."""


class NumJitWarning(UserWarning):
    """Compilation fell back to something slower (e.g. object mode)."""


class GpuError(NumJitError):
    """A GPU device or driver failed: no device, out of device memory, a launch the device
    cannot run (too many threads per block, too much shared memory), or a driver compiler
    rejecting the emitted kernel (its log is in the message)."""
