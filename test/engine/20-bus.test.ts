// Layer 20 — the bus and memory (ARCHITECTURE.md "Bus", issue 3 item 2): RAM regions with wait states, overlapping
// and zero-size regions refused, zero-copy views, debug peek/poke that cost no time and never touch devices.
import { describe, it, expect } from 'vitest';
import { Simulator } from '../../lib/index.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('regions', () => {
  it('zero size and overlaps are refused; adjacent regions are fine', () => {
    const sim = new Simulator();
    sim.addMemory({ base: 0x1000, size: 0x1000 });
    expect(() => sim.addMemory({ base: 0x3000, size: 0 })).toThrow(code('ERR_INVALID_ARGUMENT'));
    expect(() => sim.addMemory({ base: 0x1fff, size: 2 })).toThrow(code('ERR_REGION_OVERLAP'));
    expect(() => sim.addMemory({ base: 0x0, size: 0x1001 })).toThrow(code('ERR_REGION_OVERLAP'));
    expect(() => sim.addMemory({ base: 0, size: 2 ** 32 + 1 })).toThrow(code('ERR_OUT_OF_RANGE'));
    expect(() => sim.addFifoPort({ address: 0x1800, direction: 'rx' })).toThrow(code('ERR_REGION_OVERLAP'));
    const below = sim.addMemory({ base: 0x0, size: 0x1000, readWait: 2, writeWait: 3 });
    expect([below.id, below.base, below.end, below.readWait, below.writeWait]).toEqual([1, 0, 0x1000, 2, 3]);
  });

  it('bytes is a zero-copy view: JS writes are what peek sees, poke shows up in the view', () => {
    const sim = new Simulator();
    const ram = sim.addMemory({ base: 0x10000, size: 256 });
    ram.bytes.set([1, 2, 3], 10);
    expect([...sim.peek(0x1000a, 3)]).toEqual([1, 2, 3]);
    sim.poke(0x100ff, [0xaa]);
    expect(ram.bytes[255]).toBe(0xaa);
    expect(ram.bytes).toBe(ram.bytes); // one view per region
  });

  it('peek/poke cost no time, may span adjacent RAM regions, and never touch unmapped space or a port', () => {
    const sim = new Simulator();
    sim.addMemory({ base: 0, size: 16 });
    sim.addMemory({ base: 16, size: 16 });
    sim.addFifoPort({ address: 0x100, direction: 'rx' });
    sim.poke(12, [1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...sim.peek(12, 8)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sim.cycle).toBe(0);
    expect(() => sim.peek(30, 4)).toThrow(code('ERR_UNMAPPED_ADDRESS'));
    expect(() => sim.poke(0x100, [1])).toThrow(code('ERR_NOT_MEMORY'));
    expect(sim.peek(40, 0)).toEqual(new Uint8Array(0));
  });
});

describe('wait states (TIMING.md rule 3: a burst costs burstSetup + n + n x wait)', () => {
  it('readWait 1 on the source and writeWait 2 on the destination: 1409 cycles for 1 KiB', () => {
    const sim = new Simulator();
    sim.addMemory({ base: 0x0000, size: 0x1000, readWait: 1 });
    sim.addMemory({ base: 0x1000, size: 0x1000, writeWait: 2 });
    sim.dma.programMemoryToMemory({ channel: 0, source: 0x0, destination: 0x1000, length: 1024, width: 4, burst: 4 });
    const r = sim.runFor(5000);
    // 1 (arbitration) + 64 x ((1 + 4 + 4x1) + (1 + 4 + 4x2)) = 1 + 64 x 22 = 1409; the line rises at 1410.
    expect(r.events.find((e) => e.kind === 'terminal-count')?.cycle).toBe(1409);
    expect(r).toMatchObject({ cycle: 1410, stoppedBy: 'interrupt' });
  });

  it('waits of the region a beat touches only: a zero-wait destination costs nothing extra', () => {
    const sim = new Simulator();
    sim.addMemory({ base: 0x0000, size: 0x1000, readWait: 0, writeWait: 5 });
    sim.addMemory({ base: 0x1000, size: 0x1000, readWait: 5, writeWait: 0 });
    sim.dma.programMemoryToMemory({ channel: 0, source: 0x0, destination: 0x1000, length: 64, width: 4, burst: 4 });
    // 1 + 4 x ((1 + 4) + (1 + 4)) = 41: the source's writeWait and the destination's readWait never apply.
    expect(sim.runFor(1000).events.find((e) => e.kind === 'terminal-count')?.cycle).toBe(41);
  });
});
