// The SerCx2 ring example (custom-receive transactions served from a looped RX DMA ring, custom-transmit transactions
// on the driver's own DMA transaction): the ring running while the port is open (bytes that arrive between reads are
// kept), reads across ring wraps, a ring overrun, SerCx2's PIO-only read form served from the ring, writes with their
// drain, the serial IOCTLs, SERIAL_TIMEOUTS through the progress query, cancel, purge, close and reopen, the wait mask,
// and the driver's guard against a late DmaCancelled. Exact cycle figures are derived in timing.test.ts.
import { describe, expect, it } from 'vitest';
import { HostSerialPort } from 'kmdf-dma-sim/host';
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import { UART_BAUD } from './driver/context.js';
import { createSerCx2RingMachine } from './machine.js';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 17 + seed) & 0xff);
const reopen = (m: ReturnType<typeof createSerCx2RingMachine>) => HostSerialPort.open(m.device, { createParameters: X.encodeUlong(UART_BAUD) });

describe('SerCx2 ring: the receive ring', () => {
  it('the looped transfer starts at open: bytes that come while no read waits are kept for the next read', () => {
    const m = createSerCx2RingMachine();
    expect(m.context.Log).toEqual(['FileOpen@0', 'ApplyConfig@0', 'PurgeFifos(true,true)@0']);
    expect(m.context.RingActive).toBe(true);
    m.uart.receive(bytes(100, 3));
    m.host.runFor(50_000); // 100 characters take 33,334 cycles; the aging flush moves the last 4 into the ring
    expect(m.context.Produced).toBe(0); // no read waits, so no progress tick has read the position: the timer is idle
    const res = m.host.runUntilComplete(m.port.read(100));
    expect([res.status, res.data]).toEqual([W.STATUS_SUCCESS, bytes(100, 3)]);
    expect(m.host.runUntilComplete(m.port.read(0)).status).toBe(W.STATUS_SUCCESS);
  });

  it('a 10,000-byte read runs across two wraps of the 4 KiB ring: every byte in order, none lost', () => {
    const m = createSerCx2RingMachine();
    m.uart.receive(bytes(10_000, 5));
    const res = m.host.runUntilComplete(m.port.read(10_000));
    expect([res.status, res.data]).toEqual([W.STATUS_SUCCESS, bytes(10_000, 5)]);
    expect([m.context.Produced, m.context.Consumed, m.context.LostBytes]).toEqual([10_000, 10_000, 0]);
    expect(m.context.Log.filter((l) => l.startsWith('Rx')).map((l) => l.replace(/@.*/, ''))).toEqual(['RxStart(10000)', 'RxComplete(10000)']);
  });

  it('a ring overrun: 6,200 bytes with no reader lose the oldest 2,104; SERIAL_EV_ERR reports it; the read gets the newest 4,096', () => {
    const m = createSerCx2RingMachine();
    expect(m.host.runUntilComplete(m.port.setWaitMask(X.SERIAL_EV_ERR)).status).toBe(W.STATUS_SUCCESS);
    const wait = m.port.waitOnMask();
    m.uart.receive(bytes(6_200, 7));
    // The loop notifies every half ring; the notification at 6,144 bytes finds 6,144 unread: 2,048 overwritten.
    const w = m.host.runUntilComplete(wait);
    expect([w.status, HostSerialPort.waitEvents(wait), m.context.LostBytes]).toEqual([W.STATUS_SUCCESS, X.SERIAL_EV_ERR, 2_048]);
    m.host.runFor(50_000);
    const res = m.host.runUntilComplete(m.port.read(4_096));
    expect(m.context.LostBytes).toBe(2_104);
    expect([res.status, res.data]).toEqual([W.STATUS_SUCCESS, bytes(6_200, 7).subarray(2_104)]);
  });

  it("SerCx2's PIO-only form (ReadIntervalTimeout MAXULONG, no totals) returns what the ring holds at once, through PIO receive", () => {
    const m = createSerCx2RingMachine();
    m.uart.receive(bytes(20, 9));
    m.host.runFor(20_000);
    m.host.runUntilComplete(m.port.setTimeouts({ ReadIntervalTimeout: X.MAXULONG }));
    const t = m.host.cycle;
    const res = m.host.runUntilComplete(m.port.read(64));
    expect([res.status, res.data, res.completionCycle]).toEqual([W.STATUS_SUCCESS, bytes(20, 9), t]);
    expect(m.context.Log.some((l) => l.startsWith('RxStart'))).toBe(false); // no custom transaction ran
    expect(m.host.runUntilComplete(m.port.read(64)).information).toBe(0); // nothing left: at once, with 0
  });

  it('PIO with a ready wait (MAXULONG interval and multiplier, 2 ms constant): the progress timer fires the ready notification', () => {
    const m = createSerCx2RingMachine();
    m.host.runUntilComplete(m.port.setTimeouts({ ReadIntervalTimeout: X.MAXULONG, ReadTotalTimeoutMultiplier: X.MAXULONG, ReadTotalTimeoutConstant: 2 }));
    const read = m.port.read(64);
    m.host.runFor(10_000);
    expect(read.result).toBeNull();
    m.uart.receive(bytes(20, 2));
    const res = m.host.runUntilComplete(read);
    expect([res.status, res.data.length > 0]).toEqual([W.STATUS_SUCCESS, true]);
    expect(bytes(20, 2).subarray(0, res.data.length)).toEqual(res.data);
  });
});

