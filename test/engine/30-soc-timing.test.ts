// Layer 30 — the soc profile's cycle rules (TIMING.md "Profile soc", rules 1-4 and 6): the worked example exactly,
// burst lengths, widths, the 1 KiB boundary, short last services, arbitration cost only when the bus was idle.
// Every expected number is derived by hand from TIMING.md in the comment beside it.
import { describe, it, expect } from 'vitest';
import { Simulator } from '../../lib/index.js';
import { ofKind, runAll, socWithRam } from './_support.js';

function m2m(sim: Simulator, source: number, destination: number, length: number, width: 1 | 2 | 4 | 8, burst?: number) {
  sim.dma.programMemoryToMemory({ channel: 0, source, destination, length, width, burst });
  const run = runAll(sim, sim.cycle + 100_000);
  const tc = ofKind(run.events, 'terminal-count');
  const irq = ofKind(run.events, 'irq').find((e) => e.level === 1);
  return { tc: tc[0]?.cycle, irq: irq?.cycle, run };
}

describe('the worked example (TIMING.md): m2m, 32-bit, burst 4, no waits, 1 KiB, bus idle', () => {
  it('last write at +641, interrupt line at +642, the run stops there', () => {
    const sim = socWithRam();
    const src = sim.regions[0]!.bytes;
    for (let i = 0; i < 1024; i++) src[i] = (i * 7 + 1) & 0xff;
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x8000, length: 1024, width: 4, burst: 4 });
    const r = sim.runUntil(5000);
    // 1 (arbitration) + 64 services x ((1 + 4) + (1 + 4)) = 641; the line rises interruptLatency 1 later = 642.
    expect(r.cycle).toBe(642);
    expect(r.stoppedBy).toBe('interrupt');
    expect(r.events).toEqual([
      { kind: 'channel-state', cycle: 0, channel: 0, state: 'running', previous: 'idle' },
      { kind: 'terminal-count', cycle: 641, channel: 0, bytes: 1024 },
      { kind: 'channel-state', cycle: 641, channel: 0, state: 'done', previous: 'running' },
      { kind: 'channel-interrupt', cycle: 642, channel: 0, type: 'completion' },
      { kind: 'irq', cycle: 642, line: 0, level: 1 },
    ]);
    expect(sim.controllerInterruptLevel).toBe(true);
    expect(sim.dma.handleInterrupt()).toEqual({ channel: 0, type: 'completion' });
    expect(sim.dma.handleInterrupt()).toBeNull();
    expect(sim.controllerInterruptLevel).toBe(false);
    expect(sim.peek(0x8000, 1024)).toEqual(src.subarray(0, 1024));
  });

  it('counts from the program call: programmed at cycle 100, +641 / +642', () => {
    const sim = socWithRam();
    sim.runUntil(100);
    const { tc, irq } = m2m(sim, 0, 0x8000, 1024, 4, 4);
    expect(tc).toBe(100 + 641);
    expect(irq).toBe(100 + 642);
  });
});

describe('bursts and widths (rule 3)', () => {
  it('width 8, burst 4, 1 KiB: 1 + 32 x 10 = 321', () => {
    expect(m2m(socWithRam(), 0, 0x8000, 1024, 8, 4).tc).toBe(321);
  });

  it('width 1, burst 4, 1 KiB: 1 + 256 x 10 = 2561', () => {
    expect(m2m(socWithRam(), 0, 0x8000, 1024, 1, 4).tc).toBe(2561);
  });

  it('burst 1, 16 bytes of width 4: 1 + 4 x ((1 + 1) + (1 + 1)) = 17', () => {
    expect(m2m(socWithRam(), 0, 0x8000, 16, 4, 1).tc).toBe(17);
  });

  it('burst 0 means the channel burst length (default 4, SET_BURST_LENGTH changes it)', () => {
    expect(m2m(socWithRam(), 0, 0x8000, 64, 4).tc).toBe(41); // 1 + 4 x 10
    const sim = socWithRam();
    expect(sim.dma.configureChannel(0, 5, 2)).toBe(0);
    expect(m2m(sim, 0, 0x8000, 64, 4).tc).toBe(49); // 1 + 8 x ((1 + 2) + (1 + 2)) = 1 + 48
  });

  it('a burst longer than the channel FIFO is a bad call', () => {
    const sim = socWithRam();
    expect(() => sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x8000, length: 64, width: 4, burst: 5 }))
      .toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  });

  it('the last service of a fragment may be shorter: 24 bytes = 4 + 2 beats, 1 + 10 + 6 = 17', () => {
    expect(m2m(socWithRam(), 0, 0x8000, 24, 4, 4).tc).toBe(17);
  });

  it('a fresh arbitration costs arbitrationCycles when the bus was idle: 3 + 640 = 643', () => {
    expect(m2m(socWithRam(0x10000, { timing: { arbitrationCycles: 3 } }), 0, 0x8000, 1024, 4, 4).tc).toBe(643);
  });

  it('burstSetup 2: 1 + 64 x ((2 + 4) + (2 + 4)) = 769', () => {
    expect(m2m(socWithRam(0x10000, { timing: { burstSetup: 2 } }), 0, 0x8000, 1024, 4, 4).tc).toBe(769);
  });

  it('interruptLatency 5: the line rises 5 cycles after the last write', () => {
    const r = m2m(socWithRam(0x10000, { timing: { interruptLatency: 5 } }), 0, 0x8000, 1024, 4, 4);
    expect([r.tc, r.irq]).toEqual([641, 646]);
  });
});

describe('the 1 KiB boundary (rule 3: a burst never crosses a 1 KiB boundary of a memory address)', () => {
  it('a source 2 beats below a boundary splits the first burst: 1 + (3 + 3) + (3 + 3) = 13', () => {
    // 16 bytes from 0x3f8: beats at 0x3f8, 0x3fc | 0x400, 0x404 -> two bursts of 2 beats.
    expect(m2m(socWithRam(), 0x3f8, 0x8000, 16, 4, 4).tc).toBe(13);
  });

  it('the destination splits it the same way: 13', () => {
    expect(m2m(socWithRam(), 0x100, 0x7f8, 16, 4, 4).tc).toBe(13);
  });

  it('source and destination misaligned differently: 0x3fc / 0x7f8, 16 bytes -> 1, 1, 2 beats: 1 + 4 + 4 + 6 = 15', () => {
    // beat addresses src 0x3fc | 0x400.. ; dst 0x7f8, 0x7fc | 0x800..: first burst 1 beat (src), then the
    // destination is at 0x7fc: 1 beat, then 2 beats. Each burst of n costs (1 + n) + (1 + n).
    expect(m2m(socWithRam(), 0x3fc, 0x7f8, 16, 4, 4).tc).toBe(15);
  });

  it('aligned on the boundary: no split, 1 + 4 x 10 = 41 for 64 bytes at 0x400', () => {
    expect(m2m(socWithRam(), 0x400, 0x8400, 64, 4, 4).tc).toBe(41);
  });
});

describe('back-to-back transfers', () => {
  it('a second transfer after the bus went idle pays arbitration again', () => {
    const sim = socWithRam();
    expect(m2m(sim, 0, 0x8000, 64, 4, 4).tc).toBe(41);
    const start = sim.cycle;
    // the channel is done; a new program at `start` runs from start + 1: 1 + 40
    expect(m2m(sim, 0x100, 0x9000, 64, 4, 4).tc).toBe(start + 41);
  });
});
