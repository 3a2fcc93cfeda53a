// Layer 92 — the engine's work counters (Simulator.stats, native/core/engine.h EngineStats): the numbers a benchmark
// reports. Exact where the model fixes them (DMA beats, device elements, records); activities only move forward.
import { describe, it, expect } from 'vitest';
import { Simulator } from '../../lib/index.js';
import { noise, runAll, socWithRam } from './_support.js';

describe('Simulator.stats', () => {
  it('starts at zero', () => {
    const sim = new Simulator();
    expect(sim.stats).toEqual({ activities: 0, records: 0, deviceElements: 0, dmaBeats: 0 });
    sim.dispose();
  });

  it('memory-to-memory 1 KiB (the 641 example): 512 beats, 5 records, then 1 more for the line falling', () => {
    const sim = socWithRam();
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x800, length: 1024, width: 4 });
    // The program's channel-state record is produced at once (delivered by the next run).
    expect(sim.stats.records).toBe(1);
    const r = sim.runUntil(10_000);
    expect(r.stoppedBy).toBe('interrupt');
    expect(r.cycle).toBe(642);
    // channel-state (running), terminal-count, channel-state (done), channel-interrupt, irq 1.
    expect(r.events.map((e) => e.kind)).toEqual(['channel-state', 'terminal-count', 'channel-state', 'channel-interrupt', 'irq']);
    const st = sim.stats;
    expect(st).toMatchObject({ records: 5, deviceElements: 0, dmaBeats: 2 * 256 });
    expect(st.activities).toBeGreaterThan(0);
    expect(sim.dma.handleInterrupt()).toEqual({ channel: 0, type: 'completion' });
    expect(sim.stats.records).toBe(6); // irq 0
    sim.runUntil(20_000);
    expect(sim.stats.records).toBe(6);
    expect(sim.stats.dmaBeats).toBe(512);
    sim.dispose();
  });

  it('device elements are exact between runs, lazy ticks included', () => {
    const sim = socWithRam();
    const rx = sim.addFifoPort({ address: 0x20000, direction: 'rx', depth: 64, rate: 10 });
    sim.runUntil(95);
    expect(sim.stats.deviceElements).toBe(9); // elements at 10, 20, ..., 90
    const a = sim.stats.activities;
    sim.runUntil(100);
    expect(sim.stats.deviceElements).toBe(10);
    expect(rx.status.deviceElements).toBe(10);
    expect(sim.stats.activities).toBeGreaterThanOrEqual(a);
    expect(sim.stats.records).toBe(0);
    sim.dispose();
  });

  it('a demand-mode tx transfer: 4 read + 4 write beats; records equal the events delivered', () => {
    const sim = socWithRam();
    sim.poke(0x100, noise(16));
    const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 4, depth: 4, rate: 10,
      requestLine: 0, watermark: 2, dmaEnable: true });
    expect(sim.dma.configureChannel(0, 5, 2)).toBe(0);
    sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0x100, length: 16 }], deviceAddress: tx.address,
      direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
    const run = runAll(sim, 400);
    const st = sim.stats;
    expect(st.dmaBeats).toBe(8);
    expect(st.deviceElements).toBe(4);
    expect(tx.status.dmaElements).toBe(4);
    // Every record produced was delivered (plus the irq fall made by handleInterrupt at the stop, delivered too).
    expect(st.records).toBe(run.events.length);
    sim.dispose();
  });

  it('counts records also when a run discards them', () => {
    const sim = socWithRam();
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x800, length: 64, width: 4 });
    const r = sim.runUntil(10_000, { discardEvents: true });
    expect(r.events).toEqual([]);
    expect(sim.stats.records).toBe(5);
    sim.dispose();
  });

  it('is ERR_SIMULATOR_DISPOSED after dispose', () => {
    const sim = new Simulator();
    sim.dispose();
    expect(() => sim.stats).toThrow(expect.objectContaining({ code: 'ERR_SIMULATOR_DISPOSED' }));
  });
});
