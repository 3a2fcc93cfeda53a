// Layer 89 — hardware timing perturbation for exploration (issue 11 item 2; lib/sim/perturbation.ts,
// native/core/perturbation.h): request-line jitter delays when the controller sees a rise, wait-state variation
// lengthens beats, bus load from another master delays grants, rate drift scales each port's exact rate. Each is
// deterministic per seed (the same seed: the same cycles), zero perturbation is exactly TIMING.md's timing, and every
// option is checked with its documented range.
import { describe, expect, it } from 'vitest';
import { Simulator, type HardwarePerturbation, type SimEvent } from '../../lib/index.js';

const TX = 0x4000_0000;

/** A demand-mode stream into a tx port and a 4 KiB memory-to-memory copy; their events and end cycles. */
function scenario(perturb?: HardwarePerturbation): { events: SimEvent[]; ends: number[] } {
  const sim = new Simulator({ events: 'all', ...(perturb ? { perturb } : {}) });
  sim.addMemory({ base: 0, size: 0x10000 });
  sim.addFifoPort({ address: TX, direction: 'tx', requestLine: 1, depth: 4, elementWidth: 4, rate: 50, dmaEnable: true });
  sim.dma.programChannel({ channel: 0, requestLine: 1, sg: [{ address: 0, length: 512 }], deviceAddress: TX, direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
  sim.dma.programMemoryToMemory({ channel: 1, source: 0x1000, destination: 0x8000, length: 4096, width: 4 });
  const events: SimEvent[] = [];
  const ends: number[] = [];
  while (sim.cycle < 20_000) {
    const r = sim.runUntil(20_000);
    events.push(...r.events);
    for (let i = sim.dma.handleInterrupt(); i !== null; i = sim.dma.handleInterrupt()) ends.push(r.cycle);
  }
  sim.dispose();
  return { events, ends };
}

const seen = (events: SimEvent[]) => events.filter((e) => e.kind === 'request' && e.level === 1).map((e) => e.cycle);

describe('hardware perturbation', () => {
  it('none, or all zero, is exactly the unperturbed machine', () => {
    const plain = scenario();
    expect(scenario({ seed: 5, requestJitter: 0, waitStates: 0 })).toEqual(plain);
    expect(scenario({ seed: 5, rateDrift: 0 })).toEqual(plain);
  });

  it('the same seed gives the same run; another seed another one', () => {
    const p = (seed: number): HardwarePerturbation => ({
      seed, requestJitter: { uniform: [0, 6] }, waitStates: { choice: [0, 0, 1, 2] },
      busLoad: { period: { uniform: [50, 400] }, cycles: { uniform: [2, 20] } }, rateDrift: 0.02,
    });
    const a = scenario(p(11));
    expect(scenario(p(11))).toEqual(a);
    expect(scenario(p(12)).ends).not.toEqual(a.ends);
    expect(a.ends).not.toEqual(scenario().ends);
  });

  it('each perturbation moves the timing the way it says', () => {
    const plain = scenario();
    // a fixed wait state per beat: every burst of the copy is 2 x 4 cycles longer, so the copy ends later
    expect(scenario({ seed: 1, waitStates: 1 }).ends[1]! - plain.ends[1]!).toBeGreaterThan(0);
    // a fixed jitter of 3: the stream's requests rise at the same cycles (the port drives them), they are seen later,
    // so every transfer and the completion come later
    const jit = scenario({ seed: 1, requestJitter: 3 });
    expect(jit.ends[0]!).toBeGreaterThan(plain.ends[0]!);
    expect(seen(jit.events).slice(0, 1)).toEqual(seen(plain.events).slice(0, 1));
    // another master holding the bus delays the copy (its bursts wait for the bus)
    expect(scenario({ seed: 1, busLoad: { period: 30, cycles: 10 } }).ends[1]!).toBeGreaterThan(plain.ends[1]!);
    // a slower port (drift drawn per port): the stream takes a different time
    const drift = [1, 2, 3, 4].map((seed) => scenario({ seed, rateDrift: 0.05 }).ends[0]);
    expect(new Set(drift).size).toBeGreaterThan(1);
  });

  it('is checked: ranges, shapes and names', () => {
    const code = (p: unknown) => { try { new Simulator({ perturb: p as HardwarePerturbation }); return 'ok'; } catch (e) { return `${(e as { code: string }).code} ${(e as Error).message}`; } };
    expect(code({ seed: 1, requestJitter: 65 })).toMatch(/^ERR_OUT_OF_RANGE "options.perturb.requestJitter"/);
    expect(code({ seed: 1, waitStates: { uniform: [3, 1] } })).toMatch(/^ERR_OUT_OF_RANGE "options.perturb.waitStates.uniform"/);
    expect(code({ seed: 1, busLoad: { period: 0, cycles: 1 } })).toMatch(/^ERR_OUT_OF_RANGE "options.perturb.busLoad.period"/);
    expect(code({ seed: 1, waitStates: { exponential: { mean: 1, max: 4 } } })).toMatch(/^ERR_INVALID_ARGUMENT "options.perturb.waitStates"/);
    expect(code({ seed: 1, rateDrift: 0.2 })).toMatch(/^ERR_OUT_OF_RANGE "options.perturb.rateDrift"/);
    expect(code({ seed: 0.5 })).toMatch(/^ERR_OUT_OF_RANGE "options.perturb.seed"/);
    expect(code({ seed: 1, jitter: 3 })).toMatch(/^ERR_INVALID_ARGUMENT "options.perturb.jitter"/);
    expect(code({ seed: 1 })).toBe('ok');
  });
});
