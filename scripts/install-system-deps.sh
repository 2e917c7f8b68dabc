#!/usr/bin/env bash
# Debian packages the test suite and benchmarks use: chromium (browser tests), redis-server,
# nginx and wrk. PostgreSQL 15 server binaries are expected under /usr/lib/postgresql/15.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v redis-server >/dev/null || need+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
# npm: axe-core for the browser tests, Lighthouse for `make audit` (node/package.json).
command -v npm >/dev/null || need+=(nodejs npm)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: ${need[*]} (run as root or install them)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