describe('SerCx2 ring: transmit', () => {
  it('a 3,000-byte write: one custom transaction, 1 KiB DMA fragments, the drain, every byte out, no underrun', () => {
    const m = createSerCx2RingMachine();
    const res = m.host.runUntilComplete(m.port.write(bytes(3000)));
    expect([res.status, res.information]).toEqual([W.STATUS_SUCCESS, 3000]);
    expect(m.uart.transmitted()).toEqual(bytes(3000));
    expect(m.uart.tx.status.underruns).toBe(0);
    expect(m.context.Log.filter((l) => l.startsWith('Tx')).map((l) => l.replace(/@.*/, ''))).toEqual(['TxStart(3000)', 'TxDrain', 'TxComplete(3000)']);
    expect(m.host.kernel.stats.dma.maps).toBe(1 + 3); // the ring's one loop, then 1024 + 1024 + 952
  });

  it('reads and writes at the same time (full duplex)', () => {
    const m = createSerCx2RingMachine();
    m.uart.receive(bytes(500, 3));
    const [r, w] = m.host.runUntilAllComplete([m.port.read(500), m.port.write(bytes(700, 8))]);
    expect([r!.status, r!.data]).toEqual([W.STATUS_SUCCESS, bytes(500, 3)]);
    expect([w!.status, m.uart.transmitted()]).toEqual([W.STATUS_SUCCESS, bytes(700, 8)]);
  });

  it('PURGE TXABORT mid-write: the cancel stops the DMA; the write reports the 320 bytes it gave the UART, and those go out', () => {
    const m = createSerCx2RingMachine();
    const write = m.port.write(bytes(3000));
    m.host.runFor(100_000); // 300 characters have left, 320 bytes have been fetched (timing.test.ts)
    const purge = m.port.purge(X.SERIAL_PURGE_TXABORT | X.SERIAL_PURGE_TXCLEAR);
    const [w, p] = m.host.runUntilAllComplete([write, purge]);
    expect([w!.status, w!.information, p!.status]).toEqual([W.STATUS_SUCCESS, 320, W.STATUS_SUCCESS]);
    m.host.runFor(20_000);
    expect(m.uart.transmitted()).toEqual(bytes(3000).subarray(0, 320));
    expect(m.context.Log.slice(-3).map((l) => l.replace(/@.*/, ''))).toEqual(['TxCancel(dma)', 'TxComplete(320)', 'PurgeFifos(false,true)']);
  });

  it('a write cancelled while its FIFO drains: completes at once with every byte (they are in the FIFO and still leave)', () => {
    const m = createSerCx2RingMachine();
    const write = m.port.write(bytes(64));
    m.host.runUntil(m.host.cycle + 15_000); // the DMA ended at 10,843 (timing.test.ts): draining
    write.cancel();
    const res = m.host.runUntilComplete(write);
    expect([res.status, res.information]).toEqual([W.STATUS_SUCCESS, 64]);
    m.host.runFor(20_000);
    expect(m.uart.transmitted()).toEqual(bytes(64));
  });
});

