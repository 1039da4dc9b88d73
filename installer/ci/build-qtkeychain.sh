#!/usr/bin/env bash
# Builds QtKeychain (frankosterfeld/qtkeychain) from a release tag against the Qt in QT_PREFIX
# and installs it into that same Qt prefix, for the Windows and macOS CI jobs (Linux takes
# Debian's qtkeychain-qt6-dev). Installing beside Qt's own libraries is what lets the deploy
# tools find it: macdeployqt resolves the app's @rpath/libqt6keychain against Qt's lib folder,
# and on Windows the DLL lands in Qt's bin folder, from where installer/windows/windows.cmake
# installs it next to the executables (windeployqt copies Qt's own DLLs only).
# Usage: build-qtkeychain.sh VERSION QT_PREFIX WORK_DIR [INSTALL_PREFIX]
# INSTALL_PREFIX defaults to QT_PREFIX; QTKEYCHAIN_REPOSITORY overrides the clone URL (a mirror).
set -euo pipefail
version=$1 qt_prefix=$2 work=$3 prefix=${4:-$2}
repository=${QTKEYCHAIN_REPOSITORY:-https://github.com/frankosterfeld/qtkeychain.git}
# Git Bash on Windows: D:/a/… rather than D:\a\…, for CMake and for rm alike.
if command -v cygpath >/dev/null; then
    qt_prefix=$(cygpath -m "$qt_prefix") work=$(cygpath -m "$work") prefix=$(cygpath -m "$prefix")
fi

rm -rf "$work"
git clone --quiet --depth 1 --branch "$version" "$repository" "$work/src"
# Shared, as Debian builds it: a static build would need QTKEYCHAIN_STATIC_DEFINE in every
# consumer on Windows. No translations (they need Qt's LinguistTools, which is not installed).
cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_WITH_QT6=ON -DBUILD_SHARED_LIBS=ON -DBUILD_TRANSLATIONS=OFF \
    -DBUILD_TEST_APPLICATION=OFF -DBUILD_TESTING=OFF \
    -DCMAKE_PREFIX_PATH="$qt_prefix" -DCMAKE_INSTALL_PREFIX="$prefix"
cmake --build "$work/build" --config Release --parallel
cmake --install "$work/build" --config Release
