#!/usr/bin/env bash
# The sanitizer step of CI (issue 13 item 6): AddressSanitizer + UndefinedBehaviorSanitizer over
#   1. the standalone core checks (native/core/checks, plain cmake, leak detection on), and
#   2. the addon (cmake-js into out-sanitize/addon: never build/Release or prebuilds/), loaded by the whole vitest
#      suite but the install tests (test/lifecycle/install.test.ts) — the fast-check fuzzers under test/fuzz/ with
#      their short budget included — through KMDF_DMA_SIM_BINARY (lib/native/loader.ts). node itself is not
#      instrumented, so the sanitizer runtimes are preloaded (LD_PRELOAD) and leak detection is off for it (node
#      leaks at exit by design). The trace tests run GTKWave, sigrok-cli and Chromium on the files they write: PATH
#      wrappers (out-sanitize/bin) start those without the preloaded runtime, which would instrument them, not this
#      project's code.
# Any sanitizer report fails the step: the runtimes write every report to out-sanitize/reports/ (log_path), from every
# process (vitest's forks, the tests' child processes), whatever the process's own exit status says; the step prints
# each report and exits 1. UBSan is built not to recover (-fno-sanitize-recover), so a report also ends the process.
# Built with clang: its one shared runtime (libclang_rt.asan, which carries UBSan's handlers too) is what node
# preloads, and it honours log_path for both; GCC's separate libubsan ignores log_path when ASan is loaded, so a
# report in a child process that a test lets fail could go unseen. Needs clang (+ libclang-rt-14-dev), cmake, ninja,
# and dist/ built (npm run build).
# Usage: bash scripts/ci/sanitize.sh [vitest args...]   (extra args narrow the vitest run, e.g. a file)
set -euo pipefail
cd "$(dirname "$0")/../.."

export CC=${SANITIZE_CC:-clang} CXX=${SANITIZE_CXX:-clang++}
OUT=out-sanitize
REPORTS="$PWD/$OUT/reports"
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
started=$(date +%s)
step() { echo "sanitize: $* ($(( $(date +%s) - started )) s)"; }

fail_on_reports() {
  shopt -s nullglob
  local files=("$REPORTS"/*)
  shopt -u nullglob
  if (( ${#files[@]} > 0 )); then
    for f in "${files[@]}"; do
      echo "===== sanitizer report: $f"
      cat "$f"
    done
    echo "sanitize: FAILED — ${#files[@]} sanitizer report(s) after $1"
    exit 1
  fi
}

# ---- 1. core checks ------------------------------------------------------------------------------------------------
step "building the core checks with ASan+UBSan"
cmake -S . -B "$OUT/core" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKMDF_DMA_SIM_SANITIZE=ON >/dev/null
cmake --build "$OUT/core"
checks_failed=0
for check in "$OUT"/core/check_*; do
  [[ -x "$check" && -f "$check" ]] || continue
  ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:log_path=$REPORTS/asan-core" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$REPORTS/ubsan-core" \
    "$check" >/dev/null || { echo "sanitize: $check failed"; checks_failed=1; }
done
fail_on_reports "the core checks"
(( checks_failed == 0 )) || { echo "sanitize: FAILED — a core check failed"; exit 1; }
step "core checks clean"

# ---- 2. the addon under the vitest suite ---------------------------------------------------------------------------
step "building the addon with ASan+UBSan"
npx cmake-js compile -O "$OUT/addon" -B RelWithDebInfo --CDKMDF_DMA_SIM_SANITIZE=ON >/dev/null
ADDON="$PWD/$OUT/addon/RelWithDebInfo/kmdf-dma-sim.node"
[[ -f "$ADDON" ]] || { echo "sanitize: FAILED — no sanitized addon at $ADDON"; exit 1; }
RUNTIME=$("$CXX" -print-file-name=libclang_rt.asan-$(uname -m).so)
[[ -f "$RUNTIME" ]] || { echo "sanitize: FAILED — no ASan runtime ($RUNTIME): apt-get install libclang-rt-14-dev"; exit 1; }

WRAPPERS="$PWD/$OUT/bin"
mkdir -p "$WRAPPERS"
for tool in chromium vcd2fst fst2vcd sigrok-cli; do
  real=$(command -v "$tool" || true)
  [[ -n "$real" && "$real" != "$WRAPPERS/$tool" ]] || continue
  printf '#!/bin/sh\nunset LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS\nexec %s "$@"\n' "$real" > "$WRAPPERS/$tool"
  chmod +x "$WRAPPERS/$tool"
done

step "vitest suite on the sanitized addon"
set +e
PATH="$WRAPPERS:$PATH" \
KMDF_DMA_SIM_CHROMIUM="${KMDF_DMA_SIM_CHROMIUM:-$WRAPPERS/chromium}" \
KMDF_DMA_SIM_BINARY="$ADDON" \
LD_PRELOAD="$RUNTIME" \
ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:log_path=$REPORTS/asan" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$REPORTS/ubsan" \
  npx vitest run --exclude test/lifecycle/install.test.ts "$@"
status=$?
set -e
fail_on_reports "the vitest suite"
(( status == 0 )) || { echo "sanitize: FAILED — the vitest suite failed on the sanitized addon (exit $status)"; exit 1; }
step "clean: no sanitizer report"
