// The UART example's behaviour: data in and out, the RX idle timeout, device errors mapped to request statuses,
// cancel of a running write, and full-duplex operation. Cycles are derived as in timing.test.ts (character k of a
// stream started at P arrives at P + floor(k * 1000 / 3); a completion through the HAL is the stop/last-beat cycle
// + 1 + 40 + 100).
import { describe, expect, it } from 'vitest';
import {
  STATUS_CANCELLED, STATUS_DATA_ERROR, STATUS_DATA_OVERRUN, STATUS_SUCCESS,
} from 'kmdf-dma-sim/kmdf';
import { createUartMachine } from './machine.js';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 17 + seed) & 0xff);

describe('uart example', () => {
  it('transmits a write byte for byte, in 1 KiB fragments, without an underrun', () => {
    const m = createUartMachine();
    const data = bytes(3000);
    const result = m.host.runUntilComplete(m.file.write(data));
    expect(result.status).toBe(STATUS_SUCCESS);
    expect(result.information).toBe(3000);
    expect(m.uart.transmitted()).toEqual(data);
    expect(m.context.Fragments.map((f) => f.length)).toEqual([1024, 1024, 952]);
    expect(m.uart.tx.status.underruns).toBe(0);
  });

  it('a read of 64 received bytes completes at terminal count: t0 + 21,510', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    const sent = bytes(64, 5);
    m.uart.receive(sent);
    const result = m.host.runUntilComplete(m.file.read(64));
    // Character 64 arrives at floor(64000 / 3) = 21,333, the fourth refill's last beat is 21,333 + 36 = 21,369
    // (terminal count), and the HAL completion DPC calls DmaCompleted → TRUE at 21,369 + 141 = 21,510.
    expect(result.completionCycle).toBe(t0 + 21_510);
    expect(result.status).toBe(STATUS_SUCCESS);
    expect(result.data).toEqual(sent);
  });

  it('the RX idle timeout ends a read with the 20 bytes that came: STATUS_SUCCESS at t0 + 12,142', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    const sent = bytes(20, 9);
    m.uart.receive(sent);
    const result = m.host.runUntilComplete(m.file.read(64));
    // Characters 1..16 are moved by the refill after character 16 (5,333). Character 20 arrives at 6,666; four quiet
    // character times later (ceil(4000 / 3) = 1,334 cycles, at 8,000) the UART flushes the remaining 4. The driver's
    // idle poll runs every 20 us (2,000 cycles): at 10,000 it sees 20 bytes (16 before), at 12,000 still 20 with an
    // empty FIFO, so it stops the transfer; the stop takes effect at 12,001, the Cancelled interrupt rises at
    // 12,002, ISR 12,042, DPC 12,142: DmaCompletedFinal(20) and the read completes with what it has.
    expect(result.completionCycle).toBe(t0 + 12_142);
    expect(result.status).toBe(STATUS_SUCCESS);
    expect(result.data).toEqual(sent);
  });

  it('a framing error ends the running read with STATUS_DATA_ERROR and the 32 bytes in memory', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    m.uart.injectFramingError(40);
    const sent = bytes(64, 3);
    m.uart.receive(sent);
    const result = m.host.runUntilComplete(m.file.read(64));
    // Character index 40 (the 41st) arrives at floor(41000 / 3) = 13,666 with FE set: the UART line rises, the ISR
    // runs at 13,706 and the DPC at 13,806 stops the read (two refills, 32 bytes, are in memory; 9 wait in the FIFO);
    // stop + 1, line + 1, ISR + 40, DPC + 100 → 13,948.
    expect(result.status).toBe(STATUS_DATA_ERROR);
    expect(result.information).toBe(32);
    expect(result.data).toEqual(sent.subarray(0, 32));
    expect(result.completionCycle).toBe(t0 + 13_948);
  });

  it('an overrun while nobody reads fails the next read with STATUS_DATA_OVERRUN; the FIFO keeps its 32 bytes', () => {
    const m = createUartMachine();
    const sent = bytes(40, 11);
    m.uart.receive(sent);
    m.host.runUntil(m.host.cycle + 20_000); // all 40 have arrived; characters 33..40 found the FIFO full
    expect(m.uart.rx.status.overruns).toBe(8);
    const failed = m.host.runUntilComplete(m.file.read(64));
    expect(failed.status).toBe(STATUS_DATA_OVERRUN);
    expect(failed.information).toBe(0);
    const next = m.host.runUntilComplete(m.file.read(64));
    expect(next.status).toBe(STATUS_SUCCESS);
    expect(next.data).toEqual(sent.subarray(0, 32));
  });

  it('a cancelled write stops the DMA, drains the FIFO and reports the bytes that went out', () => {
    const m = createUartMachine();
    const data = bytes(4096, 2);
    const write = m.file.write(data);
    m.host.runUntil(m.host.cycle + 100_000);
    expect(write.cancel()).toBe(true);
    const result = m.host.runUntilComplete(write);
    expect(result.status).toBe(STATUS_CANCELLED);
    const out = m.uart.transmitted();
    expect(out.length).toBe(result.information);
    expect(out).toEqual(data.subarray(0, result.information));
    // 100,000 cycles = 300 characters sent; the FIFO held up to 32 more, so 320 (the DMA moves whole trigger levels).
    expect(result.information).toBe(320);
    expect(m.uart.tx.level).toBe(0);
    expect(m.uart.tx.status.underruns).toBe(0);
  });

  it('reads and writes run at once; a second write waits in the write queue and starts when the first completes', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    const sent = bytes(48, 4);
    m.uart.receive(sent);
    const read = m.file.read(48);
    const first = bytes(512, 6);
    const second = bytes(8, 1);
    const write = m.file.write(first);
    const queued = m.file.write(second);
    expect(queued.completed).toBe(false); // held by the sequential write queue, not refused
    const [r, w, q] = m.host.runUntilAllComplete([read, write, queued]);
    expect(r!.data).toEqual(sent);
    expect(w!.information).toBe(512);
    expect(r!.completionCycle).toBeLessThan(w!.completionCycle);
    // The first write ends when character 512 has left: t0 + floor(512000 / 3) + 40 + 100 = t0 + 170,806. Its
    // completion (in the TXE DPC) lets the write queue present the second write there, whose EvtProgramDma starts
    // the character clock at once: its 8th character leaves at + floor(8000 / 3) = 2,666, TXE → + 140.
    expect(w!.completionCycle).toBe(t0 + 170_666 + 140);
    expect(q!.status).toBe(STATUS_SUCCESS);
    expect(q!.completionCycle).toBe(t0 + 170_806 + 2_666 + 140);
    expect(m.uart.transmitted()).toEqual(Uint8Array.from([...first, ...second]));
  });
});
