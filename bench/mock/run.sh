#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
#
# Mock server benchmark: wrk against `quarry serve`, the seed's Express app (express + cors) and
# json-server 0.17 on the same data, in one run. Servers are pinned to CPU 0, wrk to CPU 1.
# Prints requests/s and p99 latency per case, and Quarry's ratio to the peer.
#
#   bench/mock/run.sh [BUILD_DIR] [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
duration=${2:-10}
conns=${3:-64}
quarry=$build/bin/quarry
export QUARRY_NODE_MODULES=${QUARRY_NODE_MODULES:-$repo/tests/node/node_modules}
for tool in wrk taskset node sqlite3 curl; do
    command -v $tool >/dev/null || { echo "bench/mock: $tool is missing" >&2; exit 2; }
done
[[ -x $quarry ]] || { echo "bench/mock: build quarry first ($quarry)" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; return 1; }

# The workspace: the sample plus a static route and a full CRUD resource on users.
python3 - "$repo/resources/samples/seed.quarry" "$work/bench.quarry" <<'PY'
import json, sys
ws = json.load(open(sys.argv[1]))
ws['mock']['routes'] = [
    {"id": "static", "method": "GET", "path": "/bench/static",
     "responses": [{"status": 200, "headers": {"Content-Type": "application/json"},
                    "body": "{\"hello\":\"world\",\"items\":[1,2,3]}"}]},
    {"id": "users", "method": "ANY", "path": "/users", "resource": {"table": "users"}},
]
ws['databases'] = [{"id": "db", "name": "bench", "url": "sqlite:bench.db"}]
json.dump(ws, open(sys.argv[2], 'w'), indent=2)
PY
rows=1000
qport=$(free_port)
taskset -c 0 "$quarry" serve "$work/bench.quarry" --port "$qport" --threads 1 --log none 2>"$work/quarry.log" &
qpid=$!; pids+=($qpid)
wait_port "$qport"
# Same 1000 users for Quarry (SQLite) and json-server (db.json).
sqlite3 "$work/bench.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < $rows)
  INSERT INTO users (email, name) SELECT 'user' || i || '@example.com', 'User ' || i FROM n;"
python3 - "$work/db.json" "$rows" <<'PY'
import json, sys
n = int(sys.argv[2])
json.dump({"users": [{"id": i, "email": f"user{i}@example.com", "name": f"User {i}",
                      "created_at": "2026-01-01 00:00:00"} for i in range(1, n + 1)]}, open(sys.argv[1], 'w'))
PY

eport=$(free_port)
taskset -c 0 node "$here/express-app.js" "$eport" 2>"$work/express.log" &
epid=$!; pids+=($epid)
jport=$(free_port)
taskset -c 0 node "$QUARRY_NODE_MODULES/json-server/lib/cli/bin.js" --quiet --port "$jport" "$work/db.json" \
    >"$work/json-server.log" 2>&1 &
jpid=$!; pids+=($jpid)
wait_port "$eport"; wait_port "$jport"

declare -A rps p99 cpu
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime of every thread
run() {   # name pid url [script]
    local name=$1 pid=$2 url=$3 script=${4:-}
    local args=(-t1 -c"$conns" -d"${duration}s" --latency)
    [[ -n $script ]] && args+=(-s "$script")
    local out before after requests
    before=$(cputicks "$pid")
    out=$(taskset -c 1 wrk "${args[@]}" "$url")
    after=$(cputicks "$pid")
    rps[$name]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$out")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    # CPU time the server spent per request: unlike req/s, it does not depend on how much of
    # CPU 0 other processes took during the run.
    cpu[$name]=$(python3 -c "print(f'{($after - $before) * 1e6 / $(getconf CLK_TCK) / max(1, $requests):.1f}')")
    local non2xx
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%-28s %12s req/s   p99 %10s   %8s CPU us/req%s\n' "$name" "${rps[$name]}" "${p99[$name]}" \
        "${cpu[$name]}" "${non2xx:+   ($non2xx non-2xx answers)}"
}

echo "wrk: 1 thread, $conns connections, ${duration}s per case; servers on CPU 0, wrk on CPU 1; $rows users"
echo
run "quarry static" "$qpid" "http://127.0.0.1:$qport/bench/static"
run "express static" "$epid" "http://127.0.0.1:$eport/bench/static"
run "quarry GET /users/:id" "$qpid" "http://127.0.0.1:$qport/users/500"
run "json-server GET /users/:id" "$jpid" "http://127.0.0.1:$jport/users/500"
run "quarry POST /users" "$qpid" "http://127.0.0.1:$qport/users" "$here/post.lua"
run "json-server POST /users" "$jpid" "http://127.0.0.1:$jport/users" "$here/post.lua"

ratio() { python3 -c "a,b=float('$1' or 0),float('$2' or 0); print(f'{a/b:.1f}x' if b else 'n/a')"; }
echo
echo "                 req/s ratio   CPU-per-request ratio (peer / quarry)"
echo "static route:   $(ratio "${rps[quarry static]}" "${rps[express static]}")   $(ratio "${cpu[express static]}" "${cpu[quarry static]}")   quarry vs express (target >= 8x, p99 < 3 ms)"
echo "CRUD GET by id: $(ratio "${rps[quarry GET /users/:id]}" "${rps[json-server GET /users/:id]}")   $(ratio "${cpu[json-server GET /users/:id]}" "${cpu[quarry GET /users/:id]}")   quarry vs json-server (target >= 10x)"
echo "persisted POST: $(ratio "${rps[quarry POST /users]}" "${rps[json-server POST /users]}")   $(ratio "${cpu[json-server POST /users]}" "${cpu[quarry POST /users]}")   quarry vs json-server (target >= 20x)"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share CPU 0 unless the machine is idle)"
echo "rows after POST runs: quarry $(sqlite3 "$work/bench.db" 'SELECT COUNT(*) FROM users'), json-server $(python3 -c "import json; print(len(json.load(open('$work/db.json'))['users']))")"
