// Layer 50 — device FIFO ports and demand mode (TIMING.md rule 5, native/core/port_types.h): a port paces a
// demand-mode channel (the cycle of every request and completion of a small case, derived by hand below), an rx
// overrun when the controller is starved, the idle timeout flushing a partial FIFO, device interrupts, W1C status.
import { describe, it, expect } from 'vitest';
import { PORT_IRQ, PORT_STATUS, Simulator } from '../../lib/index.js';
import { noise, ofKind, runAll, socWithRam } from './_support.js';

describe('demand mode paced by a tx port', () => {
  it('every request edge and the completion, cycle by cycle', () => {
    const sim = socWithRam();
    const data = noise(16);
    sim.poke(0x100, data);
    const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 4, depth: 4, rate: 10,
      requestLine: 0, watermark: 2, dmaEnable: false });
    expect(sim.dma.configureChannel(0, 5, 2)).toBe(0); // burst length 2 = the port's watermark
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0x100, length: 16 }], deviceAddress: tx.address,
      direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
    sim.runUntil(100);
    tx.setDmaEnable(true); // a register write at 100: effective from 101
    const run = runAll(sim, 400);
    // 101: free space 4 >= watermark 2 -> raw request rises; seen at 101 + requestLatency 2 = 103.
    // 103: arbitration (bus idle, 1). Burst 1: read setup 104, beats 105 106; write setup 107, beats 108 109.
    //      The transmitter restarts at the first element written (E = 108), pops at 118, 128, 138, 148.
    // 109: level 2, free 2 >= 2: the request stays high, re-granted at once (arbitrated in 109, no cost).
    // Burst 2: read setup 110, beats 111 112; write setup 113, beats 114 (level 3, free 1 < 2: request falls) 115.
    // 115: last beat written -> terminal count; the controller line rises at 116.
    // 128: the second pop leaves free 2 -> the request rises again (nothing left to move).
    expect(ofKind(run.events, 'request').filter((e) => e.cycle < 400).map((e) => [e.cycle, e.level]))
      .toEqual([[101, 1], [114, 0], [128, 1]]);
    expect(ofKind(run.events, 'terminal-count').map((e) => e.cycle)).toEqual([115]);
    expect(ofKind(run.events, 'irq').filter((e) => e.level === 1).map((e) => e.cycle)).toEqual([116]);
    const st = tx.status;
    expect(st.deviceElements).toBe(4);
    expect(st.highWater).toBe(4); // at 115 (device pops start at 118)
    expect(tx.readTx()).toEqual(data);
  });
});

describe('request rule single', () => {
  it('each request moves one beat: four 4-cycle services back to back', () => {
    const sim = socWithRam();
    const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 4, depth: 4, rate: 100,
      requestLine: 0, watermark: 1, requestRule: 'single', dmaEnable: false });
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 16 }], deviceAddress: tx.address,
      direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
    sim.runUntil(100);
    tx.setDmaEnable(true);
    const run = runAll(sim, 150);
    // request rises 101, seen 103, arbitration 103; services of 1 beat, (1 + 1) + (1 + 1) = 4 cycles each:
    // 104..107, 108..111, 112..115, 116..119 (element 4 at 119 fills the FIFO: free 0 < 1, the request falls);
    // terminal count 119, line 120. The first pop is at 107 + 100 = 207.
    expect(ofKind(run.events, 'request').map((e) => [e.cycle, e.level])).toEqual([[101, 1], [119, 0]]);
    expect(ofKind(run.events, 'terminal-count').map((e) => e.cycle)).toEqual([119]);
    expect(tx.status).toMatchObject({ level: 4, deviceElements: 0, dmaOverflows: 0 });
  });
});

