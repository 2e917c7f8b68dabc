#!/usr/bin/env bash
# Run COMMAND with DATABASE_URL pointing at a throwaway PostgreSQL 15 cluster on loopback.
# The cluster lives in a temp dir and is removed on exit; COMMAND's exit status is kept.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGROOT=$(mktemp -d "${TMPDIR:-/tmp}/kopbal-pg.XXXXXX")
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PGROOT"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGROOT"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log"
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -o \
  "-p $PORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres kopbal
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/kopbal"
export KOPBAL_PG_DATA="$PGROOT/data" KOPBAL_PG_PORT="$PORT"
set +e
"$@"
status=$?
set -e
exit $status
