#!/usr/bin/env bash
# Builds the libFuzzer targets (if needed) and runs each for a bounded time.
#
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 60 s, all four targets)
#
# Every target starts from its committed seed corpus (Fuzz/Corpus/<Target>, only read) and
# writes what it discovers to a work directory (FUZZ_WORK, default a new one under /tmp), so
# repeated runs can continue from there without touching the committed corpus. Crashes, leaks,
# timeouts and out-of-memory inputs go to Fuzz/Artifacts/<Target>/ (ignored by git); replay
# one with `.build-fuzz/release/<Target> Fuzz/Artifacts/<Target>/crash-...`.
#
# Prints per target: run time, executions, exec/s, final coverage (cov/ft), corpus size and
# crashes found; exits non-zero when any target crashed (or did not build / run).
#
# Environment: FUZZ_SCRATCH (build folder, default .build-fuzz at the repository root),
# FUZZ_WORK, FUZZ_RSS_MB (default 2048), FUZZ_TIMEOUT (seconds per input, default 25),
# FUZZ_SKIP_BUILD=1 (use the binaries already built), FUZZ_ARGS (more libFuzzer flags).
# Installs nothing: libFuzzer's runtime ships with the Swift toolchain.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
seconds="${1:-60}"
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(FuzzYAMLDocument FuzzPlanDecoding FuzzPIIScanner FuzzEmulatorRequests)
scratch="${FUZZ_SCRATCH:-$root/.build-fuzz}"
rss="${FUZZ_RSS_MB:-2048}"
timeout_per_input="${FUZZ_TIMEOUT:-25}"
work="${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/sandbox-refresh-fuzz.XXXXXX")}"
case "$seconds" in ''|*[!0-9]*) echo "run.sh: SECONDS_PER_TARGET must be a whole number, got '$seconds'" >&2; exit 2 ;; esac

# libFuzzer's runtime comes with the toolchain (usr/lib/clang/<version>/lib/linux).
swift_bin="$(command -v swift || true)"
if [ -z "$swift_bin" ]; then echo "run.sh: swift is not on PATH" >&2; exit 2; fi
toolchain="$(cd "$(dirname "$(readlink -f "$swift_bin")")/.." && pwd)"
if ! ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 \
   && ! ls "$toolchain"/lib/swift/clang/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
    echo "run.sh: no libFuzzer runtime (libclang_rt.fuzzer) in the toolchain at $toolchain" >&2
    exit 2
fi

build=(swift build --package-path "$here" --scratch-path "$scratch" -c release
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING)
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    echo "fuzz: ${build[*]}"
    start=$(date +%s)
    if ! "${build[@]}"; then echo "fuzz: build failed" >&2; exit 1; fi
    echo "fuzz: built in $(( $(date +%s) - start )) s"
fi
bin="$("${build[@]}" --show-bin-path 2>/dev/null || echo "$scratch/release")"

dictionary() {
    case "$1" in
        FuzzYAMLDocument) cat "$here/Dictionaries/yaml.dict" ;;
        FuzzPlanDecoding) cat "$here/Dictionaries/yaml.dict" "$here/Dictionaries/plan.dict" ;;
        FuzzPIIScanner) cat "$here/Dictionaries/pii.dict" ;;
        FuzzEmulatorRequests) cat "$here/Dictionaries/emulator.dict" ;;
    esac
}

failed=0
summary=()
echo "fuzz: $seconds s per target; new corpus entries under $work; crashes under $here/Artifacts"
for target in "${targets[@]}"; do
    if [ ! -x "$bin/$target" ]; then
        echo "fuzz: no binary $bin/$target" >&2
        summary+=("$(printf '%-22s %s' "$target" "not built")")
        failed=1
        continue
    fi
    mkdir -p "$work/$target" "$here/Artifacts/$target"
    dictionary "$target" > "$work/$target.dict"
    before=$(ls "$here/Artifacts/$target" | wc -l)
    extra=()
    # The emulator is async: its session runs in a detached task whose captures are released on
    # another thread just after the callback returns, which LeakSanitizer reports as a leak.
    [ "$target" = FuzzEmulatorRequests ] && extra+=(-detect_leaks=0)
    log="$work/$target.log"
    start=$(date +%s)
    # shellcheck disable=SC2086
    SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp}" "$bin/$target" -max_total_time="$seconds" -rss_limit_mb="$rss" -timeout="$timeout_per_input" \
        -print_final_stats=1 -dict="$work/$target.dict" -artifact_prefix="$here/Artifacts/$target/" "${extra[@]}" ${FUZZ_ARGS:-} \
        "$work/$target" "$here/Corpus/$target" > "$log" 2>&1
    status=$?
    elapsed=$(( $(date +%s) - start ))
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [ -z "$execs" ] && execs=$(printf '%s' "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(printf '%s' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(printf '%s' "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p')
    after=$(ls "$here/Artifacts/$target" | wc -l)
    crashes=$(( after - before ))
    line="$(printf '%-22s %5ss  execs %-10s %6s exec/s  cov %-6s ft %-7s corpus %-12s crashes %s' \
        "$target" "$elapsed" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes")"
    summary+=("$line")
    echo "$line"
    if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        failed=1
        echo "fuzz: $target failed (exit $status); from $log:"
        grep -E 'Fatal error|ERROR: |SUMMARY: |Test unit written|==[0-9]+==' "$log" | head -20
        ls -t "$here/Artifacts/$target" | head -5 | sed "s|^|  $here/Artifacts/$target/|"
    fi
done

echo
echo "fuzz summary ($seconds s per target):"
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "fuzz: FAILED (see above)"
    exit 1
fi
echo "fuzz: no crash"
