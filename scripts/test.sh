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
set +e
bash "$root/scripts/test-session.sh" \
    ctest --test-dir "$build" --output-on-failure --parallel 2 --timeout 600 "$@"
rc=$?
set -e
# A failing suite's full output is long (every log line of every case) and CI logs get cut in
# the middle, so the last lines repeat just the verdicts: which case failed, where, and why.
if [[ $rc -ne 0 && -r "$build/Testing/Temporary/LastTest.log" ]]; then
    echo "test.sh: failed cases (from $build/Testing/Temporary/LastTest.log):"
    grep -E -A2 '^(FAIL!|XPASS|QFATAL|Subprocess aborted)|\*\*\*(Timeout|Exception)' \
        "$build/Testing/Temporary/LastTest.log" | cut -c1-400 | head -60 || true
fi
exit $rc
