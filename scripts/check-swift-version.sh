#!/usr/bin/env bash
# The Swift version is stated once, in .swift-version. Every place that names a toolchain or a
# Swift image must pin that version: the Dockerfile, action.yml, the recipes in docs/ci. Fails
# on any other `swift:<version>` image or SWIFT_VERSION default, and on a recipe that still builds
# with `swift run` instead of using the action or the image.
set -euo pipefail
cd "$(dirname "$0")/.."
want="$(tr -d '[:space:]' < .swift-version)"
status=0
files=(Dockerfile action.yml docs/ci/*.yml)

# Swift images: swift:<tag>; their version must be the one in .swift-version.
while IFS=: read -r file line text; do
    tag=$(grep -oE 'swift:[0-9][0-9.]*' <<< "$text" | head -n 1 | cut -d: -f2)
    if [ "$tag" != "$want" ]; then
        echo "check-swift-version: $file:$line pins Swift $tag, not $want (.swift-version): $text" >&2
        status=1
    fi
done < <(grep -nE '(^|[^a-z-])swift:[0-9]' "${files[@]}" || true)

if ! grep -qE "^ARG SWIFT_VERSION=$want\$" Dockerfile; then
    echo "check-swift-version: Dockerfile: ARG SWIFT_VERSION is not $want" >&2; status=1
fi
# The action and the release workflow read .swift-version rather than naming a version.
grep -q '\.swift-version' action.yml || { echo "check-swift-version: action.yml does not read .swift-version" >&2; status=1; }
grep -q '\.swift-version' docs/ci/release.yml || { echo "check-swift-version: docs/ci/release.yml does not read .swift-version" >&2; status=1; }
if grep -nE 'swift (run|build)' docs/ci/github-actions.yml docs/ci/gitlab-ci.yml docs/ci/azure-pipelines.yml; then
    echo "check-swift-version: a recipe builds from source; use the action or the image" >&2; status=1
fi
have="$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9.]*\).*/\1/p' | head -n 1)"
echo "check-swift-version: .swift-version $want; this toolchain ${have:-none}"
if [ -n "$have" ] && [ "$have" != "$want" ]; then
    echo "check-swift-version: this machine builds with Swift $have, but .swift-version says $want" >&2; status=1
fi
exit "$status"
