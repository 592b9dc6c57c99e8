#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests (initdb in a temporary directory, a free
# loopback port, trust authentication on loopback only) and prints the line that exports its URL:
#
#   eval "$(bash .ci/postgres.sh)"     # then: swift test
#
# PG_FSYNC=on keeps fsync (for benchmarks of durable writes; tests run without it).
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
    -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c fsync=${PG_FSYNC:-off} -c max_connections=200" start >&2 \
    || { cat "$base/server.log" >&2; exit 1; }
"$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE sandbox_refresh_test" >&2 \
    || { cat "$base/server.log" >&2; exit 1; }
echo "postgres: throwaway server on 127.0.0.1:$port (data in $base/data; stop with: ${as_owner[*]} $bindir/pg_ctl -D $base/data stop)" >&2
echo "export SANDBOX_REFRESH_TEST_POSTGRES='postgres://postgres@127.0.0.1:$port/sandbox_refresh_test?sslmode=disable'"
