#!/usr/bin/env bash
# The README's demo command on a machine with no desktop session: no session bus, so no
# Secret Service. run-demo.sh must bring its own D-Bus session and throwaway keyring (instead of
# gnome-keyring asking for a new keyring password on a screen nobody sees), sign in through the
# emulator and list the projects. Usage: demo_smoke.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1 build_dir=$2
scratch=$(mktemp -d -t procore-demo-smoke-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/runtime"
chmod 700 "$scratch/runtime"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redirect="http://127.0.0.1:$port/callback"

out=$(env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY \
    HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/runtime" XDG_CONFIG_HOME="$scratch/home/.config" \
    XDG_DATA_HOME="$scratch/home/.local/share" XDG_CACHE_HOME="$scratch/home/.cache" \
    PROCORE_BUILD_DIR="$build_dir" PROCORE_DEMO_NO_SETUP=1 PROCORE_EMULATOR_PORT=0 \
    PROCORE_REDIRECT_URI="$redirect" \
    timeout 240 bash "$source_dir/scripts/run-demo.sh" --smoke --redirect-uri "$redirect" 2>&1) || {
    echo "$out"
    echo "FAIL: run-demo.sh --smoke exited non-zero"
    exit 1
}
echo "$out"
grep -q "runs in its own D-Bus session" <<<"$out" || { echo "FAIL: no own-session notice"; exit 1; }
grep -q "Signed in to Procore" <<<"$out" || { echo "FAIL: not signed in"; exit 1; }
grep -q "Demo smoke run: signed in" <<<"$out" || { echo "FAIL: smoke run incomplete"; exit 1; }
# The throwaway keyring lived outside this HOME and is gone; no keyring was created here.
if [[ -e "$scratch/home/.local/share/keyrings" ]]; then
    echo "FAIL: the demo created a keyring in the user's HOME"
    exit 1
fi
echo "PASS"
