// Layer 52 — FifoPort.setIdleTimeout (native/core/port_types.h "Idle timeout"): a register write at t acts from t+1;
// the countdown always runs from the last element's arrival; an armed flush stays armed until the FIFO is empty.
// Rig: 3 pushed bytes (rate 10, so arrivals at 10, 20, 30) below a watermark of 4, a 3-byte demand-mode transfer.
// When the flush arms at f: request rises at f, seen f+2 (requestLatency), arbitration f+2, read setup f+3, beats
// f+4..f+6 (f+6 empties the FIFO: the request falls), write setup f+7, beats f+8..f+10: terminal count f+10, line f+11.
import { describe, it, expect } from 'vitest';
import { Simulator } from '../../lib/index.js';
import { ofKind, runAll, socWithRam } from './_support.js';

function rig(idleTimeout: number, program = true) {
  const sim = socWithRam();
  const rx = sim.addFifoPort({ address: 0x20000, direction: 'rx', elementWidth: 1, depth: 8, rate: 10,
    requestLine: 0, watermark: 4, dmaEnable: true, rxSource: 'pushed', idleTimeout });
  if (program) {
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0x300, length: 3 }], deviceAddress: rx.address,
      direction: 'device-to-memory', width: 1, demandMode: true, loop: false });
  }
  rx.push([7, 8, 9]); // at 0: E = 0, elements at 10, 20, 30; then the source is dry
  return { sim, rx };
}

function flushAt(run: ReturnType<typeof runAll>, f: number) {
  expect(ofKind(run.events, 'idle-timeout')).toEqual([{ kind: 'idle-timeout', cycle: f, port: 0, level: 3 }]);
  expect(ofKind(run.events, 'request').map((e) => [e.cycle, e.level])).toEqual([[f, 1], [f + 6, 0]]);
  expect(ofKind(run.events, 'terminal-count').map((e) => e.cycle)).toEqual([f + 10]);
  expect(ofKind(run.events, 'irq').filter((e) => e.level === 1).map((e) => e.cycle)).toEqual([f + 11]);
}

describe('FifoPort.setIdleTimeout', () => {
  it('from off, with the FIFO aging since 30: a timeout already elapsed (30 + 20 <= 60) arms the flush at 61', () => {
    const { sim, rx } = rig(0);
    expect(runAll(sim, 60).events.filter((e) => e.kind === 'idle-timeout')).toEqual([]);
    expect(rx.status).toMatchObject({ level: 3, flushArmed: false, requestAsserted: false });
    rx.setIdleTimeout(20); // at 60
    const run = runAll(sim, 300);
    flushAt(run, 61);
    expect([...sim.peek(0x300, 3)]).toEqual([7, 8, 9]);
  });

  it('from off, a timeout not yet elapsed ends at the last arrival + the new length (30 + 100 = 130)', () => {
    const { sim, rx } = rig(0);
    runAll(sim, 60);
    rx.setIdleTimeout(100);
    flushAt(runAll(sim, 300), 130);
  });

  it('lengthening a running countdown (50 -> 100 at 40): the deadline moves from 80 to 130', () => {
    const { sim, rx } = rig(50);
    runAll(sim, 40);
    rx.setIdleTimeout(100);
    flushAt(runAll(sim, 300), 130);
  });

  it('shortening a running countdown (50 -> 20 at 40): the deadline moves from 80 to 50', () => {
    const { sim, rx } = rig(50);
    runAll(sim, 40);
    rx.setIdleTimeout(20);
    flushAt(runAll(sim, 300), 50);
  });

  it('0 drops a running countdown; setting it again later arms at once (t + 1)', () => {
    const { sim, rx } = rig(50);
    runAll(sim, 40);
    rx.setIdleTimeout(0);
    const quiet = runAll(sim, 1000);
    expect(ofKind(quiet.events, 'idle-timeout')).toEqual([]);
    expect(rx.status).toMatchObject({ level: 3, flushArmed: false });
    rx.setIdleTimeout(10); // 30 + 10 long past: arms at 1001
    flushAt(runAll(sim, 1300), 1001);
  });

  it('an armed flush stays armed (and keeps requesting) when the timeout is turned off', () => {
    const { sim, rx } = rig(50, false);
    const armed = runAll(sim, 100);
    expect(ofKind(armed.events, 'idle-timeout').map((e) => e.cycle)).toEqual([80]);
    rx.setIdleTimeout(0); // at 100
    runAll(sim, 200);
    expect(rx.status).toMatchObject({ level: 3, flushArmed: true, requestAsserted: true });
    // The channel programmed at 200 runs from 201 and sees the request at once (risen at 80): arbitration 201,
    // read setup 202, beats 203 204 205 (the FIFO is empty: flush disarmed, request falls), write setup 206,
    // beats 207 208 209: terminal count at 209.
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0x300, length: 3 }], deviceAddress: rx.address,
      direction: 'device-to-memory', width: 1, demandMode: true, loop: false });
    const run = runAll(sim, 400);
    expect(ofKind(run.events, 'request').map((e) => [e.cycle, e.level])).toEqual([[205, 0]]);
    expect(ofKind(run.events, 'terminal-count').map((e) => e.cycle)).toEqual([209]);
    expect(rx.status).toMatchObject({ level: 0, flushArmed: false });
  });

  it('with an empty FIFO the next arrival starts a countdown of the new length', () => {
    const sim = socWithRam();
    const rx = sim.addFifoPort({ address: 0x20000, direction: 'rx', elementWidth: 1, depth: 8, rate: 10,
      requestLine: 0, watermark: 4, dmaEnable: true, rxSource: 'pushed' });
    sim.runUntil(5);
    rx.setIdleTimeout(25); // at 5, FIFO empty
    // At 5 the device (E = 0) has not found its source dry yet (its first tick is at 10), so it keeps its clock:
    // arrivals at 10, 20 -> deadline 20 + 25 = 45.
    rx.push([1, 2]);
    const run = runAll(sim, 100);
    expect(ofKind(run.events, 'idle-timeout')).toEqual([{ kind: 'idle-timeout', cycle: 45, port: 0, level: 2 }]);
    expect(ofKind(run.events, 'request').map((e) => [e.cycle, e.level])).toEqual([[45, 1]]);
  });

  it('rejects tx ports and bad values with coded errors', () => {
    const sim = new Simulator();
    const tx = sim.addFifoPort({ address: 0x100, direction: 'tx' });
    const rx = sim.addFifoPort({ address: 0x200, direction: 'rx' });
    expect(() => tx.setIdleTimeout(10)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(() => rx.setIdleTimeout(-1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => rx.setIdleTimeout(2 ** 53)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => rx.setIdleTimeout(1.5)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    rx.setIdleTimeout(Number.MAX_SAFE_INTEGER);
    sim.dispose();
  });
});