describe('SerCx2 ring: IOCTLs, time-outs, cancel, purge, close', () => {
  it('IOCTL_SERIAL_SET_BAUD_RATE / SET_LINE_CONTROL go to the driver: 3 Mbaud 8N1 only', () => {
    const m = createSerCx2RingMachine();
    const run = (r: ReturnType<typeof m.port.ioctl>) => m.host.runUntilComplete(r).status;
    expect(run(m.port.setBaudRate(3_000_000))).toBe(W.STATUS_SUCCESS);
    expect(run(m.port.setBaudRate(9_600))).toBe(W.STATUS_INVALID_PARAMETER);
    expect(run(m.port.setLineControl({ StopBits: X.STOP_BIT_1, Parity: X.NO_PARITY, WordLength: 8 }))).toBe(W.STATUS_SUCCESS);
    expect(run(m.port.setLineControl({ StopBits: X.STOP_BIT_1, Parity: X.EVEN_PARITY, WordLength: 7 }))).toBe(W.STATUS_NOT_SUPPORTED);
    expect(X.decodeUlong(m.host.runUntilComplete(m.port.ioctl(X.IOCTL_SERIAL_GET_BAUD_RATE, [], 4)).data)).toBe(3_000_000);
  });

  it('interval time-out (1 ms): the progress query sees the 20 bytes, then none: STATUS_TIMEOUT with the 20', () => {
    const m = createSerCx2RingMachine();
    m.host.runUntilComplete(m.port.setTimeouts({ ReadIntervalTimeout: 1 }));
    m.uart.receive(bytes(20, 9));
    const res = m.host.runUntilComplete(m.port.read(64));
    expect([res.status, res.data]).toEqual([W.STATUS_TIMEOUT, bytes(20, 9)]);
    expect(m.context.Log.filter((l) => /^(RxEnableNewData|NewDataNotification)/.test(l)).length).toBe(2);
  });

  it('a read cancelled empty: STATUS_CANCELLED; with 20 in the ring: STATUS_SUCCESS and the 20', () => {
    const m = createSerCx2RingMachine();
    const empty = m.port.read(64);
    m.host.runFor(50_000);
    empty.cancel();
    expect(m.host.runUntilComplete(empty).status).toBe(W.STATUS_CANCELLED);
    m.uart.receive(bytes(20, 4));
    const read = m.port.read(64);
    m.host.runFor(9_000); // 16 came by the watermark refill, the last 4 by the aging flush: all in the ring
    read.cancel();
    const res = m.host.runUntilComplete(read);
    expect([res.status, res.data]).toEqual([W.STATUS_SUCCESS, bytes(20, 4)]);
  });

  it('PURGE RXCLEAR drops what the ring holds; PURGE RXABORT ends the running read with what came', () => {
    const m = createSerCx2RingMachine();
    m.uart.receive(bytes(40, 2));
    m.host.runFor(30_000);
    expect(m.host.runUntilComplete(m.port.purge(X.SERIAL_PURGE_RXCLEAR)).status).toBe(W.STATUS_SUCCESS);
    expect(m.context.Produced - m.context.Consumed).toBe(0);
    m.uart.receive(bytes(24, 6));
    const running = m.port.read(64);
    m.host.runFor(15_000);
    const [a] = m.host.runUntilAllComplete([running, m.port.purge(X.SERIAL_PURGE_RXABORT)]);
    expect([a!.status, a!.data]).toEqual([W.STATUS_SUCCESS, bytes(24, 6)]);
  });

  it('close with a read and a write pending: both end, the loop stops (its DmaCancelled 142 cycles later); reopen restarts it', () => {
    const m = createSerCx2RingMachine();
    const read = m.port.read(64);
    const write = m.port.write(bytes(2000));
    m.host.runFor(10_000);
    m.port.close();
    m.host.runUntilAllComplete([read, write]);
    expect(read.result!.status).toBe(W.STATUS_CANCELLED);
    expect(write.result!.status).toBe(W.STATUS_SUCCESS); // it had sent bytes
    const closed = m.context.Log.find((l) => l.startsWith('FileClose'))!;
    const at = Number(closed.split('@')[1]);
    m.host.runFor(1_000);
    expect(m.context.Log).toContain(`RingStopped@${at + 142}`);
    expect(m.context.RingActive).toBe(false);
    const port = reopen(m);
    m.uart.receive(bytes(32, 1));
    expect(m.host.runUntilComplete(port.read(32)).data).toEqual(bytes(32, 1));
  });

  it('close and reopen in the same cycle: the new open waits for the old loop to end and starts it again', () => {
    const m = createSerCx2RingMachine();
    m.port.close();
    const port = reopen(m);
    m.uart.receive(bytes(64, 5));
    const res = m.host.runUntilComplete(port.read(64));
    expect([res.status, res.data]).toEqual([W.STATUS_SUCCESS, bytes(64, 5)]);
    expect(m.context.Log).toContain('RingStopped@142');
  });
});

