#!/usr/bin/env bash
# The full-count lifecycle step of CI (issue 13 item 7): 100,000 Kernels (lib/hal, 16 MiB of RAM each) and 100,000
# UART TestHost machines, each disposed and each only dropped and collected, must leave RSS within 20 MB of where it
# was after the warm-up. The lifecycle test run (`npm run test:lifecycle`: test/lifecycle/rss.test.ts) does the
# 100,000-Simulator cases and fewer of these heavier machines; this prints each curve (bench/rss-lifecycle.js) and
# fails on a bound broken.
# LIFECYCLE_CYCLES overrides the count [100000]. Needs dist/ built.
set -euo pipefail
cd "$(dirname "$0")/../.."

CYCLES=${LIFECYCLE_CYCLES:-100000}
BOUND_MB=20
started=$(date +%s)
failed=0
for machine in kernel host; do
  for end in dispose drop; do
    t0=$(date +%s)
    # V8's young generation pinned at its full size: its growth part-way is V8's, not the simulator's (see the script)
    out=$(node --expose-gc --min-semi-space-size=16 --max-semi-space-size=16 bench/rss-lifecycle.js \
      --machine "$machine" --end "$end" --cycles "$CYCLES" --json)
    line=$(printf '%s\n' "$out" | grep '^RSS_RESULT ' | sed 's/^RSS_RESULT //')
    verdict=$(node -e '
      const r = JSON.parse(process.argv[1]); const bound = Number(process.argv[2]) * 1e6; const MiB = 1 << 20;
      const grew = (r.endMiB - r.startMiB) * MiB, peak = (r.maxMiB - r.startMiB) * MiB;
      const curve = r.samples.map(([n, v]) => `${n}:${v.toFixed(1)}`).join(" ");
      console.log(`${grew <= bound && peak <= bound ? "ok" : "FAILED"} ${r.machine}/${r.end}: start ${r.startMiB.toFixed(1)} MiB ` +
        `(after ${r.warmup} warm-up), end ${(grew / 1e6).toFixed(1)} MB, peak ${(peak / 1e6).toFixed(1)} MB above it; RSS MiB by cycle: ${curve}`);
    ' "$line" "$BOUND_MB")
    echo "lifecycle-full: $verdict ($(( $(date +%s) - t0 )) s)"
    [[ $verdict == ok* ]] || failed=1
  done
done
echo "lifecycle-full: $(( $(date +%s) - started )) s in all"
(( failed == 0 )) || { echo "lifecycle-full: FAILED — RSS grew more than $BOUND_MB MB"; exit 1; }
