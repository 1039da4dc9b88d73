#!/usr/bin/env python3
"""Checks the macOS bundle metadata that can be checked without a Mac: the generated Info.plist
parses (plistlib, as plutil would) and registers the URL scheme under our bundle id and version;
the .icns it names holds PNG images of the sizes macOS asks for; and the generated macdeployqt
script deploys the sign-in helper too.

Usage: check_macos_bundle.py INFO_PLIST ICNS APP_ID VERSION SCHEME DEPLOY_SCRIPT HAS_LOGIN
"""

import plistlib
import struct
import sys
from pathlib import Path

# ICNS type -> (width, height) macOS expects for it.
ICNS_SIZES = {
    "icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
    "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512,
}

failures = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def read_icns(path: Path) -> dict[str, bytes]:
    data = path.read_bytes()
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError(f"{path}: not an icns file or wrong length")
    entries, pos = {}, 8
    while pos < len(data):
        kind = data[pos:pos + 4].decode("ascii")
        length = struct.unpack(">I", data[pos + 4:pos + 8])[0]
        if length < 8 or pos + length > len(data):
            raise ValueError(f"{path}: entry {kind} overruns the file")
        entries[kind] = data[pos + 8:pos + length]
        pos += length
    return entries


def main(argv: list[str]) -> int:
    if len(argv) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    plist_path, icns_path = Path(argv[0]), Path(argv[1])
    app_id, version, scheme, deploy_script, has_login = argv[2:]

    with plist_path.open("rb") as f:
        info = plistlib.load(f)  # raises on malformed XML or unknown plist elements
    check(info.get("CFBundleIdentifier") == app_id, f"CFBundleIdentifier is not {app_id}")
    check(info.get("CFBundleExecutable") == "procore-desktop", "CFBundleExecutable")
    check(info.get("CFBundlePackageType") == "APPL", "CFBundlePackageType is not APPL")
    check(info.get("CFBundleShortVersionString") == version,
          f"CFBundleShortVersionString is not {version}")
    check(info.get("CFBundleVersion") == version, f"CFBundleVersion is not {version}")
    check(info.get("NSHighResolutionCapable") is True, "NSHighResolutionCapable is not true")
    check("@" not in plistlib.dumps(info).decode(), "an @VARIABLE@ was left unsubstituted")
    url_types = info.get("CFBundleURLTypes", [])
    schemes = [s for t in url_types for s in t.get("CFBundleURLSchemes", [])]
    check(schemes == [scheme], f"CFBundleURLSchemes is {schemes}, want [{scheme!r}]")
    check(all(t.get("CFBundleURLName") == app_id for t in url_types), "CFBundleURLName")

    icon = info.get("CFBundleIconFile", "")
    check(icon == icns_path.name, f"CFBundleIconFile {icon!r} is not {icns_path.name!r}")
    entries = read_icns(icns_path)
    for kind, size in ICNS_SIZES.items():
        png = entries.get(kind)
        if png is None:
            failures.append(f"{icns_path.name} has no {kind} ({size} px) image")
            continue
        check(png[:8] == b"\x89PNG\r\n\x1a\n", f"{kind} is not a PNG")
        check(struct.unpack(">II", png[16:24]) == (size, size), f"{kind} is not {size}x{size}")

    script = Path(deploy_script).read_text()
    check("qt_deploy_runtime_dependencies" in script, "deploy script does not run macdeployqt")
    check('EXECUTABLE "procore-desktop.app"' in script, "deploy script misses the bundle")
    if has_login == "1":
        check("procore-desktop.app/Contents/MacOS/procore-desktop-login" in script,
              "deploy script does not deploy the sign-in helper's WebEngine dependencies")

    for message in failures:
        print(f"FAIL: {message}", file=sys.stderr)
    if failures:
        return 1
    print(f"OK: {plist_path} ({app_id} {version}, scheme {scheme}), {icns_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
