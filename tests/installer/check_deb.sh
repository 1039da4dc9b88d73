#!/usr/bin/env bash
# Builds the .deb from the build tree (cpack -G DEB), installs it with apt on this machine,
# runs the INSTALLED executable, checks Depends, the desktop integration that dpkg's file
# triggers maintain (MIME cache -> xdg-mime, icon cache), then removes the package and checks
# it left nothing behind.
#
# It changes the system (/usr), so it needs root, or sudo without a password; CI is root on a
# throwaway machine. Anything else fails with a message: a package test that silently skips
# would let a broken package through.
# Usage: check_deb.sh BUILD_DIR WORK_DIR VERSION APP_ID SCHEME HAS_LOGIN
set -euo pipefail
build=$1 work=$2 version=$3 app_id=$4 scheme=$5 has_login=$6
package=procore-desktop

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
die() { echo "FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 not found (apt-get install $2)"; }
need cpack cmake
need dpkg-shlibdeps dpkg-dev
need xdg-mime xdg-utils
need update-desktop-database desktop-file-utils
need flock util-linux
need objdump binutils

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    die "this test installs $package system-wide with apt-get and needs root or password-less" \
        "sudo; run the suite as root (as CI does) or exclude it with: ctest -LE deb"
fi
apt_get() {
    # Waits for other apt/dpkg runs on this machine instead of failing on the lock.
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=180 -y -q "$@"
}

# Other build trees on this machine may run this test at the same time; it owns /usr/bin/$package
# while it runs.
exec 9>/tmp/procore-desktop-deb-test.lock
flock -w 600 9 || die "another deb test held /tmp/procore-desktop-deb-test.lock for 10 minutes"

rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work" # apt reads local .deb files as the _apt user
start=$SECONDS
echo "== cpack -G DEB"
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work") ||
    die "cpack -G DEB failed"
debs=("$work"/${package}_"$version"_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || die "no ${package}_${version}_*.deb in $work"
deb=${debs[0]}
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes) in $((SECONDS - start)) s"

field() { dpkg-deb -f "$deb" "$1"; }
depends=$(field Depends)
echo "Depends: $depends"
[[ $(field Package) == "$package" ]] || fail "Package is '$(field Package)'"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', want $version"
[[ -n $(field Maintainer) && -n $(field Section) && -n $(field Homepage) ]] ||
    fail "Maintainer, Section or Homepage missing"
