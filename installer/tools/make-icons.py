#!/usr/bin/env python3
"""Packs the app icon PNGs into a Windows .ico and a macOS .icns.

Both formats accept PNG payloads as they are (ICO since Windows Vista, ICNS since macOS 10.7),
so no image library is needed and the result is byte-for-byte reproducible. The outputs are
committed (installer/windows, installer/macos) because Windows and macOS builders must not need
Python; the test suite runs this with --check to catch a stale copy after the PNGs change.

Usage: make-icons.py ICON_DIR ICO_OUT ICNS_OUT [--check]
"""

import struct
import sys
from pathlib import Path

BASENAME = "procore-desktop"
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# ICNS type -> pixel size; the @2x types carry the next size up.
ICNS_TYPES = (
    ("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
    ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512),
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    if not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def load_pngs(icon_dir: Path, sizes) -> dict[int, bytes]:
    pngs = {}
    for size in sorted(set(sizes)):
        path = icon_dir / f"{BASENAME}-{size}.png"
        data = path.read_bytes()
        if png_size(data) != (size, size):
            raise ValueError(f"{path} is {png_size(data)}, expected {size}x{size}")
        pngs[size] = data
    return pngs


def build_ico(pngs: dict[int, bytes]) -> bytes:
    sizes = sorted(ICO_SIZES)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def build_icns(pngs: dict[int, bytes]) -> bytes:
    body = b""
    for kind, size in ICNS_TYPES:
        data = pngs[size]
        body += kind.encode("ascii") + struct.pack(">I", 8 + len(data)) + data
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    icon_dir, ico_out, icns_out = Path(args[0]), Path(args[1]), Path(args[2])
    pngs = load_pngs(icon_dir, list(ICO_SIZES) + [s for _, s in ICNS_TYPES])
    wanted = {ico_out: build_ico(pngs), icns_out: build_icns(pngs)}
    stale = []
    for path, data in wanted.items():
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path)
        else:
            path.write_bytes(data)
            print(f"wrote {path} ({len(data)} bytes)")
    for path in stale:
        print(f"{path} is out of date with {icon_dir}; run installer/tools/make-icons.py",
              file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
