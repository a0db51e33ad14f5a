#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
#
# Installs the Debian 12 packages Quarry needs to build, run and test. Idempotent: a package that
# is already installed is skipped, and nothing touches apt when everything is present.
# Runs as root, or through sudo otherwise. QUARRY_SKIP_DEPS=1 skips the whole step.
set -euo pipefail

if [ "${QUARRY_SKIP_DEPS:-0}" = 1 ]; then
    echo "setup-deps: QUARRY_SKIP_DEPS=1, not checking packages"
    exit 0
fi

packages=(
    # build tools
    cmake ninja-build g++ ccache dpkg-dev file pkgconf
    # Qt 6 (Core/Gui/Widgets/Sql/Network/Svg/Test, uic/Designer), its SQL drivers, OpenGL headers
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6sql6-sqlite libqt6sql6-psql
    qt6-tools-dev qt6-tools-dev-tools libgl-dev
    # libraries
    libpqxx-dev libpq-dev libpg-query-dev nlohmann-json3-dev libboost-dev libssl-dev libsodium-dev
    libvalijson-dev libkainjow-mustache-dev libqscintilla2-qt6-dev libgraphviz-dev qtkeychain-qt6-dev libyaml-cpp-dev libsqlite3-dev
    # the script sandbox: Qt's JavaScript engine, and the libraries Postman scripts require (browser builds)
    qt6-declarative-dev libjs-chai libjs-lodash libjs-moment
    # test servers, display and clients
    postgresql postgresql-15-hypopg mariadb-server mariadb-client json-schema-test-suite xvfb xauth fonts-dejavu-core imagemagick wrk curl sqlite3 python3
    # fuzzing (libFuzzer, sanitizers)
    clang libclang-rt-14-dev
    # AppStream metainfo validation for the installer
    appstream
)
# Node 20 + npm usually come from elsewhere (NodeSource, /usr/local); Debian's would conflict.
if ! command -v node >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    [ "${status:0:2}" = ii ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-deps: all ${#packages[@]} Debian packages are installed"
    exit 0
fi

if [ "$(id -u)" = 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "setup-deps: missing packages: ${missing[*]}" >&2
    echo "setup-deps: not root and no sudo; install them as root, then run this again." >&2
    exit 1
fi

echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
echo "setup-deps: done"
