#!/usr/bin/env bash
# Holds the container image to what the binary links: every shared library that `ldd BINARY`
# lists must come from a package that the Dockerfile's runtime stage (its last stage) installs.
#   scripts/check-runtime-libs.sh BINARY [DOCKERFILE]
# A dependency that brings a new shared library then fails CI, not a user's pipeline. Libraries
# are mapped to Debian packages with `dpkg -S` on the build host (the Dockerfile's runtime base
# is the same Debian release as its builder), else with the table below. A listed library
# package that the binary no longer links is reported too (slimmer image), without failing.
set -euo pipefail
binary="${1:?usage: check-runtime-libs.sh BINARY [DOCKERFILE]}"
dockerfile="${2:-$(dirname "$0")/../Dockerfile}"

# The runtime stage: from the last FROM to the end; its `apt-get install` package names.
installed=$(awk '/^FROM /{stage=""} {stage = stage $0 "\n"} END{printf "%s", stage}' "$dockerfile" \
    | sed -e ':a' -e '/\\$/N; s/\\\n//; ta' \
    | grep -E 'apt-get install' \
    | sed -E 's/.*apt-get install//; s/&&.*//' \
    | tr ' ' '\n' | grep -E '^[a-z0-9][a-z0-9.+-]*$' | grep -v -- '^-' | sort -u)
[ -n "$installed" ] || { echo "check-runtime-libs: no apt-get install in the runtime stage of $dockerfile" >&2; exit 1; }

# soname -> package where dpkg cannot tell (another distribution on the build host).
table() {
    case "$1" in
        libc.so.6|libm.so.6|libdl.so.2|libpthread.so.0|librt.so.1|libutil.so.1|ld-linux-*.so.*) echo libc6 ;;
        libgcc_s.so.1) echo libgcc-s1 ;;
        libstdc++.so.6) echo libstdc++6 ;;
        libz.so.1) echo zlib1g ;;
        libyaml-0.so.2) echo libyaml-0-2 ;;
        libsqlite3.so.0) echo libsqlite3-0 ;;
        *) echo "" ;;
    esac
}

package_of() { # soname, resolved path
    local pkg="" path
    if command -v dpkg >/dev/null 2>&1 && [ -n "$2" ]; then
        for path in "$2" "$(readlink -f "$2")" "/usr$2" "${2#/usr}"; do
            pkg=$(dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$pkg" ] && break
        done
    fi
    [ -n "$pkg" ] || pkg=$(table "$1")
    echo "$pkg"
}

status=0
needed=""
echo "check-runtime-libs: $binary links (ldd):"
while read -r soname _ path _; do
    case "$soname" in linux-vdso.so.*|linux-gate.so.*|"") continue ;; esac
    if [[ "$soname" == /* ]]; then path="$soname"; soname=$(basename "$soname"); fi   # the loader
    [ "$path" = "not" ] && { echo "  $soname: NOT FOUND on this host" >&2; status=1; continue; }
    pkg=$(package_of "$soname" "$path")
    needed="$needed $pkg"
    if [ -z "$pkg" ]; then
        echo "  $soname ($path): no package known to provide it; add it to the Dockerfile's runtime stage and to scripts/check-runtime-libs.sh" >&2
        status=1
    elif ! grep -qx -- "$pkg" <<< "$installed"; then
        echo "  $soname ($path): from $pkg, which the Dockerfile's runtime stage does not install" >&2
        status=1
    else
        echo "  $soname <- $pkg"
    fi
done < <(ldd "$binary")

for pkg in $installed; do
    case "$pkg" in ca-certificates|tzdata) continue ;; esac
    grep -qw -- "$pkg" <<< "$needed" || echo "check-runtime-libs: note: the runtime stage installs $pkg, which the binary does not link"
done
[ "$status" = 0 ] && echo "check-runtime-libs: every library the binary links is installed by the runtime stage"
exit "$status"
