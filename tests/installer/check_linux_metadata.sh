#!/usr/bin/env bash
# Validates the generated .desktop file and AppStream metainfo with the freedesktop tools and
# checks the facts the installers promise: the URL scheme handler, the Exec line, the icon, and
# that desktop file, metainfo and version agree.
# Usage: check_linux_metadata.sh DESKTOP_FILE METAINFO_FILE APP_ID VERSION SCHEME ICON_DIR
set -euo pipefail
desktop=$1 metainfo=$2 app_id=$3 version=$4 scheme=$5 icon_dir=$6

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
need() { command -v "$1" >/dev/null || { echo "FAIL: $1 not found (apt-get install $2)" >&2; exit 1; }; }
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need xmllint libxml2-utils

[[ $(basename "$desktop") == "$app_id.desktop" ]] || fail "desktop file is not named $app_id.desktop"

echo "== desktop-file-validate $desktop"
# It prints hints and warnings but fails only on errors; warnings must not pass silently either.
out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
[[ -z "$out" ]] || fail "desktop-file-validate is not clean: $out"

echo "== appstreamcli validate --no-net $metainfo"
appstreamcli validate --no-net --explain "$metainfo" || fail "appstreamcli validate failed"

key() { sed -n "s/^$1=//p" "$desktop"; }
[[ $(key Type) == Application ]] || fail "Type is not Application"
# The link goes after "--": a crafted link that a launcher splits into several arguments
# cannot become options (the app also refuses any option but --company next to a link).
[[ $(key Exec) == "procore-desktop -- %u" ]] || fail "Exec is '$(key Exec)', want 'procore-desktop -- %u'"
[[ $(key MimeType) == "x-scheme-handler/$scheme;" ]] ||
    fail "MimeType is '$(key MimeType)', want 'x-scheme-handler/$scheme;'"
[[ $(key Icon) == "$app_id" ]] || fail "Icon is '$(key Icon)', want '$app_id'"
[[ $(key StartupWMClass) == procore-desktop ]] || fail "StartupWMClass missing or wrong"
[[ -n $(key Categories) && -n $(key Keywords) ]] || fail "Categories or Keywords missing"
for size in 16 24 32 48 64 128 256 512; do
    [[ -f "$icon_dir/procore-desktop-$size.png" ]] || fail "icon size $size missing in $icon_dir"
done
[[ -f "$icon_dir/procore-desktop.svg" ]] || fail "scalable icon missing in $icon_dir"

xpath() { xmllint --xpath "$1" "$metainfo" 2>/dev/null || true; }
[[ $(xpath 'string(/component/id)') == "$app_id" ]] || fail "metainfo id is not $app_id"
[[ $(xpath 'string(/component/@type)') == desktop-application ]] || fail "component type"
[[ $(xpath 'string(/component/launchable[@type="desktop-id"])') == "$app_id.desktop" ]] ||
    fail "launchable does not name $app_id.desktop"
[[ $(xpath 'string(/component/releases/release[1]/@version)') == "$version" ]] ||
    fail "newest release is not $version"
[[ $(xpath 'string(/component/releases/release[1]/@date)') =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] ||
    fail "release has no ISO date"
[[ $(xpath 'count(/component/content_rating[@type="oars-1.1"])') == 1 ]] || fail "content_rating"
[[ -n $(xpath 'string(/component/url[@type="homepage"])') ]] || fail "homepage url missing"
[[ $(xpath 'count(/component/description/p)') -ge 1 ]] || fail "description has no paragraph"
[[ $(xpath 'string(/component/provides/binary)') == procore-desktop ]] || fail "provides/binary"

if ((failures)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "OK: $desktop and $metainfo"
