// Exact cycles of the SerCx2 UART example. The board: 100 MHz bus, 3 Mbaud 8N1 (a character every 1,000/3 cycles:
// character k of a stream that started at P arrives — or, on TX, has left — at P + floor(1,000k / 3)), 16-character
// trigger levels, 16-byte controller watermark, isrLatency 40, dpcLatency 100, 1 ms = 100,000 cycles on SerCx2's
// WDFTIMERs (tick 1). A 16-byte refill burst: the request is seen 2 cycles after it rises, arbitration takes 1, then a
// 16-beat read burst (1 + 16) and a 16-beat write burst (1 + 16): its last beat is 36 cycles after the request
// (examples/uart/timing.test.ts). A completion through the HAL: the controller line rises 1 cycle after the last
// beat or the stop, the HAL ISR runs 40 later and its DPC 100 after that (+141, or +142 from a stop request, which
// stops an idle channel at +1). SerCx2's own steps (Release, the driver's Cleanup, which completes at once, the
// request's completion) take no cycles.
import { describe, expect, it } from 'vitest';
import * as W from 'kmdf-dma-sim/kmdf';
import { createSerCx2UartMachine } from './machine.js';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 17 + seed) & 0xff);

describe('SerCx2 UART timing', () => {
  it('a read of 64 received bytes completes at t0 + 21,510', () => {
    const m = createSerCx2UartMachine();
    const t0 = m.host.cycle;
    m.uart.receive(bytes(64, 5));
    const res = m.host.runUntilComplete(m.port.read(64));
    // EvtSerCx2SystemDmaReceiveInitializeTransaction turns the RX DMA request on at t0 and SerCx2 maps the 64 bytes
    // at once. Character 64 arrives at floor(64,000 / 3) = 21,333 and the fourth refill's last beat (terminal count)
    // is 21,333 + 36 = 21,369; the HAL's completion DPC runs at 21,369 + 141 = 21,510, where SerCx2's DmaCompleted
    // returns TRUE and the read completes.
    expect(res.completionCycle).toBe(t0 + 21_510);
    expect(res.data).toEqual(bytes(64, 5));
  });

  it('a write of 64 bytes completes at t0 + 21,473: the drain waits for the last character to leave', () => {
    const m = createSerCx2UartMachine();
    const t0 = m.host.cycle;
    const res = m.host.runUntilComplete(m.port.write(bytes(64)));
    // EvtSerCx2SystemDmaTransmitInitializeTransaction starts the transmitter's character clock at t0 (TXDMAE, CR_TXE).
    // The DMA keeps the FIFO fed, so character k leaves at t0 + floor(1,000k / 3): the 64th at 21,333, and the FIFO is
    // empty. EvtSerCx2SystemDmaTransmitDrainFifo has unmasked TX-empty long before (after the last refill's
    // completion): the line rises at 21,333, ISR at 21,373, DPC at 21,473 → SerCx2SystemDmaTransmitDrainFifoComplete
    // → the write completes.
    expect(res.completionCycle).toBe(t0 + 21_473);
    expect(m.uart.transmitted()).toEqual(bytes(64));
  });

  it('interval time-out of 1 ms after 20 bytes: STATUS_TIMEOUT at t0 + 200,615', () => {
    const m = createSerCx2UartMachine();
    m.host.runUntilComplete(m.port.setTimeouts({ ReadIntervalTimeout: 1 }));
    const t0 = m.host.cycle;
    m.uart.receive(bytes(20, 9));
    const res = m.host.runUntilComplete(m.port.read(64));
    // SerCx2 enables the new-data notification at t0; character 1 arrives at t0 + 333 (RX FIFO not empty): ISR at
    // +373, DPC at +473 → SerCx2SystemDmaReceiveNewDataNotification, and SerCx2 polls ReadDmaCounter every 1 ms from
    // there. The 20 bytes are in memory by t0 + 8,012 (16 by the watermark refill, the last 4 by the aging flush after
    // 4 quiet characters), so the poll at t0 + 100,473 sees progress and the one at t0 + 200,473 none: the time-out
    // stops the transfer (StopSystemTransfer; the channel is idle, it stops at +1) and the HAL's DmaCancelled ends it
    // at t0 + 200,473 + 142 = 200,615, with the 20 bytes.
    expect([res.status, res.completionCycle]).toEqual([W.STATUS_TIMEOUT, t0 + 200_615]);
    expect(res.data).toEqual(bytes(20, 9));
    expect(m.context.Log).toContain(`NewDataNotification@${t0 + 473}`);
  });

  it('total time-out of 2 ms after 20 bytes: STATUS_TIMEOUT at t0 + 200,142', () => {
    const m = createSerCx2UartMachine();
    m.host.runUntilComplete(m.port.setTimeouts({ ReadTotalTimeoutConstant: 2 }));
    const t0 = m.host.cycle;
    m.uart.receive(bytes(20, 9));
    const res = m.host.runUntilComplete(m.port.read(64));
    // The total timer starts with the transaction at t0 and fires at t0 + 200,000; the stop ends it 142 later.
    expect([res.status, res.completionCycle, res.information]).toEqual([W.STATUS_TIMEOUT, t0 + 200_142, 20]);
  });

  it('an empty read cancelled at t0 + 50,000: STATUS_CANCELLED at t0 + 50,142', () => {
    const m = createSerCx2UartMachine();
    const t0 = m.host.cycle;
    const read = m.port.read(64);
    m.host.runUntil(t0 + 50_000);
    read.cancel();
    const res = m.host.runUntilComplete(read);
    // SerCx2's cancel routine stops the transfer at once; the idle channel stops at +1 and the HAL completes it at +142.
    expect([res.status, res.completionCycle]).toEqual([W.STATUS_CANCELLED, t0 + 50_142]);
  });
});
