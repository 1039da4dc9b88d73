#!/usr/bin/env python3
"""Checks that every ctest is declared through procore_add_test (cmake/ProcoreTests.cmake).

One function decides each suite's labels, timeout and how it is started (an X display of its
own for "ui" suites); a bare add_test() would slip past those rules. Run from ctest (label
layering) with the source root as the only argument; prints each offending line and exits 1.
"""
import re
import sys
from pathlib import Path

HOME = Path("cmake/ProcoreTests.cmake")
BARE = re.compile(r"^\s*add_test\s*\(", re.IGNORECASE)


def offences(root: Path):
    for path in sorted(root.rglob("*")):
        if path.name != "CMakeLists.txt" and path.suffix != ".cmake":
            continue
        relative = path.relative_to(root)
        if relative == HOME or relative.parts[0] in {"build", ".git"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BARE.match(line):
                yield f"{relative}:{number}: {line.strip()}"


def main() -> int:
    root = Path(sys.argv[1])
    if not (root / HOME).is_file():
        print(f"{HOME} not found under {root}")
        return 1
    found = list(offences(root))
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} test(s) declared with add_test(); use procore_add_test()")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
