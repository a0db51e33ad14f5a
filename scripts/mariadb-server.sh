#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
#
# A throw-away MariaDB server for tests, on a free loopback port, like scripts/pg-cluster.sh.
#   scripts/mariadb-server.sh start DIR   install a data directory + start; prints mysql://root@127.0.0.1:PORT/
#   scripts/mariadb-server.sh stop DIR    stop it (the directory stays until you delete it)
# The server runs as the calling user (as root: the mysql user), reads no my.cnf (--no-defaults),
# listens on 127.0.0.1 only and skips the grant tables: any local client is root, which is what a
# test server wants and nothing else should.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] \
    || { echo "MariaDB server not found; run scripts/setup-deps.sh" >&2; exit 1; }
mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)

user_args=()
[ "$(id -u)" = 0 ] && user_args=(--user=mysql)

case "$cmd" in
start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" = 0 ] && chown mysql:mysql "$dir"
    if [ ! -d "$dir/data/mysql" ]; then
        mariadb-install-db --no-defaults "${user_args[@]}" --datadir="$dir/data" --skip-test-db \
            --auth-root-authentication-method=normal >"$dir/install.log" 2>&1 \
            || { cat "$dir/install.log" >&2; exit 1; }
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    "$mariadbd" --no-defaults "${user_args[@]}" --datadir="$dir/data" --socket="$dir/mysqld.sock" \
        --pid-file="$dir/mysqld.pid" --port="$port" --bind-address=127.0.0.1 --skip-grant-tables \
        --skip-name-resolve --innodb-buffer-pool-size=32M --innodb-log-file-size=16M \
        --log-error="$dir/server.log" >/dev/null 2>&1 &
    # Ready when it accepts a query on the port (up to 60 s).
    for _ in $(seq 600); do
        if mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$port" -u root -e 'SELECT 1' >/dev/null 2>&1; then
            echo "$port" >"$dir/port"
            echo "mysql://root@127.0.0.1:$port/"
            exit 0
        fi
        sleep 0.1
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
stop)
    [ -f "$dir/mysqld.pid" ] || exit 0
    pid=$(cat "$dir/mysqld.pid")
    kill "$pid" 2>/dev/null || exit 0
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
