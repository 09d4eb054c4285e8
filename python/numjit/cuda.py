"""numba.cuda's kernel API on NumJit: ``from numjit import cuda``.

Kernels run on the backend NUMJIT_GPU_BACKEND names: ``cuda`` (the default; PTX through the
CUDA driver), ``opencl`` (OpenCL C through the ICD loader) or ``sim``. The same kernel source
runs on all of them; numjit.opencl always uses OpenCL."""
from . import _gpu

_api = _gpu.Api()
_gpu.export(_api, globals())
