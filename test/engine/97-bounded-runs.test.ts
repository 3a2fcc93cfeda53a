// Layer 97 — bounded runs (issue 13 item 3): a run never holds more than a bounded number of events in JS, however
// long it is. The default cap (DEFAULT_MAX_EVENTS) stops a run with stoppedBy 'events' holding exactly that many;
// onEvents takes them slice by slice for any run length; discardEvents drops them in the engine. The issue's
// reproduction — a streaming tx port and runFor(2 ** 32) — finishes in each of the three ways. The kernel (lib/hal)
// holds at most one cycle's records plus one engine buffer across its engine runs.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_EVENTS, Simulator, type SimEvent } from '../../lib/index.js';
import { Kernel } from '../../lib/hal/kernel.js';

/** A tx port that keeps ticking on its empty FIFO: one 'underrun' event per `rate` cycles, for ever. */
function streaming(rate: number, eventBufferRecords = 4096): Simulator {
  const sim = new Simulator({ eventBufferRecords });
  sim.addFifoPort({ address: 0x4000_0000, direction: 'tx', txStreaming: true, requestLine: 0, depth: 16, elementWidth: 1, rate });
  return sim;
}

describe('the issue\'s reproduction: runFor(2 ** 32) on a streaming tx port', () => {
  it('with the default options stops at the cap: at the end of the cycle of the first event past DEFAULT_MAX_EVENTS', () => {
    const sim = streaming(10);
    const r = sim.runFor(2 ** 32);
    expect(DEFAULT_MAX_EVENTS).toBe(1_000_000);
    expect(r.stoppedBy).toBe('events');
    const n = DEFAULT_MAX_EVENTS + 1; // one event per cycle here: the cycle of the first one past the cap brings one
    expect(r.events.length).toBe(n);
    // underrun k (from 1) is at cycle 10 k; the run stops at the end of that cycle
    expect(r.events.at(-1)).toEqual({ kind: 'underrun', cycle: 10 * n, port: 0, count: n });
    expect(r.cycle).toBe(10 * n);
    const next = sim.runFor(20);
    expect(next.events[0]).toEqual({ kind: 'underrun', cycle: 10 * (n + 1), port: 0, count: n + 1 });
    sim.dispose();
  });

  it('with onEvents reaches 2 ** 32, every event seen once, in order, in slices of at most the engine buffer', () => {
    const sim = streaming(4096, 1024);
    let count = 0;
    let last = 0;
    let largest = 0;
    let ordered = true;
    const r = sim.runFor(2 ** 32, {
      onEvents(events) {
        largest = Math.max(largest, events.length);
        for (const e of events) {
          ordered &&= e.kind === 'underrun' && e.count === count + 1 && e.cycle === 4096 * (count + 1) && e.cycle > last;
          last = e.cycle;
          count++;
        }
      },
    });
    expect(r).toEqual({ cycle: 2 ** 32, stoppedBy: 'target', events: [] });
    expect(count).toBe(2 ** 32 / 4096); // 1,048,576 events
    expect(ordered).toBe(true);
    expect(largest).toBe(1024);
    sim.dispose();
  });

  it('with discardEvents reaches 2 ** 32 and still counts the events in stats', () => {
    const sim = streaming(1000);
    const r = sim.runFor(2 ** 32, { discardEvents: true });
    expect(r).toEqual({ cycle: 2 ** 32, stoppedBy: 'target', events: [] });
    expect(sim.stats.records).toBe(Math.floor(2 ** 32 / 1000));
    sim.dispose();
  });
});

