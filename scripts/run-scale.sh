#!/usr/bin/env bash
# The scale profile on one machine: PostgreSQL 15 and Redis on loopback (data in var/scale/),
# migrate, demo content, and the app server (granian) with several workers. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
SCALE=$PWD/var/scale
PG_PORT=${KOPBAL_PG_PORT:-55432}
REDIS_PORT=${KOPBAL_REDIS_PORT:-56379}
mkdir -p "$SCALE"
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$SCALE"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
if [ ! -d "$SCALE/pg" ]; then
  echo "PostgreSQL-cluster aanmaken in $SCALE/pg"
  as_pg "$PGBIN/initdb" -D "$SCALE/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
as_pg "$PGBIN/pg_ctl" -D "$SCALE/pg" -l "$SCALE/pg.log" -w -o \
  "-p $PG_PORT -k $SCALE -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$SCALE/redis.pid" --logfile "$SCALE/redis.log"
stop() {
  as_pg "$PGBIN/pg_ctl" -D "$SCALE/pg" -m fast stop >/dev/null 2>&1 || true
  [ -f "$SCALE/redis.pid" ] && kill "$(cat "$SCALE/redis.pid")" 2>/dev/null || true
}
trap stop EXIT
trap "exit 130" INT TERM
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres kopbal 2>/dev/null || true

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/kopbal"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-4}
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_demo
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py ensure_admin
echo "Kopbal (PostgreSQL :$PG_PORT, Redis :$REDIS_PORT, $WEB_CONCURRENCY workers) op http://127.0.0.1:8000"
.venv/bin/python -m kopbal.serve
