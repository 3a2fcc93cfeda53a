#!/usr/bin/env bash
# The libFuzzer step of CI (issue 13 item 5): builds native/core/fuzz (CMake target fuzz_engine: clang's
# -fsanitize=fuzzer with ASan and UBSan over its own instrumented copy of the engine) into out-fuzz/ and runs it for
# FUZZ_SECONDS [90] from the seed corpus in native/core/fuzz/corpus (read only; what it learns goes to
# out-fuzz/corpus, kept between local runs). A crash — a sanitizer report, an exception other than dmasim::SimError,
# a broken engine invariant, fast paths on/off disagreeing — fails the step and prints the input as hex with the
# commands that replay it. Needs clang and libclang-rt-14-dev (the fuzzer runtime), cmake, ninja.
# Usage: bash scripts/ci/fuzz-native.sh            (FUZZ_SECONDS=600 for a longer run)
#        bash scripts/ci/fuzz-native.sh FILE...    (replays inputs instead of fuzzing)
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=out-fuzz
SECONDS_BUDGET=${FUZZ_SECONDS:-90}
started=$(date +%s)

cmake -S . -B "$OUT" -G Ninja -DCMAKE_CXX_COMPILER="${FUZZ_CXX:-clang++}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
grep -q '^KMDF_DMA_SIM_HAS_LIBFUZZER:INTERNAL=1' "$OUT/CMakeCache.txt" || {
  echo "fuzz-native: FAILED — ${FUZZ_CXX:-clang++} cannot link -fsanitize=fuzzer (apt-get install clang libclang-rt-14-dev)"
  exit 1
}
cmake --build "$OUT" --target fuzz_engine
echo "fuzz-native: built in $(( $(date +%s) - started )) s"

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

if (( $# > 0 )); then
  exec "$OUT/fuzz_engine" "$@"
fi

mkdir -p "$OUT/corpus" "$OUT/artifacts"
rm -f "$OUT"/artifacts/*
set +e
"$OUT/fuzz_engine" -max_total_time="$SECONDS_BUDGET" -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$OUT/artifacts/" "$OUT/corpus" native/core/fuzz/corpus 2>"$OUT/fuzz.log"
status=$?
set -e
grep -E '^(stat::|#[0-9]+.*DONE)' "$OUT/fuzz.log" || true
shopt -s nullglob
artifacts=("$OUT"/artifacts/*)
if (( status != 0 || ${#artifacts[@]} > 0 )); then
  tail -n 80 "$OUT/fuzz.log"
  for a in "${artifacts[@]}"; do
    hex=$(od -An -v -tx1 "$a" | tr -d ' \n')
    echo "===== fuzz-native: reproducer $a ($(stat -c %s "$a") bytes), hex:"
    echo "$hex"
    echo "replay:          bash scripts/ci/fuzz-native.sh $a"
    echo "replay from hex: node -e \"require('fs').writeFileSync('crash.bin', Buffer.from(process.argv[1], 'hex'))\" $hex && bash scripts/ci/fuzz-native.sh crash.bin"
  done
  echo "fuzz-native: FAILED (exit $status)"
  exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/fuzz.log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$OUT/fuzz.log")
echo "fuzz-native: clean — ${runs:-?} inputs in ${SECONDS_BUDGET} s (${rate:-?} per second), $(( $(date +%s) - started )) s in all"
