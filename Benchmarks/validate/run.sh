#!/usr/bin/env bash
# Plans validated per second: `sandbox-refresh validate` against check-jsonschema (PyPI) on the
# same files, side by side, on a release build. Usage: Benchmarks/validate/run.sh [COUNT...]
# sandbox-refresh is given the directory (a list of thousands of arguments costs
# swift-argument-parser quadratic time: about 2 s extra at 10,000 files); check-jsonschema
# takes the files, the same files.
set -euo pipefail
cd "$(dirname "$0")/../.."
counts=("${@:-500 2000}")
command -v check-jsonschema >/dev/null || pip install -q check-jsonschema
bin=${SR_BIN:-.build-release/release/sandbox-refresh}
[ -n "${SR_BIN:-}" ] || swift build -c release --scratch-path .build-release --product sandbox-refresh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in ${counts[@]}; do
    dir="$work/n$n"
    "$bin" bench validate --write-dir "$dir" --count "$n" >/dev/null
    files=("$dir"/plan-*.yaml)
    ours=$( { /usr/bin/time -f "%e %U %S" "$bin" validate "$dir" >/dev/null; } 2>&1 | tail -1)
    peer=$( { /usr/bin/time -f "%e %U %S" check-jsonschema --schemafile schemas/refresh-plan.schema.json "${files[@]}" "$dir/base.yaml" >/dev/null; } 2>&1 | tail -1)
    read -r ow ou os <<<"$ours"
    read -r pw pu ps <<<"$peer"
    python3 - "$n" "$ow" "$ou" "$os" "$pw" "$pu" "$ps" <<'PY'
import sys
n, ow, ou, os_, pw, pu, ps = sys.argv[1], *map(float, sys.argv[2:])
print(f"{n:>6} plans: sandbox-refresh {ow:.2f} s wall ({ou+os_:.2f} s CPU), check-jsonschema {pw:.2f} s wall ({pu+ps:.2f} s CPU): "
      f"{pw/ow:.1f}x faster by wall time, {(pu+ps)/(ou+os_):.1f}x by CPU")
PY
done
