"""cache=True: compiled specializations kept on disk between processes.

The host decides what an entry holds and whether a file is a valid entry
(NumJit/Compilation/CacheEntry.cs); this module decides where entries live and writes them.

- Key: SHA-256 of the compile request (the source of the function and of every jitted function
  it reaches, in any module, with their frozen globals, the argument types and every option that
  changes code; NUMJIT_BOUNDSCHECK is folded into the options) and of the host's salt (this
  compiler build, the .NET runtime, the CPU features).
- Directory: NUMJIT_CACHE_DIR when set; else ``__pycache__`` beside the function's module when
  it can be written; else ``$XDG_CACHE_HOME/numjit`` (``~/.cache/numjit``).
- Entries are loaded only from directories, and as files, owned by the current user. Writes go
  to a temporary file in the same directory, then ``os.replace``: a reader sees a whole entry or
  none, however many processes write at once. A file that does not check out is ignored and
  rewritten, never loaded.
"""
import collections
import hashlib
import os
import re
import tempfile

_SUFFIX = ".nji"
_salt = None     # (build id, CPU features), asked of the host once


def build_id(host):
    """The numjit build and .NET runtime saved code needs (see NumJit/Compilation/CacheEntry.cs)."""
    return _salt_of(host)[0]


def entry_key(host, request):
    """The cache key of a compile request: SHA-256 of the request, the build and the CPU features."""
    return hashlib.sha256(("%s|%s\n%s" % (*_salt_of(host), request)).encode()).hexdigest()


def _salt_of(host):
    global _salt
    if _salt is None:
        _salt = host["cache_salt"]()
    return _salt


def enabled(options):
    """cache= given to the decorator, else NUMJIT_CACHE=1."""
    if "cache" in options:
        return bool(options["cache"])
    return os.environ.get("NUMJIT_CACHE", "") not in ("", "0")


class CacheStats:
    """``dispatcher.stats``: hits and misses per signature (numba's names), plus entries that were
    found but rejected (corrupt, truncated, foreign) and compilations that could not be saved."""

    def __init__(self):
        self.cache_hits = collections.Counter()
        self.cache_misses = collections.Counter()
        self.rejected = 0
        self.unsaved = collections.Counter()
        self.cache_path = None

    @property
    def hits(self):
        return sum(self.cache_hits.values())

    @property
    def misses(self):
        return sum(self.cache_misses.values())

    def __repr__(self):
        return "CacheStats(hits=%d, misses=%d, rejected=%d, path=%r)" % (
            self.hits, self.misses, self.rejected, self.cache_path)


class FunctionCache:
    """The entries of one jitted function."""

    def __init__(self, py_func):
        self._func = py_func
        self.stats = CacheStats()

    def compile(self, host, handle, request):
        """(info_json, builtin) from a valid entry, else compiled (and saved when it can be)."""
        key = entry_key(host, request)
        directory = cache_directory(self._func)
        self.stats.cache_path = directory
        path = os.path.join(directory, self._file_name(key)) if directory else None
        data = _read_trusted(path) if path else None
        if data is not None:
            loaded = host["load_cached"](handle, key, data)
            if loaded is not None:
                return loaded, "hit"
            self.stats.rejected += 1
        info, builtin, entry = host["compile"](handle, request, key)
        if entry is None:
            return (info, builtin), "unsaved"
        if path:
            try:
                write_atomically(path, entry)
            except OSError:
                pass                 # a cache that cannot be written is only a slower cache
        return (info, builtin), "miss"

    def record(self, signature, outcome):
        if outcome == "hit":
            self.stats.cache_hits[signature] += 1
        else:
            self.stats.cache_misses[signature] += 1
            if outcome == "unsaved":
                self.stats.unsaved[signature] += 1

    def _file_name(self, key):
        stem = os.path.splitext(os.path.basename(self._func.__code__.co_filename))[0]
        name = "%s.%s.%s%s" % (stem, self._func.__qualname__, key[:32], _SUFFIX)
        return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def cache_directory(py_func):
    """Where the function's entries live, or None when no usable directory exists."""
    configured = os.environ.get("NUMJIT_CACHE_DIR", "")
    if configured:
        return _usable(os.path.abspath(configured))
    filename = py_func.__code__.co_filename
    if os.path.isfile(filename):
        found = _usable(os.path.join(os.path.dirname(os.path.abspath(filename)), "__pycache__"))
        if found:
            return found
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return _usable(os.path.join(base, "numjit"))


def _usable(directory):
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError:
        return None
    if not _owned(os.stat(directory)) or not os.access(directory, os.W_OK | os.X_OK):
        return None
    return directory


def _owned(stat):
    return not hasattr(os, "getuid") or stat.st_uid == os.getuid()


def _read_trusted(path):
    try:
        with open(path, "rb") as file:
            if not _owned(os.fstat(file.fileno())):
                return None
            return file.read()
    except OSError:
        return None


def write_atomically(path, data):
    """Writes data to path through a temporary file in the same directory and a rename, so that
    readers see the old file or the whole new one; OSError when it cannot."""
    fd, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
