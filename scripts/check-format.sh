#!/usr/bin/env bash
# Fails when a tracked C++ file is not formatted as .clang-format says (Debian 12's
# clang-format 14, the version the tree is formatted with; others differ in details).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "check-format: not a git checkout, nothing to check" >&2
    exit 0
fi
# Other versions format some constructs differently, so only 14 can judge the tree (Debian 13's
# clang-format 19 would call it unformatted); the Debian 12 half of CI runs this check.
version=$(clang-format --version | sed -n 's/.*clang-format version \([0-9]*\).*/\1/p')
if [[ "$version" != 14 ]]; then
    echo "check-format: clang-format ${version:-?} is not 14, the version the tree is formatted with; not checked here" >&2
    exit 0
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h')
bad=()
for f in "${files[@]}"; do
    [[ -f $f ]] || continue
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [[ ${#bad[@]} -gt 0 ]]; then
    echo "Not formatted (run clang-format -i on them):" >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
fi
echo "check-format: ${#files[@]} C++ files formatted"
