#!/usr/bin/env bash
# PII scanner benchmark: throughput (one core and two), peak memory, recall and precision
# against a planted set, and ripgrep with a plain candidate regex on the same file.
#
#   Benchmarks/pii/run.sh [SIZE_MB]          # default 1024 (1 GiB); data goes to $PII_BENCH_DIR (/tmp/pii-bench)
#   SCAN="path/to/sandbox-refresh scan" Benchmarks/pii/run.sh 256
#
# Needs python3, ripgrep (apt-get install -y ripgrep) and GNU time (/usr/bin/time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
size_mb="${1:-1024}"
dir="${PII_BENCH_DIR:-/tmp/pii-bench}"
scan="${SCAN:-$here/../../.build/release/sandbox-refresh scan}"
mkdir -p "$dir"
export_file="$dir/export-${size_mb}mb.ndjson"
planted="$dir/planted-${size_mb}mb.tsv"

if [[ ! -s "$export_file" || ! -s "$planted" ]]; then
  python3 "$here/generate.py" "$export_file" "$size_mb" "$planted"
fi
bytes=$(stat -c %s "$export_file")
cat "$export_file" > /dev/null   # warm the page cache so every tool reads from memory

# "%e %M": wall seconds and peak resident set size in KiB.
measure() {
  local label="$1" out="$2"; shift 2
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" > "$out" || true   # scan exits 1 when it finds something
  read -r seconds rss_kb < <(tail -n 1 "$dir/time.txt")
  python3 -c "import sys; b,s,k=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'{sys.argv[4]:<28} {s:7.2f} s  {b/1e6/s:8.1f} MB/s  peak RSS {k/1024:6.1f} MiB')" \
    "$bytes" "$seconds" "$rss_kb" "$label"
  echo "$seconds" > "$dir/last-seconds"
}

echo "file: $export_file ($bytes bytes)"
# shellcheck disable=SC2086
measure "scan (1 core)" "$dir/findings.json" $scan "$export_file" --format json --jobs 1
scan_seconds=$(cat "$dir/last-seconds")
# shellcheck disable=SC2086
measure "scan (2 cores)" "$dir/findings-2.json" $scan "$export_file" --format json --jobs 2
candidate='(?-u)\b(?:[0-9][ -]?){12,18}[0-9]\b|\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b'
measure "rg candidate regex" "$dir/rg.txt" rg --count-matches -a "$candidate" "$export_file"
rg_seconds=$(cat "$dir/last-seconds")
echo "rg candidate matches: $(cat "$dir/rg.txt")"
python3 -c "import sys; print(f'scan/rg throughput ratio (1 core): {float(sys.argv[2])/float(sys.argv[1]):.2f}x')" "$scan_seconds" "$rg_seconds"
python3 "$here/evaluate.py" "$dir/findings.json" "$planted"
python3 - "$dir/findings.json" "$dir/findings-2.json" <<'PY'
import json, sys
a, b = (json.load(open(p))["findings"] for p in sys.argv[1:3])
key = lambda f: (f["offset"], f["detector"], f["line"])
print("1-core and 2-core findings identical:", sorted(map(key, a)) == sorted(map(key, b)))
PY
