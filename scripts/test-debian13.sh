#!/usr/bin/env bash
# The whole test suite against Debian 13's Qt 6.8, the Qt that Windows, macOS and current Linux
# users have: builds with warnings as errors and runs ctest through scripts/test.sh (so the same
# scripts/deps.sh and scripts/test-session.sh: Xvfb, D-Bus, unlocked gnome-keyring), inside a
# throwaway Debian 13 root made with debootstrap from the mirror this machine's apt uses.
# Extra arguments go to ctest, as with scripts/test.sh (e.g. -R tst_emulator, -LE deb).
#
# Works from any checkout: the checkout is bind-mounted at /src inside the root, its build tree
# lives in $PROCORE_DEB13_DIR/builds/<checkout>-<hash> (mounted at /build), so several
# worktrees share one root and one ccache without sharing a build tree.
#
# Environment:
#   PROCORE_DEB13_DIR    where the root, build trees and ccache are kept between runs
#                        (default /var/cache/procore-deb13); missing = built from scratch
#   PROCORE_DEB13_FRESH=1  delete the kept root and make a new one
#   PROCORE_DEB13_MIRROR   Debian mirror (default: the one in this machine's apt sources)
#   PROCORE_DEB13_BUILD_DIR  build tree on the host (default: per checkout, see above)
#
# Already on Debian 13 (e.g. a debian:13 CI container) it runs scripts/test.sh directly.
# Needs root (or sudo) for debootstrap, mount and chroot. Every mount is made in a private
# mount namespace, so they vanish when the run ends however it ends; the inner script also
# unmounts them itself on exit.
set -euo pipefail
checkout=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
suite=trixie
# Bumped whenever the way the root is made changes, so kept roots made the old way are redone.
recipe="procore-deb13 recipe 1 suite=$suite"

# --inner: run by in_root below inside its new namespaces; mounts what the root needs, runs the
# command in it, unmounts again.
if [[ "${1:-}" == --inner ]]; then
    target=$2 checkout=$3 build=$4 ccache=$5 scratch=$6 isolated=$7
    shift 7
    mounted=()
    unmount_all() {
        local i
        for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
            umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
        done
    }
    trap unmount_all EXIT
    mnt() { mount "$@" && mounted+=("${!#}"); }
    [[ "$isolated" == 0 ]] || ip link set lo up
    mkdir -p "$target"/{src,build,ccache,proc,sys,dev,tmp}
    mnt --bind "$checkout" "$target/src"
    mnt --bind "$build" "$target/build"
    mnt --bind "$ccache" "$target/ccache"
    mnt --bind "$scratch" "$target/tmp"
    mnt -t proc proc "$target/proc"
    mnt -t sysfs -o ro,nosuid,nodev,noexec sysfs "$target/sys"
    # A /dev of its own: the usual nodes, a private devpts, and the tmpfs /dev/shm Chromium
    # needs for its shared memory.
    mnt -t tmpfs -o mode=755,nosuid dev "$target/dev"
    for node in null zero full random urandom tty; do
        touch "$target/dev/$node"
        mnt --bind "/dev/$node" "$target/dev/$node"
    done
    mkdir "$target/dev/pts" "$target/dev/shm"
    mnt -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$target/dev/pts"
    mnt -t tmpfs -o mode=1777,nosuid,nodev shm "$target/dev/shm"
    ln -s pts/ptmx "$target/dev/ptmx"
    ln -s /proc/self/fd "$target/dev/fd"
    ln -s /proc/self/fd/0 "$target/dev/stdin"
    ln -s /proc/self/fd/1 "$target/dev/stdout"
    ln -s /proc/self/fd/2 "$target/dev/stderr"
    set +e
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 TERM="${TERM:-dumb}" CCACHE_DIR=/ccache CCACHE_MAXSIZE=8G \
        CMAKE_CXX_COMPILER_LAUNCHER=ccache CMAKE_C_COMPILER_LAUNCHER=ccache \
        chroot "$target" "$@"
    exit $?
fi

if [[ -r /etc/os-release ]] && grep -qx 'VERSION_CODENAME=trixie' /etc/os-release; then
    echo "test-debian13: this machine is Debian 13; running scripts/test.sh here"
    exec bash "$checkout/scripts/test.sh" "$@"
fi