describe('maxEvents', () => {
  it('slices a run exactly: the pieces, joined, are the events of one run, and every piece but the last is full', () => {
    const whole = streaming(7).runFor(5_000, { maxEvents: 1 << 20 }).events;
    const sim = streaming(7, 16);
    const pieces: SimEvent[][] = [];
    for (;;) {
      const r = sim.runUntil(5_000, { maxEvents: 100 });
      pieces.push(r.events);
      if (r.stoppedBy !== 'events') break;
      expect(r.events.length).toBe(101); // one event per cycle here: the cap, and the cycle of the next event
      expect(r.events.at(-1)!.cycle).toBe(r.cycle); // it stopped at the end of that cycle
    }
    expect(pieces.flat()).toEqual(whole);
    expect(pieces.length).toBe(Math.ceil(whole.length / 101));
  });

  it('a piece never stops part-way through a cycle: the cycle the cap is reached in comes whole', () => {
    // two ports ticking in the same cycles: each cycle holds two events
    const sim = new Simulator();
    for (const [i, address] of [0x4000_0000, 0x4100_0000].entries()) {
      sim.addFifoPort({ address, direction: 'tx', txStreaming: true, requestLine: i, depth: 4, elementWidth: 1, rate: 10 });
    }
    const first = sim.runFor(100, { maxEvents: 3 });
    expect(first.stoppedBy).toBe('events');
    expect(first.events.map((e) => e.cycle)).toEqual([10, 10, 20, 20]); // the 4th event (past the cap) is in cycle 20: all of it
    expect(first.cycle).toBe(20);
    const second = sim.runUntil(30);
    expect(second.events.map((e) => e.cycle)).toEqual([30, 30]);
  });

  it('is checked: an integer in [1, 2^32 - 1], not with onEvents together with discardEvents', () => {
    const sim = streaming(10);
    const code = (fn: () => unknown) => { try { fn(); return 'ok'; } catch (e) { return `${(e as { code: string }).code} ${(e as Error).message}`; } };
    expect(code(() => sim.runFor(10, { maxEvents: 0 }))).toMatch(/^ERR_OUT_OF_RANGE "options.maxEvents"/);
    expect(code(() => sim.runFor(10, { maxEvents: 1.5 }))).toMatch(/^ERR_OUT_OF_RANGE "options.maxEvents"/);
    expect(code(() => sim.runFor(10, { maxEvents: '5' as unknown as number }))).toMatch(/^ERR_INVALID_ARG_TYPE "options.maxEvents"/);
    expect(code(() => sim.runFor(10, { onEvents: 5 as unknown as () => void }))).toMatch(/^ERR_INVALID_ARG_TYPE "options.onEvents"/);
    expect(code(() => sim.runFor(10, { onEvents: () => {}, discardEvents: true }))).toMatch(/^ERR_INVALID_ARGUMENT/);
    expect(code(() => sim.runFor(10, null as unknown as undefined))).toMatch(/^ERR_INVALID_ARG_TYPE "options"/);
    expect(sim.cycle).toBe(0); // none of them ran
  });
});

describe('the kernel across engine runs', () => {
  it('with a one-record engine buffer sees the same interrupts and device timers at the same cycles', () => {
    const observe = (records: number) => {
      const k = new Kernel({ sim: { eventBufferRecords: records } });
      k.sim.addFifoPort({ address: 0x4000_0000, direction: 'tx', txStreaming: true, requestLine: 0, depth: 16, elementWidth: 1, rate: 3 });
      const seen: string[] = [];
      k.interrupts.connect({ line: 5, isr: () => (seen.push(`isr ${k.cycle}`), true) });
      const src = k.sim.addInterruptSource(5);
      for (const c of [1_000, 2_500, 4_000]) {
        k.atCycle(c, () => { seen.push(`raise ${k.cycle}`); src.raise(); });
        k.atCycle(c + 300, () => { seen.push(`lower ${k.cycle}`); src.lower(); });
      }
      let underruns = 0;
      k.onSimEvent((e) => { if (e.kind === 'underrun') underruns++; });
      k.runUntil(100_000);
      k.dispose();
      return { seen, underruns };
    };
    const reference = observe(4096);
    expect(reference.seen.filter((s) => s.startsWith('isr')).length).toBeGreaterThanOrEqual(3);
    expect(reference.underruns).toBe(33_333);
    expect(observe(1)).toEqual(reference);
    expect(observe(7)).toEqual(reference);
  });
});
