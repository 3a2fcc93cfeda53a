// Exact cycles of the SerCx2 ring example. The board: 100 MHz bus, 3 Mbaud 8N1 (a character every 1,000/3 cycles:
// character k of a stream that started at P arrives — or, on TX, has left — at P + floor(1,000k / 3)), 16-character
// trigger levels, 16-byte controller watermark, isrLatency 40, dpcLatency 100, WDFTIMERs on a 1-cycle tick
// (1 µs = 100 cycles: the 50 µs progress timer is 5,000 cycles, SerCx2's 1 ms time-outs 100,000). A 16-byte refill
// burst: the request is seen 2 cycles after it rises, arbitration takes 1, then a 16-beat read burst (1 + 16) and a
// 16-beat write burst (1 + 16): its last beat is 36 cycles after the request (examples/uart/timing.test.ts). The RX
// request rises when the RX FIFO holds 16 characters, so bytes reach the ring 16 at a time, 36 cycles after character
// 16j arrives. A completion through the HAL: the controller line rises 1 cycle after the last beat or the stop, the
// HAL ISR runs 40 later and its DPC 100 after that (+141, or +142 from a stop request, which stops a channel that
// waits for its request at +1). A custom read is completed by the driver itself: SerCx2's stop (time-out, cancel) is
// the request's cancel routine, which completes it in the same cycle.
import { describe, expect, it } from 'vitest';
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import { createSerCx2RingMachine } from './machine.js';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 17 + seed) & 0xff);
const at = (log: string[], what: string) => Number(log.find((l) => l.startsWith(`${what}@`))?.split('@')[1] ?? NaN);

describe('SerCx2 ring timing: receive', () => {
  it('a read of 64 received bytes completes at t0 + 25,000: the first progress tick after the last refill', () => {
    const m = createSerCx2RingMachine();
    const t0 = m.host.cycle;
    m.uart.receive(bytes(64, 5));
    const res = m.host.runUntilComplete(m.port.read(64));
    // EvtSerCx2CustomReceiveTransactionStart at t0 finds the ring empty and starts the progress timer: ticks at
    // t0 + 5,000 k. Character 64 arrives at floor(64,000 / 3) = 21,333, the fourth refill's last beat lands at
    // 21,333 + 36 = 21,369; the tick at 25,000 copies the 64 bytes and completes the read.
    expect(res.completionCycle).toBe(t0 + 25_000);
    expect(res.data).toEqual(bytes(64, 5));
  });

  it('with a 10 µs progress timer the same read completes at t0 + 22,000', () => {
    const m = createSerCx2RingMachine({ parameters: { ProgressMicroseconds: 10 } });
    const t0 = m.host.cycle;
    m.uart.receive(bytes(64, 5));
    const res = m.host.runUntilComplete(m.port.read(64));
    // Ticks at t0 + 1,000 k; the first after 21,369 is 22,000.
    expect(res.completionCycle).toBe(t0 + 22_000);
  });

  it('a read of 10,000 bytes across two ring wraps completes at t0 + 3,335,000', () => {
    const m = createSerCx2RingMachine();
    const t0 = m.host.cycle;
    m.uart.receive(bytes(10_000, 5));
    const res = m.host.runUntilComplete(m.port.read(10_000));
    // Character 10,000 (= 625 × 16, the end of a refill) arrives at floor(10,000,000 / 3) = 3,333,333 and lands at
    // 3,333,369; the next tick is 3,335,000. The half-ring notifications (after 2,048, 4,096, 6,144, 8,192 bytes) only
    // read the position in between.
    expect(res.completionCycle).toBe(t0 + 3_335_000);
    expect(res.data).toEqual(bytes(10_000, 5));
  });

  it('interval time-out of 1 ms after 20 bytes: new data at t0 + 10,000, STATUS_TIMEOUT at t0 + 210,000', () => {
    const m = createSerCx2RingMachine();
    m.host.runUntilComplete(m.port.setTimeouts({ ReadIntervalTimeout: 1 }));
    const t0 = m.host.cycle;
    m.uart.receive(bytes(20, 9));
    const res = m.host.runUntilComplete(m.port.read(64));
    // SerCx2 enables the new-data notification at the start (t0). The first 16 bytes land at 5,333 + 36 = 5,369 and
    // the last 4 by the aging flush at t0 + 8,012, so the tick at 5,000 finds nothing and the one at 10,000 copies all
    // 20 and fires SerCx2CustomReceiveTransactionNewDataNotification. SerCx2's interval timer starts there: its query at
    // 110,000 is answered "bytes transferred" (the copy at 10,000), the one at 210,000 "no progress": the time-out
    // cancels the request and the cancel routine completes it at once with the 20.
    expect(at(m.context.Log, 'NewDataNotification')).toBe(t0 + 10_000);
    expect([res.status, res.completionCycle, res.data]).toEqual([W.STATUS_TIMEOUT, t0 + 210_000, bytes(20, 9)]);
  });

  it('total time-out of 2 ms after 20 bytes: STATUS_TIMEOUT at t0 + 200,000', () => {
    const m = createSerCx2RingMachine();
    m.host.runUntilComplete(m.port.setTimeouts({ ReadTotalTimeoutConstant: 2 }));
    const t0 = m.host.cycle;
    m.uart.receive(bytes(20, 9));
    const res = m.host.runUntilComplete(m.port.read(64));
    // The total timer starts with the transaction at t0 and fires at 200,000; the cancel completes the read there.
    expect([res.status, res.completionCycle, res.information]).toEqual([W.STATUS_TIMEOUT, t0 + 200_000, 20]);
  });

  it('an empty read cancelled at t0 + 50,000 completes in that cycle', () => {
    const m = createSerCx2RingMachine();
    const t0 = m.host.cycle;
    const read = m.port.read(64);
    m.host.runUntil(t0 + 50_000);
    read.cancel();
    const res = m.host.runUntilComplete(read);
    expect([res.status, res.completionCycle]).toEqual([W.STATUS_CANCELLED, t0 + 50_000]);
  });

  it('close stops the loop: RingStopped 142 cycles after EvtSerCx2FileClose', () => {
    const m = createSerCx2RingMachine();
    m.host.runFor(1_000);
    const t0 = m.host.cycle;
    m.port.close();
    m.host.runFor(1_000);
    // The loop waits for its request (nothing received): the stop takes effect at +1, the HAL's DPC runs at +142.
    expect([at(m.context.Log, 'FileClose'), at(m.context.Log, 'RingStopped')]).toEqual([t0, t0 + 142]);
  });
});

