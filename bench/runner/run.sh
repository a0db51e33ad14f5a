#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
#
# The same N-request collection (default 1,000; checks on every request, one JWT login) run by
# `quarry run` and by newman against the same local Express server in the same run; prints
# requests per second and the ratio. Not a pass/fail test.
#   bench/runner/run.sh [BUILD_DIR] [REQUESTS] [ROUNDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
N=${2:-1000}
ROUNDS=${3:-3}
QUARRY=$BUILD/bin/quarry
MODULES=${QUARRY_NODE_MODULES:-$ROOT/tests/node/node_modules}
[ -x "$QUARRY" ] || { echo "no $QUARRY: build first (ninja -C $BUILD quarry)" >&2; exit 2; }
[ -d "$MODULES/newman" ] || { echo "no newman in $MODULES: run npm ci in tests/node" >&2; exit 2; }

WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

NODE_PATH=$MODULES TOKEN_TTL=3600 node "$ROOT/tests/core/http/server.js" > "$WORK/server.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do grep -q port "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]).port)' "$WORK/server.out")
BASE=http://127.0.0.1:$PORT

node "$ROOT/bench/runner/makecollection.js" "$N" "$BASE" > "$WORK/bench.quarry"
"$QUARRY" export postman "$WORK/bench.quarry" -o "$WORK/bench.postman.json" --env Bench --env-out "$WORK/bench.env.json"

now() { date +%s.%N; }
secs() { node -e 'console.log((process.argv[2] - process.argv[1]).toFixed(3))' "$@"; }
rate() { node -e 'const [n, a, b] = process.argv.slice(1).map(Number); console.log((n / (b - a)).toFixed(1))' "$@"; }

echo "Runner benchmark: $N requests (checks on each, 1 JWT login), server $BASE, $ROUNDS rounds, $(nproc) CPUs"
printf '%-34s %10s %10s %s\n' "tool" "seconds" "req/s" "result"
best_q=0; best_q4=0; best_n=0
for round in $(seq "$ROUNDS"); do
    t0=$(now); qrc=0; "$QUARRY" run "$WORK/bench.quarry" --env Bench --reporter json --out "$WORK/q.json" > /dev/null || qrc=$?; t1=$(now)
    q=$(rate "$N" "$t0" "$t1")
    qok=$(node -e 'const r = require(process.argv[1]); console.log(`${r.totals.failedRequests} failed, ${r.logins} login(s)`)' "$WORK/q.json")
    printf '%-34s %10s %10s %s\n' "quarry run (round $round)" "$(secs "$t0" "$t1")" "$q" "exit $qrc, $qok"

    t0=$(now); "$QUARRY" run "$WORK/bench.quarry" --env Bench --concurrency 4 --iterations 4 --reporter json --out "$WORK/q4.json" > /dev/null || true; t1=$(now)
    q4=$(rate "$((N * 4))" "$t0" "$t1")
    q4ok=$(node -e 'const r = require(process.argv[1]); console.log(`${r.totals.failedRequests} failed, ${r.logins} login(s)`)' "$WORK/q4.json")
    printf '%-34s %10s %10s %s\n' "quarry run -n 4 --concurrency 4" "$(secs "$t0" "$t1")" "$q4" "$q4ok"

    t0=$(now); NODE_PATH=$MODULES node "$ROOT/tests/core/http/newmanrun.js" "$WORK/bench.postman.json" "$WORK/bench.env.json" > "$WORK/n.json"; t1=$(now)
    nm=$(rate "$N" "$t0" "$t1")
    nok=$(node -e 'const r = require(process.argv[1]); console.log(`${r.failures} failed checks, ${r.items.length} items`)' "$WORK/n.json")
    printf '%-34s %10s %10s %s\n' "newman (library, no reporter)" "$(secs "$t0" "$t1")" "$nm" "$nok"

    best_q=$(node -e 'console.log(Math.max(...process.argv.slice(1).map(Number)))' "$best_q" "$q")
    best_q4=$(node -e 'console.log(Math.max(...process.argv.slice(1).map(Number)))' "$best_q4" "$q4")
    best_n=$(node -e 'console.log(Math.max(...process.argv.slice(1).map(Number)))' "$best_n" "$nm")
