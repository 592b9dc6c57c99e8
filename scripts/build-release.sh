#!/usr/bin/env bash
# Builds the release binary with the Swift standard library linked statically, recording the
# commit it was built from (printed by `sandbox-refresh --version`). Prints the binary's path.
#   scripts/build-release.sh [--scratch-path DIR]     (default .build-release)
# Used by scripts/install.sh, the Dockerfile, action.yml and docs/ci/release.yml.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-release
while [ $# -gt 0 ]; do
    case "$1" in
        --scratch-path) scratch="$2"; shift 2 ;;
        *) echo "build-release: unknown argument $1" >&2; exit 64 ;;
    esac
done

# The one Swift version this package is built and tested with (.swift-version); another
# toolchain builds too, but says so.
want="$(tr -d '[:space:]' < .swift-version)"
have="$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9.]*\).*/\1/p' | head -n 1)"
if [ "$have" != "$want" ]; then
    echo "build-release: warning: Swift $have, but this package is built and tested with $want (.swift-version)" >&2
fi

# SR_BUILD_COMMIT overrides it where there is no .git (a Docker build context, a downloaded action).
commit="${SR_BUILD_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}"
if [ -z "${SR_BUILD_COMMIT:-}" ] && [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit-dirty"
fi
# A header on a fixed include path: a new commit recompiles one C file, not the whole package.
mkdir -p "$scratch/buildinfo"
header="$scratch/buildinfo/sr_build_commit.h"
line="#define SR_BUILD_COMMIT \"$commit\"
#define SR_BUILD_SWIFT_VERSION \"$have\""
if [ "$(cat "$header" 2>/dev/null)" != "$line" ]; then
    echo "$line" > "$header"
fi
include="$(cd "$scratch/buildinfo" && pwd)"

swift build -c release --static-swift-stdlib --scratch-path "$scratch" \
    -Xcc -I"$include" --product sandbox-refresh >&2
echo "$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/sandbox-refresh"
