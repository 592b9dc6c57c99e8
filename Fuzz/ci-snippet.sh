# Proposed addition to .ci/run, placed before the final `swift test` (so that the test
# summary stays the last thing CI prints): build the fuzz package on a clean scratch folder
# and run each libFuzzer target for 30 s from its committed seed corpus. Each run first
# replays the whole corpus, including the regression seeds of the crashes found and fixed,
# then fuzzes for the rest of its 30 s. A crash fails CI; the crashing input is printed in
# the log (libFuzzer's "Base64:" line) and written under Fuzz/Artifacts/.
# Measured cost on this 2-core machine: see Fuzz/README.md ("CI").
echo "ci: fuzzing (30 s per target)"
FUZZ_WORK="$(mktemp -d)" bash Fuzz/run.sh 30
