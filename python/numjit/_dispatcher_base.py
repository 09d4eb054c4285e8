"""The C-level base type of Dispatcher, made with PyType_FromSpec through ctypes at import.

It reserves two words per instance: a vectorcall function pointer (offset 16) and the .NET
host's handle for the dispatcher (offset 24). Until the host registers a dispatcher the
pointer is NULL and calls take the ordinary Python ``__call__``; once registered, CPython
calls straight into C# with no interpreter frame in between (NumJit/Interop/DispatcherRegistry.cs).
"""
import ctypes

_Py_TPFLAGS_DEFAULT = 1 << 18          # Py_TPFLAGS_HAVE_VERSION_TAG
_Py_TPFLAGS_BASETYPE = 1 << 10
_Py_tp_members = 72
_T_PYSSIZET = 19
_READONLY = 1
VECTORCALL_OFFSET = 16
BASIC_SIZE = 32


class _PyMemberDef(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("type", ctypes.c_int), ("offset", ctypes.c_ssize_t),
                ("flags", ctypes.c_int), ("doc", ctypes.c_char_p)]


class _PyTypeSlot(ctypes.Structure):
    _fields_ = [("slot", ctypes.c_int), ("pfunc", ctypes.c_void_p)]


class _PyTypeSpec(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("basicsize", ctypes.c_int), ("itemsize", ctypes.c_int),
                ("flags", ctypes.c_uint), ("slots", ctypes.POINTER(_PyTypeSlot))]


# CPython keeps pointers into these for the life of the type: keep them alive with the module.
_members = (_PyMemberDef * 2)(
    _PyMemberDef(b"__vectorcalloffset__", _T_PYSSIZET, VECTORCALL_OFFSET, _READONLY, None),
    _PyMemberDef())
_slots = (_PyTypeSlot * 2)(
    _PyTypeSlot(_Py_tp_members, ctypes.cast(_members, ctypes.c_void_p)), _PyTypeSlot(0, None))
_spec = _PyTypeSpec(b"numjit._DispatcherBase", BASIC_SIZE, 0,
                    _Py_TPFLAGS_DEFAULT | _Py_TPFLAGS_BASETYPE, _slots)

_from_spec = ctypes.pythonapi.PyType_FromSpec
_from_spec.restype = ctypes.py_object
_from_spec.argtypes = [ctypes.POINTER(_PyTypeSpec)]
DispatcherBase = _from_spec(ctypes.byref(_spec))
