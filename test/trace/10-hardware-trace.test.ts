// The engine's hardware trace (sim.trace; native/core/trace_recorder.h, trace_capture.cpp): what each signal
// records, at which cycle, derived from docs/timing.md; its options (groups, start trigger, ring, cap) and their
// coded errors; and that it is off by default.
import { describe, expect, it } from 'vitest';
import { Simulator, type HardwareTraceData } from '../../lib/index.js';

const sig = (t: HardwareTraceData, scope: string, name: string) => {
  const s = t.signals.find((x) => x.scope === scope && x.name === name);
  if (!s) throw new Error(`no signal ${scope}.${name}`);
  return s;
};

function m2m(trace?: Parameters<Simulator['trace']['start']>[0]): { sim: Simulator; t: HardwareTraceData } {
  const sim = new Simulator({});
  sim.addMemory({ base: 0x1000, size: 0x10000 });
  sim.trace.start(trace);
  sim.dma.programMemoryToMemory({ channel: 0, source: 0x1000, destination: 0x5000, length: 64, width: 4 });
  sim.runFor(1000);
  return { sim, t: sim.trace.stop() };
}

/** A demand-mode tx port (depth 8, watermark 4, 10 cycles per element) fed 8 bytes by channel 0 on line 2. */
function txPort(): { sim: Simulator; t: HardwareTraceData } {
  const sim = new Simulator({});
  sim.addMemory({ base: 0x1000, size: 0x1000 });
  sim.trace.start();
  sim.addFifoPort({ address: 0x9000, direction: 'tx', depth: 8, watermark: 4, rate: 10, requestLine: 2, dmaEnable: true, name: 'tx' });
  sim.dma.programChannel({ channel: 0, requestLine: 2, sg: [{ address: 0x1000, length: 8 }], deviceAddress: 0x9000,
    direction: 'memory-to-device', width: 1, demandMode: true, loop: false });
  sim.runFor(200);
  return { sim, t: sim.trace.stop() };
}

describe('hardware trace signals', () => {
  it('memory to memory, 64 bytes: 1 arbitration cycle, then 4 bursts of (1 + 4) + (1 + 4) cycles (TIMING.md)', () => {
    const { t } = m2m();
    // program at 0; arbitrating at 1; burst k reads from 2 + 10k (address phase, 4 beats), writes from 7 + 10k.
    expect(sig(t, 'dma.ch0', 'phase').changes).toEqual([1, 2, 2, 3, 7, 4, 12, 3, 17, 4, 22, 3, 27, 4, 32, 3, 37, 4, 42, 0]);
    expect(sig(t, 'dma.ch0', 'beat').changes).toEqual([3, 1, 7, 0, 8, 1, 12, 0, 13, 1, 17, 0, 18, 1, 22, 0, 23, 1, 27, 0, 28, 1, 32, 0, 33, 1, 37, 0, 38, 1, 42, 0]);
    expect(sig(t, 'dma.ch0', 'burst').changes).toEqual([2, 1, 12, 2, 22, 3, 32, 4]);
    expect(sig(t, 'dma.ch0', 'tc').changes).toEqual([41, 1, 42, 0]); // the last write at 1 + 4 * 10 = 41
    expect(sig(t, 'dma.ch0', 'state').changes).toEqual([0, 1, 41, 3]);
    expect(sig(t, 'bus', 'busy').changes).toEqual([2, 1, 42, 0]);
    expect(sig(t, 'irq', 'line0').changes).toEqual([42, 1]); // interruptLatency 1
    expect(sig(t, 'dma.ch0', 'pending-irq').changes).toEqual([42, 1]);
    expect(t.startCycle).toBe(0);
    expect(t.endCycle).toBe(42);
    expect(t.cut).toBe(false);
  });

  it('demand mode into a tx port: request as driven and as seen, waiting / arbitrating, FIFO level per beat', () => {
    const { t } = txPort();
    // The port requests from cycle 1 (addFifoPort at 0 acts from 1); seen requestLatency 2 later, at 3.
    expect(sig(t, 'request', 'drq2').changes).toEqual([1, 1, 21, 0]);
    expect(sig(t, 'request', 'seen2').changes).toEqual([3, 1, 21, 0]);
    // Waiting from 1, arbitrating at 3, burst 1 reads 4..8 and writes 9..13; the request stays high, so burst 2 goes
    // back to back: reads 14..18, writes 19..23; idle from 24.
    expect(sig(t, 'dma.ch0', 'phase').changes).toEqual([1, 1, 3, 2, 4, 3, 9, 4, 14, 3, 19, 4, 24, 0]);
    // Beats into the FIFO at 10..13 and 20..23; the device (restarted at 10 by the first element) sends one at 20:
    // at 20 the tick's pop and the beat's push leave the level at 4 (the value at the end of each cycle).
    expect(sig(t, 'port.tx', 'level').changes).toEqual([10, 1, 11, 2, 12, 3, 13, 4, 21, 5, 22, 6, 23, 7]);
    // Free space 3 < watermark 4 after the beat at 21: the request falls, seen at once.
    expect(sig(t, 'dma.ch0', 'tc').changes).toEqual([23, 1, 24, 0]);
    expect(sig(t, 'bus', 'owner').initial).toBe(0);
  });

  it('a flushed burst keeps the bus to its end but its remaining beats and phases are withdrawn', () => {
    const sim = new Simulator({});
    sim.addMemory({ base: 0x1000, size: 0x10000, writeWait: 20 });
    sim.trace.start();
    sim.dma.programMemoryToMemory({ channel: 0, source: 0x1000, destination: 0x5000, length: 16, width: 4 });
    sim.runFor(10); // burst from 2: reads 2..6, writes from 7, beats at 28, 49, 70, 91
    sim.dma.flushChannel(0);
    sim.runFor(200);
    const t = sim.trace.stop();
    expect(sig(t, 'dma.ch0', 'phase').changes).toEqual([1, 2, 2, 3, 7, 4, 11, 0]);
    expect(sig(t, 'dma.ch0', 'beat').changes).toEqual([3, 1, 7, 0]);
    expect(sig(t, 'bus', 'busy').changes).toEqual([2, 1, 92, 0]); // the burst still occupies the bus to its end (91)
  });

  it('is off by default and costs no records; stop freezes it', () => {
    const sim = new Simulator({});
    sim.addMemory({ base: 0x1000, size: 0x10000 });
    expect(sim.trace.recording).toBe(false);
    expect(sim.trace.info.started).toBe(false);
    expect(() => sim.trace.stop()).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    sim.trace.start();
    sim.runFor(10);
    const t1 = sim.trace.stop();
    sim.dma.programMemoryToMemory({ channel: 0, source: 0x1000, destination: 0x5000, length: 64, width: 4 });
    sim.runFor(100);
    const t2 = sim.trace.read();
    expect(t2).toEqual(t1);
    expect(t1.endCycle).toBe(10);
    expect(sig(t1, 'dma.ch0', 'phase').changes).toEqual([]);
  });
});

