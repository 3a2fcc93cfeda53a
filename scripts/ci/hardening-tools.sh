#!/usr/bin/env bash
# What the hardening steps (issue 13: scripts/ci/sanitize.sh, scripts/ci/fuzz-native.sh) need from Debian: clang and
# its runtimes (libclang-rt-14-dev: the shared ASan runtime node preloads, and libFuzzer), cmake and ninja. Installs
# only what is missing; `apt-get update` runs at most once (pass --updated when the caller already ran it).
set -uo pipefail
updated=0
[ "${1:-}" = "--updated" ] && updated=1
need=()
command -v clang++ >/dev/null || need+=(clang)
command -v cmake >/dev/null || need+=(cmake)
command -v ninja >/dev/null || need+=(ninja-build)
runtime=$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null || true)
[ -f "$runtime" ] || need+=(libclang-rt-14-dev)
if [ "${#need[@]}" -eq 0 ]; then
  echo "hardening-tools: clang, its sanitizer and fuzzer runtimes, cmake and ninja already installed"
  exit 0
fi
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
# Package lists fetched in the last half hour (by .ci/run's other blocks) are fresh enough: no second update.
find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -30 2>/dev/null | grep -q . && updated=1
if [ "$updated" -eq 0 ]; then apt-get update -qq || { echo "hardening-tools: apt-get update failed"; exit 1; }; fi
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { echo "hardening-tools: installing ${need[*]} failed"; exit 1; }
echo "hardening-tools: installed ${need[*]} in $(( $(date +%s) - start )) s"
