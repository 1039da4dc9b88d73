#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 600), two at a
# time, niced; prints executions, coverage and crashes per target.
# Usage: bash fuzz/run.sh [SECONDS] [TARGET...]
#   PROCORE_FUZZ_BUILD_DIR  build folder (default: build-fuzz beside the source folder's build/)
#   PROCORE_FUZZ_JOBS       targets run at once (default 2)
# New inputs go to the work folder ($build/fuzz-work/<target>/corpus), not to the committed
# seeds; crashes land in $build/fuzz-work/<target>/crashes. Copy a crash into
# fuzz/corpus/<target>/ once it is fixed, so the ctest replay keeps checking it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PROCORE_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-600}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(deeplink instancemessage tokenresponse projectpage)
jobs=${PROCORE_FUZZ_JOBS:-2}

if [[ ! -f "$build/CMakeCache.txt" ]]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DPROCORE_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
nice -n 10 cmake --build "$build" --target fuzzers -j2 >/dev/null

# Larger inputs only where the format needs them (a page of projects).
declare -A maxlen=([deeplink]=1024 [instancemessage]=8192 [tokenresponse]=2048 [projectpage]=8192)

run_one() {
    local target=$1 work=$build/fuzz-work/$1
    mkdir -p "$work/corpus" "$work/crashes"
    local dict=()
    [[ -f "$root/fuzz/dict/$target.dict" ]] && dict=(-dict="$root/fuzz/dict/$target.dict")
    nice -n 10 "$build/fuzz/fuzz_$target" "$work/corpus" "$root/fuzz/corpus/$target" \
        "${dict[@]}" -max_total_time="$seconds" -max_len="${maxlen[$target]:-4096}" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/crashes/" >"$work/log.txt" 2>&1 || true
}

running=0
for target in "${targets[@]}"; do
    echo "fuzzing $target for ${seconds}s (log: $build/fuzz-work/$target/log.txt)"
    run_one "$target" &
    running=$((running + 1))
    if [[ $running -ge $jobs ]]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait

status=0
printf '\n%-16s %12s %8s %8s %8s %8s\n' target executions exec/s cov ft crashes
for target in "${targets[@]}"; do
    work=$build/fuzz-work/$target
    log=$work/log.txt
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    crashes=$(find "$work/crashes" -type f | wc -l)
    printf '%-16s %12s %8s %8s %8s %8s\n' "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" \
        "${ft:-?}" "$crashes"
    [[ $crashes -eq 0 ]] || status=1
done
for crash in "$build"/fuzz-work/*/crashes/*; do
    [[ -e $crash ]] && echo "crash: $crash"
done
exit $status
