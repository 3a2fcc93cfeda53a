// Unit tests of the I2S receiver model against the real engine (no driver): the register block (FCR range-checked,
// read-only AGE/FMT), SR.OVR sticky and write-one-to-clear, CR_DMAEN gating the request line, the IER conditions
// (EMPTY, OVR) on the line, the aging flush, the test signal, and the exact frame clock. Facts used: 48 kHz on a
// 100 MHz bus → 6250/3 cycles per frame; receiver on at E → frame k enters the FIFO at E + floor(k · 6250 / 3); a
// register write at t acts on the port from t + 1 (docs/timing.md "Counting"); 32 frames of FIFO, watermark 16.
import { afterEach, describe, expect, it } from 'vitest';
import { I2S0 } from '../../board.js';
import { DeviceBench } from '../../device-bench.js';
import { I2sReceiver, signalBytes } from './i2s.js';
import * as R from './i2s-regs.js';

const frame = (E: number, k: number) => E + Math.floor((k * 6250) / 3);

let bench: DeviceBench<I2sReceiver> | null = null;
function makeBench(): DeviceBench<I2sReceiver> {
  bench = new DeviceBench(new I2sReceiver({ base: I2S0.base, rxRequestLine: I2S0.rxLine, interruptLine: I2S0.irq }), I2S0.base, 0x1000);
  return bench;
}
afterEach(() => {
  bench?.dispose();
  bench = null;
});

const level = (b: DeviceBench<I2sReceiver>) => (b.read(R.I2S_SR) >> R.SR_LEVEL_SHIFT) & R.SR_LEVEL_MASK;

