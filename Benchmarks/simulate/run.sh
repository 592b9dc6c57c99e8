#!/usr/bin/env bash
# Seeds simulated per minute with one plan per seed and with 50 concurrent plans, and the CPU
# each API request costs in both (release build). Usage: Benchmarks/simulate/run.sh [SEEDS]
# With PEER=/path/to/another/sandbox-refresh, the same runs of that binary follow each of ours
# (side by side, so that a shared machine's noise hits both alike).
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds=${1:-2000}
bin=${SR_BIN:-.build-release/release/sandbox-refresh}
[ -n "${SR_BIN:-}" ] || swift build -c release --scratch-path .build-release --product sandbox-refresh >/dev/null
measure() { # NAME BINARY ARGS...
    local name=$1 binary=$2; shift 2
    local out
    out=$( { /usr/bin/time -f "TIME %e %U %S" "$binary" simulate "$@" | grep -E "^Simulated|^Invariant failures"; } 2>&1 )
    python3 - "$name" "$out" <<'PY'
import re, sys
name, out = sys.argv[1], sys.argv[2]
seeds, runs, requests = map(int, re.search(r"Simulated (\d+) seeds \((\d+) runs, (\d+) API requests", out).groups())
wall, user, system = map(float, re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+)", out).groups())
failures = re.search(r"Invariant failures: (\d+)", out).group(1)
print(f"{name:<28} {seeds:>5} seeds, {runs:>6} runs: {wall:6.1f} s wall, {seeds / wall * 60:8.0f} seeds/min, "
      f"{(user + system) / requests * 1e6:5.0f} µs CPU per API request, invariant failures {failures}")
PY
}
for plans in 1 50; do
    n=$(( plans == 1 ? seeds : (seeds / 50 > 10 ? seeds / 50 : 10) ))
    measure "ours, $plans plan(s) per seed" "$bin" --seeds "$n" --concurrent-plans "$plans"
    [ -z "${PEER:-}" ] || measure "peer, $plans plan(s) per seed" "$PEER" --seeds "$n" --concurrent-plans "$plans"
done
