#!/usr/bin/env bash
# Runs a command the way the test suite needs: a throwaway HOME, a private D-Bus session with
# an unlocked gnome-keyring (the real Secret Service), and an X display from Xvfb.
# Usage: scripts/test-session.sh COMMAND [ARGS...]
set -euo pipefail

if [[ "${PROCORE_TEST_SESSION_INNER:-}" != 1 ]]; then
    scratch=$(mktemp -d -t procore-test-XXXXXX)
    trap 'rm -rf "$scratch"' EXIT
    mkdir -p "$scratch/home" "$scratch/runtime"
    chmod 700 "$scratch/runtime"
    export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/runtime"
    export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
    export XDG_CACHE_HOME="$HOME/.cache"
    export PROCORE_TEST_SESSION_INNER=1 PROCORE_TEST_HOME="$HOME"
    # The suites read English messages; the app follows the system's language, so pin it.
    unset LANGUAGE LC_ALL LC_MESSAGES
    export LANG=C.UTF-8
    # Chromium refuses to run as root with its sandbox; only the harness turns it off.
    [[ $(id -u) -ne 0 ]] || export QTWEBENGINE_DISABLE_SANDBOX=1
    set +e
    dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
    rc=$?
    exit $rc
fi

# Inside the D-Bus session and the X display.
echo -n "procore-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
