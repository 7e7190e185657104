#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: `scripts/postgres.sh start` prints
# `export CSC_TEST_POSTGRES_URL=...` (eval it); `scripts/postgres.sh stop` ends it.
# The cluster lives under $CSC_PG_DIR (default /tmp/csc-inspections-pg), trusts local
# connections only (unix socket in that folder, 127.0.0.1), and is made anew by each start.
# Debian's PostgreSQL is installed when missing; initdb refuses root, so root runs it as the
# `postgres` user that the package creates.
set -euo pipefail
dir="${CSC_PG_DIR:-/tmp/csc-inspections-pg}"
port="${CSC_PG_PORT:-54329}"

bindir() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$found" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >/dev/null
    found="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
  [ -n "$found" ] || { echo "PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin="$(bindir)"
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    echo "export CSC_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    bin="$(bindir)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
