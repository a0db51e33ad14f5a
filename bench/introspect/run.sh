#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
#
# Introspection benchmark: quarry::schema::introspect() next to pg_dump --schema-only on a
# generated schema, in a throw-away PostgreSQL cluster (scripts/pg-cluster.sh) stopped on exit.
#
#   bench/introspect/run.sh [BUILD_DIR] [TABLES] [REPEATS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
tables=${2:-500}
repeats=${3:-5}
bench=$build/bench/bench_introspect
for tool in psql pg_dump; do
    command -v $tool >/dev/null || { echo "bench/introspect: $tool is missing" >&2; exit 2; }
done
[[ -x $bench ]] || { echo "bench/introspect: build it first ($bench)" >&2; exit 2; }

work=$(mktemp -d)
chmod 755 "$work" # as root, the cluster runs as the postgres user
cleanup() { bash "$repo/scripts/pg-cluster.sh" stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT
url=$(bash "$repo/scripts/pg-cluster.sh" start "$work/pg")
QUARRY_PLUGIN_DIR=$build/plugins "$bench" "$url" "$tables" "$repeats"
