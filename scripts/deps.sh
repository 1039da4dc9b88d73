#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the demo need, when any is missing.
set -euo pipefail

packages=(
    cmake ninja-build g++ clang-format
    qt6-base-dev qt6-base-dev-tools qt6-networkauth-dev qt6-webengine-dev
    qt6-webengine-dev-tools qt6-pdf-dev qtkeychain-qt6-dev qt6-httpserver-dev qt6-websockets-dev
    qt6-l10n-tools qt6-tools-dev qt6-translations-l10n libgl-dev libxkbcommon-dev
    xvfb xauth dbus-x11 gnome-keyring libsecret-tools curl
    dpkg-dev file python3 python3-yaml desktop-file-utils appstream libxml2-utils xdg-utils
    hicolor-icon-theme nsis p7zip-full
    tinyproxy
    e2fsprogs # chattr, for tst_session's undeletable profile (not in a minbase Debian 13 root)
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing ${#missing[@]} missing package(s): ${missing[*]}"
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# With recommends, as on the machines this was tried on (fonts for Xvfb and Chromium come that way).
"${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
# The tests start tinyproxy themselves, each on its own port with its own configuration; the
# package's system service (port 8888) is not wanted, so a fresh install switches it off.
if [[ " ${missing[*]} " == *" tinyproxy "* && -d /run/systemd/system ]]; then
    "${sudo[@]}" systemctl disable --now tinyproxy >/dev/null 2>&1 || true
fi
