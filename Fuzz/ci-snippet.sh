# Proposed addition to .ci/run (after `swift test`, or before it so the test summary stays
# last): build the fuzz package and run each libFuzzer target for 30 s from its committed seed
# corpus. Every run first replays the whole corpus, including the regression seeds of crashes
# found and fixed, then fuzzes for the rest of its 30 s. Fails the CI run on any crash.
# Measured on a clean scratch folder (2 cores): see Fuzz/README.md ("CI").
echo "ci: fuzzing (30 s per target)"
FUZZ_WORK="$(mktemp -d)" bash Fuzz/run.sh 30
