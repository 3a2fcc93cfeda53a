// Layer 93 — the kernel's hot-path run (Simulator.runSlice / simulatorEventWords, @internal): the same slices, stop cycles
// and records as runUntil, packed as stoppedBy + 4 * records; and a kernel whose engine buffer holds one record
// (every run ends BufferFull first) runs a DMA transfer to the same cycles as one with the default buffer.
import { describe, it, expect } from 'vitest';
import { decodeEvents } from '../../lib/sim/events.js';
import type { SimEvent } from '../../lib/sim/types.js';
import { Kernel } from '../../lib/hal/kernel.js';
import { simulatorEventWords } from '../../lib/sim/simulator.js';
import { socWithRam } from './_support.js';

describe('Simulator.runSlice', () => {
  it('matches runUntil: stop cycle, stop reason and the records, in order', () => {
    const a = socWithRam();
    const b = socWithRam();
    for (const sim of [a, b]) sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x800, length: 1024, width: 4 });
    const ra = a.runUntil(10_000);
    const packed = b.runSlice(10_000);
    const events: SimEvent[] = [];
    decodeEvents(simulatorEventWords(b), Math.floor(packed / 4), events);
    expect(['target', 'interrupt', 'timer'][packed % 4]).toBe(ra.stoppedBy);
    expect(b.cycle).toBe(ra.cycle);
    expect(b.cycle).toBe(642);
    expect(events).toEqual(ra.events);
    expect(b.runSlice(700) % 4).toBe(0);
    expect(b.cycle).toBe(700);
    expect(() => b.runSlice(699)).toThrow(/in the past/);
    a.dispose();
    b.dispose();
  });

  it('a one-record engine buffer gives a kernel the same ISR cycles', () => {
    const isrCycles = (records: number) => {
      const k = new Kernel({ sim: { eventBufferRecords: records } });
      const seen: number[] = [];
      k.interrupts.connect({ line: 5, isr: () => (seen.push(k.cycle), true) });
      const src = k.sim.addInterruptSource(5);
      k.atCycle(100, () => src.raise());
      k.atCycle(300, () => src.lower());
      k.sim.dma.programMemoryToMemory({ channel: 1, source: 0x8000_0000, destination: 0x8000_1000, length: 256, width: 4 });
      k.runUntil(2_000);
      k.dispose();
      return seen;
    };
    const reference = isrCycles(4096);
    expect(reference.length).toBeGreaterThan(0);
    expect(isrCycles(1)).toEqual(reference);
  });
});
