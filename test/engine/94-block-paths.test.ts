// Layer 94 — the block paths of issue 14 (native/core/soc_paced_path.cpp: a request-paced tx stream, k periods at once;
// native/core/soc_round_robin_path.cpp: several memory-to-memory channels under round robin, rounds of bursts) on
// workloads made for them: with fast paths on they must really run (a tenth of the engine's activities or less) and
// give exactly what `fastPaths: false` gives (events, stop cycles, statuses, tx bytes, memory, the stats that are not
// work done); while tracing (socGrant's traceOn()) and while hardware perturbation is on (the engine turns its fast
// paths off) they step aside: the same activities as the general path. The seeded comparison over many random
// configurations of both families is 95-fast-path-equivalence.test.ts (_scenarios-streams.ts).
import { describe, expect, it } from 'vitest';
import { Simulator, type HardwarePerturbation, type SimulatorOptions } from '../../lib/index.js';
import { expectSameTrace } from './_scenario-kit.js';

const TX = 0x4_0000;
type Mode = 'plain' | 'traced' | 'perturbed';

interface Outcome {
  observed: unknown[];
  activities: number;
}

function finish(sim: Simulator, observed: unknown[], mode: Mode): Outcome {
  const { records, deviceElements, dmaBeats, activities } = sim.stats;
  observed.push(['end', sim.cycle, { records, deviceElements, dmaBeats }]);
  if (mode === 'traced') {
    const { records: _r, ...hardware } = sim.trace.stop();
    observed.push(['trace', hardware]);
  }
  sim.dispose();
  return { observed, activities };
}

function run(sim: Simulator, observed: unknown[], until: number, events: 'all' | undefined): void {
  while (sim.cycle < until) {
    const r = sim.runUntil(until, events ? { events } : undefined);
    observed.push(['run', r.cycle, r.stoppedBy, r.events]);
    for (let i = sim.dma.handleInterrupt(); i !== null; i = sim.dma.handleInterrupt()) observed.push(['irq', i]);
  }
}

function options(fastPaths: boolean, mode: Mode, perturb: HardwarePerturbation, extra: SimulatorOptions): SimulatorOptions {
  return { fastPaths, ...extra, ...(mode === 'perturbed' ? { perturb } : {}) };
}

/** A 24 KiB demand-mode stream of 32-bit elements into a tx port that takes one every 97 cycles. */
function paced(fastPaths: boolean, mode: Mode, events: 'all' | undefined): Outcome {
  const sim = new Simulator(options(fastPaths, mode, { seed: 7, requestJitter: { uniform: [0, 3] } }, {}));
  if (mode === 'traced') sim.trace.start({});
  sim.addMemory({ base: 0, size: 0x8000 });
  sim.poke(0, new Uint8Array(0x8000).map((_, i) => (i * 13 + (i >> 8)) & 0xff));
  const port = sim.addFifoPort({ address: TX, direction: 'tx', elementWidth: 4, depth: 8, watermark: 2, rate: 97, requestLine: 3, requestRule: 'single', dmaEnable: true });
  sim.dma.programChannel({ channel: 2, requestLine: 3, sg: [{ address: 0x100, length: 0x3000 }, { address: 0x4000, length: 0x3000 }], deviceAddress: TX, direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
  const observed: unknown[] = [];
  run(sim, observed, 123_457, events);
  sim.injectBusFault(0x5900);  // in the second element: the block stops before it, the general path faults
  run(sim, observed, 700_000, events);
  observed.push(['port', port.status, sim.dma.channelStatus(2), sim.dma.readDmaCounter(2)]);
  observed.push(['tx', Array.from(port.readTx())]);
  return finish(sim, observed, mode);
}

/** Eight memory-to-memory channels at once under round robin, one overlapping its own buffer, one faulting. */
function roundRobin(fastPaths: boolean, mode: Mode): Outcome {
  const sim = new Simulator(options(fastPaths, mode, { seed: 3, waitStates: { uniform: [0, 1] } }, { channels: 8, timing: { priority: 'round-robin' } }));
  if (mode === 'traced') sim.trace.start({});
  sim.addMemory({ base: 0, size: 0x10000, writeWait: 1 });
  sim.addMemory({ base: 0x10000, size: 0x10000, readWait: 2 });
  sim.poke(0, new Uint8Array(0x20000).map((_, i) => (i ^ (i >> 9)) & 0xff));
  for (let c = 0; c < 8; c++) {
    const source = 0x2000 * c + 8 * c;
    const destination = c === 5 ? source + 24 : 0x10000 + 0x2000 * c;
    sim.dma.programMemoryToMemory({ channel: c, source, destination, length: 0x1000 + 0x100 * c, width: c % 2 ? 4 : 8, burst: c === 3 ? 2 : undefined });
  }
  const observed: unknown[] = [];
  run(sim, observed, 7_777, 'all');
  sim.injectBusFault(0x10000 + 0x2000 * 6 + 0x800);  // channel 6's destination
  run(sim, observed, 400_000, 'all');
  for (let c = 0; c < 8; c++) observed.push(['ch', c, sim.dma.channelStatus(c), sim.dma.readDmaCounter(c)]);
  observed.push(['memory', Array.from(sim.peek(0, 0x20000))]);
  return finish(sim, observed, mode);
}

describe('the issue-14 block paths: exact, really used, and out of the way while tracing or perturbed', () => {
  const workloads: [string, (fast: boolean, mode: Mode) => Outcome][] = [
    ['request-paced stream, every record', (f, m) => paced(f, m, 'all')],
    ['request-paced stream, default records (request edges only counted)', (f, m) => paced(f, m, undefined)],
    ['eight memory-to-memory channels under round robin', roundRobin],
  ];
  for (const [name, work] of workloads) {
    it(`${name}: identical to fastPaths:false, with a tenth of the activities or less`, () => {
      const fast = work(true, 'plain');
      const slow = work(false, 'plain');
      expectSameTrace(fast.observed, slow.observed, name);
      expect(fast.activities * 10).toBeLessThan(slow.activities);
    });
    for (const mode of ['traced', 'perturbed'] as const) {
      it(`${name}, ${mode}: the block path steps aside (same activities, same results)`, () => {
        const fast = work(true, mode);
        const slow = work(false, mode);
        expectSameTrace(fast.observed, slow.observed, `${name} (${mode})`);
        expect(fast.activities).toBe(slow.activities);
      });
    }
  }
});