describe('SerCx2 ring timing: transmit', () => {
  it('a write of 64 bytes: the DMA ends at t0 + 10,843, the write completes at t0 + 21,473', () => {
    const m = createSerCx2RingMachine();
    const t0 = m.host.cycle;
    const res = m.host.runUntilComplete(m.port.write(bytes(64)));
    // EvtProgramDma starts the character clock at t0: character k leaves at t0 + floor(1,000k / 3). Two refills fill
    // the 32-character FIFO at once; the third follows character 16 (5,333 + 36), the fourth character 32 (10,666 +
    // 36 = 10,702, the terminal count), whose completion DPC runs at 10,702 + 141 = 10,843: TX-empty is unmasked.
    // Character 64 leaves at 21,333, TX-empty rises, ISR at 21,373, DPC at 21,473 completes the write.
    expect(at(m.context.Log, 'TxDrain')).toBe(t0 + 10_843);
    expect(res.completionCycle).toBe(t0 + 21_473);
    expect(m.uart.transmitted()).toEqual(bytes(64));
  });

  it('PURGE TXABORT at t0 + 100,000 of a 3,000-byte write: 320 bytes, completed at t0 + 100,142', () => {
    const m = createSerCx2RingMachine();
    const t0 = m.host.cycle;
    const write = m.port.write(bytes(3000));
    m.host.runUntil(t0 + 100_000);
    const [w] = m.host.runUntilAllComplete([write, m.port.purge(X.SERIAL_PURGE_TXABORT)]);
    // Character 300 leaves at floor(300,000 / 3) = 100,000. Refills follow every 16 characters gone, so the last one
    // before the purge followed character 288 (96,000): 32 + 18 × 16 = 320 bytes fetched, 20 in the FIFO (12 free,
    // below the trigger: the channel waits for its request). The cancel routine stops it (+1) and the HAL's DmaCancelled
    // DPC counts the 320 from ReadDmaCounter at +142.
    expect([w!.information, w!.completionCycle]).toEqual([320, t0 + 100_142]);
  });
});
