#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
#
# Configures (Ninja, RelWithDebInfo, ccache when present) and builds Quarry into build/.
#   QUARRY_BUILD_DIR=dir    build somewhere else
#   QUARRY_BUILD_TYPE=Debug another CMake build type
#   extra arguments         passed to the CMake configure step (e.g. -DQUARRY_BUILD_BENCH=OFF)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${QUARRY_BUILD_DIR:-$root/build}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
jobs=$(nproc)

# Prefix /usr: the Debian package's layout (GNUInstallDirs then uses lib/x86_64-linux-gnu). Nothing is
# installed by this script; `cmake --install "$build" --prefix DIR` installs elsewhere.
configure=(cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${QUARRY_BUILD_TYPE:-RelWithDebInfo}"
           -DCMAKE_INSTALL_PREFIX=/usr)
if command -v ccache >/dev/null 2>&1; then
    configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# A build dir made by another generator cannot be reused with Ninja.
if [ -f "$build/CMakeCache.txt" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$build/CMakeCache.txt"; then
    echo "build: $build was configured with another generator; reconfiguring it from scratch" >&2
    rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
fi

start=$SECONDS
"${configure[@]}" "$@"
cmake --build "$build" --parallel "$jobs"
echo "build: $build is up to date ($((SECONDS - start)) s, $jobs jobs)"
