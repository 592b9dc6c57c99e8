#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests (initdb in a temporary directory, a free
# loopback port, trust authentication on loopback only) and PgBouncer in transaction pooling in
# front of it, and prints the lines that export their URLs:
#
#   eval "$(bash .ci/postgres.sh)"     # then: swift test
#
# PG_FSYNC=on keeps fsync (for benchmarks of durable writes; tests run without it).
# PG_MAX_CONNECTIONS sets the server's max_connections (default 200; the fleet benchmark uses 20).
# PGBOUNCER_POOL_SIZE sets PgBouncer's default_pool_size (default 20).
# Installs Debian's postgresql package when no server binaries are found. Fails (exit 1) when the
# server cannot start: CI never runs the PostgreSQL tests against nothing.
set -euo pipefail

find_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

if ! bindir="$(find_bindir)"; then
    echo "postgres: installing postgresql from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # The package's own cluster may fail to start in a container without an init system; only
    # its binaries are needed here, so the install's exit status is judged by them.
    apt-get install -y -qq postgresql >&2 || true
    bindir="$(find_bindir)" || { echo "postgres: no initdb after installing postgresql" >&2; exit 1; }
fi

base="$(mktemp -d /tmp/sandbox-refresh-pg.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
as_owner=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$base"
    as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bindir/initdb" -D "$base/data" -U postgres --auth=trust --no-sync -E UTF8 >"$base/initdb.log" 2>&1 \
    || { cat "$base/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c fsync=${PG_FSYNC:-off} -c max_connections=${PG_MAX_CONNECTIONS:-200}" start >&2 \
    || { cat "$base/server.log" >&2; exit 1; }
"$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE sandbox_refresh_test" >&2 \
    || { cat "$base/server.log" >&2; exit 1; }
echo "postgres: throwaway server on 127.0.0.1:$port (data in $base/data; stop with: ${as_owner[*]} $bindir/pg_ctl -D $base/data stop)" >&2
echo "export SANDBOX_REFRESH_TEST_POSTGRES='postgres://postgres@127.0.0.1:$port/sandbox_refresh_test?sslmode=disable'"

# PgBouncer in transaction pooling, from Debian's package (installed when missing), as the
# journal's users put it in front of a shared server. It runs as the cluster's owner (it refuses
# root) with trust authentication on loopback, like the server.
if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
    echo "postgres: installing pgbouncer from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # As for postgresql: the package's own service may not start in a container; its binary is enough.
    apt-get install -y -qq pgbouncer >&2 || true
fi
pgbouncer="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
[ -x "$pgbouncer" ] || { echo "postgres: no pgbouncer after installing it" >&2; exit 1; }
bport="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$base/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bport
unix_socket_dir =
auth_type = trust
auth_file = $base/userlist.txt
pool_mode = transaction
max_client_conn = 2000
default_pool_size = ${PGBOUNCER_POOL_SIZE:-20}
ignore_startup_parameters = extra_float_digits
logfile = $base/pgbouncer.log
pidfile = $base/pgbouncer.pid
INI
echo '"postgres" ""' >"$base/userlist.txt"
[ "$(id -u)" = 0 ] && chown postgres "$base/pgbouncer.ini" "$base/userlist.txt"
"${as_owner[@]}" "$pgbouncer" -d "$base/pgbouncer.ini" >&2 || { cat "$base/pgbouncer.log" >&2 2>/dev/null; exit 1; }
for _ in $(seq 1 50); do
    "$bindir/psql" -h 127.0.0.1 -p "$bport" -U postgres -d sandbox_refresh_test -qtAc "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.1
done
"$bindir/psql" -h 127.0.0.1 -p "$bport" -U postgres -d sandbox_refresh_test -qtAc "SELECT 1" >/dev/null \
    || { cat "$base/pgbouncer.log" >&2; exit 1; }
echo "postgres: PgBouncer (transaction pooling) on 127.0.0.1:$bport (stop with: kill \$(cat $base/pgbouncer.pid))" >&2
echo "export SANDBOX_REFRESH_TEST_PGBOUNCER='postgres://postgres@127.0.0.1:$bport/sandbox_refresh_test?sslmode=disable&pooling=transaction'"
