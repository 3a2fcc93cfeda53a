// Layer 60 — looped (auto-initialize) transfers and ReadDmaCounter (TIMING.md rule 6, dma_types.h): notifications
// every notificationThreshold bytes and at each wrap, the counter per completed burst for memory destinations and
// per beat for FIFO destinations, and per iteration when looping.
import { describe, it, expect } from 'vitest';
import { CONFIGURE_FUNCTION } from '../../lib/index.js';
import { ofKind, runAll, socWithRam } from './_support.js';

/** Channel 0 loops over 40 bytes at 0x0 into the fixed RAM "register" 0x8000, 4 bytes wide, bursts of 4. */
function loop(threshold: number) {
  const sim = socWithRam();
  expect(sim.dma.configureChannel(0, CONFIGURE_FUNCTION.SET_NOTIFICATION_THRESHOLD, threshold)).toBe(0);
  sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 40 }], deviceAddress: 0x8000,
    direction: 'memory-to-device', width: 4, demandMode: false, loop: true });
  return sim;
}

// Services (program at 0, arbitration at 1), each burst of n beats costing (1 + n) + (1 + n):
//   iteration 1: 2..11 (16 B), 12..21 (32 B), 22..27 (2 beats, 40 B: wrap)
//   iteration 2: 28..37, 38..47, 48..53 (wrap)
describe('looped transfers', () => {
  it('a notification after 16 and 32 bytes, and at the wrap; never a terminal count', () => {
    const sim = loop(16);
    const run = runAll(sim, 53);
    const notes = ofKind(run.events, 'notification');
    expect(notes.filter((n) => n.cycle <= 27).map((n) => [n.cycle, n.bytes, n.wrapped])).toEqual([
      [11, 16, false], [21, 32, false], [27, 40, true],
    ]);
    expect(notes.filter((n) => n.wrapped).map((n) => n.cycle)).toEqual([27, 53]);
    expect(ofKind(run.events, 'terminal-count')).toEqual([]);
    // each notification is a completion interrupt, visible interruptLatency (1) later
    expect(run.handled.slice(0, 3)).toEqual([
      { cycle: 12, channel: 0, type: 'completion' }, { cycle: 22, channel: 0, type: 'completion' },
      { cycle: 28, channel: 0, type: 'completion' },
    ]);
    expect(sim.dma.channelStatus(0)).toMatchObject({ state: 'running', loopIterations: 2, bytesWritten: 80 });
  });

  it('threshold 0: only the wraps notify', () => {
    const run = runAll(loop(0), 60);
    expect(ofKind(run.events, 'notification').map((n) => [n.cycle, n.wrapped])).toEqual([[27, true], [53, true]]);
  });

  it('readDmaCounter counts the current iteration: 40, 24 after a burst, 40 again after the wrap', () => {
    const sim = loop(0);
    const at = (c: number) => (runAll(sim, c), sim.dma.readDmaCounter(0));
    expect(at(10)).toBe(40);
    expect(at(11)).toBe(24);
    expect(at(21)).toBe(8);
    expect(at(27)).toBe(40); // wrapped: nothing of iteration 2 written yet
    expect(at(37)).toBe(24);
  });
});

describe('readDmaCounter mid-transfer', () => {
  it('memory destination: per completed burst (1 KiB m2m)', () => {
    const sim = socWithRam();
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x8000, length: 1024, width: 4 });
    const at = (c: number) => (runAll(sim, c), sim.dma.readDmaCounter(0));
    expect(at(10)).toBe(1024); // first burst 2..11 not complete
    expect(at(11)).toBe(1008);
    expect(at(21)).toBe(992);
    expect(at(331)).toBe(1024 - 33 * 16); // 33 bursts done at 1 + 33 x 10
    expect(at(641)).toBe(0);
  });

  it('FIFO destination: per beat', () => {
    const sim = socWithRam();
    const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 4, depth: 16, rate: 100 });
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 16 }], deviceAddress: tx.address,
      direction: 'memory-to-device', width: 4, demandMode: false, loop: false });
    // arbitration 1; read setup 2, beats 3..6; write setup 7, beats 8, 9, 10, 11.
    const at = (c: number) => (runAll(sim, c), sim.dma.readDmaCounter(0));
    expect([at(7), at(8), at(9), at(10), at(11)]).toEqual([16, 12, 8, 4, 0]);
  });
});
