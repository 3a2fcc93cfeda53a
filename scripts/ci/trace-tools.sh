#!/usr/bin/env bash
# The real consumers of the trace files (test/trace/30-real-consumers.test.ts): GTKWave's vcd2fst / fst2vcd (package
# gtkwave), sigrok-cli (sigrok-cli) and headless Chromium (chromium, with one font so pages have text), from Debian.
# Installs only what is missing; `apt-get update` runs at most once per call (pass --updated when the caller already
# ran it). Prints what it did and how long it took. Exit 1 when an install fails.
set -uo pipefail
updated=0
[ "${1:-}" = "--updated" ] && updated=1
need=()
command -v vcd2fst >/dev/null && command -v fst2vcd >/dev/null || need+=(gtkwave)
command -v sigrok-cli >/dev/null || need+=(sigrok-cli)
command -v chromium >/dev/null || need+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${#need[@]}" -eq 0 ]; then
  echo "trace-tools: gtkwave, sigrok-cli and chromium already installed"
  exit 0
fi
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
if [ "$updated" -eq 0 ]; then apt-get update -qq || { echo "trace-tools: apt-get update failed"; exit 1; }; fi
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { echo "trace-tools: installing ${need[*]} failed"; exit 1; }
echo "trace-tools: installed ${need[*]} in $(( $(date +%s) - start )) s"
