// SerCx2 over a PIO-only UART (fixtures/): open, reads and writes as PIO transactions with ready notifications and a
// drain, and the SERIAL_TIMEOUTS forms. Cycle figures (100 MHz bus, 1,000 cycles per character, isrLatency 40,
// dpcLatency 100): character k sent at t0 arrives at t0 + 1,000k; its RX interrupt's ISR runs 40 later and the DPC
// that calls SerCx2PioReceiveReady 140 later; 1 ms = 100,000 cycles on a WDFTIMER started at the cycle SerCx2 starts it.
import { describe, expect, it } from 'vitest';
import * as W from '../../lib/kmdf/index.js';
import * as X from '../../lib/sercx2/index.js';
import { pioRig } from './fixtures/rig.js';

const bytes = (n: number, seed = 1) => Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

describe('SerCx2 PIO: open', () => {
  it('open calls EvtSerCx2FileOpen, EvtSerCx2ApplyConfig with the connection parameters, EvtSerCx2PurgeFifos(TRUE, TRUE)', () => {
    const r = pioRig();
    expect(r.ctx.Log).toEqual(['FileOpen@0', 'ApplyConfig@0', 'PurgeFifos(true,true)@0']);
    expect(r.ctx.ApplyConfigArgs).toEqual([1_000_000]);
    // An exclusive port: a second open is refused by the I/O manager, the driver never sees it.
    expect(r.device.tryOpen().status).toBe(W.STATUS_ACCESS_DENIED);
    expect(r.ctx.Log).toHaveLength(3);
    r.port.close();
    expect(r.ctx.Log.at(-1)).toBe('FileClose@0');
  });
});

describe('SerCx2 PIO: reads and writes', () => {
  it('a read of 8 characters: one ReadBuffer per RX interrupt, complete at t0 + 8,140', () => {
    const r = pioRig();
    const t0 = r.host.cycle;
    r.uart.receive(bytes(8));
    const res = r.host.runUntilComplete(r.port.read(8));
    // The first ReadBuffer at t0 finds nothing and enables the ready notification; character k arrives at
    // t0 + 1,000k, the DPC at +140 reads it (the FIFO never holds two). The 8th: t0 + 8,000 + 140.
    expect(res.completionCycle).toBe(t0 + 8_140);
    expect([res.status, [...res.data]]).toEqual([W.STATUS_SUCCESS, bytes(8)]);
    expect(r.ctx.Log.filter((l) => l.startsWith('ReadBuffer'))).toHaveLength(9);
  });

  it('a write of 20: 17 go at once (16 queued, 1 shifting), one per TX interrupt after; the drain ends it at t0 + 20,140', () => {
    const r = pioRig();
    const t0 = r.host.cycle;
    const data = bytes(20, 3);
    const res = r.host.runUntilComplete(r.port.write(data));
    // Character k leaves at t0 + 1,000k; the 20th at t0 + 20,000 empties FIFO and shifter: TXEMPTY, ISR +40, the
    // DPC's SerCx2PioTransmitDrainFifoComplete at +140.
    expect(res.completionCycle).toBe(t0 + 20_140);
    expect([res.status, res.information]).toEqual([W.STATUS_SUCCESS, 20]);
    expect(r.uart.transmitted()).toEqual(data);
    expect(r.ctx.Log.filter((l) => l.startsWith('WriteBuffer'))).toEqual(['WriteBuffer(20)=17@0', 'WriteBuffer(3)=1@1140', 'WriteBuffer(2)=1@2140', 'WriteBuffer(1)=1@3140']);
  });

  it('without a DrainFifo callback the write completes when its last byte is in the FIFO: t0 + 3,140', () => {
    const r = pioRig({ noDrain: true });
    const t0 = r.host.cycle;
    const res = r.host.runUntilComplete(r.port.write(bytes(20)));
    expect(res.completionCycle).toBe(t0 + 3_140);
    expect(r.uart.sent).toHaveLength(3); // 17 more are still on their way out
  });

  it('a zero-length read or write: STATUS_SUCCESS, nothing done', () => {
    const r = pioRig();
    expect(r.port.read(0).result).toMatchObject({ status: W.STATUS_SUCCESS, information: 0 });
    expect(r.port.write([]).result).toMatchObject({ status: W.STATUS_SUCCESS, information: 0 });
  });
});

