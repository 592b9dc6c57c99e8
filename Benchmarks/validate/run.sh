#!/usr/bin/env bash
# Plans validated per second: `sandbox-refresh validate` against check-jsonschema (PyPI) on the
# same files, side by side, on a release build. Usage: Benchmarks/validate/run.sh [COUNT...]
# sandbox-refresh is given the directory (a list of thousands of arguments costs
# swift-argument-parser quadratic time: about 2 s extra at 10,000 files); check-jsonschema
# takes the files, the same files. Each tool runs ROUNDS times (default 5), alternating; the
# medians are compared (wall time at millisecond resolution; /usr/bin/time's 10 ms steps are
# too coarse for a run of 70 ms).
# The release binary is built with --static-swift-stdlib, as Swift command-line tools are
# shipped on Linux: it starts in about 5 ms instead of 10 (no dynamic linking of the Swift
# runtime and Foundation). SR_BIN overrides it.
set -euo pipefail
cd "$(dirname "$0")/../.."
counts=("${@:-500 2000}")
command -v check-jsonschema >/dev/null || pip install -q check-jsonschema
bin=${SR_BIN:-.build-static/release/sandbox-refresh}
[ -n "${SR_BIN:-}" ] || swift build -c release --static-swift-stdlib --scratch-path .build-static --product sandbox-refresh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in ${counts[@]}; do
    dir="$work/n$n"
    "$bin" bench validate --write-dir "$dir" --count "$n" >/dev/null
    python3 - "$n" "$bin" "$dir" "${ROUNDS:-5}" <<'PY'
import glob, resource, statistics, subprocess, sys, time
n, binary, directory, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
files = sorted(glob.glob(directory + "/plan-*.yaml")) + [directory + "/base.yaml"]
commands = {
    "ours": [binary, "validate", directory],
    "peer": ["check-jsonschema", "--schemafile", "schemas/refresh-plan.schema.json", *files],
}
runs = {name: [] for name in commands}
for _ in range(rounds):
    for name, command in commands.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        runs[name].append((wall, cpu))
(ow, oc), (pw, pc) = [tuple(statistics.median(r[i] for r in runs[name]) for i in (0, 1)) for name in ("ours", "peer")]
print(f"{n:>6} plans: sandbox-refresh {ow*1000:.1f} ms wall ({oc*1000:.1f} ms CPU), check-jsonschema {pw:.2f} s wall ({pc:.2f} s CPU): "
      f"{pw/ow:.1f}x faster by wall time, {pc/oc:.1f}x by CPU (medians of {rounds})")
PY
done