describe('demand mode paced by an rx port', () => {
  it('the request at the watermark, one burst, the completion', () => {
    const sim = socWithRam();
    const rx = sim.addFifoPort({ address: 0x20000, direction: 'rx', elementWidth: 4, depth: 8, rate: 10,
      requestLine: 3, watermark: 4, dmaEnable: true, pattern: [0x11, 0x22, 0x33, 0x44, 0x55] });
    sim.dma.programChannel({ channel: 2, requestLine: 3, sg: [{ address: 0x400, length: 16 }], deviceAddress: rx.address,
      direction: 'device-to-memory', width: 4, demandMode: true, loop: false });
    const run = runAll(sim, 100);
    // Device epoch E = 0 (added at 0): elements at 10, 20, 30, 40. Level 4 at 40 -> request rises at 40, seen 42.
    // 42 arbitration; read setup 43, beats 44..47 (44 leaves level 3 < 4: the request falls);
    // write setup 48, beats 49..52 -> terminal count 52, line at 53. The burst emptied the FIFO at 47; elements
    // 5..8 arrive at 50, 60, 70, 80 -> level 4 again at 80: the request rises (the channel is done by then).
    expect(ofKind(run.events, 'request').map((e) => [e.cycle, e.level])).toEqual([[40, 1], [44, 0], [80, 1]]);
    expect(ofKind(run.events, 'terminal-count').map((e) => e.cycle)).toEqual([52]);
    expect(ofKind(run.events, 'irq').find((e) => e.level === 1)?.cycle).toBe(53);
    // Element k = bytes 4k..4k+3 of the repeated 5-byte pattern.
    const expected = Array.from({ length: 16 }, (_, i) => [0x11, 0x22, 0x33, 0x44, 0x55][i % 5]);
    expect([...sim.peek(0x400, 16)]).toEqual(expected);
    expect(rx.status.level).toBe(6); // elements at 50, 60, 70, 80, 90, 100 since the burst emptied it
  });
});

describe('an overrun when the controller is starved', () => {
  it('a higher-priority m2m hogs the bus; the rx FIFO overruns every 10 cycles from 50', () => {
    const sim = socWithRam();
    const rx = sim.addFifoPort({ address: 0x20000, direction: 'rx', elementWidth: 4, depth: 4, rate: 10,
      requestLine: 1, watermark: 1, dmaEnable: true, interrupt: { line: 5, mask: PORT_IRQ.OVERRUN } });
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x8000, length: 4096, width: 4 });
    sim.dma.programChannel({ channel: 1, requestLine: 1, sg: [{ address: 0x4000, length: 64 }], deviceAddress: rx.address,
      direction: 'device-to-memory', width: 4, demandMode: true, loop: false });
    // Channel 0 (fixed priority) holds the bus from 2 to 1 + 256 x 10 = 2561, re-granted at every boundary.
    // Elements at 10, 20, 30, 40 fill the depth-4 FIFO; the one at 50 is lost: overrun 1, the device line 5 rises.
    const first = sim.runUntil(3000);
    expect(first).toMatchObject({ cycle: 50, stoppedBy: 'interrupt' });
    expect(first.events.filter((e) => e.kind === 'overrun' || (e.kind === 'irq' && e.line === 5)))
      .toEqual([{ kind: 'overrun', cycle: 50, port: 0, count: 1 }, { kind: 'irq', cycle: 50, line: 5, level: 1 }]);
    expect(sim.interruptLineLevel(5)).toBe(true);
    expect(rx.status).toMatchObject({ level: 4, highWater: 4, status: PORT_STATUS.OVERRUN, overruns: 1, deviceElements: 5 });
    rx.clearStatus(PORT_STATUS.OVERRUN); // write-one-to-clear: the line falls
    sim.runUntil(55);
    expect(sim.interruptLineLevel(5)).toBe(false);
    expect(rx.status.status).toBe(0);
    expect(rx.status.overruns).toBe(1); // counters are not status bits
    // With the device interrupt masked off, run on to 2561: elements 5..256 all lost -> 252 overruns.
    rx.setInterrupt(null);
    const run = runAll(sim, 2561);
    expect(ofKind(run.events, 'terminal-count').map((e) => [e.channel, e.cycle])).toEqual([[0, 2561]]);
    expect(rx.status.overruns).toBe(252);
    expect(rx.status.status & PORT_STATUS.OVERRUN).toBe(PORT_STATUS.OVERRUN);
  });
});

