// Layer 70 — cancel and faults (TIMING.md rule 7, engine.h cancelTransfer, issue 3 item 6): cancel lets the burst in
// progress finish and then stops; a bus error ends the burst at the faulting beat and stops the channel in its
// error state with an error interrupt. Faults are state and events, never exceptions.
import { describe, it, expect } from 'vitest';
import { CONFIGURE_FUNCTION } from '../../lib/index.js';
import { noise, ofKind, runAll, socWithRam } from './_support.js';

function m2m1k() {
  const sim = socWithRam();
  const data = noise(1024);
  sim.poke(0, data);
  sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x8000, length: 1024, width: 4 });
  return { sim, data };
}

describe('cancelTransfer', () => {
  it('mid-burst: the burst (2..11) finishes, the channel stops at 11, cancelled interrupt at 12', () => {
    const { sim, data } = m2m1k();
    sim.runUntil(5);
    expect(sim.dma.cancelTransfer(0)).toBe(true);
    const r = sim.runUntil(1000);
    expect(r).toMatchObject({ cycle: 12, stoppedBy: 'interrupt' });
    expect(r.events.filter((e) => e.kind === 'channel-state').map((e) => [e.cycle, e.kind === 'channel-state' && e.state]))
      .toEqual([[5, 'stopping'], [11, 'cancelled']]);
    expect(ofKind(r.events, 'channel-interrupt')).toEqual([{ kind: 'channel-interrupt', cycle: 12, channel: 0, type: 'cancelled' }]);
    expect(sim.dma.readDmaCounter(0)).toBe(1008);
    expect(sim.peek(0x8000, 16)).toEqual(data.subarray(0, 16));
    expect(sim.peek(0x8010, 16)).toEqual(new Uint8Array(16));
    expect(sim.dma.handleInterrupt()).toEqual({ channel: 0, type: 'cancelled' });
    expect(sim.dma.handleInterrupt()).toBeNull();
  });

  it('with no burst in progress (a demand channel waiting): stops at t + 1, interrupt at t + 2', () => {
    const sim = socWithRam();
    const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 4, requestLine: 0, dmaEnable: false });
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 64 }], deviceAddress: tx.address,
      direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
    sim.runUntil(50);
    expect(sim.dma.cancelTransfer(0)).toBe(true);
    const r = sim.runUntil(1000);
    expect(r).toMatchObject({ cycle: 52, stoppedBy: 'interrupt' });
    expect(ofKind(r.events, 'channel-state').map((e) => [e.cycle, e.state])).toEqual([[50, 'stopping'], [51, 'cancelled']]);
    expect(sim.dma.readDmaCounter(0)).toBe(64);
  });

  it('returns false on an idle or completed channel, with no effect', () => {
    const { sim } = m2m1k();
    expect(sim.dma.cancelTransfer(3)).toBe(false);
    runAll(sim, 700, false);
    expect(sim.dma.channelStatus(0).state).toBe('done');
    expect(sim.dma.cancelTransfer(0)).toBe(false);
    expect(sim.dma.handleInterrupt()).toEqual({ channel: 0, type: 'completion' });
  });

  it('returns false while an interrupt is pending, but the channel still stops after its burst', () => {
    const sim = socWithRam();
    expect(sim.dma.configureChannel(0, CONFIGURE_FUNCTION.SET_NOTIFICATION_THRESHOLD, 16)).toBe(0);
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 40 }], deviceAddress: 0x8000,
      direction: 'memory-to-device', width: 4, demandMode: false, loop: true });
    // the first notification at 11 is visible at 12; the second burst was granted for 12..21
    expect(sim.runUntil(100)).toMatchObject({ cycle: 12, stoppedBy: 'interrupt' });
    expect(sim.dma.cancelTransfer(0)).toBe(false);
    runAll(sim, 100, false);
    expect(sim.dma.channelStatus(0)).toMatchObject({ state: 'cancelled', bytesWritten: 32 });
    expect(sim.dma.readDmaCounter(0)).toBe(8);
    expect(sim.dma.handleInterrupt()).toEqual({ channel: 0, type: 'completion' });
    expect(sim.dma.handleInterrupt()).toBeNull();
  });
});

describe('bus errors', () => {
  it('a fault on a read beat: the third burst (22..) ends at its faulting beat 25, error interrupt at 26', () => {
    const { sim, data } = m2m1k();
    sim.injectBusFault(40); // read beats of burst 3: 23 (32), 24 (36), 25 (40: fault)
    const r = sim.runUntil(1000);
    expect(r).toMatchObject({ cycle: 26, stoppedBy: 'interrupt' });
    expect(ofKind(r.events, 'channel-error')).toEqual([{ kind: 'channel-error', cycle: 25, channel: 0, address: 40, injected: true }]);
    expect(sim.dma.channelStatus(0)).toMatchObject({ state: 'error', errorAddress: 40, bytesWritten: 32 });
    expect(sim.dma.readDmaCounter(0)).toBe(992);
    expect(sim.peek(0x8000, 32)).toEqual(data.subarray(0, 32));
    expect(sim.peek(0x8020, 16)).toEqual(new Uint8Array(16));
    expect(sim.dma.handleInterrupt()).toEqual({ channel: 0, type: 'error' });
  });

  it('a fault on a write beat: beats before it are written; write setup 27, beats 28, 29 (fault)', () => {
    const { sim, data } = m2m1k();
    sim.injectBusFault(0x8024);
    const r = sim.runUntil(1000);
    expect(ofKind(r.events, 'channel-error').map((e) => [e.cycle, e.address])).toEqual([[29, 0x8024]]);
    expect(r.cycle).toBe(30);
    expect(sim.dma.readDmaCounter(0)).toBe(1024 - 36);
    expect(sim.peek(0x8000, 36)).toEqual(data.subarray(0, 36));
    expect(sim.peek(0x8024, 4)).toEqual(new Uint8Array(4));
  });

  it('an errored channel is programmable again after flushChannel; faults can be cleared', () => {
    const { sim } = m2m1k();
    sim.injectBusFault(40);
    runAll(sim, 100);
    sim.clearBusFaults();
    sim.dma.flushChannel(0);
    expect(sim.dma.channelStatus(0).state).toBe('idle');
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x8000, length: 64, width: 4 });
    const start = sim.cycle;
    expect(ofKind(runAll(sim, start + 100).events, 'terminal-count')[0]?.cycle).toBe(start + 41);
  });
});
