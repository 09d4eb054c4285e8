"""Starts the .NET host inside this process, with nothing but ctypes.

The runtime is loaded through ``libhostfxr`` (the same library ``dotnet`` itself uses): we
initialise it for the host assembly's ``runtimeconfig.json``, load the assembly into the
default load context and fetch the function pointer of its ``[UnmanagedCallersOnly]``
bootstrap method.  The bootstrap returns a dict of builtin functions implemented in C#;
everything after that is ordinary Python calls into them.

Nothing here runs at ``import numjit``: the host starts on the first compilation.
"""
import ctypes
import glob
import os
import sys
import threading

_HDT_LOAD_ASSEMBLY = 7
_HDT_GET_FUNCTION_POINTER = 6
_UNMANAGED_CALLERS_ONLY = ctypes.c_void_p(-1)

_lock = threading.RLock()
_host = None
_gpu_host = None
_delegates = None
_error_lines = []


class HostLoadError(RuntimeError):
    """The .NET host could not be started (missing runtime, missing build, ...)."""


def _package_dir():
    return os.path.dirname(os.path.abspath(__file__))


def host_dir():
    """Folder holding NumJit.dll and its runtimeconfig: NUMJIT_HOST_DIR, else numjit/_host."""
    explicit = os.environ.get("NUMJIT_HOST_DIR")
    return explicit if explicit else os.path.join(_package_dir(), "_host")


def _dotnet_roots():
    roots = []
    if os.environ.get("DOTNET_ROOT"):
        roots.append(os.environ["DOTNET_ROOT"])
    for exe_dir in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(exe_dir, "dotnet")
        if os.path.isfile(candidate):
            roots.append(os.path.dirname(os.path.realpath(candidate)))
    roots += ["/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/share/dotnet",
              os.path.expanduser("~/.dotnet"), "/opt/dotnet"]
    return roots


def _version_key(path):
    name = os.path.basename(os.path.dirname(path))
    parts = []
    for piece in name.split("-")[0].split("."):
        parts.append(int(piece) if piece.isdigit() else 0)
    return parts


def find_hostfxr():
    """Return (path to libhostfxr.so, dotnet root) or raise HostLoadError naming what is missing."""
    tried = []
    for root in _dotnet_roots():
        found = glob.glob(os.path.join(root, "host", "fxr", "*", "libhostfxr.so"))
        found += glob.glob(os.path.join(root, "host", "fxr", "*", "libhostfxr.dylib"))
        tried.append(root)
        if found:
            return max(found, key=_version_key), root
    raise HostLoadError(
        "NumJit needs the .NET runtime (10 or newer) but found no libhostfxr under: "
        + ", ".join(dict.fromkeys(tried))
        + ". Install the .NET SDK or runtime, or set DOTNET_ROOT to its folder.")


_ERROR_WRITER = ctypes.CFUNCTYPE(None, ctypes.c_char_p)


@_ERROR_WRITER
def _collect_host_error(message):
    _error_lines.append(message.decode("utf-8", "replace"))


def _check(rc, what):
    if rc != 0 and rc != 1 and rc != 2:  # 1, 2: Success_HostAlreadyInitialized / DifferentRuntimeProperties
        detail = "\n".join(_error_lines[-5:])
        raise HostLoadError("%s failed with 0x%08x%s" % (what, rc & 0xFFFFFFFF,
                                                        (":\n" + detail) if detail else ""))


