#!/usr/bin/env bash
# PII scanner benchmark: recall and precision against a planted set, throughput on one core
# and two next to ripgrep with an equivalent candidate regex on the same files (one core each),
# and peak memory, on a generated corpus and on one CSV holding a million valid card numbers.
#
#   Benchmarks/pii/run.sh [SIZE_MB]          # default 1024 (1 GiB); data goes to $PII_BENCH_DIR (/tmp/pii-bench)
#   SCAN="path/to/sandbox-refresh scan" Benchmarks/pii/run.sh 256
#
# Needs python3, ripgrep (apt-get install -y ripgrep) and GNU time (/usr/bin/time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
size_mb="${1:-1024}"
dir="${PII_BENCH_DIR:-/tmp/pii-bench}"
scan="${SCAN:-}"
if [[ -z "$scan" ]]; then
  # `swift build -c release` or `--scratch-path .build-release`, whichever exists.
  for binary in "$here/../../.build-release/release/sandbox-refresh" "$here/../../.build/release/sandbox-refresh"; do
    if [[ -x "$binary" ]]; then scan="$binary scan"; break; fi
  done
fi
[[ -n "$scan" ]] || { echo "no release build: swift build -c release --product sandbox-refresh" >&2; exit 2; }
mkdir -p "$dir"
corpus="$dir/corpus-${size_mb}mb"
planted="$dir/planted-${size_mb}mb.tsv"
million="$dir/cards-1m.csv"

if [[ ! -d "$corpus" || ! -s "$planted" ]]; then
  python3 "$here/generate.py" "$corpus" "$size_mb" "$planted"
fi
if [[ ! -s "$million" ]]; then
  python3 "$here/generate.py" --million-cards "$million" 1000000
fi

# Best of $PII_BENCH_REPEAT runs (default 3): on a shared machine the best run is the one
# least disturbed by others. "%e %U %S %M": wall, user and system seconds, peak RSS in KiB.
repeat="${PII_BENCH_REPEAT:-3}"
measure() {
  local label="$1" bytes="$2" out="$3"; shift 3
  local best=""
  for _ in $(seq "$repeat"); do
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" "$@" > "$out" || true   # scan exits 1 when it finds something
    local line; line=$(tail -n 1 "$dir/time.txt")
    if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1].split()[0]) < float(sys.argv[2].split()[0]) else 1)" "$line" "$best"; then best="$line"; fi
  done
  read -r seconds user system rss_kb <<< "$best"
  python3 -c "import sys; b,s,u,k=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]); print(f'{sys.argv[5]:<34} {s:6.2f} s wall {u:6.2f} s CPU  {b/1e6/max(s,0.001):7.1f} MB/s  peak RSS {k/1024:6.1f} MiB')" \
    "$bytes" "$seconds" "$(python3 -c "print($user+$system)")" "$rss_kb" "$label"
  echo "$seconds $(python3 -c "print($user+$system)")" > "$dir/last-seconds"
}

# The candidate regex a plain digit-pattern scanner runs: every card-shaped or SSN-shaped
# string, validated not at all (its match count shows the false positives it would raise).
candidate='(?-u)\b(?:[0-9][ -]?){12,18}[0-9]\b|\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b'

bytes=$(du -sb "$corpus" | cut -f1)
cat "$corpus"/* > /dev/null   # warm the page cache so every tool reads from memory
echo "corpus: $corpus ($bytes bytes: $(ls "$corpus" | tr '\n' ' '))"
# shellcheck disable=SC2086
measure "scan (1 core)" "$bytes" "$dir/findings.json" $scan "$corpus" --format json --jobs 1 --detail-limit 100000000
scan_seconds=$(cat "$dir/last-seconds")
# shellcheck disable=SC2086
measure "scan (2 cores)" "$bytes" "$dir/findings-2.json" $scan "$corpus" --format json --jobs 2 --detail-limit 100000000
measure "rg -j1 candidate regex" "$bytes" "$dir/rg.txt" rg -j1 --count-matches -a "$candidate" "$corpus"
rg_seconds=$(cat "$dir/last-seconds")
echo "rg candidate matches: $(awk -F: '{s+=$NF} END {print s}' "$dir/rg.txt")"
python3 -c "import sys; s, r = [list(map(float, a.split())) for a in sys.argv[1:3]]; print(f'scan/rg throughput ratio (1 core each): {r[0]/s[0]:.2f}x by wall time, {r[1]/s[1]:.2f}x by CPU time')" "$scan_seconds" "$rg_seconds"
python3 "$here/evaluate.py" "$dir/findings.json" "$planted"
python3 - "$dir/findings.json" "$dir/findings-2.json" <<'PY'
import json, sys
a, b = (json.load(open(p))["findings"] for p in sys.argv[1:3])
key = lambda f: (f["source"], f["offset"], f["detector"], f["line"], f.get("column"))
print("1-core and 2-core findings identical:", sorted(map(key, a)) == sorted(map(key, b)))
PY

echo
million_bytes=$(stat -c %s "$million")
cat "$million" > /dev/null
echo "million cards: $million ($million_bytes bytes)"
# shellcheck disable=SC2086
measure "scan, 1M findings (1 core)" "$million_bytes" "$dir/million.json" $scan "$million" --format json --jobs 1
measure "rg -j1, 1M findings" "$million_bytes" "$dir/million-rg.txt" rg -j1 --count-matches -a "$candidate" "$million"
python3 - "$dir/million.json" <<'PY'
import json, os, sys
report = json.load(open(sys.argv[1]))
print(f"findings {report['totalFindings']}  listed {len(report['findings'])}  omitted {report['omittedFindings']}"
      f"  distinct ~{report['distinctValues']}  report {os.path.getsize(sys.argv[1])} bytes")
PY
