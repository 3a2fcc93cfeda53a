// Layer 90 — data integrity and exact rates: the bytes arriving at the destination equal the source for every
// width, burst and alignment tested (memory-to-memory across 1 KiB boundaries, memory -> tx port -> sink over a
// multi-element SG list, rx pattern -> memory), nothing outside the destination is touched, and a fractional
// port rate does not drift over millions of elements (element k at epoch + floor(k x num / den), port_types.h).
import { describe, it, expect } from 'vitest';
import { numberToRational, toRational, Simulator } from '../../lib/index.js';
import { noise, ofKind, runAll, socWithRam } from './_support.js';

describe('memory-to-memory', () => {
  const widths = [1, 2, 4, 8] as const;
  for (const width of widths) {
    it(`width ${width}: every burst 1..4, source/destination offsets around a 1 KiB boundary`, () => {
      const offsets = [0, width, 0x400 - 3 * width];
      for (let burst = 1; burst <= 4; burst++) {
        for (const so of offsets) {
          for (const dof of offsets) {
            const sim = socWithRam(0x10000);
            const src = noise(0x1000, width * 1000 + burst * 100 + so + dof);
            sim.poke(0, src);
            const length = 37 * width;
            const source = 0x800 + so;
            const destination = 0x4000 + dof;
            sim.dma.programMemoryToMemory({ channel: 3, source, destination, length, width, burst });
            const run = runAll(sim, 100_000);
            expect(ofKind(run.events, 'terminal-count').map((e) => e.bytes)).toEqual([length]);
            const ram = sim.regions[0]!.bytes;
            expect(ram.subarray(destination, destination + length)).toEqual(src.subarray(source, source + length));
            // guard bytes either side of the destination were never written
            expect(ram[destination - 1]).toBe(0);
            expect(ram[destination + length]).toBe(0);
          }
        }
      }
    });
  }
});

describe('through device ports', () => {
  for (const width of [1, 2, 4, 8] as const) {
    it(`width ${width}: a 3-element SG list into a tx port arrives at the sink in order`, () => {
      const sim = socWithRam();
      const data = noise(0x1000, width);
      sim.poke(0, data);
      const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: width, depth: 8, rate: 3,
        requestLine: 0, watermark: 4, dmaEnable: true });
      const sg = [{ address: 0x100, length: 5 * width }, { address: 0x3f0 - width, length: 11 * width }, { address: 0x800, length: 4 * width }];
      sim.dma.programChannel({ channel: 0, requestLine: 0, sg, deviceAddress: tx.address, direction: 'memory-to-device',
        width, demandMode: true, loop: false });
      runAll(sim, 10_000);
      const expected = new Uint8Array(sg.flatMap((e) => [...data.subarray(e.address, e.address + e.length)]));
      expect(tx.readTx()).toEqual(expected);
      expect(tx.status).toMatchObject({ dmaOverflows: 0, underruns: 0 });
    });

    it(`width ${width}: an rx pattern arrives in memory across two SG elements`, () => {
      const sim = socWithRam();
      const pattern = noise(7, width + 50);
      const rx = sim.addFifoPort({ address: 0x20000, direction: 'rx', elementWidth: width, depth: 16, rate: 5,
        requestLine: 2, watermark: 4, dmaEnable: true, pattern });
      sim.dma.programChannel({ channel: 1, requestLine: 2, sg: [{ address: 0x1000, length: 8 * width }, { address: 0x3000, length: 8 * width }],
        deviceAddress: rx.address, direction: 'device-to-memory', width, demandMode: true, loop: false });
      runAll(sim, 10_000);
      const stream = Array.from({ length: 16 * width }, (_, i) => pattern[i % 7]);
      expect([...sim.peek(0x1000, 8 * width), ...sim.peek(0x3000, 8 * width)]).toEqual(stream);
      expect(rx.status.dmaUnderflows).toBe(0); // (overruns after the transfer ended are expected: nobody reads)
    });
  }
});

describe('exact fractional rates', () => {
  it('a number becomes the first continued-fraction convergent that is that number', () => {
    expect(numberToRational(2.5)).toEqual({ numerator: 5, denominator: 2 });
    expect(numberToRational(1.1)).toEqual({ numerator: 11, denominator: 10 });
    expect(numberToRational((100e6 * 10) / 115200)).toEqual({ numerator: 78125, denominator: 9 });
    expect(numberToRational(4 / 3)).toEqual({ numerator: 4, denominator: 3 });
    expect(toRational({ numerator: 10, denominator: 4 })).toEqual({ numerator: 5, denominator: 2 });
    expect(() => toRational(0.5)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => toRational(NaN)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  });

  it('a UART at 115,200 baud on a 100 MHz bus (78125/9 cycles per character) has not drifted after 3 million', () => {
    const sim = new Simulator();
    const rx = sim.addFifoPort({ address: 0x100, direction: 'rx', rate: (100e6 * 10) / 115200, depth: 16 });
    expect(rx.rate).toEqual({ numerator: 78125, denominator: 9 });
    // element k at floor(k x 78125 / 9): k = 3,000,000 -> floor(26,041,666,666.67) = 26,041,666,666
    sim.runUntil(26_041_666_665, { discardEvents: true });
    expect(rx.status.deviceElements).toBe(2_999_999);
    sim.runUntil(26_041_666_666, { discardEvents: true });
    expect(rx.status.deviceElements).toBe(3_000_000);
    // k = 3,000,001 -> floor(26,041,675,347.2) = 26,041,675,347
    sim.runUntil(26_041_675_346, { discardEvents: true });
    expect(rx.status.deviceElements).toBe(3_000_000);
    sim.runUntil(26_041_675_347, { discardEvents: true });
    expect(rx.status.deviceElements).toBe(3_000_001);
    expect(rx.status.overruns).toBe(3_000_001 - 16); // nobody reads it: all but the first 16 were lost
  });
});
