// Layer 95 — the engine's fast paths (the memory-to-memory block path socFastPath, the quiet tx-port beat and the
// quiet rate-1 tx run) have no observable effect: ~200 seeded pseudo-random scenarios, each run twice — with
// `fastPaths: true` (the default) and `fastPaths: false` (every beat and service through the general path) — must give
// identical event lists, stop cycles, channel and port statuses, DMA counters, interrupts taken, captured tx bytes,
// memory contents and the engine stats that are not about work done (records, deviceElements, dmaBeats; activities
// is work done and may differ).
import { describe, it, expect } from 'vitest';
import { Simulator } from '../../lib/index.js';
import { expectSameTrace } from './_scenario-kit.js';
import { scenario } from './_scenarios.js';

// FAST_PATH_SCENARIOS / FAST_PATH_SEED: a longer soak or another seed family (e.g. after changing a fast path).
const SCENARIOS = Number(process.env.FAST_PATH_SCENARIOS ?? 400);
const BASE_SEED = Number(process.env.FAST_PATH_SEED ?? 0x95fa57);

describe('fast paths have no observable effect (fastPaths true vs false)', () => {
  it('the switch is resolved and defaults to on', () => {
    const on = new Simulator();
    const off = new Simulator({ fastPaths: false });
    expect(on.options.fastPaths).toBe(true);
    expect(off.options.fastPaths).toBe(false);
    on.dispose();
    off.dispose();
    expect(() => new Simulator({ fastPaths: 1 as unknown as boolean })).toThrow();
  });

  it(`${SCENARIOS} seeded scenarios: identical events, cycles, statuses, stats, memory and tx bytes`, () => {
    let setups = 0;
    let activitiesDiffer = 0;
    for (let i = 0; i < SCENARIOS; i++) {
      const seed = (BASE_SEED + i * 0x9e3779b9) >>> 0;
      const fast = scenario(seed, true);
      const slow = scenario(seed, false);
      const fa = fast.pop() as [string, number] | undefined;
      const sa = slow.pop() as [string, number] | undefined;
      if (fa?.[0] === 'activities' && sa?.[0] === 'activities') {
        if (fa[1] !== sa[1]) activitiesDiffer++;
      } else {
        setups++;
        if (fa) fast.push(fa);
        if (sa) slow.push(sa);
      }
      expectSameTrace(fast, slow, `scenario ${i} (seed ${seed})`);
    }
    // Most scenarios are real runs, and the switch really changes the work done somewhere (the block path).
    expect(setups).toBeLessThan(SCENARIOS / 10);
    expect(activitiesDiffer).toBeGreaterThan(0);
  });
});
