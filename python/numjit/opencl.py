"""The numba.cuda kernel API, always on OpenCL: ``from numjit import opencl as cuda``.

Kernels are compiled to OpenCL C 1.2 and built by the installed OpenCL driver (any ICD:
pocl on the CPU, GPU vendors' drivers). numba never had an OpenCL target."""
from . import _gpu

_api = _gpu.Api("opencl")
_gpu.export(_api, globals())
