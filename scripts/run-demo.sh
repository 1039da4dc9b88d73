#!/usr/bin/env bash
# Sets up, builds and runs Procore Desktop against the bundled Procore emulator on loopback.
# The emulator prints the demo login; the app opens its embedded Procore sign-in page.
# Without a display (no $DISPLAY / $WAYLAND_DISPLAY) it starts Xvfb for the app.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PROCORE_BUILD_DIR:-$root/build}

bash "$root/scripts/deps.sh"
PROCORE_BUILD_DIR=$build bash "$root/scripts/build.sh"

port=${PROCORE_EMULATOR_PORT:-8700}
emulator_log=$(mktemp -t procore-emulator-XXXXXX.log)
"$build/tests/emulator/procore-emulator" --port "$port" "$@" >"$emulator_log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null; wait $emulator 2>/dev/null; rm -f "$emulator_log"' EXIT
for _ in $(seq 50); do
    grep -q '^procore-emulator ready' "$emulator_log" && break
    kill -0 $emulator 2>/dev/null || { cat "$emulator_log"; exit 1; }
    sleep 0.1
done
ready=$(grep '^procore-emulator ready' "$emulator_log")
login=$(sed -E 's/.*login=([^ ]+).*/\1/' <<<"$ready")
api=$(sed -E 's/.*api=([^ ]+).*/\1/' <<<"$ready")
cat "$emulator_log"

app=("$build/app/procore-desktop" --login-url "$login" --api-url "$api")
if [[ ! -x "${app[0]}" ]]; then
    echo "The desktop app is not built yet; the emulator keeps running until Ctrl+C."
    wait $emulator
    exit 0
fi
# Chromium refuses to run as root with its sandbox on; a root demo session has to turn it off.
[[ $(id -u) -ne 0 ]] || export QTWEBENGINE_DISABLE_SANDBOX=1
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    echo "No display found: running the app under Xvfb (set DISPLAY to see it)."
    xvfb-run -a -s "-screen 0 1600x1000x24" "${app[@]}"
else
    "${app[@]}"
fi
