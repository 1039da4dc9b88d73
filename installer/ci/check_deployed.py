#!/usr/bin/env python3
"""Checks an installed tree after `cmake --install` (which runs windeployqt or macdeployqt) on
the Windows and macOS CI jobs: both executables, the Qt libraries and plugins they load,
QtWebEngine's process and resources, QtKeychain, and on macOS that no library is still loaded
from the build machine. Then runs the app's `--version`, which loads every library the main
executable links, without a display.

Usage: check_deployed.py windows|macos STAGE_DIR
"""

import subprocess
import sys
from pathlib import Path

APP = "procore-desktop"
LOGIN = "procore-desktop-login"

failures: list[str] = []


def need(path: Path, what: str) -> None:
    if not path.exists():
        failures.append(f"missing {what}: {path}")


def need_somewhere(root: Path, pattern: str, what: str) -> None:
    if not any(root.rglob(pattern)):
        failures.append(f"missing {what} ({pattern}) anywhere under {root}")


def check_windows(stage: Path) -> Path:
    bin_dir = stage / "bin"
    need(bin_dir / f"{APP}.exe", "the app")
    need(bin_dir / f"{LOGIN}.exe", "the sign-in window")
    need(bin_dir / "qt.conf", "qt.conf")
    for lib in ("Core", "Gui", "Network", "NetworkAuth", "Widgets", "WebEngineCore",
                "WebEngineWidgets"):
        need(bin_dir / f"Qt6{lib}.dll", f"Qt {lib}")
    need(bin_dir / "qt6keychain.dll", "QtKeychain")
    need(stage / "plugins" / "platforms" / "qwindows.dll", "the Windows platform plugin")
    need_somewhere(stage / "plugins" / "tls", "*.dll", "a TLS backend plugin")
    need_somewhere(stage, "QtWebEngineProcess.exe", "QtWebEngine's process")
    need_somewhere(stage, "qtwebengine_resources.pak", "QtWebEngine's resources")
    need_somewhere(stage, "icudtl.dat", "QtWebEngine's ICU data")
    return bin_dir / f"{APP}.exe"


def check_macos(stage: Path) -> Path:
    contents = stage / f"{APP}.app" / "Contents"
    macos = contents / "MacOS"
    need(macos / APP, "the app")
    need(macos / LOGIN, "the sign-in window")
    need(contents / "Info.plist", "Info.plist")
    need(contents / "Resources" / f"{APP}.icns", "the icon")
    frameworks = contents / "Frameworks"
    for lib in ("Core", "Gui", "Network", "NetworkAuth", "Widgets", "WebEngineCore",
                "WebEngineWidgets"):
        need(frameworks / f"Qt{lib}.framework", f"Qt {lib}")
    need_somewhere(frameworks, "libqt6keychain*.dylib", "QtKeychain")
    need_somewhere(frameworks / "QtWebEngineCore.framework", "QtWebEngineProcess.app",
                   "QtWebEngine's process")
    need(contents / "PlugIns" / "platforms" / "libqcocoa.dylib", "the Cocoa platform plugin")
    need_somewhere(contents / "PlugIns" / "tls", "*.dylib", "a TLS backend plugin")
    # Every library either ships in the bundle or is the system's.
    binaries = [macos / APP, macos / LOGIN, *frameworks.glob("libqt6keychain*.dylib")]
    for binary in binaries:
        if not binary.is_file() or binary.is_symlink():
            continue
        listing = subprocess.run(["otool", "-L", str(binary)], capture_output=True, text=True,
                                 check=True).stdout.splitlines()[1:]
        for line in listing:
            dep = line.strip().split(" (")[0]
            if not dep.startswith(("@rpath/", "@executable_path/", "@loader_path/",
                                   "/System/", "/usr/lib/")):
                failures.append(f"{binary.name} loads {dep} from outside the bundle")
    return macos / APP


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("windows", "macos"):
        print(__doc__, file=sys.stderr)
        return 2
    stage = Path(sys.argv[2]).resolve()
    app = check_windows(stage) if sys.argv[1] == "windows" else check_macos(stage)
    if app.exists():
        run = subprocess.run([str(app), "--version"], capture_output=True, text=True,
                             timeout=120)
        if run.returncode != 0 or not run.stdout.startswith(f"{APP} "):
            failures.append(f"{app} --version: exit {run.returncode}, out {run.stdout!r}, "
                            f"err {run.stderr!r}")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    if not failures:
        print(f"check_deployed: {sys.argv[1]} tree at {stage} is complete")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
