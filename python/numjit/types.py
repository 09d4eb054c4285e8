"""Type names for explicit signatures, spelled as in numba.

``float64[:]`` is a 1-d array of any layout, ``float64[:, ::1]`` a C-contiguous 2-d array,
``float64(float64[:], int64)`` a signature. Types are strings, so ``"f8(f8[:], i8)"`` works
as well wherever a signature is accepted.
"""


class Type(str):
    """A NumJit type, as its numba spelling."""

    def __getitem__(self, key):
        dims = key if isinstance(key, tuple) else (key,)
        if not all(isinstance(d, slice) and d.start is None and d.stop is None for d in dims):
            return str.__getitem__(self, key)   # ordinary string indexing
        parts = []
        for d in dims:
            if not isinstance(d, slice) or d.start is not None or d.stop is not None \
                    or d.step not in (None, 1):
                raise TypeError("array types are spelled with ':' and '::1', e.g. float64[:, ::1]")
            parts.append("::1" if d.step == 1 else ":")
        return Type("%s[%s]" % (self, ", ".join(parts)))

    def __call__(self, *args):
        return Type("%s(%s)" % (self, ", ".join(str(a) for a in args)))

    def __repr__(self):
        return str(self)


boolean = bool_ = b1 = Type("bool")
int8 = i1 = Type("int8")
int16 = i2 = Type("int16")
int32 = i4 = Type("int32")
int64 = i8 = intp = int_ = Type("int64")
uint8 = u1 = Type("uint8")
uint16 = u2 = Type("uint16")
uint32 = u4 = Type("uint32")
uint64 = u8 = uintp = Type("uint64")
float32 = f4 = Type("float32")
float64 = f8 = double = Type("float64")
complex64 = c8 = Type("complex64")
complex128 = c16 = Type("complex128")
void = none = Type("none")


def UniTuple(item, count):
    return Type("UniTuple(%s x %d)" % (item, count))


def Tuple(items):
    return Type("Tuple(%s)" % ", ".join(str(i) for i in items))
