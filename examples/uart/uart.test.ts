// The UART example's behaviour: data in and out, the receive timeout (INT_RT), device errors mapped to request statuses,
// cancel of a running write, and full-duplex operation. Cycles are derived as in timing.test.ts (character k of a
// stream started at P arrives at P + floor(k * 1000 / 3); a completion through the HAL is the stop/last-beat cycle
// + 1 + 40 + 100).
import { describe, expect, it } from 'vitest';
import {
  STATUS_CANCELLED, STATUS_DATA_ERROR, STATUS_DATA_OVERRUN, STATUS_SUCCESS,
} from 'kmdf-dma-sim/kmdf';
import { createUartMachine } from './machine.js';
import { traceOnFailure } from 'kmdf-dma-sim/vitest';

// Every machine a test below builds is traced; a failing test leaves its VCD, trace-event JSON and timeline in
// test-results/traces/ and names them in its failure message (docs/tracing.md).
traceOnFailure();

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

  it('the receive timeout ends a read with the 20 bytes that came: STATUS_SUCCESS at t0 + 8,282', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    const sent = bytes(20, 9);
    m.uart.receive(sent);
    const result = m.host.runUntilComplete(m.file.read(64));
    // Characters 1..16 are moved by the refill after character 16 (5,333). Character 20 arrives at 6,666; four quiet
    // character times later (UART_RXTO 4: ceil(4000 / 3) = 1,334 cycles) at 8,000 the UART latches INT_RT and, in
    // the same cycle, its aging flush asks for the 4 characters left (request 8,000, seen 8,002, reads
    // 8,004..8,007, writes 8,009..8,012). The RT line rises at 8,000: ISR 8,040 (acknowledges RT), DPC 8,140 stops
    // the read (StopSystemTransfer, no burst in progress): the channel stops at 8,141, its Cancelled interrupt rises
    // at 8,142, HAL ISR 8,182, DPC 8,282: DmaCompletedFinal(20). (Before the receive-timeout interrupt existed a WDF
    // timer polled ReadDmaCounter every 2,000 cycles and ended this read at 12,142: the poll at 12,000 was the first
    // to see 20 bytes twice.)
    expect(result.completionCycle).toBe(t0 + 8_282);
    expect(result.status).toBe(STATUS_SUCCESS);
    expect(result.data).toEqual(sent);
    expect(m.uart.receiveTimeouts).toEqual([t0 + 8_000]);
  });

  it('a read of exactly the 20 that came: terminal count (t0 + 8,153) wins over the receive timeout\'s stop', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    const sent = bytes(20, 9);
    m.uart.receive(sent);
    const result = m.host.runUntilComplete(m.file.read(20));
    // As above, INT_RT and the flush at 8,000; the flush's write burst (8,009..8,012) is the read's last: terminal
    // count at 8,012, controller line 8,013, HAL ISR 8,053, HAL DPC 8,153 → DmaCompleted → TRUE. The RT DPC at 8,140
    // calls StopSystemTransfer on a channel already at terminal count: nothing stops, no Cancelled interrupt, and
    // the read completes from the completion, successfully, with all 20.
    expect(result.completionCycle).toBe(t0 + 8_153);
    expect(result.status).toBe(STATUS_SUCCESS);
    expect(result.data).toEqual(sent);
    expect(m.uart.receiveTimeouts).toEqual([t0 + 8_000]);
    expect(m.host.kernel.stats.dma.completions).toEqual({ complete: 1, error: 0, cancelled: 0 });
  });

  it('the same race with the HAL delivering DmaCancelled late: the read still completes at t0 + 8,153 and the late DmaCancelled (t0 + 8,280) is ignored', () => {
    const m = createUartMachine({ dma: { lateCancellation: {} } });
    const t0 = m.host.cycle;
    const sent = bytes(20, 9);
    m.uart.receive(sent);
    const read = m.file.read(20);
    const result = m.host.runUntilComplete(read);
    // As above: terminal count completes the read at 8,153. The RT DPC's StopSystemTransfer at 8,140 found the
    // transfer still mapped (its completion was on its way), so this HAL answers the stop itself 140 cycles later
    // (isrLatency + dpcLatency): DmaCancelled at 8,280, after the transaction was released. The driver's guard
    // (UART_CHANNEL.Active) ignores it; without it, DmaCompletedFinal on a Released transaction bug checks
    // (test/kmdf/late-completion.test.ts).
    expect(result.completionCycle).toBe(t0 + 8_153);
    expect(result.data).toEqual(sent);
    m.host.runUntil(t0 + 9_000);
    expect(m.host.kernel.stats.dma.lateCancellations).toBe(1);
    expect(m.host.kernel.stats.dma.completions).toEqual({ complete: 1, error: 0, cancelled: 1 });
    // The next read runs as usual on the same transaction.
    m.uart.receive(bytes(16, 2));
    expect(m.host.runUntilComplete(m.file.read(16)).data).toEqual(bytes(16, 2));
  });

  it('the receive timeout also ends a read whose FIFO the DMA already emptied: 32 bytes at t0 + 12,282', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    const sent = bytes(32, 7);
    m.uart.receive(sent);
    const flushes: number[] = [];
    m.host.kernel.onSimEvent((e) => {
      if (e.kind === 'idle-timeout') flushes.push(e.cycle);
    });
    const result = m.host.runUntilComplete(m.file.read(64));
    // Character 32 arrives at floor(32000 / 3) = 10,666 and its refill empties the FIFO (last beat 10,702), so the
    // aging flush never arms (nothing to flush) — but the line is quiet all the same: INT_RT at 10,666 + 1,334 =
    // 12,000, then as above + 282 → 12,282.
    expect(result.completionCycle).toBe(t0 + 12_282);
    expect(result.information).toBe(32);
    expect(result.data).toEqual(sent);
    expect(flushes).toEqual([]);
  });

  it('UART_RXTO is the driver\'s: RxIdleCharacters 8 moves the timeout (and the flush) to t0 + 9,333', () => {
    const m = createUartMachine({ parameters: { RxIdleCharacters: 8 } });
    const t0 = m.host.cycle;
    const sent = bytes(20, 9);
    m.uart.receive(sent);
    const flushes: number[] = [];
    m.host.kernel.onSimEvent((e) => {
      if (e.kind === 'idle-timeout') flushes.push(e.cycle);
    });
    const result = m.host.runUntilComplete(m.file.read(64));
    // D0Entry wrote UART_RXTO = 8: ceil(8000 / 3) = 2,667 cycles after character 20 (6,666) → 9,333 for both the
    // port's flush (FifoPort.setIdleTimeout) and INT_RT; the read completes 282 later.
    expect(flushes).toEqual([t0 + 9_333]);
    expect(m.uart.receiveTimeouts).toEqual([t0 + 9_333]);
    expect(result.completionCycle).toBe(t0 + 9_333 + 282);
    expect(result.data).toEqual(sent);
  });

  it('characters that went quiet before the read: the latched timeout ends the read with them at once (+282)', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    const sent = bytes(10, 3);
    m.uart.receive(sent);
    m.host.runUntil(t0 + 10_000); // character 10 at 3,333; INT_RT latched (masked: no read) at 4,667
    expect(m.uart.receiveTimeouts).toEqual([t0 + 4_667]);
    const t1 = m.host.cycle;
    const result = m.host.runUntilComplete(m.file.read(64));
    // The read finds RT latched with 10 characters in the FIFO, keeps it and unmasks it: the line rises at t1,
    // ISR t1 + 40, DPC t1 + 140 stops the read; meanwhile RXDMAE (set at t1) let the armed flush move the 10
    // (request t1 + 1, seen t1 + 3, last write t1 + 25). Channel stop t1 + 141 → completion t1 + 282.
    expect(result.completionCycle).toBe(t1 + 282);
    expect(result.data).toEqual(sent);
  });

  it('a timeout latched after an earlier read took everything is stale: the next read clears it and waits', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    m.uart.receive(bytes(64, 5));
    expect(m.host.runUntilComplete(m.file.read(64)).completionCycle).toBe(t0 + 21_510); // terminal count
    m.host.runUntil(t0 + 30_000); // INT_RT latched at 21,333 + 1,334 = 22,667, the FIFO empty
    expect(m.uart.receiveTimeouts).toEqual([t0 + 22_667]);
    const t1 = m.host.cycle;
    const sent = bytes(5, 8);
    m.uart.receive(sent);
    const result = m.host.runUntilComplete(m.file.read(64));
    // Cleared at the read's start (RIS.RT with an empty FIFO), so this read ends on its own timeout: character 5 at
    // t1 + floor(5000 / 3) = t1 + 1,666, RT at t1 + 3,000, completion t1 + 3,282 with the 5 characters — not at
    // t1 + 282 with none.
    expect(result.completionCycle).toBe(t1 + 3_282);
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
