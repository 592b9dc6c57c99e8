#!/usr/bin/env bash
# A fleet against one shared emulator: PLANS plans (one sandbox each, one shared production
# client id) split over RUNNERS `apply` processes, each in its own directory, run twice side by
# side in time: once sharing a PostgreSQL journal (one rate budget for the client id), once with
# a SQLite journal per runner (a budget per process, the peer). Reports wall time, the shared
# client's requests per emulated minute against its 300 budget, and the 429s the emulator sent.
#
#   Benchmarks/fleet/run.sh [PLANS] [RUNNERS] [PARALLEL]      # default 50 4 16
#   SR_BIN=.build-release/release/sandbox-refresh SANDBOX_REFRESH_TEST_POSTGRES=postgres://... Benchmarks/fleet/run.sh
#
# Without SANDBOX_REFRESH_TEST_POSTGRES a throwaway server is started with .ci/postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
plans=${1:-50}; runners=${2:-4}; parallel=${3:-16}; scale=${SCALE:-30}
# Production queues: the dependency scan pages through them on the shared client, which is what
# makes a fleet press against the 300-a-minute budget.
queues=${QUEUES:-3000}
bin=${SR_BIN:-.build-release/release/sandbox-refresh}
[ -x "$bin" ] || { echo "no release build at $bin: swift build -c release --scratch-path .build-release --product sandbox-refresh" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -n "${SANDBOX_REFRESH_TEST_POSTGRES:-}" ] || eval "$(bash .ci/postgres.sh)"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

run_fleet() {  # $1 = label, $2 = journal kind (postgres|sqlite)
    local label=$1 kind=$2 dir="$work/$1"
    mkdir -p "$dir"
    local sandboxes=()
    for i in $(seq 1 "$plans"); do sandboxes+=(--sandbox "sandbox-fleet-$i"); done
    "$bin" emulator --port 0 --time-scale "$scale" --queues "$queues" "${sandboxes[@]}" >"$dir/emulator.out" 2>&1 &
    local emulator_pid=$!
    local url=""
    for _ in $(seq 1 1200); do url=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/emulator.out" | head -1 || true); [ -n "$url" ] && break; sleep 0.05; done
    [ -n "$url" ] || { echo "emulator did not start" >&2; cat "$dir/emulator.out" >&2; exit 1; }
    local schema="fleet_$(date +%s)_$label"
    local start=$(date +%s.%N)
    local pids=()
    for r in $(seq 0 $((runners - 1))); do
        local rdir="$dir/runner-$r"; mkdir -p "$rdir"; cp specs/base.yaml "$rdir/"
        local files=()
        for i in $(seq 1 "$plans"); do
            if [ $(( (i - 1) % runners )) -eq "$r" ]; then
                sed -e "s/^name: dev-nightly/name: fleet-$i/" -e "s/id: sandbox-dev-01/id: sandbox-fleet-$i/" specs/dev.yaml >"$rdir/fleet-$i.yaml"
                files+=("fleet-$i.yaml")
            fi
        done
        local journal="$rdir/journal.sqlite"
        [ "$kind" = postgres ] && journal="$SANDBOX_REFRESH_TEST_POSTGRES&schema=$schema"
        (cd "$rdir"; rc=0; "$bin" apply "${files[@]}" --parallel "$parallel" --emulator "$url" --yes --log-format json --journal "$journal" >"$rdir/out.jsonl" 2>"$rdir/err.txt" || rc=$?; echo "$rc" >"$rdir/rc") &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || true; done
    local end=$(date +%s.%N)
    curl -s "$url/emulator/requests" >"$dir/requests.json"
    curl -s "$url/emulator/clock" >"$dir/clock.json"
    kill "$emulator_pid" 2>/dev/null || true
    python3 - "$label" "$start" "$end" "$scale" "$dir" "$runners" <<'PY'
import json, sys, glob
label, start, end, scale, d, runners = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], int(sys.argv[6])
reqs = json.load(open(f"{d}/requests.json"))
prod = [r for r in reqs if r.get("organization") == "production"]
rcs = [open(f).read().strip() for f in sorted(glob.glob(f"{d}/runner-*/rc"))]
for f in sorted(glob.glob(f"{d}/runner-*/rc")):
    if open(f).read().strip() != "0": print(f"  {f}: " + open(f.replace('/rc', '/err.txt')).read()[-600:], file=sys.stderr)
wall = end - start
emulated_min = wall * scale / 60
t429 = sum(1 for r in reqs if r.get("status") == 429)
p429 = sum(1 for r in prod if r.get("status") == 429)
print(f"{label:>9}: wall {wall:6.1f} s ({emulated_min:5.1f} emulated min), {len(reqs)} requests, shared client {len(prod)} "
      f"= {len(prod)/emulated_min:6.1f}/min on average (budget 300), 429s: {t429} ({p429} on the shared client), runner exits {','.join(rcs)}")
PY
}

echo "fleet: $plans plans, $runners runners, --parallel $parallel, emulator ×$scale"
run_fleet shared postgres
run_fleet per-runner sqlite
