#!/usr/bin/env bash
# Builds what the benchmarks need and runs all six inside scripts/test-session.sh (throwaway
# HOME, unlocked keyring, Xvfb); each starts its own emulator. Figures go to stdout, the
# programs' logs to <build>/bench-logs/. Nothing here fails on a missed target.
#   bash bench/run.sh                 # all six, 7 repetitions each
#   BENCH_REPS=3 bash bench/run.sh    # quicker
#   bash bench/run.sh launch filter   # some of: launch listing filter signin slowlink drawings
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PROCORE_BUILD_DIR:-$root/build}
reps=${BENCH_REPS:-7}
which=("$@")
[[ ${#which[@]} -gt 0 ]] || which=(launch listing filter signin slowlink drawings)

if [[ "${PROCORE_TEST_SESSION_INNER:-}" != 1 ]]; then
    bash "$root/scripts/deps.sh"
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    targets=(procore-desktop procore-emulator bench-spawn bench-bare-window bench-launch
             bench-listing bench-filter bench-slowlink bench-drawings bench-sheet-viewer)
    # bench-signin needs Xlib and Qt WebSockets; CMake leaves it out without them.
    if cmake --build "$build" --target help | grep -q '^bench-signin:'; then
        targets+=(procore-desktop-login bench-signin)
    fi
    cmake --build "$build" --parallel 2 --target "${targets[@]}"
    exec bash "$root/scripts/test-session.sh" bash "$root/bench/run.sh" "${which[@]}"
fi

logs=$build/bench-logs
mkdir -p "$logs"
echo "# Procore Desktop benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
     "load $(cut -d' ' -f1-3 /proc/loadavg), $(git -C "$root" rev-parse --short HEAD 2>/dev/null)"
for bench in "${which[@]}"; do
    program=$build/bench/bench-$bench
    if [[ ! -x $program ]]; then
        echo "bench-$bench was not built (see bench/README.md); skipped"
        continue
    fi
    case $bench in
        filter | slowlink) env QT_QPA_PLATFORM=offscreen "$program" --reps "$reps" ;;
        signin) "$program" --reps "$reps" --sign-ins 3 ;;
        *) "$program" --reps "$reps" ;;
    esac 2>"$logs/$bench.log" || echo "bench-$bench failed (exit $?); see $logs/$bench.log"
done
