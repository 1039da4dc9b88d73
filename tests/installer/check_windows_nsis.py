#!/usr/bin/env python3
"""Builds the Windows installer on Linux with stand-in files and checks it.

Configures tests/installer/nsis-standin (the project's real CPack/NSIS configuration with
placeholder .exe files), runs `cpack -G NSIS64`, which generates the NSIS script and compiles it
with makensis, then checks
- the generated script: URL protocol keys written on install and removed on uninstall, the
  Start-menu shortcut, the uninstaller;
- the built installer: a Nullsoft PE file whose payload (listed with 7z) holds the files, and
  whose compressed NSIS header (unpacked here with Python's lzma) carries the registry strings;
- the generated windeployqt script deploys both executables.

Usage: check_windows_nsis.py SOURCE_DIR WORK_DIR VERSION HOMEPAGE DEPLOY_SCRIPT HAS_LOGIN
"""

import lzma
import shutil
import struct
import subprocess
import sys
from pathlib import Path

SCHEME = "procore-desktop"
EXE = r"$INSTDIR\bin\procore-desktop.exe"
KEY = rf"Software\Classes\{SCHEME}"
INSTALL_LINES = [
    rf'WriteRegStr SHCTX "{KEY}" "" "URL:Procore Desktop link"',
    rf'WriteRegStr SHCTX "{KEY}" "URL Protocol" ""',
    rf'WriteRegStr SHCTX "{KEY}\DefaultIcon" "" ' + f"'\"{EXE}\",0'",
    rf'WriteRegStr SHCTX "{KEY}\shell\open\command" "" ' + f"'\"{EXE}\" -- \"%1\"'",
]
UNINSTALL_LINE = rf'DeleteRegKey SHCTX "{KEY}"'

failures = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(cmd), flush=True)
    result = subprocess.run(cmd, text=True, capture_output=True, **kwargs)
    if result.returncode != 0:
        print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"FAIL: {cmd[0]} exited with {result.returncode}")
    return result


def nsis_header(installer: Path) -> bytes:
    """The installer's script header: NSIS 3 puts a 28-byte first header at a 512-byte
    boundary, then (with /SOLID lzma) one LZMA stream: uint32 header size + header + files."""
    data = installer.read_bytes()
    sig = data.find(b"\xef\xbe\xad\xdeNullsoftInst")
    if sig < 4 or (sig - 4) % 512:
        raise SystemExit(f"FAIL: {installer} has no NSIS first header")
    header_size = struct.unpack("<I", data[sig + 16:sig + 20])[0]
    stream = data[sig + 24:]
    alone = stream[:5] + b"\xff" * 8 + stream[5:]  # .lzma with unknown size
    out = lzma.LZMADecompressor(format=lzma.FORMAT_ALONE).decompress(
        alone, max_length=header_size + 4)
    if struct.unpack("<I", out[:4])[0] != header_size:
        raise SystemExit("FAIL: NSIS header size does not match the first header")
    return out[4:]


def section(script: str, name: str) -> str:
    start = script.find(f'Section "{name}"')
    return script[start:script.find("SectionEnd", start)] if start >= 0 else ""


def main(argv: list[str]) -> int:
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    source, work = Path(argv[0]), Path(argv[1])
    version, homepage, deploy_script, has_login = argv[2:]
    for tool, package in (("makensis", "nsis"), ("7z", "p7zip-full"), ("cpack", "cmake")):
        if not shutil.which(tool):
            raise SystemExit(f"FAIL: {tool} not found (apt-get install {package})")

    shutil.rmtree(work, ignore_errors=True)
    run(["cmake", "-S", str(source / "tests/installer/nsis-standin"), "-B", str(work / "build"),
         f"-DPROCORE_VERSION={version}", f"-DPROCORE_HOMEPAGE_URL={homepage}",
         f"-DPROCORE_SOURCE_DIR={source}"])
    run(["cpack", "-G", "NSIS64", "--config", str(work / "build/CPackConfig.cmake"),
         "-B", str(work / "out")])

    installers = list((work / "out").glob("procore-desktop-*-windows-x64.exe"))
    if len(installers) != 1:
        raise SystemExit(f"FAIL: expected one installer in {work / 'out'}, got {installers}")
    installer = installers[0]
    check(f"-{version}-" in installer.name, f"installer name lacks the version: {installer.name}")
    kind = run(["file", "-b", str(installer)]).stdout
    check("PE32" in kind and "Nullsoft" in kind, f"not an NSIS installer: {kind}")

    script = next((work / "out/_CPack_Packages").glob("*/NSIS64/project.nsi")).read_text()
    install, uninstall = section(script, "-Core installation"), section(script, "Uninstall")
    for line in INSTALL_LINES:
        check(line in install, f"install section lacks: {line}")
    check(UNINSTALL_LINE in uninstall, f"uninstall section lacks: {UNINSTALL_LINE}")
    check(r'CreateShortCut "$SMPROGRAMS\$STARTMENU_FOLDER\Procore Desktop.lnk" '
          r'"$INSTDIR\bin\procore-desktop.exe"' in install, "no Start-menu shortcut to the app")
    check(r'Uninstall.lnk" "$INSTDIR\Uninstall.exe"' in install, "no Start-menu uninstall entry")
    check(r'WriteUninstaller "$INSTDIR\Uninstall.exe"' in install, "no uninstaller written")
    check(r'"DisplayIcon"' in script and r"bin\procore-desktop.exe" in script,
          "Apps & features entry has no icon")
    check(r'InstallDir "$PROGRAMFILES64\Procore Desktop"' in script, "install directory")

    listing = run(["7z", "l", "-ba", str(installer)]).stdout
    for name in ("bin/procore-desktop.exe", "bin/procore-desktop-login.exe", "bin/qt.conf",
                 "plugins/platforms/qwindows.dll"):
        check(name in listing, f"installer payload lacks {name}")
    header = nsis_header(installer)
    # 7z lists the uninstaller that WriteUninstaller writes at install time, when it can decode
    # the script's commands. 7-Zip 25 (Debian 13) cannot decode all of NSIS 3.10+'s (it says
    # "BadCmd=" in its SubType) and then leaves the uninstaller out; the compiled header, which
    # Python unpacks itself, must carry its name then.
    if "BadCmd=" in run(["7z", "l", str(installer)]).stdout:
        print("7z could not decode every NSIS command; looking for the uninstaller in the header")
        check("\\Uninstall.exe".encode("utf-16-le") in header, "installer lacks Uninstall.exe")
    else:
        check("Uninstall.exe" in listing, "installer payload lacks Uninstall.exe")

    for text in (KEY, "URL Protocol", r"\shell\open\command", r"\DefaultIcon", '" -- "%1"',
                 "Procore Desktop.lnk"):
        check(text.encode("utf-16-le") in header, f"compiled installer lacks the string {text!r}")

    deploy = Path(deploy_script).read_text()
    check("qt_deploy_runtime_dependencies" in deploy and "GENERATE_QT_CONF" in deploy,
          "windeployqt script does not deploy with a qt.conf")
    check('EXECUTABLE "${QT_DEPLOY_BIN_DIR}/procore-desktop.exe"' in deploy,
          "windeployqt script misses procore-desktop.exe")
    if has_login == "1":
        check("${QT_DEPLOY_BIN_DIR}/procore-desktop-login.exe" in deploy,
              "windeployqt script misses the sign-in helper (WebEngine would not be deployed)")

    for message in failures:
        print(f"FAIL: {message}", file=sys.stderr)
    if failures:
        return 1
    print(f"OK: {installer.name} ({installer.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