def _start():
    directory = host_dir()
    assembly = os.path.join(directory, "NumJit.dll")
    config = os.path.join(directory, "NumJit.runtimeconfig.json")
    if not (os.path.isfile(assembly) and os.path.isfile(config)):
        raise HostLoadError(
            "NumJit's compiled host is missing (%s). Build it with "
            "`dotnet publish NumJit -c Release -o python/numjit/_host` from the repository, "
            "or run the README's commands, which build what is stale." % assembly)
    fxr_path, root = find_hostfxr()
    fxr = ctypes.CDLL(fxr_path)
    fxr.hostfxr_set_error_writer.restype = ctypes.c_void_p
    fxr.hostfxr_set_error_writer.argtypes = [_ERROR_WRITER]
    fxr.hostfxr_set_error_writer(_collect_host_error)

    class InitParameters(ctypes.Structure):
        _fields_ = [("size", ctypes.c_size_t), ("host_path", ctypes.c_char_p),
                    ("dotnet_root", ctypes.c_char_p)]

    params = InitParameters(ctypes.sizeof(InitParameters), None, root.encode())
    handle = ctypes.c_void_p()
    fxr.hostfxr_initialize_for_runtime_config.argtypes = [
        ctypes.c_char_p, ctypes.POINTER(InitParameters), ctypes.POINTER(ctypes.c_void_p)]
    _check(fxr.hostfxr_initialize_for_runtime_config(config.encode(), ctypes.byref(params),
                                                      ctypes.byref(handle)),
           "hostfxr_initialize_for_runtime_config(%s)" % config)

    fxr.hostfxr_get_runtime_delegate.argtypes = [ctypes.c_void_p, ctypes.c_int,
                                                 ctypes.POINTER(ctypes.c_void_p)]
    load_ptr, get_ptr = ctypes.c_void_p(), ctypes.c_void_p()
    _check(fxr.hostfxr_get_runtime_delegate(handle, _HDT_LOAD_ASSEMBLY, ctypes.byref(load_ptr)),
           "hostfxr_get_runtime_delegate(load_assembly)")
    _check(fxr.hostfxr_get_runtime_delegate(handle, _HDT_GET_FUNCTION_POINTER,
                                            ctypes.byref(get_ptr)),
           "hostfxr_get_runtime_delegate(get_function_pointer)")
    fxr.hostfxr_close.argtypes = [ctypes.c_void_p]
    fxr.hostfxr_close(handle)

    load_assembly = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p,
                                     ctypes.c_void_p)(load_ptr.value)
    _check(load_assembly(assembly.encode(), None, None), "load_assembly(%s)" % assembly)
    get_function_pointer = ctypes.CFUNCTYPE(
        ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p,
        ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))(get_ptr.value)
    global _delegates
    _delegates = (load_assembly, get_function_pointer)
    entry = ctypes.c_void_p()
    _check(get_function_pointer(b"NumJit.Interop.HostEntry, NumJit", b"Bootstrap",
                                _UNMANAGED_CALLERS_ONLY, None, None, ctypes.byref(entry)),
           "get_function_pointer(NumJit.Interop.HostEntry.Bootstrap)")
    # PYFUNCTYPE keeps the GIL held: the bootstrap calls the C API.
    bootstrap = ctypes.PYFUNCTYPE(ctypes.py_object, ctypes.c_long)(entry.value)
    return bootstrap(sys.hexversion)


def gpu_host():
    """The dict of GPU builtins from NumJit.Gpu.dll, loaded beside the host on first use (one
    load context: it shares the host's C API bindings)."""
    global _gpu_host
    if _gpu_host is None:
        host()
        with _lock:
            if _gpu_host is None:
                load_assembly, get_function_pointer = _delegates
                assembly = os.path.join(host_dir(), "NumJit.Gpu.dll")
                _check(load_assembly(assembly.encode(), None, None), "load_assembly(%s)" % assembly)
                entry = ctypes.c_void_p()
                _check(get_function_pointer(b"NumJit.Gpu.Interop.GpuEntry, NumJit.Gpu", b"Bootstrap",
                                            _UNMANAGED_CALLERS_ONLY, None, None, ctypes.byref(entry)),
                       "get_function_pointer(NumJit.Gpu.Interop.GpuEntry.Bootstrap)")
                _gpu_host = ctypes.PYFUNCTYPE(ctypes.py_object)(entry.value)()
    return _gpu_host


def host():
    """The dict of C# builtins (``compile``, ``register``, ...), starting .NET on first use."""
    global _host
    if _host is None:
        with _lock:
            if _host is None:
                functions = _start()
                from . import _runtime_info
                functions["configure"](_runtime_info.describe())
                _host = functions
    return _host
