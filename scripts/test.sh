#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
#
# Installs what is missing, builds, and runs the whole test suite:
#   scripts/test.sh                  every test
#   scripts/test.sh -L unit          a subset; any argument goes to ctest (-L db, -R installer, -V ...)
# Starts what the tests need and stops it afterwards, also on failure or Ctrl+C:
#   - a throw-away PostgreSQL cluster on a free loopback port  -> QUARRY_TEST_PG_URL
#   - a throw-away MariaDB server on a free loopback port       -> QUARRY_TEST_MARIADB_URL
#   - Xvfb for tests that want a real X display                -> DISPLAY (the rest run offscreen)
#   - the Node clients of tests/node (npm ci, only when the lock file changed) -> QUARRY_NODE_MODULES
# Environment: QUARRY_BUILD_DIR (default build/), QUARRY_TEST_JOBS (default 2), QUARRY_SKIP_DEPS=1,
# QUARRY_SKIP_NPM=1 (offline: tests that need the Node clients will fail).
set -euo pipefail

start=$SECONDS
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${QUARRY_BUILD_DIR:-$root/build}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
export QUARRY_BUILD_DIR=$build

say() { echo "test: $*"; }

# ---- set-up and build ---------------------------------------------------------------------------
bash "$root/scripts/setup-deps.sh"
bash "$root/scripts/build.sh"
built=$SECONDS

# ---- Node clients (newman, jsonwebtoken, express, ...) ------------------------------------------
node_dir=$root/tests/node
if [ "${QUARRY_SKIP_NPM:-0}" = 1 ]; then
    say "QUARRY_SKIP_NPM=1: not installing the Node clients"
else
    stamp=$node_dir/node_modules/.quarry-lock.sha256
    want=$(cd "$node_dir" && sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)
    # Without our stamp (node_modules from a plain `npm install`), npm's own record of what it
    # installed, node_modules/.package-lock.json, tells whether the tree matches the lock file.
    if [ ! -f "$stamp" ] && [ -f "$node_dir/node_modules/.package-lock.json" ] && (cd "$node_dir" && node -e '
        const fs = require("fs");
        const want = JSON.parse(fs.readFileSync("package-lock.json")).packages;
        const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json")).packages;
        for (const [k, v] of Object.entries(want))
            if (k !== "" && (have[k] ? have[k].version !== v.version : !v.optional)) process.exit(1);
        for (const k of Object.keys(have)) if (!(k in want)) process.exit(1);
    ' 2>/dev/null); then
        echo "$want" >"$stamp"
    fi
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        say "Node clients are up to date (tests/node/node_modules)"
    else
        say "installing the Node clients (npm ci in tests/node)"
        (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error </dev/null) || {
            echo "test: npm ci failed in tests/node; without network, QUARRY_SKIP_NPM=1 skips it" >&2
            exit 1
        }
        echo "$want" >"$stamp"
    fi
fi
export QUARRY_NODE_MODULES=$node_dir/node_modules

# ---- services, stopped on exit whatever happens -------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quarry-test.XXXXXX")
chmod 755 "$tmp" # as root, the cluster runs as the postgres user and must reach $tmp/pg
xvfb_pid=
cleanup() {
    local status=$?
    set +e
    bash "$root/scripts/pg-cluster.sh" stop "$tmp/pg"
    bash "$root/scripts/mariadb-server.sh" stop "$tmp/mariadb"
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
    fi
    rm -rf "$tmp"
    return $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting a throw-away PostgreSQL"
QUARRY_TEST_PG_URL=$(bash "$root/scripts/pg-cluster.sh" start "$tmp/pg")
export QUARRY_TEST_PG_URL
say "PostgreSQL at $QUARRY_TEST_PG_URL"
say "starting a throw-away MariaDB"
QUARRY_TEST_MARIADB_URL=$(bash "$root/scripts/mariadb-server.sh" start "$tmp/mariadb")
export QUARRY_TEST_MARIADB_URL
say "MariaDB at $QUARRY_TEST_MARIADB_URL"

if command -v Xvfb >/dev/null 2>&1; then
    # -displayfd: Xvfb picks a free display number and writes it once it accepts connections.
    Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$tmp/xvfb.display" >"$tmp/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do
        grep -q '^[0-9]' "$tmp/xvfb.display" 2>/dev/null && break
        kill -0 "$xvfb_pid" 2>/dev/null || break
        sleep 0.1
    done
    if grep -q '^[0-9]' "$tmp/xvfb.display" 2>/dev/null; then
        export DISPLAY=:$(head -n 1 "$tmp/xvfb.display")
        say "Xvfb on DISPLAY=$DISPLAY"
    else
        echo "test: Xvfb did not start; tests that need an X display will fail:" >&2
        cat "$tmp/xvfb.log" >&2
    fi
else
    say "Xvfb is not installed; tests run offscreen only"
fi

# Widgets render offscreen by default; the tests' settings and data stay out of the user's home.
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR=$tmp/runtime XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
unset QUARRY_PLUGIN_DIR

# ---- the suite ----------------------------------------------------------------------------------
say "ctest --test-dir $build --output-on-failure -j${QUARRY_TEST_JOBS:-2} $*"
ctest_start=$SECONDS
set +e
ctest --test-dir "$build" --output-on-failure --no-tests=error -j"${QUARRY_TEST_JOBS:-2}" "$@"
status=$?
set -e

say "total $((SECONDS - start)) s: set-up and build $((built - start)) s, Node clients and services $((ctest_start - built)) s, ctest $((SECONDS - ctest_start)) s; ctest exit status $status"
exit $status
