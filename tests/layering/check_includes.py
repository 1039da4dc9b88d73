#!/usr/bin/env python3
"""Checks that #include lines follow the layers in shared/design.md.

Every module may include its own folder and the modules listed for it below, nothing higher.
Run from ctest (label layering) with the source root as the only argument; prints each
offending line and exits 1.
"""
import re
import sys
from pathlib import Path

# module -> the modules it may include (besides itself). Lower layers come first.
ALLOWED = {
    "app/common": set(),
    "app/storage": {"common"},
    "app/config": {"common"},
    "app/model": {"common", "storage"},
    "app/links": {"common"},
    "app/auth": {"common", "storage", "config"},
    "app/api": {"common", "storage", "config", "model"},
    "app/signin": {"common", "config", "storage"},
    "app/drawings": {"common", "storage", "config", "model", "api"},
    "app/session": {"common", "config", "model", "links", "auth", "api", "signin", "storage",
                    "drawings"},
    "app/cli": {"common", "config", "model", "links", "auth", "api", "signin", "session", "storage",
                "drawings"},
    "ui/login": {"common", "config", "signin", "storage"},
    "ui/main": {"common", "storage", "config", "model", "links", "auth", "api", "signin",
                "session", "cli", "drawings"},
    "ui/app": {"common", "storage", "config", "model", "links", "auth", "api", "signin",
               "session", "cli", "main", "drawings"},
}
# Modules of app/ never see widgets or the web engine; only ui/login sees the web engine.
FORBIDDEN_QT = {
    "app/": re.compile(r"#include\s*<(QtWidgets|QtWebEngine\w*|QtGui/QWidget|Q(Widget|"
                       r"Application|MessageBox|Dialog|Label|WebEngine\w*))\b"),
    "ui/main": re.compile(r"#include\s*<(QtWebEngine\w*|QWebEngine\w*)\b"),
    "ui/app": re.compile(r"#include\s*<(QtWebEngine\w*|QWebEngine\w*)\b"),
}
LOCAL = re.compile(r'#include\s*"([a-z]+)/')
SOURCES = ("*.h", "*.cpp")


def module_of(path: Path, root: Path) -> str:
    parts = path.relative_to(root).parts
    return "/".join(parts[:2])


def main(root: Path) -> int:
    problems = []
    seen = set()
    for top in ("app", "ui"):
        for pattern in SOURCES:
            for path in sorted((root / top).rglob(pattern)):
                module = module_of(path, root)
                if module not in ALLOWED:
                    problems.append(f"{path}: module {module} has no layering rule")
                    continue
                seen.add(module)
                own = module.split("/")[1]
                allowed = ALLOWED[module] | {own}
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    match = LOCAL.match(line.strip())
                    if match and match.group(1) not in allowed:
                        problems.append(f"{path}:{number}: {module} may not include "
                                        f"{match.group(1)}/ ({line.strip()})")
                    for prefix, forbidden in FORBIDDEN_QT.items():
                        if module.startswith(prefix) and forbidden.match(line.strip()):
                            problems.append(f"{path}:{number}: {module} may not include "
                                            f"{line.strip()}")
    for module in sorted(set(ALLOWED) - seen):
        problems.append(f"{module}: listed in the rules but has no sources")
    for problem in problems:
        print(problem)
    print(f"{len(seen)} modules checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
