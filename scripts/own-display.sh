#!/usr/bin/env bash
# Runs one command on an X display of its own (a private Xvfb), so windows of suites running
# beside it cannot take its keyboard focus. Xvfb picks a free display number itself and
# reports it (-displayfd), which two suites starting at once cannot race on.
# Usage: scripts/own-display.sh COMMAND [ARGS...]
set -euo pipefail

scratch=$(mktemp -d -t procore-display-XXXXXX)
xvfb_pid=
cleanup() {
    [[ -z $xvfb_pid ]] || kill "$xvfb_pid" 2>/dev/null || true
    [[ -z $xvfb_pid ]] || wait "$xvfb_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
mkfifo "$scratch/display"
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$scratch/display" \
    >"$scratch/xvfb.log" 2>&1 &
xvfb_pid=$!
if ! read -r -t 60 number <"$scratch/display" || [[ -z $number ]]; then
    echo "own-display: Xvfb did not start:" >&2
    cat "$scratch/xvfb.log" >&2
    exit 1
fi
export DISPLAY=":$number"
unset WAYLAND_DISPLAY
# In the background, so a TERM from ctest's timeout reaches the suite and the EXIT trap runs.
"$@" &
child=$!
trap 'kill "$child" 2>/dev/null; wait "$child"; exit 143' TERM INT
set +e
wait "$child"
exit $?
