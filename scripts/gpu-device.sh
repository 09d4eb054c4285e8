#!/usr/bin/env bash
# The CUDA suite and benchmark on a lent GPU machine, in one call.
#
#   here:       bash scripts/gpu-device.sh pack     # builds the host, packs the .NET runtime (~26 MB)
#   device:     run command "bash scripts/gpu-device.sh run" carrying [".device", "python/numjit/_host"]
#
# The GPU machines have the NVIDIA driver, python3 with numpy, numba-cuda and CuPy, but no
# .NET: "pack" puts the runtime (host/fxr and shared/Microsoft.NETCore.App only) in
# .device/dotnet.tar.xz; "run" unpacks it, runs the GPU kernel suite on CUDA, the simulator
# suite and the CUDA benchmark, and leaves the logs in $OUT (or .device/out).
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  pack)
    source scripts/lib.sh
    build_host
    root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
    mkdir -p .device
    tar -C "$root" -cJf .device/dotnet.tar.xz host shared/Microsoft.NETCore.App
    ls -la .device/dotnet.tar.xz python/numjit/_host | head -3
    ;;
  run)
    out="${OUT:-.device/out}"
    mkdir -p "$out" .device/dotnet
    tar -C .device/dotnet -xJf .device/dotnet.tar.xz
    export DOTNET_ROOT="$PWD/.device/dotnet" NUMJIT_GPU_BACKEND=cuda PYTHONPATH=python
    nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || true
    status=0
    python3 -m pytest -q -rs python/tests/test_gpu_kernels.py -k cuda 2>&1 | tee "$out/cuda-suite.txt" || status=1
    python3 benchmarks/gpu_cuda.py 2>&1 | tee "$out/gpu-cuda-benchmark.txt" || status=1
    exit $status
    ;;
  *)
    echo "usage: $0 pack|run" >&2
    exit 2
    ;;
esac