describe('SerCx2 PIO: SERIAL_TIMEOUTS', () => {
  it('total time-out (constant 2 ms): STATUS_TIMEOUT with the 3 bytes that came, at t0 + 200,000', () => {
    const r = pioRig();
    r.host.runUntilComplete(r.port.setTimeouts({ ReadTotalTimeoutConstant: 2 }));
    const t0 = r.host.cycle;
    r.uart.receive(bytes(3));
    const res = r.host.runUntilComplete(r.port.read(8));
    expect([res.status, res.information, res.completionCycle]).toEqual([W.STATUS_TIMEOUT, 3, t0 + 200_000]);
    expect(r.ctx.Log).toContain(`CancelRxReady@${t0 + 200_000}`);
  });

  it('total = multiplier × N + constant: 1 ms × 8 + 1 ms = 9 ms → t0 + 900,000', () => {
    const r = pioRig();
    r.host.runUntilComplete(r.port.setTimeouts({ ReadTotalTimeoutMultiplier: 1, ReadTotalTimeoutConstant: 1 }));
    const t0 = r.host.cycle;
    const res = r.host.runUntilComplete(r.port.read(8));
    expect([res.status, res.information, res.completionCycle]).toEqual([W.STATUS_TIMEOUT, 0, t0 + 900_000]);
  });

  it('interval time-out (1 ms): armed by the first byte, restarted by every read with bytes → t0 + 3,140 + 100,000', () => {
    const r = pioRig();
    r.host.runUntilComplete(r.port.setTimeouts({ ReadIntervalTimeout: 1 }));
    const t0 = r.host.cycle;
    const read = r.port.read(8);
    r.host.runFor(500_000); // nothing arrives: an interval time-out needs a first byte
    expect(read.completed).toBe(false);
    const t1 = r.host.cycle;
    r.uart.receive(bytes(3));
    const res = r.host.runUntilComplete(read);
    expect([res.status, res.information, res.completionCycle]).toEqual([W.STATUS_TIMEOUT, 3, t1 + 3_140 + 100_000]);
    void t0;
  });

  it('MAXULONG interval with zero totals: the read returns at once with what has arrived', () => {
    const r = pioRig();
    r.host.runUntilComplete(r.port.setTimeouts({ ReadIntervalTimeout: X.MAXULONG }));
    r.uart.receive(bytes(5));
    r.host.runFor(10_000);
    const t = r.host.cycle;
    const res = r.host.runUntilComplete(r.port.read(8));
    expect([res.status, res.information, res.completionCycle]).toEqual([W.STATUS_SUCCESS, 5, t]);
    const empty = r.host.runUntilComplete(r.port.read(8));
    expect([empty.status, empty.information]).toEqual([W.STATUS_SUCCESS, 0]);
  });

  it('MAXULONG interval and multiplier, 5 ms constant: returns with the first byte (t1 + 1,140), or STATUS_TIMEOUT at +500,000', () => {
    const r = pioRig();
    r.host.runUntilComplete(r.port.setTimeouts({ ReadIntervalTimeout: X.MAXULONG, ReadTotalTimeoutMultiplier: X.MAXULONG, ReadTotalTimeoutConstant: 5 }));
    const t0 = r.host.cycle;
    const none = r.host.runUntilComplete(r.port.read(8));
    expect([none.status, none.information, none.completionCycle]).toEqual([W.STATUS_TIMEOUT, 0, t0 + 500_000]);
    const read = r.port.read(8);
    r.host.runFor(50_000);
    const t1 = r.host.cycle;
    r.uart.receive(bytes(2));
    const res = r.host.runUntilComplete(read);
    expect([res.status, res.information, res.completionCycle]).toEqual([W.STATUS_SUCCESS, 1, t1 + 1_140]);
  });

  it('IOCTL_SERIAL_SET/GET_TIMEOUTS round-trip; both MAXULONG interval and constant are refused', () => {
    const r = pioRig();
    const t = { ReadIntervalTimeout: 5, ReadTotalTimeoutMultiplier: 6, ReadTotalTimeoutConstant: 7, WriteTotalTimeoutMultiplier: 8, WriteTotalTimeoutConstant: 9 };
    expect(r.host.runUntilComplete(r.port.setTimeouts(t)).status).toBe(W.STATUS_SUCCESS);
    expect(r.port.getTimeouts()).toEqual(t);
    expect(r.host.runUntilComplete(r.port.setTimeouts({ ReadIntervalTimeout: X.MAXULONG, ReadTotalTimeoutConstant: X.MAXULONG })).status).toBe(W.STATUS_INVALID_PARAMETER);
    expect(r.host.runUntilComplete(r.port.ioctl(X.IOCTL_SERIAL_SET_TIMEOUTS, [1, 2, 3])).status).toBe(W.STATUS_BUFFER_TOO_SMALL);
    // A new open starts with zero time-outs.
    r.port.close();
    const again = r.device.open();
    const got = r.host.runUntilComplete(again.ioctl(X.IOCTL_SERIAL_GET_TIMEOUTS, [], 20));
    expect(X.decodeSerialTimeouts(got.data)).toEqual(X.newSerialTimeouts());
  });

  it('write total time-out (1 ms) on a 400-byte write: STATUS_TIMEOUT at t0 + 100,000 with the 101 bytes that left or are leaving', () => {
    const r = pioRig();
    r.host.runUntilComplete(r.port.setTimeouts({ WriteTotalTimeoutConstant: 1 }));
    const t0 = r.host.cycle;
    const res = r.host.runUntilComplete(r.port.write(bytes(400)));
    // 17 loaded at t0, one more at each TX DPC t0 + 1,000k + 140 before the time-out (k = 1..99): 116. At t0 + 100,000
    // character 100 has left and 101 is shifting: the purge finds 15 in the FIFO, so 116 − 15 = 101 were sent.
    expect([res.status, res.information, res.completionCycle]).toEqual([W.STATUS_TIMEOUT, 101, t0 + 100_000]);
    expect(r.ctx.Log).toContain(`PurgeFifo(116)=15@${t0 + 100_000}`);
    r.host.runFor(10_000);
    expect(r.uart.transmitted()).toEqual(bytes(101));
  });
});