describe('SerCx2 ring: wait mask and late completions', () => {
  it('SERIAL_EV_ERR: a framing error on the line completes WAIT_ON_MASK; other events are refused', () => {
    const m = createSerCx2RingMachine();
    expect(m.host.runUntilComplete(m.port.setWaitMask(X.SERIAL_EV_ERR)).status).toBe(W.STATUS_SUCCESS);
    const wait = m.port.waitOnMask();
    m.uart.injectFramingError(3);
    m.uart.receive(bytes(8));
    const res = m.host.runUntilComplete(wait);
    expect([res.status, HostSerialPort.waitEvents(wait)]).toEqual([W.STATUS_SUCCESS, X.SERIAL_EV_ERR]);
    expect(m.host.runUntilComplete(m.port.setWaitMask(X.SERIAL_EV_RXCHAR)).status).toBe(W.STATUS_INVALID_PARAMETER);
  });

  it('with a HAL that delivers DmaCancelled late: a cancel that raced the terminal count gets the whole write; the late one is ignored', () => {
    const m = createSerCx2RingMachine({ dma: { lateCancellation: {} } });
    let done = -1;
    m.host.kernel.onSimEvent((e) => {
      if (e.kind === 'channel-state' && e.channel === 0 && e.state === 'done') done = e.cycle;
    });
    const write = m.port.write(bytes(16));
    m.host.kernel.runWhile(() => done < 0, m.host.cycle + 100_000);
    m.host.runFor(20);
    write.cancel(); // the DMA has finished; its DmaComplete is 121 cycles away
    const res = m.host.runUntilComplete(write);
    expect([res.status, res.information, res.completionCycle]).toEqual([W.STATUS_SUCCESS, 16, done + 141]);
    m.host.runFor(1_000); // the HAL's own DmaCancelled for the stop comes at done + 20 + 140: TxTransferComplete drops it
    expect(m.host.kernel.stats.dma.lateCancellations).toBe(1);
    expect(m.host.runUntilComplete(m.port.write(bytes(40))).information).toBe(40);
    m.host.runFor(20_000);
    expect(m.uart.transmitted()).toEqual(Uint8Array.from([...bytes(16), ...bytes(40)]));
  });

  it('with a HAL that delivers DmaCancelled late: closing stops the loop; the late DmaCancelled ends it and reopen works', () => {
    const m = createSerCx2RingMachine({ dma: { lateCancellation: {} } });
    m.port.close();
    m.host.runFor(1_000);
    expect(m.context.Log).toContain('RingStopped@140'); // the HAL's own DmaCancelled, isrLatency + dpcLatency after the stop
    const port = reopen(m);
    m.uart.receive(bytes(32, 8));
    expect(m.host.runUntilComplete(port.read(32)).data).toEqual(bytes(32, 8));
  });
  it('with a HAL that delivers DmaCancelled late: a close that races a half-ring notification ends the loop on the notification; the late DmaCancelled is dropped', () => {
    const m = createSerCx2RingMachine({ dma: { lateCancellation: {} } });
    let notified = -1;
    m.host.kernel.onSimEvent((e) => {
      if (e.kind === 'notification' && e.channel === 1) notified = e.cycle;
    });
    m.uart.receive(bytes(2_048, 4)); // the notification comes with the last byte: the line is quiet after it
    m.host.kernel.runWhile(() => notified < 0, m.host.cycle + 1_000_000);
    m.host.runFor(20);
    const closedAt = m.host.cycle;
    m.port.close(); // the notification's DPC (at notified + 141) comes first and finds the loop stopping: it ends it
    m.host.runFor(1_000);
    expect(m.context.Log.filter((l) => l.startsWith('Ring'))).toEqual([`RingStopped@${notified + 141}`]);
    expect(closedAt + 140).toBeGreaterThan(notified + 141); // the HAL's DmaCancelled came after it, and was dropped
    expect(m.host.kernel.stats.dma.lateCancellations).toBe(1);
    const port = reopen(m);
    m.uart.receive(bytes(32, 8));
    expect(m.host.runUntilComplete(port.read(32)).data).toEqual(bytes(32, 8));
  });
});
