#!/usr/bin/env bash
# Configures and builds into ${PROCORE_BUILD_DIR:-build}. Extra arguments go to CMake.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PROCORE_BUILD_DIR:-$root/build}
mkdir -p "$build"
# Configure quietly, but show everything CMake said when it fails.
if ! cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" \
        >"$build/configure.log" 2>&1; then
    cat "$build/configure.log" >&2
    echo "Configuring failed (log: $build/configure.log)" >&2
    exit 1
fi
cmake --build "$build" --parallel "$(nproc)"
