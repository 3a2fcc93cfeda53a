// The SPI example's suite: completion by the device's TC interrupt (no transfer-complete callback), 64-byte frames
// from WdfDmaTransactionSetMaximumLength, SystemDuplex read and write at once, a short answer ended with
// DmaCompletedWithLength/Final, and a bus error. Cycle derivations (TIMING.md soc defaults, board 16-beat FIFOs,
// isrLatency 40, dpcLatency 100): SPI clock 25 MHz, 8 bits per byte → a byte time of 32 bus cycles. A frame whose
// EvtProgramDma sets SPE at P shifts its byte j out at P + 32j (the MOSI DMA refills 8 bytes within ~22 cycles of
// each request, ahead of the 32-cycle byte clock), so byte 64 leaves at P + 2,048; at the next byte boundary,
// P + 2,080, the TX FIFO is empty: TC (level, no latency) → ISR at P + 2,120 → DPC at P + 2,220, which completes
// the frame and programs the next one there (immediate, in the DPC).
import { describe, expect, it } from 'vitest';
import { STATUS_DEVICE_DATA_ERROR, STATUS_SUCCESS } from 'kmdf-dma-sim/kmdf';
import { createSpiMachine } from './machine.js';

const FRAME = 2_048 + 32 + 40 + 100;

describe('spi example', () => {
  it('duplex: a 256-byte read and write run at once in 64-byte frames; both complete at t0 + 4 × 2,220', () => {
    const m = createSpiMachine();
    const mosi = Uint8Array.from({ length: 256 }, (_, i) => i);
    const miso = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    m.spi.slaveAnswers(miso);
    const t0 = m.host.cycle;
    const [read, write] = m.host.runUntilAllComplete([m.file.read(256), m.file.write(mosi)]);
    // Four frames back to back (each frame's DPC starts the next): the last TC DPC at t0 + 4 × 2,220 = 8,880 ends
    // the MISO transaction (DmaCompletedFinal, the MOSI side is ending) and then the MOSI one (WithLength → TRUE).
    expect(FRAME).toBe(2_220);
    expect(read!.completionCycle).toBe(t0 + 4 * FRAME);
    expect(write!.completionCycle).toBe(t0 + 4 * FRAME);
    expect(read!.status).toBe(STATUS_SUCCESS);
    expect(write!.status).toBe(STATUS_SUCCESS);
    expect(read!.data).toEqual(miso);
    expect(m.spi.sent()).toEqual(mosi);
    const tx = m.context.Fragments.filter((f) => f.direction === 1);
    expect(tx.map((f) => f.programmed - t0)).toEqual([0, FRAME, 2 * FRAME, 3 * FRAME]);
    expect(tx.map((f) => f.length)).toEqual([64, 64, 64, 64]);
    expect(m.host.kernel.stats.dma.completions).toEqual({ complete: 0, error: 0, cancelled: 0 }); // no HAL callback
  });

  it('a short answer: the last frame brings 58 of 64 MISO bytes; the read completes with 250 at t0 + 8,880', () => {
    const m = createSpiMachine();
    const answer = Uint8Array.from({ length: 250 }, (_, i) => (i * 3) & 0xff);
    m.spi.slaveAnswers(answer);
    const t0 = m.host.cycle;
    const [read, write] = m.host.runUntilAllComplete([m.file.read(256), m.file.write(new Uint8Array(256))]);
    expect(read!.status).toBe(STATUS_SUCCESS);
    expect(read!.information).toBe(250);
    expect(read!.data).toEqual(answer);
    expect(read!.completionCycle).toBe(t0 + 4 * FRAME);
    expect(write!.information).toBe(256);
    const rx = m.context.Fragments.filter((f) => f.direction === 0);
    expect(rx.map((f) => f.counted)).toEqual([64, 64, 64, 58]);
  });

  it('a bus error at byte 100 of a write ends it with STATUS_DEVICE_DATA_ERROR and 96 bytes, at t0 + 3,916', () => {
    const m = createSpiMachine();
    const t0 = m.host.cycle;
    const data = Uint8Array.from({ length: 256 }, (_, i) => i);
    const write = m.file.write(data);
    // The MOSI DMA has not read anything yet (its first read is ~20 cycles after Execute): fault byte 100's page.
    m.host.kernel.sim.injectBusFault(write.inputBuffer!.physicalAddressOf(100));
    const result = m.host.runUntilComplete(write);
    // Frame 1 (bytes 0..63) ends at t0 + 2,220 and frame 2 starts there. MOSI bursts are 8 bytes (the watermark):
    // 64, 72, 80, 88 land; the burst 96..103 faults on its read of byte 100, and a faulting burst ends there without
    // writing (TIMING rule 7), the channel stops in error. So 96 bytes reach the SPI; frame 2's 32 bytes leave by
    // 2,220 + 32 × 32 = 3,244, TC at 3,276, ISR 3,316, DPC 3,416: ReadDmaCounter > 0 and the TX FIFO is empty, so
    // the DPC gives a DMA that might only have fallen behind 5 µs (500 cycles) to refill it. Nothing comes (the
    // channel stopped in error): DmaCompletedFinal(32) at 3,416 + 500 = 3,916.
    expect(result.status).toBe(STATUS_DEVICE_DATA_ERROR);
    expect(result.information).toBe(96);
    expect(m.spi.sent()).toEqual(data.subarray(0, 96));
    expect(result.completionCycle).toBe(t0 + FRAME + 32 * 32 + 32 + 40 + 100 + 500);
  });
});