[[ $(field Description | wc -l) -ge 2 ]] || fail "Description has no long description"
# Package names in Depends, one a line, without versions or alternatives' bars.
dep_names=$(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*//; s/^ *//; s/ *$//')
has_dep() { grep -qx "$1" <<<"$dep_names"; }
# Debian 13 renamed Qt's core package for 64-bit time_t (libqt6core6t64); either name will do.
for dep in libc6 libstdc++6 "libqt6core6 libqt6core6t64"; do
    found=0
    for name in $dep; do if has_dep "$name"; then found=1; fi; done
    [[ $found == 1 ]] || fail "Depends lacks ${dep// / or } (dpkg-shlibdeps did not run?)"
done
# Every library an executable links (ELF NEEDED) must come from a package in Depends.
dpkg-deb -x "$deb" "$work/root"
owner() { # the package that ships a library path; /lib and /usr/lib are one place (merged /usr)
    local p=$1
    { dpkg -S "$p" || dpkg -S "/usr$p" || dpkg -S "${p#/usr}"; } 2>/dev/null | head -n1 | cut -d: -f1
}
for exe in "$work"/root/usr/bin/*; do
    for lib in $(objdump -p "$exe" | awk '$1 == "NEEDED" {print $2}'); do
        # ldd prints "lib => /path (addr)", or "/path (addr)" for the dynamic loader itself.
        path=$(ldd "$exe" | awk -v l="$lib" '$1 == l {print $3} $1 ~ ("/" l "$") {print $1}' | head -n1)
        [[ -n $path ]] || { fail "$(basename "$exe") needs $lib, which ldd cannot find"; continue; }
        pkg=$(owner "$path")
        [[ -n $pkg ]] || { fail "$(basename "$exe") needs $lib, which no package ships"; continue; }
        has_dep "$pkg" || fail "$(basename "$exe") needs $lib from $pkg, not in Depends"
        echo "  $(basename "$exe"): $lib <- $pkg"
    done
done
contents=$(dpkg-deb -c "$deb")
if [[ $has_login == 1 ]]; then
    grep -q "\./usr/bin/procore-desktop-login$" <<<"$contents" || fail "sign-in helper not packaged"
    for dep in libqt6webenginewidgets6 libqt6webenginecore6-bin; do
        has_dep "$dep" || fail "Depends lacks $dep, which the sign-in window needs"
    done
fi
if dpkg-deb -e "$deb" "$work/control" && ls "$work/control" | grep -Eq '^(pre|post)(inst|rm)$'; then
    fail "package has maintainer scripts; dpkg file triggers are meant to do that work"
fi

cleanup() { apt_get purge "$package" >/dev/null 2>&1 || true; }
trap cleanup EXIT
echo "== apt-get install $deb"
start=$SECONDS
# Recommends (keyring daemon, Wayland plugin) are left out: CI has no network, and they are
# not what this test checks.
apt_get install --no-install-recommends "$deb" || die "apt-get install failed"
echo "installed in $((SECONDS - start)) s"

status=$(dpkg-query -W -f='${Status} ${Version}' "$package")
[[ $status == "install ok installed $version" ]] || fail "dpkg status is '$status'"
for f in /usr/bin/procore-desktop "/usr/share/applications/$app_id.desktop" \
    "/usr/share/metainfo/$app_id.metainfo.xml" \
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    "/usr/share/icons/hicolor/48x48/apps/$app_id.png" \
    "/usr/share/icons/hicolor/512x512/apps/$app_id.png"; do
    [[ -f $f ]] || fail "$f not installed"
done
[[ $has_login != 1 || -x /usr/bin/procore-desktop-login ]] || fail "sign-in helper not installed"
# The desktop hands links over after "--", so a link split into several arguments by a
# launcher cannot become options.
exec_line=$(grep '^Exec=' "/usr/share/applications/$app_id.desktop")
[[ $exec_line == "Exec=procore-desktop -- %u" ]] ||
    fail "installed desktop file says '$exec_line', want 'Exec=procore-desktop -- %u'"

echo "== /usr/bin/procore-desktop --version"
# No display: --version must not need one.
out=$(env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/procore-desktop --version 2>&1) ||
    fail "installed procore-desktop --version exited non-zero: $out"
[[ $out == "procore-desktop $version" ]] || fail "--version printed '$out'"
for exe in /usr/bin/procore-desktop /usr/bin/procore-desktop-login; do
    [[ -e $exe ]] || continue
    missing=$(ldd "$exe" | grep "not found" || true)
    [[ -z $missing ]] || fail "$exe has unresolved libraries: $missing"
done

echo "== xdg-mime query default x-scheme-handler/$scheme"
# Answered from /usr/share/applications/mimeinfo.cache, which desktop-file-utils' trigger
# rebuilt during the install. Run with a HOME that has no mimeapps.list of its own.
handler=$(env HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_DATA_HOME="$work/home/.local/share" XDG_CURRENT_DESKTOP= \
    xdg-mime query default "x-scheme-handler/$scheme")
[[ $handler == "$app_id.desktop" ]] || fail "xdg-mime answers '$handler', want $app_id.desktop"
grep -q "^x-scheme-handler/$scheme=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache ||
    fail "mimeinfo.cache does not list the scheme (desktop-file-utils trigger did not run)"
icon_cache=/usr/share/icons/hicolor/icon-theme.cache
if command -v gtk-update-icon-cache >/dev/null; then
    grep -qa "$app_id" "$icon_cache" ||
        fail "hicolor icon cache lacks $app_id (hicolor-icon-theme trigger did not run)"
fi

echo "== apt-get purge $package"
apt_get purge "$package" >/dev/null || fail "apt-get purge failed"
trap - EXIT
dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" &&
    fail "package still installed after purge"
[[ ! -e /usr/bin/procore-desktop && ! -e "/usr/share/applications/$app_id.desktop" ]] ||
    fail "files left behind after purge"
grep -q "$app_id.desktop" /usr/share/applications/mimeinfo.cache 2>/dev/null &&
    fail "mimeinfo.cache still lists the app after removal"
if command -v gtk-update-icon-cache >/dev/null && grep -qa "$app_id" "$icon_cache"; then
    fail "hicolor icon cache still lists $app_id after removal"
fi

if ((failures)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "OK: $(basename "$deb") installs, runs, registers $scheme:// and uninstalls cleanly"
