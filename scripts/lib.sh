# Shared by ./demo and ./test (sourced): finds Python, installs missing Debian packages when
# root (else prints the exact command), checks for .NET and rebuilds the host when stale.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_DIR="$ROOT/python/numjit/_host"

find_python() {
    if [ -n "${NUMJIT_PYTHON:-}" ]; then
        PYTHON="$NUMJIT_PYTHON"
    elif [ -x /usr/bin/python3 ]; then
        PYTHON=/usr/bin/python3      # Debian's, where python3-numpy installs
    else
        PYTHON="$(command -v python3 || true)"
    fi
    if [ -z "$PYTHON" ]; then
        echo "error: python3 not found; install it (apt-get install python3) or set NUMJIT_PYTHON" >&2
        exit 1
    fi
}

# ensure_python_modules numpy pytest ...: Debian packages python3-<module> when missing.
ensure_python_modules() {
    local missing=() module
    for module in "$@"; do
        "$PYTHON" -c "import $module" 2>/dev/null || missing+=("python3-$module")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ -z "${NUMJIT_PYTHON:-}" ]; then
        echo "installing ${missing[*]} ..." >&2
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
        return 0
    fi
    echo "error: $PYTHON lacks ${missing[*]#python3-}. Install with:" >&2
    echo "    sudo apt-get install -y ${missing[*]}" >&2
    exit 1
}

# OpenCL for the GPU kernel suite: the ICD loader and pocl (an OpenCL device on the CPU).
# Installed when root; otherwise the OpenCL tests skip with the reason and this prints the command.
ensure_opencl() {
    if ldconfig -p 2>/dev/null | grep -q 'libOpenCL\.so\.1' && ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing ocl-icd-libopencl1 pocl-opencl-icd ..." >&2
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ocl-icd-libopencl1 pocl-opencl-icd >/dev/null \
            || echo "warning: could not install pocl; OpenCL kernel tests will be skipped" >&2
        return 0
    fi
    echo "note: no OpenCL driver; the OpenCL kernel tests will be skipped. Install with:" >&2
    echo "    sudo apt-get install -y ocl-icd-libopencl1 pocl-opencl-icd" >&2
}

ensure_dotnet() {
    if ! command -v dotnet >/dev/null; then
        if [ -n "${DOTNET_ROOT:-}" ] && [ -x "$DOTNET_ROOT/dotnet" ]; then
            PATH="$DOTNET_ROOT:$PATH"
        else
            echo "error: the .NET SDK (10 or newer) is needed: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
            exit 1
        fi
    fi
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# Publishes NumJit and NumJit.Gpu into python/numjit/_host when any of its sources is newer than the build.
build_host() {
    local dll="$HOST_DIR/NumJit.dll"
    if [ -f "$dll" ] && [ -f "$HOST_DIR/NumJit.Gpu.dll" ] && \
        [ -z "$(find "$ROOT/NumJit" "$ROOT/NumJit.Gpu" \( -name '*.cs' -o -name '*.csproj' -o -name '*.py' \) -newer "$dll" -print -quit)" ]; then
        return 0
    fi
    echo "building the NumJit host ..." >&2
    # ReadyToRun: the compiler's own code is precompiled, so first compilations in a process
    # do not wait for the JIT to compile the compiler.
    local rid
    case "$(uname -m)" in
        x86_64) rid=linux-x64 ;;
        aarch64|arm64) rid=linux-arm64 ;;
        *) rid="" ;;
    esac
    if [ -n "$rid" ]; then
        local project
        for project in NumJit/NumJit.csproj NumJit.Gpu/NumJit.Gpu.csproj; do
            dotnet publish "$ROOT/$project" -c Release -o "$HOST_DIR" -r "$rid" --self-contained false \
                -p:PublishReadyToRun=true -nologo -v quiet >&2 || exit 1
        done
    else
        dotnet publish "$ROOT/NumJit/NumJit.csproj" -c Release -o "$HOST_DIR" -nologo -v quiet >&2 || exit 1
        dotnet publish "$ROOT/NumJit.Gpu/NumJit.Gpu.csproj" -c Release -o "$HOST_DIR" -nologo -v quiet >&2 || exit 1
    fi
    touch "$dll"
}
