#!/usr/bin/env bash
# A fleet at the server's connection limit: RUNNERS `apply` processes (one plan each, its own
# directory and run id) on SANDBOXES sandboxes of one shared emulator, several runners per
# sandbox, against a throwaway PostgreSQL server with max_connections = MAX_CONNECTIONS, where
# RUNNERS·2 > MAX_CONNECTIONS. Run twice: directly (session locks) and through PgBouncer in
# transaction pooling (lease locks). Reports, for each: runs failed (want 0), submissions per
# run (want 1, from the emulator's record), overlapping refreshes on any sandbox (want 0), peak
# server sessions (pg_stat_activity, sampled every 0.1 s), and the wall time added by waiting
# for a connection (the `journal.waiting` events' sleeps, per runner).
#
#   Benchmarks/fleet/connections.sh [RUNNERS] [MAX_CONNECTIONS] [SANDBOXES]   # default 50 20 10
#   SR_BIN=.build/release/sandbox-refresh SCALE=300 Benchmarks/fleet/connections.sh
#
# Starts its own server and PgBouncer with .ci/postgres.sh (PG_MAX_CONNECTIONS), and stops them
# (KEEP=1 keeps the runners' logs and the data directory).
#
# Figures on a loaded 2-core machine (debug build, emulator x300; see the commit that added it):
#   50 runners, max_connections=20: direct and PgBouncer both 0 failed, 1 submission per run,
#   0 overlaps, peak 18 / 16 sessions, no waiting (one session per running plan fits).
#   50 runners, max_connections=8: direct 0 failed, 1 per run, 0 overlaps, every runner waited
#   (444 journal.waiting events, at most 48 s for one runner, wall 56 s against 30 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
runners=${1:-50}; max_connections=${2:-20}; sandboxes=${3:-10}; scale=${SCALE:-300}
bin=${SR_BIN:-.build/debug/sandbox-refresh}
[ -x "$bin" ] || { echo "no build at $bin: swift build --product sandbox-refresh" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
# PgBouncer keeps a few server slots free for the sampler and for a direct look.
env_file="$work/pg.env"
PG_MAX_CONNECTIONS=$max_connections PGBOUNCER_POOL_SIZE=$((max_connections - 4)) bash .ci/postgres.sh >"$env_file" 2>"$work/postgres.log"
# shellcheck disable=SC1090
. "$env_file"
pgdata=$(grep -o 'data in [^;]*' "$work/postgres.log" | head -1 | sed 's/data in //; s/)$//')
pgbase=$(dirname "$pgdata")
psql_bin=$(ls /usr/lib/postgresql/*/bin/psql | head -1)
pg_ctl_bin=$(dirname "$psql_bin")/pg_ctl
pgport=$(echo "$SANDBOX_REFRESH_TEST_POSTGRES" | sed -E 's|.*:([0-9]+)/.*|\1|')
cleanup() {
    kill $(jobs -p) 2>/dev/null || true
    [ -f "$pgbase/pgbouncer.pid" ] && kill "$(cat "$pgbase/pgbouncer.pid")" 2>/dev/null || true
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_ctl_bin" -D "$pgdata" stop -m fast >/dev/null 2>&1 || true
    else "$pg_ctl_bin" -D "$pgdata" stop -m fast >/dev/null 2>&1 || true; fi
    [ -n "${KEEP:-}" ] || rm -rf "$work" "$pgbase"
}
trap cleanup EXIT

run_fleet() {  # $1 = label, $2 = journal URL (without schema)
    local label=$1 base_url=$2 dir="$work/$1"
    mkdir -p "$dir"
    local ids=()
    for i in $(seq 1 "$sandboxes"); do ids+=(--sandbox "sandbox-conn-$i"); done
    "$bin" emulator --port 0 --time-scale "$scale" "${ids[@]}" >"$dir/emulator.out" 2>&1 &
    local emulator_pid=$!
    local url=""
    for _ in $(seq 1 1200); do url=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/emulator.out" | head -1 || true); [ -n "$url" ] && break; sleep 0.05; done
    [ -n "$url" ] || { echo "emulator did not start" >&2; cat "$dir/emulator.out" >&2; exit 1; }
    local journal="$base_url&schema=conn_$label&connectWait=30m"
    # The sampler: server sessions of clients (not background workers), every 0.1 s; it is a
    # superuser and uses the reserved slots when the others are full.
    ( peak=0; while [ ! -f "$dir/done" ]; do
        n=$("$psql_bin" -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -qtAc \
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name = 'sandbox-refresh'" 2>/dev/null || echo 0)
        [ "${n:-0}" -gt "$peak" ] && peak=$n && echo "$peak" >"$dir/peak"
        sleep 0.1
      done ) &
    local start end
    start=$(date +%s.%N)
    local pids=()
    for r in $(seq 0 $((runners - 1))); do
        local rdir="$dir/runner-$r" sandbox="sandbox-conn-$(( r % sandboxes + 1 ))"
        mkdir -p "$rdir"; cp specs/base.yaml "$rdir/"
        sed -e "s/^name: dev-nightly/name: conn-$r/" -e "s/id: sandbox-dev-01/id: $sandbox/" specs/dev.yaml >"$rdir/plan.yaml"
        (cd "$rdir"; rc=0; "$bin" apply plan.yaml --emulator "$url" --yes --log-format json --journal "$journal" --run-id "conn-$label-$r" \
            >"$rdir/out.jsonl" 2>"$rdir/err.txt" || rc=$?; echo "$rc" >"$rdir/rc"; date +%s.%N >"$rdir/end") &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || true; done
    end=$(date +%s.%N)
    touch "$dir/done"
    for i in $(seq 1 "$sandboxes"); do curl -s "$url/emulator/submissions?sandboxId=sandbox-conn-$i" >"$dir/submissions-$i.json"; done
    kill "$emulator_pid" 2>/dev/null || true
    python3 - "$label" "$start" "$end" "$dir" "$runners" "$sandboxes" "$max_connections" <<'PY'
import json, sys, glob, re
label, start, end, d, runners, sandboxes, maxc = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
def seconds(text):
    total, n = 0.0, ""
    for m in re.finditer(r"([0-9.]+)(ms|h|m|s)", text):
        v, unit = float(m.group(1)), m.group(2)
        total += v / 1000 if unit == "ms" else v * {"h": 3600, "m": 60, "s": 1}[unit]
    return total
failed, waits, waiting_runners, events = [], [], 0, 0
for r in range(runners):
    rc = open(f"{d}/runner-{r}/rc").read().strip()
    if rc != "0":
        failed.append((r, rc, open(f"{d}/runner-{r}/err.txt").read().strip().splitlines()[-1:]))
    waited = 0.0
    for line in open(f"{d}/runner-{r}/out.jsonl", errors="replace"):
        if "journal.waiting" not in line: continue
        try: event = json.loads(line)
        except ValueError: continue
        fields = event.get("fields", event)
        events += 1
        waited += seconds(str(fields.get("retryIn", event.get("retryIn", "0s"))))
    waits.append(waited)
    waiting_runners += waited > 0
per_run, overlaps, total = [], 0, 0
for i in range(1, sandboxes + 1):
    subs = sorted(json.load(open(f"{d}/submissions-{i}.json")), key=lambda s: s["createdDate"])
    total += len(subs)
    for a, b in zip(subs, subs[1:]):
        if a.get("completedDate") is None or a["completedDate"] > b["createdDate"]: overlaps += 1
    for s in subs:
        m = re.search(r"\[sandbox-refresh run=([^\]]+)\]", s.get("description") or "")
        if m: per_run.append(m.group(1))
counts = {}
for run in per_run: counts[run] = counts.get(run, 0) + 1
ids = [f"conn-{label}-{r}" for r in range(runners)]
not_one = {run: counts.get(run, 0) for run in ids if counts.get(run, 0) != 1}
peak = open(f"{d}/peak").read().strip() if glob.glob(f"{d}/peak") else "?"
print(f"{label:>9}: {runners} runners, max_connections={maxc}: runs failed {len(failed)}; submissions {total} "
      f"({'1 per run' if not not_one else 'not 1 per run: ' + str(not_one)}); overlaps {overlaps}; peak sessions {peak}; "
      f"wall {end - start:.1f} s; waiting for a connection: {waiting_runners} runners, {events} journal.waiting events, "
      f"{sum(waits):.1f} s in all, at most {max(waits):.1f} s for one runner")
for r, rc, last in failed: print(f"    runner {r} exit {rc}: {last}", file=sys.stderr)
PY
}

echo "connections: $runners runners, $sandboxes sandboxes, max_connections=$max_connections, emulator x$scale, $bin"
run_fleet direct "$SANDBOX_REFRESH_TEST_POSTGRES"
run_fleet pgbouncer "$SANDBOX_REFRESH_TEST_PGBOUNCER"
