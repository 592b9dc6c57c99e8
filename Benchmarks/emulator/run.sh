#!/usr/bin/env bash
# Throughput of the emulator over HTTP: a release-built `sandbox-refresh emulator` with the rate
# limit off, loaded by wrk at 1 and 8 connections on an authenticated queues page and a flows
# page of a 5,000-flow world. Prints requests/s and p99 per case.
#
#   Benchmarks/emulator/run.sh                 # builds nothing; expects the release binary
#   BIN=path/to/sandbox-refresh DURATION=20s Benchmarks/emulator/run.sh
#
# Build first (from the package root):
#   swift build -c release --scratch-path .build-release --product sandbox-refresh
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${BIN:-$root/.build-release/release/sandbox-refresh}"
DURATION="${DURATION:-10s}"
FLOWS="${FLOWS:-5000}"
CONNECTIONS="${CONNECTIONS:-1 8}"
PAGE_SIZE="${PAGE_SIZE:-100}"

for tool in wrk jq curl; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y $tool)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "no binary at $BIN: build it first (see the top of this script)" >&2; exit 1; }

out="$(mktemp)"
"$BIN" emulator --port 0 --no-rate-limit --flows "$FLOWS" >"$out" 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT

# --port 0 picks a free port; the banner names it.
base=""
for _ in $(seq 1 600); do
    base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1 || true)"
    [ -n "$base" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "the emulator exited:" >&2; cat "$out" >&2; exit 1; }
    sleep 0.1
done
[ -n "$base" ] || { echo "the emulator did not start within 60 s" >&2; exit 1; }

# The production organization's client credentials, then a client-credentials token.
orgs="$(curl -sf "$base/emulator/organizations")"
client="$(jq -r '.[] | select(.name == "production") | .clientId' <<<"$orgs")"
secret="$(jq -r '.[] | select(.name == "production") | .clientSecret' <<<"$orgs")"
token="$(curl -sf -u "$client:$secret" -d grant_type=client_credentials "$base/oauth/token" | jq -r .access_token)"

pages=("queues $base/api/v2/routing/queues?pageSize=$PAGE_SIZE" "flows $base/api/v2/flows?pageSize=$PAGE_SIZE")
for page in "${pages[@]}"; do
    url="${page#* }"
    status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url")"
    [ "$status" = 200 ] || { echo "$url answered $status, not 200" >&2; exit 1; }
done

echo "emulator $base, $FLOWS flows, pageSize=$PAGE_SIZE, $DURATION per case, $(nproc) CPUs"
printf '%-8s %12s %14s %10s %10s %8s\n' page connections requests/s p50 p99 errors
for page in "${pages[@]}"; do
    name="${page%% *}" url="${page#* }"
    for c in $CONNECTIONS; do
        threads=$(( c < 2 ? c : 2 ))
        report="$(wrk -t "$threads" -c "$c" -d "$DURATION" --latency -H "Authorization: Bearer $token" "$url")"
        rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$report")"
        p50="$(awk '$1 == "50%" {print $2}' <<<"$report")"
        p99="$(awk '$1 == "99%" {print $2}' <<<"$report")"
        errors="$(awk '/Non-2xx or 3xx responses:/ {print $NF} /Socket errors:/ {print "socket:" $0}' <<<"$report" | paste -sd, -)"
        printf '%-8s %12s %14s %10s %10s %8s\n' "$name" "$c" "$rps" "$p50" "$p99" "${errors:-0}"
    done
done