describe('the idle timeout flushes a partial rx FIFO', () => {
  it('3 pushed bytes below a watermark of 4 move after the timeout, as one 3-beat burst', () => {
    const sim = socWithRam();
    const rx = sim.addFifoPort({ address: 0x20000, direction: 'rx', elementWidth: 1, depth: 8, rate: 10,
      requestLine: 0, watermark: 4, dmaEnable: true, rxSource: 'pushed', idleTimeout: 50 });
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0x300, length: 3 }], deviceAddress: rx.address,
      direction: 'device-to-memory', width: 1, demandMode: true, loop: false });
    rx.push([7, 8, 9]); // at 0: E = 0, elements at 10, 20, 30; then the line is idle
    const run = runAll(sim, 200);
    // Level 3 < 4: no request. 30 + 50 = 80: the flush is armed (idle-timeout event), the request rises at 80,
    // seen at 82; 82 arbitration; read setup 83, beats 84 85 86 (86 empties the FIFO: request falls);
    // write setup 87, beats 88 89 90 -> terminal count at 90, line at 91.
    expect(ofKind(run.events, 'idle-timeout')).toEqual([{ kind: 'idle-timeout', cycle: 80, port: 0, level: 3 }]);
    expect(ofKind(run.events, 'request').map((e) => [e.cycle, e.level])).toEqual([[80, 1], [86, 0]]);
    expect(ofKind(run.events, 'terminal-count').map((e) => e.cycle)).toEqual([90]);
    expect([...sim.peek(0x300, 3)]).toEqual([7, 8, 9]);
    expect(rx.status).toMatchObject({ level: 0, flushArmed: false, rxPendingBytes: 0 });
  });
});

describe('port settings and faults', () => {
  it('the device interrupt on level: rx raises at level >= threshold, with no latency', () => {
    const sim = new Simulator();
    const rx = sim.addFifoPort({ address: 0x100, direction: 'rx', rate: 5, depth: 16,
      interrupt: { line: 9, mask: PORT_IRQ.LEVEL, threshold: 3 } });
    // elements at 5, 10, 15: level 3 at 15
    expect(sim.runUntil(100)).toMatchObject({ cycle: 15, stoppedBy: 'interrupt' });
    expect(rx.status.interruptAsserted).toBe(true);
  });

  it('an injected error at element k raises the error flag and the ERROR status bit', () => {
    const sim = new Simulator();
    const rx = sim.addFifoPort({ address: 0x100, direction: 'rx', rate: 4, depth: 16,
      interrupt: { line: 2, mask: PORT_IRQ.ERROR } });
    rx.injectError(2); // the third element, at 12
    const r = sim.runUntil(100);
    expect(r).toMatchObject({ cycle: 12, stoppedBy: 'interrupt' });
    expect(ofKind(r.events, 'port-error')).toEqual([{ kind: 'port-error', cycle: 12, port: 0, element: 2 }]);
    expect(rx.status).toMatchObject({ errors: 1, status: PORT_STATUS.ERROR });
  });

  it('an injected stall delays element k and every later one', () => {
    const sim = new Simulator();
    const rx = sim.addFifoPort({ address: 0x100, direction: 'rx', rate: 10, depth: 64 });
    rx.injectStall(3, 25); // element index 3 (the 4th, due at 40) and later: +25
    sim.runUntil(64);
    expect(rx.status.deviceElements).toBe(3); // 10, 20, 30; the 4th moves to 65
    sim.runUntil(65);
    expect(rx.status.deviceElements).toBe(4);
  });

  it('a DMA read of an empty rx FIFO is a DMA underflow (reads as zero), not an exception', () => {
    const sim = socWithRam();
    const rx = sim.addFifoPort({ address: 0x20000, direction: 'rx', elementWidth: 4, depth: 4, deviceEnable: false });
    sim.poke(0x500, [1, 2, 3, 4, 5, 6, 7, 8]);
    // Not demand mode: the channel runs at once and reads the empty FIFO twice.
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0x500, length: 8 }], deviceAddress: rx.address,
      direction: 'device-to-memory', width: 4, demandMode: false, loop: false });
    const run = runAll(sim, 100);
    expect(ofKind(run.events, 'dma-underflow').map((e) => e.count)).toEqual([1, 2]);
    expect([...sim.peek(0x500, 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rx.status.status).toBe(PORT_STATUS.DMA_UNDERFLOW);
  });

  it('a program whose width differs from the port element is refused', () => {
    const sim = socWithRam();
    const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 4 });
    expect(() => sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 8 }], deviceAddress: tx.address,
      direction: 'memory-to-device', width: 2, demandMode: false, loop: false }))
      .toThrow(expect.objectContaining({ code: 'ERR_WIDTH_MISMATCH' }));
  });
});
