#!/usr/bin/env bash
# Start-up of the installed (static-stdlib, stripped) binary against other builds, for
# `--version`, `validate specs/` and `plan specs/dev.yaml`; figures printed, never asserted.
#   Benchmarks/install/run.sh NAME=BINARY [NAME=BINARY...]
#   e.g. Benchmarks/install/run.sh installed=/tmp/p/bin/sandbox-refresh \
#          dynamic-release=.build-release-dynamic/release/sandbox-refresh debug=.build/debug/sandbox-refresh
# Uses hyperfine (apt-get install hyperfine) when present, else a loop of 50 runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || { sed -n '2,7p' "$0"; exit 64; }
runs="${RUNS:-50}"

for pair in "$@"; do
    name="${pair%%=*}"; binary="${pair#*=}"
    size=$(stat -c %s "$binary")
    echo "$name: $binary ($((size / 1000000)) MB$(readelf -S "$binary" | grep -q '\.symtab' || echo ', stripped'))"
done
echo

for args in "--version" "validate specs/" "plan specs/dev.yaml"; do
    echo "== sandbox-refresh $args"
    if command -v hyperfine >/dev/null 2>&1; then
        commands=()
        for pair in "$@"; do commands+=(--command-name "${pair%%=*}" "${pair#*=} $args"); done
        hyperfine --shell=none --warmup 3 --runs "$runs" --ignore-failure --style basic "${commands[@]}" 2>&1 \
            | grep -E '^(Benchmark|  Time|  Range|Summary|    [0-9])|faster than'
    else
        for pair in "$@"; do
            read -r -a argv <<< "$args"
            start=$(date +%s%N)
            for _ in $(seq "$runs"); do "${pair#*=}" "${argv[@]}" >/dev/null 2>&1 || true; done
            echo "  ${pair%%=*}: $(( ($(date +%s%N) - start) / runs / 1000 )) µs per run (mean of $runs)"
        done
    fi
done
