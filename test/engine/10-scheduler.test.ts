// Layer 10 — time itself (TIMING.md "Counting", engine.h run stop rule): runUntil is absolute, runFor relative;
// a run stops exactly at a schedule()d timer or at an interrupt rise with that cycle completed; idle spans are
// skipped in one step; a tiny event buffer changes nothing the caller sees; same scenario -> same events.
import { describe, it, expect } from 'vitest';
import { Simulator } from '../../lib/index.js';
import { ofKind, runAll, socWithRam } from './_support.js';

describe('runUntil / runFor', () => {
  it('runUntil is absolute, runFor relative', () => {
    const sim = new Simulator();
    expect(sim.cycle).toBe(0);
    expect(sim.runUntil(100)).toEqual({ cycle: 100, stoppedBy: 'target', events: [] });
    expect(sim.runFor(50).cycle).toBe(150);
    expect(sim.runUntil(150).cycle).toBe(150); // runUntil(sim.cycle) returns at once
    expect(sim.cycle).toBe(150);
  });

  it('a target in the past, or past 2^53 - 1, is a coded error', () => {
    const sim = new Simulator();
    sim.runUntil(10);
    expect(() => sim.runUntil(9)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => sim.runFor(Number.MAX_SAFE_INTEGER)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  });

  it('skips an idle span of 10^12 cycles in one step', () => {
    const sim = socWithRam(0x1000);
    const r = sim.runFor(1e12);
    expect(r).toEqual({ cycle: 1e12, stoppedBy: 'target', events: [] });
    expect(sim.runUntil(Number.MAX_SAFE_INTEGER).cycle).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('timers', () => {
  it('a timer stops the run at exactly its cycle with its tag', () => {
    const sim = new Simulator();
    sim.schedule(50, 7);
    const r = sim.runUntil(100);
    expect(r).toEqual({ cycle: 50, stoppedBy: 'timer', events: [{ kind: 'timer', cycle: 50, tag: 7 }] });
    expect(sim.runUntil(100)).toEqual({ cycle: 100, stoppedBy: 'target', events: [] });
  });

  it('two timers of one cycle are one stop; timers keep their scheduling order', () => {
    const sim = new Simulator();
    sim.schedule(30, 2);
    sim.schedule(20, 9);
    sim.schedule(30, 1);
    const first = sim.runFor(1000);
    expect(first.events).toEqual([{ kind: 'timer', cycle: 20, tag: 9 }]);
    const second = sim.runFor(1000);
    expect(second.cycle).toBe(30);
    expect(second.events).toEqual([{ kind: 'timer', cycle: 30, tag: 2 }, { kind: 'timer', cycle: 30, tag: 1 }]);
  });

  it('a timer at or before now is refused', () => {
    const sim = new Simulator();
    sim.runUntil(10);
    expect(() => sim.schedule(10, 0)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  });

  it('a timer far out in an idle span is hit exactly', () => {
    const sim = new Simulator();
    sim.schedule(987_654_321_012, 3);
    expect(sim.runFor(1e13).cycle).toBe(987_654_321_012);
  });
});

/** A busy scenario: two contending m2m channels, a tx port drained at 40/3 cycles per element, a timer. */
function scenario(eventBufferRecords: number) {
  const sim = socWithRam(0x10000, { eventBufferRecords, timing: { priority: 'round-robin' } });
  for (let i = 0; i < 0x2000; i++) sim.regions[0]!.bytes[i] = (i * 37) & 0xff;
  const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 4, depth: 8, rate: { numerator: 40, denominator: 3 },
    requestLine: 0, watermark: 4, dmaEnable: true });
  sim.dma.programMemoryToMemory({ channel: 1, source: 0, destination: 0x4000, length: 0x800, width: 4 });
  sim.dma.programMemoryToMemory({ channel: 2, source: 0x800, destination: 0x5000, length: 0x400, width: 2, burst: 3 });
  sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0x1000, length: 0x200 }], deviceAddress: tx.address,
    direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
  sim.schedule(333, 1);
  const run = runAll(sim, 10000);
  return { run, tx: tx.readTx(), dst: sim.peek(0x4000, 0x1400) };
}

describe('determinism and batching', () => {
  it('the same scenario twice gives identical event lists and data', () => {
    const a = scenario(4096);
    const b = scenario(4096);
    expect(a.run.events.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
  });

  it('a one-record event buffer (many native calls per slice) gives exactly the same slices', () => {
    const big = scenario(4096);
    const tiny = scenario(1);
    expect(tiny).toEqual(big);
    expect(ofKind(big.run.events, 'terminal-count').map((e) => e.channel).sort()).toEqual([0, 1, 2]);
  });

  it('events come in cycle order', () => {
    const { run } = scenario(64);
    const cycles = run.events.map((e) => e.cycle);
    expect(cycles).toEqual([...cycles].sort((x, y) => x - y));
  });
});
