#!/usr/bin/env bash
# Sets up, builds and runs Procore Desktop against the bundled Procore emulator on loopback.
# The emulator prints the demo login; the app opens its embedded Procore sign-in page.
# Without a display (no $DISPLAY / $WAYLAND_DISPLAY) it starts Xvfb for the app. Without a
# reachable keychain (no Secret Service on the session bus) it runs in its own D-Bus session
# with a throwaway, unlocked keyring, so nothing asks for a keyring password on a screen
# nobody sees. Extra arguments go to the emulator, except --smoke: sign in through the
# emulator from the terminal mode with a scripted browser, list the projects, and exit.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PROCORE_BUILD_DIR:-$root/build}

smoke=0
emulator_args=()
for arg in "$@"; do
    if [[ $arg == --smoke ]]; then smoke=1; else emulator_args+=("$arg"); fi
done

secret_service_reachable() {
    [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" || -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ]] ||
        return 1
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'
}

if [[ "${PROCORE_DEMO_INNER:-}" != 1 ]]; then
    # The smoke test (ctest, which has built the tree already) sets PROCORE_DEMO_NO_SETUP=1.
    if [[ "${PROCORE_DEMO_NO_SETUP:-}" != 1 ]]; then
        bash "$root/scripts/deps.sh"
        PROCORE_BUILD_DIR=$build bash "$root/scripts/build.sh"
    fi
    if ! secret_service_reachable; then
        echo "No keychain reachable: the demo runs in its own D-Bus session with a throwaway," \
            "unlocked keyring (its sign-in is forgotten when the demo ends)."
        keyring=$(mktemp -d -t procore-demo-keyring-XXXXXX)
        trap 'rm -rf "$keyring"' EXIT
        set +e
        PROCORE_DEMO_INNER=1 PROCORE_DEMO_KEYRING=$keyring dbus-run-session -- "$0" "$@"
        exit $?
    fi
fi
if [[ -n "${PROCORE_DEMO_KEYRING:-}" ]]; then
    echo -n procore-demo | XDG_DATA_HOME=$PROCORE_DEMO_KEYRING \
        gnome-keyring-daemon --unlock --components=secrets >/dev/null
fi

port=${PROCORE_EMULATOR_PORT:-8700}
emulator_log=$(mktemp -t procore-emulator-XXXXXX.log)
"$build/tests/emulator/procore-emulator" --port "$port" "${emulator_args[@]}" \
    >"$emulator_log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null; wait $emulator 2>/dev/null; rm -f "$emulator_log"' EXIT
for _ in $(seq 100); do
    grep -q '^procore-emulator ready' "$emulator_log" && break
    kill -0 $emulator 2>/dev/null || { cat "$emulator_log"; exit 1; }
    sleep 0.1
done
ready=$(grep '^procore-emulator ready' "$emulator_log")
login=$(sed -E 's/.*login=([^ ]+).*/\1/' <<<"$ready")
api=$(sed -E 's/.*api=([^ ]+).*/\1/' <<<"$ready")
cat "$emulator_log"

app=("$build/app/procore-desktop" --login-url "$login" --api-url "$api")
if [[ $smoke == 1 ]]; then
    # The terminal mode opens the sign-in page with xdg-open, which hands it to $BROWSER when
    # there is no display.
    env -u DISPLAY -u WAYLAND_DISPLAY BROWSER="$root/scripts/demo-browser.py" \
        timeout 120 "${app[@]}" --sign-in </dev/null
    timeout 60 "${app[@]}" --list-projects | head -n 5
    echo "Demo smoke run: signed in through the emulator and listed the projects."
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
