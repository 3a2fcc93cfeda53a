// Unit tests of the SPI master model against the real engine (no driver): the register block, TC as a W1C status
// bit and the line, the DMA-enable gates reaching the request lines, the frame end (MISO switched off in the TC
// cycle, so no byte that was not clocked is received), TXCNT, and an exact byte clock. Facts used: a byte is
// clockHz · 8 / sckHz cycles (32 at 25 MHz); SPE set at P shifts MOSI byte j out at P + 32j and puts MISO byte j in
// the RX FIFO at P + 32j + 1; a register write at t acts on a port from t + 1 (docs/timing.md "Counting").
import { afterEach, describe, expect, it } from 'vitest';
import { SPI0 } from '../../board.js';
import { DeviceBench } from '../../device-bench.js';
import { Spi, type SpiOptions } from './spi.js';
import * as R from './spi-regs.js';

let bench: DeviceBench<Spi> | null = null;
function makeBench(options: Partial<SpiOptions> = {}): DeviceBench<Spi> {
  const spi = new Spi({
    base: SPI0.base, txRequestLine: SPI0.txLine, rxRequestLine: SPI0.rxLine, interruptLine: SPI0.irq, ...options,
  });
  bench = new DeviceBench(spi, SPI0.base, 0x1000);
  return bench;
}
afterEach(() => {
  bench?.dispose();
  bench = null;
});

const RAM = 0x8000_0000; // the bench kernel's system RAM (nothing else is allocated in it)

/** Puts `bytes` (at most 4: one burst) in the TX FIFO through a real demand-mode DMA channel; the write burst lands
 *  within 13 cycles of TXDMAE (request t+1, seen t+3, read t+4..t+8, write t+9..t+13), well inside the 50 run. */
function fillTx(b: DeviceBench<Spi>, bytes: number[]): void {
  b.kernel.sim.poke(RAM, bytes);
  b.kernel.sim.dma.programChannel({
    channel: SPI0.txChannel, requestLine: SPI0.txLine, sg: [{ address: RAM, length: bytes.length }],
    deviceAddress: SPI0.base + R.SPI_TXDR, direction: 'memory-to-device', width: 1, demandMode: true, loop: false,
  });
  b.write(R.SPI_DMACR, R.DMACR_TXDMAE);
  b.runUntil(b.cycle + 50);
  b.write(R.SPI_DMACR, 0);
}

