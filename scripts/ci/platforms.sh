#!/usr/bin/env bash
# scripts/ci/platforms.sh — CI's platform block (issue 9), called by .ci/run:
#   install [--updated]
#                  installs from Debian what the platform runs need and the machine lacks: the mingw-w64 and aarch64
#                  cross compilers, wine, qemu-user, clang, ninja. Runs apt-get update only if something is missing
#                  and the caller has not run it (--updated), and then says so ("ci: apt-get update ran"), so the
#                  caller can pass --updated on and the whole CI run updates once
#   test <report>  the platform runs (vitest.platforms.config.ts: each prebuild built and run on its platform, the
#                  tarball on all three, clang), with KMDF_DMA_SIM_REQUIRE_PLATFORMS=1 so that a missing tool fails
#                  a test instead of skipping it; vitest's JSON report goes to <report> for scripts/ci-summary.js
# Each step prints how long it took.
set -uo pipefail
cd "$(dirname "$0")/../.."

PACKAGES=(g++-mingw-w64-x86-64-posix g++-aarch64-linux-gnu qemu-user wine wine64 clang ninja-build binutils)

case "${1:-}" in
  install)
    updated=0
    [ "${2:-}" = "--updated" ] && updated=1
    start=$(date +%s)
    missing=()
    for p in "${PACKAGES[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      echo "ci: installing ${missing[*]}"
      if [ "$updated" -eq 0 ]; then
        apt-get update -qq || exit 1
        echo "ci: apt-get update ran"
      fi
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 1
    fi
    echo "ci: platform packages took $(( $(date +%s) - start )) s (${#missing[@]} installed)"
    ;;
  test)
    report="${2:?usage: platforms.sh test <report.json>}"
    start=$(date +%s)
    rm -f "$report"
    KMDF_DMA_SIM_REQUIRE_PLATFORMS=1 npx vitest run --config vitest.platforms.config.ts \
      --reporter=default --reporter=json --outputFile="$report"
    status=$?
    echo "ci: platform runs took $(( $(date +%s) - start )) s"
    exit $status
    ;;
  *)
    echo "usage: scripts/ci/platforms.sh install | test <report.json>" >&2
    exit 2
    ;;
esac
