#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs what is missing, builds with
# warnings as errors, and runs ctest inside a private keyring session and an X display.
# Extra arguments go to ctest (e.g. -L faults, -R emulator).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PROCORE_BUILD_DIR:-$root/build}

bash "$root/scripts/deps.sh"
bash "$root/scripts/check-format.sh"
PROCORE_BUILD_DIR=$build bash "$root/scripts/build.sh" -DPROCORE_WERROR=ON
exec bash "$root/scripts/test-session.sh" \
    ctest --test-dir "$build" --output-on-failure --parallel 2 --timeout 600 "$@"