done
# The same requests without checks or auth: newman runs no script at all, so this is its HTTP cost alone.
node "$ROOT/bench/runner/makecollection.js" "$N" "$BASE" plain > "$WORK/plain.quarry"
"$QUARRY" export postman "$WORK/plain.quarry" -o "$WORK/plain.postman.json" --env Bench --env-out "$WORK/plain.env.json"
t0=$(now); "$QUARRY" run "$WORK/plain.quarry" --env Bench --reporter json --out "$WORK/qp.json" > /dev/null || true; t1=$(now)
qp=$(rate "$N" "$t0" "$t1")
printf '%-34s %10s %10s\n' "quarry run, no checks" "$(secs "$t0" "$t1")" "$qp"
t0=$(now); NODE_PATH=$MODULES node "$ROOT/tests/core/http/newmanrun.js" "$WORK/plain.postman.json" "$WORK/plain.env.json" > "$WORK/np.json"; t1=$(now)
np=$(rate "$N" "$t0" "$t1")
printf '%-34s %10s %10s\n' "newman, no checks (no scripts)" "$(secs "$t0" "$t1")" "$np"

# Every request with a Postman test script (pm.test, pm.expect, pm.response), run by both one request at a time.
node "$ROOT/bench/runner/makecollection.js" "$N" "$BASE" scripts > "$WORK/scripts.quarry"
"$QUARRY" export postman "$WORK/scripts.quarry" -o "$WORK/scripts.postman.json" --env Bench --env-out "$WORK/scripts.env.json"
best_qs=0; best_ns=0
for round in $(seq "$ROUNDS"); do
    t0=$(now); "$QUARRY" run "$WORK/scripts.quarry" --env Bench --reporter json --out "$WORK/qs.json" > /dev/null || true; t1=$(now)
    qs=$(rate "$N" "$t0" "$t1")
    qsok=$(node -e 'const r = require(process.argv[1]); console.log(`${r.totals.assertions} script tests, ${r.totals.failedAssertions} failed`)' "$WORK/qs.json")
    printf '%-34s %10s %10s %s\n' "quarry run, test scripts" "$(secs "$t0" "$t1")" "$qs" "$qsok"
    t0=$(now); NODE_PATH=$MODULES node "$ROOT/tests/core/http/newmanrun.js" "$WORK/scripts.postman.json" "$WORK/scripts.env.json" > "$WORK/ns.json"; t1=$(now)
    ns=$(rate "$N" "$t0" "$t1")
    nsok=$(node -e 'const r = require(process.argv[1]); console.log(`${r.items.reduce((n, i) => n + i.assertions.length, 0)} script tests, ${r.failures} failed`)' "$WORK/ns.json")
    printf '%-34s %10s %10s %s\n' "newman, test scripts" "$(secs "$t0" "$t1")" "$ns" "$nsok"
    best_qs=$(node -e 'console.log(Math.max(...process.argv.slice(1).map(Number)))' "$best_qs" "$qs")
    best_ns=$(node -e 'console.log(Math.max(...process.argv.slice(1).map(Number)))' "$best_ns" "$ns")
done

echo
echo "with a test script on every request: quarry run $best_qs req/s, newman $best_ns req/s: ratio $(node -e 'console.log((process.argv[1] / process.argv[2]).toFixed(2))' "$best_qs" "$best_ns")x (target >= 10x)"
echo "without checks: quarry run $qp req/s, newman $np req/s: ratio $(node -e 'console.log((process.argv[1] / process.argv[2]).toFixed(2))' "$qp" "$np")x"
echo "best of $ROUNDS: quarry run $best_q req/s, newman $best_n req/s: ratio $(node -e 'console.log((process.argv[1] / process.argv[2]).toFixed(2))' "$best_q" "$best_n")x (target >= 3x)"
echo "quarry run with 4 iterations in parallel: $best_q4 req/s ($(node -e 'console.log((process.argv[1] / process.argv[2]).toFixed(2))' "$best_q4" "$best_n")x newman)"
