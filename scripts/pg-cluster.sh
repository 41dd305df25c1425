#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and CI (STACK.md 3.2): trust auth, no fsync, TCP on 127.0.0.1 only,
# its Unix socket inside DIR.
#   scripts/pg-cluster.sh start DIR [PORT]   prints the DATABASE_URL (and nothing else) on stdout
#   scripts/pg-cluster.sh stop DIR
# As root, the server runs as the postgres user (PostgreSQL refuses to run as root). Logs: DIR/log, DIR/initdb.log.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [PORT] | stop DIR" >&2
  exit 2
}

pgbin() {
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    echo /usr/lib/postgresql/15/bin
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "pg-cluster: no PostgreSQL binaries under /usr/lib/postgresql (run scripts/ensure-system.sh postgres)" >&2
    exit 1
  fi
  echo "$dir"
}

# Run a PostgreSQL program as the postgres user when we are root, as ourselves otherwise.
as_pg() {
  # from / : the postgres user may not be allowed into the caller's working directory
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Lets the postgres user reach DIR: owns DIR, and may traverse every parent (mktemp makes 0700 dirs).
make_accessible() {
  local dir=$1
  [ "$(id -u)" -eq 0 ] || return 0
  chown postgres: "$dir"
  chmod 0700 "$dir"
  local d
  d=$(dirname "$dir")
  while [ "$d" != "/" ]; do
    if ! runuser -u postgres -- test -x "$d"; then chmod o+x "$d"; fi
    d=$(dirname "$d")
  done
}

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || usage

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    bin=$(pgbin)
    make_accessible "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      if ! as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1; then
        echo "pg-cluster: initdb failed; $dir/initdb.log says:" >&2
        cat "$dir/initdb.log" >&2
        exit 1
      fi
    fi
    fixed_port=${3:-}
    for attempt in 1 2 3; do
      port=${fixed_port:-$(free_port)}
      if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start \
        -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null 2>&1; then
        echo "$port" >"$dir/port"
        echo "postgres://postgres@127.0.0.1:$port/postgres"
        exit 0
      fi
      # A port taken between choosing and binding: try another one, unless the caller chose it.
      if [ -n "$fixed_port" ] || [ "$attempt" -eq 3 ]; then break; fi
    done
    echo "pg-cluster: pg_ctl start failed (port $port); tail of $dir/log:" >&2
    tail -n 20 "$dir/log" >&2 || true
    exit 1
    ;;
  stop)
    [ -d "$dir/data" ] || exit 0
    bin=$(pgbin)
    if as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    fi
    ;;
  *) usage ;;
esac