describe('hardware trace options', () => {
  it('groups filter what is recorded', () => {
    const { t } = m2m({ groups: ['bus'] });
    expect(new Set(t.signals.map((s) => s.scope))).toEqual(new Set(['bus']));
    expect(t.groups).toEqual(['bus']);
  });

  it('a cycle trigger starts the window there: earlier changes fold into the initial values', () => {
    const { t } = m2m({ start: 20 });
    expect(t.startCycle).toBe(20);
    expect(t.triggerCycle).toBe(20);
    const phase = sig(t, 'dma.ch0', 'phase');
    expect(phase.initial).toBe(4); // writing: burst 2 reads from 12, writes from 17; burst 3 reads from 22
    expect(phase.changes.slice(0, 2)).toEqual([22, 3]);
  });

  it('an event trigger starts at the first such engine event (terminal count at 41)', () => {
    const { t } = m2m({ start: 'terminal-count' });
    expect(t.triggerCycle).toBe(41);
    expect(sig(t, 'dma.ch0', 'tc').initial).toBe(0);
    expect(sig(t, 'dma.ch0', 'tc').changes).toEqual([41, 1, 42, 0]);
    expect(sig(t, 'dma.ch0', 'phase').initial).toBe(4); // writing the last burst
  });

  it('a trigger that never fires shows nothing after the start', () => {
    const { t } = m2m({ start: { event: 'channel-error' } });
    expect(t.triggerCycle).toBeNull();
    expect(t.signals.every((s) => s.changes.length === 0)).toBe(true);
  });

  it('a ring keeps the last N cycles', () => {
    const { t } = m2m({ ring: 10 });
    expect(t.startCycle).toBe(42 + 1 - 10);
    expect(sig(t, 'dma.ch0', 'phase').changes).toEqual([37, 4, 42, 0]);
  });

  it('the cap cuts a trace and says at which cycle; with a ring it drops the oldest history instead', () => {
    const cut = m2m({ cap: 16 }).t;
    expect(cut.cut).toBe(true);
    expect(cut.cutCycle).toBeGreaterThan(0);
    expect(cut.endCycle).toBe(cut.cutCycle! - 1);
    expect(cut.signals.every((s) => s.changes.every((v, i) => i % 2 === 1 || v <= cut.endCycle))).toBe(true);
    const ring = m2m({ cap: 16, ring: 1000 }).t;
    expect(ring.cut).toBe(false);
    expect(ring.historyDropped).toBe(true);
    expect(ring.startCycle).toBeGreaterThan(0);
    expect(ring.endCycle).toBe(42);
  });

  it('bad options are coded errors naming the option', () => {
    const sim = new Simulator({});
    expect(() => sim.trace.start({ groups: ['bus', 'nope'] })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringContaining('"trace.groups[1]"') }));
    expect(() => sim.trace.start({ groups: [] })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(() => sim.trace.start({ cap: 0 })).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE', message: expect.stringContaining('"trace.cap"') }));
    expect(() => sim.trace.start({ cap: 2 ** 27 })).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => sim.trace.start({ ring: -1 })).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE', message: expect.stringContaining('"trace.ring"') }));
    expect(() => sim.trace.start({ start: 'EvtProgramDma' })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringContaining('"trace.start"') }));
    expect(() => sim.trace.start({ start: { event: 'irq', source: -2 } })).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => sim.trace.start({ start: {} as never })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(sim.trace.recording).toBe(false);
    sim.dispose();
    expect(() => sim.trace.start()).toThrow(expect.objectContaining({ code: 'ERR_SIMULATOR_DISPOSED' }));
  });
});
