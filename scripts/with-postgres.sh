#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server that this script starts and stops.
#   scripts/with-postgres.sh [--durable] COMMAND...
# Sets DATABASE_URL for the command. Without --durable the server runs with fsync off (tests only).
set -euo pipefail
durable=0
if [ "${1:-}" = "--durable" ]; then durable=1; shift; fi
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/krachtbron-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
options="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200"
[ $durable -eq 1 ] || options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
stop() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$options" start >/dev/null
"${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres krachtbron
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/krachtbron"
"$@"
