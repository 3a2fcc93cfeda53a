// Layer 35 — two channels contending for the bus (TIMING.md rules 2 and 4): fixed priority (lower channel, or lower
// SET_PRIORITY rank, wins) and round-robin (the first ready channel after the one granted last). Who moves which
// burst when is read from each channel's bytesWritten at timers placed on service boundaries (memory destinations
// are written at the end of each burst). Each service of 4 beats of 4 bytes costs (1 + 4) + (1 + 4) = 10 cycles.
import { describe, it, expect } from 'vitest';
import type { Simulator } from '../../lib/index.js';
import { ofKind, runAll, socWithRam } from './_support.js';

/** bytesWritten of channels 0 and 1 at each of `cycles` (timers stop the run there, the cycle completed). */
function progress(sim: Simulator, cycles: number[]): Record<number, [number, number]> {
  cycles.forEach((c, i) => sim.schedule(c, i));
  const out: Record<number, [number, number]> = {};
  for (const c of cycles) {
    runAll(sim, c);
    out[c] = [sim.dma.channelStatus(0).bytesWritten, sim.dma.channelStatus(1).bytesWritten];
  }
  return out;
}

describe('fixed priority', () => {
  it('both programmed at 0: channel 0 moves both its bursts first, then channel 1', () => {
    const sim = socWithRam();
    sim.dma.programMemoryToMemory({ channel: 1, source: 0x100, destination: 0x9000, length: 32, width: 4 });
    sim.dma.programMemoryToMemory({ channel: 0, source: 0x000, destination: 0x8000, length: 32, width: 4 });
    // arbitration at 1; ch0 bursts 2..11 and 12..21 (re-arbitrated in 11, free); ch1 22..31, 32..41.
    expect(progress(sim, [10, 11, 21, 31, 41])).toEqual({
      10: [0, 0], 11: [16, 0], 21: [32, 0], 31: [32, 16], 41: [32, 32],
    });
  });

  it('SET_PRIORITY ranks override channel numbers: rank 0 on channel 1 beats rank 1 on channel 0', () => {
    const sim = socWithRam();
    expect(sim.dma.configureChannel(0, 6, 1)).toBe(0);
    sim.dma.programMemoryToMemory({ channel: 0, source: 0x000, destination: 0x8000, length: 32, width: 4 });
    sim.dma.programMemoryToMemory({ channel: 1, source: 0x100, destination: 0x9000, length: 32, width: 4 });
    expect(progress(sim, [11, 21, 31, 41])).toEqual({ 11: [0, 16], 21: [0, 32], 31: [16, 32], 41: [32, 32] });
  });

  it('a granted burst is never split: channel 0 arriving mid-burst waits for the boundary, then keeps the bus', () => {
    const sim = socWithRam();
    sim.dma.programMemoryToMemory({ channel: 1, source: 0x100, destination: 0x9000, length: 32, width: 4 });
    sim.runUntil(5);
    sim.dma.programMemoryToMemory({ channel: 0, source: 0x000, destination: 0x8000, length: 32, width: 4 });
    // ch1: arbitration 1, burst 2..11. ch0 ready from 6; at the boundary (arbitrated in 11) ch0 wins:
    // 12..21, 22..31 (terminal count 31); ch1's second burst 32..41.
    const run = runAll(sim, 100);
    const tc = ofKind(run.events, 'terminal-count').map((e) => [e.channel, e.cycle]);
    expect(tc).toEqual([[0, 31], [1, 41]]);
  });
});

describe('round-robin', () => {
  it('the same arrival alternates: ch1, ch0, ch1, ch0', () => {
    const sim = socWithRam(0x10000, { timing: { priority: 'round-robin' } });
    sim.dma.programMemoryToMemory({ channel: 1, source: 0x100, destination: 0x9000, length: 32, width: 4 });
    sim.runUntil(5);
    sim.dma.programMemoryToMemory({ channel: 0, source: 0x000, destination: 0x8000, length: 32, width: 4 });
    // ch1 2..11 (granted last: ch1) -> first ready after ch1 in channel order, wrapping: ch0 12..21 -> ch1 22..31
    // (terminal count 31) -> ch0 32..41 (terminal count 41).
    expect(progress(sim, [11, 21, 31, 41])).toEqual({ 11: [0, 16], 21: [16, 16], 31: [16, 32], 41: [32, 32] });
  });

  it('three channels take turns in channel-number order after the last grant', () => {
    const sim = socWithRam(0x10000, { timing: { priority: 'round-robin' } });
    sim.dma.programMemoryToMemory({ channel: 5, source: 0x500, destination: 0xd000, length: 32, width: 4 });
    sim.runUntil(3);
    sim.dma.programMemoryToMemory({ channel: 2, source: 0x200, destination: 0xa000, length: 32, width: 4 });
    sim.dma.programMemoryToMemory({ channel: 7, source: 0x700, destination: 0xf000, length: 32, width: 4 });
    // ch5 2..11; after 5: 7 (12..21); after 7 wrap: 2 (22..31); after 2: 5 (32..41, tc); 7 (42..51, tc); 2 (52..61, tc)
    const run = runAll(sim, 200);
    expect(ofKind(run.events, 'terminal-count').map((e) => [e.channel, e.cycle])).toEqual([[5, 41], [7, 51], [2, 61]]);
  });
});