describe('spi device model', () => {
  it('registers read back their fields; SR/TXCNT/FR are live', () => {
    const b = makeBench();
    b.write(R.SPI_DMACR, 0xffff_ffff);
    expect(b.read(R.SPI_DMACR)).toBe(R.DMACR_RXDMAE | R.DMACR_TXDMAE);
    b.write(R.SPI_IMSC, 0xffff_ffff);
    expect(b.read(R.SPI_IMSC)).toBe(R.INT_TC);
    b.write(R.SPI_CR, 0xffff_ffff);
    expect(b.read(R.SPI_CR)).toBe(R.CR_SPE);
    expect(b.read(R.SPI_SR)).toBe(0);
    expect(b.read(R.SPI_TXCNT)).toBe(0);
    expect(b.read(R.SPI_FR)).toBe(0);
  });

  it('TXDMAE / RXDMAE gate the request lines from the write + 1', () => {
    const b = makeBench();
    b.model.slaveAnswers([1, 2, 3]);
    b.runUntil(10);
    b.write(R.SPI_DMACR, R.DMACR_TXDMAE); // an empty MOSI FIFO: 16 free ≥ watermark 8
    expect(b.requestLevel(SPI0.txLine)).toBe(false);
    b.runUntil(11);
    expect(b.requestLevel(SPI0.txLine)).toBe(true);
    expect(b.requestLevel(SPI0.rxLine)).toBe(false); // MISO empty (SPE off), and its gate is closed
    b.write(R.SPI_DMACR, R.DMACR_RXDMAE);
    b.runUntil(12);
    expect(b.requestLevel(SPI0.txLine)).toBe(false);
    expect(b.requestLevel(SPI0.rxLine)).toBe(false); // gate open, but no MISO byte yet (watermark 1)
    expect(b.cyclesOf('request')).toEqual([11, 12]);
  });

  it('a 4-byte frame: MOSI bytes at P + 32j, MISO at P + 32j + 1, TC at P + 160 stops MISO in that cycle', () => {
    const b = makeBench();
    fillTx(b, [0xa1, 0xa2, 0xa3, 0xa4]);
    expect(b.model.tx.level).toBe(4);
    b.model.slaveAnswers([0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58]); // more than the frame clocks
    b.write(R.SPI_IMSC, R.INT_TC);
    const P = b.cycle;
    b.write(R.SPI_CR, R.CR_SPE);
    b.runUntil(P + 128 - 1);
    expect(b.read(R.SPI_TXCNT)).toBe(3);
    b.runUntil(P + 128);
    expect(b.read(R.SPI_TXCNT)).toBe(4);
    expect((b.read(R.SPI_FR) >> R.FR_RXLEVEL_SHIFT) & R.FR_LEVEL_MASK).toBe(3); // MISO byte 4 lands at P + 129
    b.runUntil(P + 1_000);
    // The boundary after byte 4 (P + 160) finds the MOSI FIFO empty: TC, the SPI line rises in that cycle, and MISO
    // is off before its 5th byte (P + 161): exactly 4 received, 4 still with the slave.
    expect(b.cyclesOf('underrun')[0]).toBe(P + 160);
    expect(b.cyclesOf('irq', (e) => e.line === SPI0.irq && e.level === 1)).toEqual([P + 160]);
    expect(b.read(R.SPI_SR)).toBe(R.INT_TC);
    expect(b.model.rx.level).toBe(4);
    expect(b.model.rx.status.rxPendingBytes).toBe(4);
    expect(Array.from(b.model.sent())).toEqual([0xa1, 0xa2, 0xa3, 0xa4]);
    // TC is sticky (the free-running clock underruns at every boundary) and write-one-to-clear; SPE off stops it.
    b.write(R.SPI_CR, 0);
    b.write(R.SPI_ICR, 0);
    b.runUntil(b.cycle + 1);
    expect(b.read(R.SPI_SR)).toBe(R.INT_TC);
    b.write(R.SPI_ICR, R.INT_TC);
    const t = b.cycle;
    b.runUntil(t + 1);
    expect(b.read(R.SPI_SR)).toBe(0);
    expect(b.lineLevel(SPI0.irq)).toBe(false);
  });

  it('TC masked: SR.TC is set but the SPI line stays low', () => {
    const b = makeBench();
    const P = b.cycle;
    b.write(R.SPI_CR, R.CR_SPE); // nothing to send: the first boundary, P + 32, is TC
    b.runUntil(P + 100);
    expect(b.read(R.SPI_SR)).toBe(R.INT_TC);
    expect(b.lineLevel(SPI0.irq)).toBe(false);
    b.write(R.SPI_IMSC, R.INT_TC);
    b.runUntil(P + 101);
    expect(b.lineLevel(SPI0.irq)).toBe(true);
  });

  it('a non-integer byte time is exact: 30 MHz SCK = 80/3 cycles, MOSI byte j at P + floor(80j / 3)', () => {
    const b = makeBench({ sckHz: 30_000_000 });
    expect(b.model.byteTime).toEqual({ numerator: 80, denominator: 3 });
    fillTx(b, [1, 2, 3, 4]);
    const P = b.cycle;
    b.write(R.SPI_CR, R.CR_SPE);
    b.runUntil(P + 80 - 1); // byte 3 at P + 80
    expect(b.read(R.SPI_TXCNT)).toBe(2);
    b.runUntil(P + 80);
    expect(b.read(R.SPI_TXCNT)).toBe(3);
    b.runUntil(P + 200);
    expect(b.cyclesOf('underrun')[0]).toBe(P + Math.floor((5 * 80) / 3)); // the 5th boundary, 133
  });
});
