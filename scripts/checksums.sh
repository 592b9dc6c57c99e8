#!/usr/bin/env bash
# Writes DIR/SHA256SUMS for the release files in DIR (every regular file but SHA256SUMS itself),
# in `sha256sum` format, then verifies it. What docs/ci/release.yml attaches to a release and
# what action.yml (`version:`) and a user check a download against:
#   scripts/checksums.sh DIR
#   cd DIR && grep " sandbox-refresh-0.4.0-linux-x86_64\$" SHA256SUMS | sha256sum --check --strict
set -euo pipefail
dir="${1:?usage: checksums.sh DIR}"
cd "$dir"
files=()
while IFS= read -r -d '' file; do files+=("${file#./}"); done \
    < <(find . -maxdepth 1 -type f ! -name SHA256SUMS ! -name '.*' -print0 | sort -z)
[ "${#files[@]}" -gt 0 ] || { echo "checksums: no files in $dir" >&2; exit 1; }
sha256sum -- "${files[@]}" > SHA256SUMS.tmp
mv SHA256SUMS.tmp SHA256SUMS
sha256sum --check --strict --quiet SHA256SUMS
cat SHA256SUMS
