#!/usr/bin/env bash
# Builds the static-stdlib release binary and installs it, stripped, with its bash, zsh and fish
# completions and its man page:
#   scripts/install.sh [--prefix DIR] [--scratch-path DIR]
#     DIR/bin/sandbox-refresh
#     DIR/share/bash-completion/completions/sandbox-refresh
#     DIR/share/zsh/site-functions/_sandbox-refresh
#     DIR/share/fish/vendor_completions.d/sandbox-refresh.fish
#     DIR/share/man/man1/sandbox-refresh.1
# The prefix defaults to /usr/local. Needs Swift (.swift-version) and libyaml-dev to build; the
# installed binary needs only glibc, libstdc++, libgcc_s, zlib, libyaml and libsqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
scratch=.build-release
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --scratch-path) scratch="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install: unknown argument $1 (see --help)" >&2; exit 64 ;;
    esac
done

echo "install: building the static-stdlib release binary (scratch path $scratch)" >&2
built="$(scripts/build-release.sh --scratch-path "$scratch")"

echo "install: installing into $prefix" >&2
mkdir -p "$prefix/bin" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
    "$prefix/share/fish/vendor_completions.d" "$prefix/share/man/man1"
binary="$prefix/bin/sandbox-refresh"
install -m 755 "$built" "$binary.tmp"
if command -v strip >/dev/null 2>&1; then
    strip "$binary.tmp"
else
    llvm-objcopy --strip-all "$binary.tmp"   # ships with the Swift toolchain
fi
mv -f "$binary.tmp" "$binary"

"$binary" --generate-completion-script bash > "$prefix/share/bash-completion/completions/sandbox-refresh"
"$binary" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_sandbox-refresh"
"$binary" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/sandbox-refresh.fish"

# The man page: swift-argument-parser's generate-manual tool (what its GenerateManual plugin runs),
# built on its own from the resolved checkout: the plugin would rebuild the whole package with
# other flags. It reads the installed binary's --experimental-dump-help.
parser="$scratch/checkouts/swift-argument-parser"
man_built="$scratch/generate-manual"
if swift build --package-path "$parser" --scratch-path "$man_built" --product generate-manual >&2; then
    man_dir="$(mktemp -d)"
    "$(swift build --package-path "$parser" --scratch-path "$man_built" --show-bin-path)/generate-manual" \
        "$binary" --output-directory "$man_dir" >&2
    install -m 644 "$man_dir/sandbox-refresh.1" "$prefix/share/man/man1/sandbox-refresh.1"
    rm -rf "$man_dir"
else
    echo "install: warning: could not build generate-manual; no man page installed" >&2
fi

echo "install: installed $("$binary" --version | head -n 1) to $binary" >&2
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "install: add $prefix/bin to PATH" >&2 ;; esac