if [[ $(id -u) -ne 0 ]]; then
    exec sudo --preserve-env=PROCORE_DEB13_DIR,PROCORE_DEB13_FRESH,PROCORE_DEB13_MIRROR,PROCORE_DEB13_BUILD_DIR \
        bash "${BASH_SOURCE[0]}" "$@"
fi

state=${PROCORE_DEB13_DIR:-/var/cache/procore-deb13}
target=$state/root
mkdir -p "$state/builds" "$state/ccache" "$state/tmp"

# The Debian archive URI of this machine's own apt sources (deb822 or one-line format).
host_mirror() {
    local uri
    uri=$(awk '
        /^URIs:/ { uris = $2 }
        /^Suites:/ { if ($0 !~ /security/ && uris != "") { print uris; exit } }
        /^deb[ \t]/ { if ($0 !~ /security/ && $0 !~ /\[/) { print $2; exit } }
        /^deb[ \t]+\[/ { if ($0 !~ /security/) { sub(/^deb[ \t]+\[[^]]*\][ \t]+/, ""); print $1; exit } }
    ' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -m1 debian || true)
    echo "${uri:-http://deb.debian.org/debian}"
}
mirror=${PROCORE_DEB13_MIRROR:-$(host_mirror)}

# One writer at a time makes or updates the root; test runs hold the lock shared, so a
# PROCORE_DEB13_FRESH=1 from another worktree waits for them instead of deleting their root.
exec 9>"$state/lock"
flock 9

if ! command -v debootstrap >/dev/null; then
    echo "test-debian13: installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
fi

# Lists the mount points at or below $1 in this mount namespace, deepest first.
mounts_below() {
    awk -v p="$1" '$5 == p || index($5, p "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

if [[ "${PROCORE_DEB13_FRESH:-}" == 1 || ! -x "$target/usr/bin/apt-get" ||
    "$(cat "$target/.procore-recipe" 2>/dev/null)" != "$recipe" ]]; then
    if [[ -n "$(mounts_below "$target")" ]]; then
        echo "test-debian13: something is still mounted under $target; not deleting it" >&2
        exit 1
    fi
    rm -rf "$target" "$target.new"
    echo "test-debian13: making a Debian 13 root in $target from $mirror"
    start=$SECONDS
    debootstrap --variant=minbase --include=ccache "$suite" "$target.new" "$mirror" \
        >"$state/debootstrap.log" 2>&1 || {
        tail -20 "$state/debootstrap.log" >&2
        exit 1
    }
    # minbase has no /etc/hosts, and "localhost" must resolve without DNS.
    printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' >"$target.new/etc/hosts"
    echo "$recipe" >"$target.new/.procore-recipe"
    mv "$target.new" "$target"
    echo "test-debian13: root made in $((SECONDS - start)) s"
fi

key=$(basename "$checkout")-$(realpath "$checkout" | sha1sum | cut -c1-10)
build=${PROCORE_DEB13_BUILD_DIR:-$state/builds/$key}
mkdir -p "$build"
scratch=$(mktemp -d "$state/tmp/run-XXXXXX")
chmod 1777 "$scratch"
trap 'rm -rf "$scratch"' EXIT

# Runs "$@" in the root, in a private mount namespace (and, with --isolated, a network namespace
# of its own with only loopback up, so ports and X displays never meet another run's).
in_root() {
    local net=()
    if [[ "$1" == --isolated ]]; then
        shift
        unshare --net true 2>/dev/null && command -v ip >/dev/null && net=(--net)
    fi
    unshare --mount --propagation private "${net[@]}" \
        bash "$checkout/scripts/test-debian13.sh" --inner "$target" "$checkout" "$build" \
        "$state/ccache" "$scratch" "${#net[@]}" "$@"
}

# Packages: the same scripts/deps.sh as on Debian 12 (a no-op once all are there). Other
# worktrees may add packages to it; each run installs what its checkout lists.
in_root bash -c 'bash /src/scripts/deps.sh && { dpkg -s ccache >/dev/null 2>&1 ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ccache >/dev/null; }'

# From here on, only read the root: let other runs share it.
flock -s 9

echo "test-debian13: Qt $(chroot "$target" dpkg-query -W -f='${Version}' qt6-base-dev), build tree $build"
in_root --isolated env PROCORE_BUILD_DIR=/build bash /src/scripts/test.sh "$@"
