// Layer 99 — the hardware trace changes nothing and shows the same thing whichever path the engine takes: the seeded
// scenarios of 95 (test/engine/_scenarios.ts) run three ways — untraced, traced with fast paths on, traced with fast
// paths off. Tracing on must leave every observable (events, stop cycles, statuses, counters, memory, tx bytes,
// stats) as it is untraced; and the trace itself (every signal's initial value and changes, canonical) must be the
// same with the fast paths on (the inline service and quiet tx-port paths, which write their own records) as off.
import { describe, expect, it } from 'vitest';
import { expectSameTrace } from './_scenario-kit.js';
import { scenario, type Trace } from './_scenarios.js';

const SCENARIOS = Number(process.env.TRACE_SCENARIOS ?? 200);
const BASE_SEED = Number(process.env.TRACE_SEED ?? 0x7ace98);

function split(t: Trace): { behaviour: Trace; hardware: unknown } {
  const activities = t.pop();
  const last = t[t.length - 1] as [string, unknown] | undefined;
  let hardware: unknown = null;
  if (last?.[0] === 'hardware-trace') {
    t.pop();
    hardware = last[1];
  }
  void activities;
  return { behaviour: t, hardware };
}

describe('the hardware trace has no effect and does not depend on the fast paths', () => {
  it(`${SCENARIOS} seeded scenarios: untraced = traced (fast) = traced (slow); trace (fast) = trace (slow)`, () => {
    let traced = 0;
    let changes = 0;
    for (let i = 0; i < SCENARIOS; i++) {
      const seed = (BASE_SEED + i * 0x9e3779b9) >>> 0;
      const plain = split(scenario(seed, true));
      const fast = split(scenario(seed, true, {}));
      const slow = split(scenario(seed, false, {}));
      expectSameTrace(fast.behaviour, plain.behaviour, `scenario ${i} (seed ${seed}): tracing changed behaviour`);
      expectSameTrace(slow.behaviour, plain.behaviour, `scenario ${i} (seed ${seed}): slow path with tracing`);
      expectSameTrace(fast.hardware, slow.hardware, `scenario ${i} (seed ${seed}): trace differs between fast and slow paths`);
      if (fast.hardware) {
        traced++;
        for (const s of (fast.hardware as { signals: { changes: number[] }[] }).signals) changes += s.changes.length / 2;
      }
    }
    expect(traced).toBeGreaterThan(SCENARIOS * 0.9);
    expect(changes).toBeGreaterThan(SCENARIOS * 10);
  });
});