describe('i2s receiver device model', () => {
  it('registers: FCR takes 1..depth only, IER masks, AGE and FMT are read-only', () => {
    const b = makeBench();
    expect(b.read(R.I2S_FCR)).toBe(16);
    b.write(R.I2S_FCR, 8);
    expect(b.read(R.I2S_FCR)).toBe(8);
    b.write(R.I2S_FCR, 0); // out of range: ignored
    b.write(R.I2S_FCR, 33);
    expect(b.read(R.I2S_FCR)).toBe(8);
    b.write(R.I2S_IER, 0xffff_ffff);
    expect(b.read(R.I2S_IER)).toBe(R.IER_EMPTY | R.IER_OVR);
    b.write(R.I2S_CR, 0xffff_ffff);
    expect(b.read(R.I2S_CR)).toBe(R.CR_RXEN | R.CR_DMAEN);
    b.write(R.I2S_AGE, 9);
    expect(b.read(R.I2S_AGE)).toBe(4);
    const fmt = b.read(R.I2S_FMT);
    expect([fmt & R.FMT_RATE_MASK, (fmt >>> R.FMT_CHANNELS_SHIFT) & 0xf, fmt >>> R.FMT_SAMPLE_BYTES_SHIFT]).toEqual([48_000, 2, 2]);
    expect(b.read(R.I2S_SR)).toBe(R.SR_EMPTY);
  });

  it('frames arrive at exactly E + floor(k · 6250/3): 48,000 frames in exactly 100,000,000 cycles', () => {
    const b = makeBench();
    b.write(R.I2S_CR, R.CR_RXEN);
    const E = b.cycle;
    b.runUntil(frame(E, 3) - 1);
    expect(level(b)).toBe(2);
    b.runUntil(frame(E, 3));
    expect(level(b)).toBe(3);
    b.runUntil(E + 100_000_000 - 1);
    expect(b.model.rx.status.deviceElements).toBe(47_999);
    b.runUntil(E + 100_000_000);
    expect(b.model.rx.status.deviceElements).toBe(48_000);
  });

  it('CR_DMAEN gates the request: at the watermark it asserts from the write + 1; FCR moves the watermark', () => {
    const b = makeBench();
    b.write(R.I2S_CR, R.CR_RXEN);
    const E = b.cycle;
    b.runUntil(frame(E, 16));
    expect(b.requestLevel(I2S0.rxLine)).toBe(false);
    const t = b.cycle;
    b.write(R.I2S_CR, R.CR_RXEN | R.CR_DMAEN);
    b.runUntil(t + 1);
    expect(b.requestLevel(I2S0.rxLine)).toBe(true);
    b.write(R.I2S_FCR, 20);
    b.runUntil(t + 2);
    expect(b.requestLevel(I2S0.rxLine)).toBe(false);
    b.runUntil(frame(E, 20)); // the 20th frame reaches the new watermark
    expect(b.cyclesOf('request', (e) => e.line === I2S0.rxLine)).toEqual([t + 1, t + 2, frame(E, 20)]);
  });

  it('a partial FIFO is flushed by aging: 4 frame slots (8,334 cycles) after the last frame, the request asserts', () => {
    const b = makeBench();
    b.write(R.I2S_CR, R.CR_RXEN | R.CR_DMAEN);
    const E = b.cycle;
    b.runUntil(frame(E, 5));
    b.write(R.I2S_CR, R.CR_DMAEN); // receiver off after frame 5 (acts next cycle; frame 6 is 2,083 away)
    b.runUntil(frame(E, 5) + 20_000);
    expect(b.cyclesOf('idle-timeout')).toEqual([frame(E, 5) + 8_334]);
    expect(b.cyclesOf('request', (e) => e.line === I2S0.rxLine)).toEqual([frame(E, 5) + 8_334]);
  });

  it('SR.OVR: the 33rd frame with no DMA is lost; sticky, W1C through ICR, routed to the line by IER_OVR', () => {
    const b = makeBench();
    b.write(R.I2S_IER, R.IER_OVR);
    b.write(R.I2S_CR, R.CR_RXEN);
    const E = b.cycle;
    b.runUntil(frame(E, 33) - 1);
    expect(b.read(R.I2S_SR) & R.SR_OVR).toBe(0);
    b.runUntil(frame(E, 33));
    expect(b.read(R.I2S_SR)).toBe(R.SR_OVR | 32);
    expect(b.lineLevel(I2S0.irq)).toBe(true);
    expect(b.cyclesOf('irq', (e) => e.line === I2S0.irq && e.level === 1)).toEqual([frame(E, 33)]);
    b.write(R.I2S_CR, 0); // stop the receiver so no further frame overruns
    b.write(R.I2S_ICR, R.SR_EMPTY); // not the OVR bit: stays
    b.runUntil(b.cycle + 1);
    expect(b.read(R.I2S_SR) & R.SR_OVR).toBe(R.SR_OVR);
    b.write(R.I2S_ICR, R.SR_OVR);
    const t = b.cycle;
    b.runUntil(t + 1);
    expect(b.read(R.I2S_SR) & R.SR_OVR).toBe(0);
    expect(b.lineLevel(I2S0.irq)).toBe(false);
    expect(b.model.rx.status.overruns).toBe(1);
  });

  it('IER_EMPTY: the line is high while the FIFO is empty (from the write + 1), low once a frame arrives', () => {
    const b = makeBench();
    const t = b.cycle;
    b.write(R.I2S_IER, R.IER_EMPTY);
    b.runUntil(t + 1);
    expect(b.lineLevel(I2S0.irq)).toBe(true);
    b.write(R.I2S_CR, R.CR_RXEN);
    const E = b.cycle;
    b.runUntil(frame(E, 1));
    expect(b.lineLevel(I2S0.irq)).toBe(false);
  });

  it('the FIFO carries the codec signal, frame n = (n, 65535 − n) packed, to memory through a real DMA channel', () => {
    const b = makeBench();
    const RAM = 0x8000_0000; // the bench kernel's system RAM (nothing else is allocated in it)
    b.kernel.sim.dma.programChannel({
      channel: I2S0.rxChannel, requestLine: I2S0.rxLine, sg: [{ address: RAM, length: 12 }],
      deviceAddress: I2S0.base + R.I2S_RXDR, direction: 'device-to-memory', width: 4, demandMode: true, loop: false,
    });
    b.write(R.I2S_FCR, 3);
    b.write(R.I2S_CR, R.CR_RXEN | R.CR_DMAEN);
    const E = b.cycle;
    // Frame 3 brings the FIFO to the watermark: request at c, seen c + 2, a 3-beat read burst c+4..c+6 and write
    // burst c+8..c+10; the memory write lands at c + 10.
    b.runUntil(frame(E, 3) + 9);
    expect(Array.from(b.kernel.sim.peek(RAM, 12))).toEqual(new Array(12).fill(0));
    b.runUntil(frame(E, 3) + 10);
    expect(b.kernel.sim.peek(RAM, 12)).toEqual(signalBytes(0, 12));
    expect(signalBytes(0, 8)).toEqual(Uint8Array.from([0, 0, 0xff, 0xff, 1, 0, 0xfe, 0xff]));
    expect(b.model.rate).toEqual({ numerator: 6250, denominator: 3 });
  });
});
