// SerCx2's IOCTLs and cancellation over the PIO UART: the client's cancel (nothing moved → STATUS_CANCELLED, some →
// STATUS_SUCCESS with the count), IOCTL_SERIAL_PURGE (RXABORT / TXABORT end the running and the queued requests,
// RXCLEAR / TXCLEAR call EvtSerCx2PurgeFifos afterwards), SET_WAIT_MASK / WAIT_ON_MASK with SerCx2CompleteWait, the
// hardware IOCTLs handed to EvtSerCx2Control, unsupported ones, and close with requests outstanding.
import { describe, expect, it } from 'vitest';
import { HostSerialPort } from '../../lib/host/index.js';
import * as W from '../../lib/kmdf/index.js';
import * as X from '../../lib/sercx2/index.js';
import { pioRig } from './fixtures/rig.js';

const bytes = (n: number, seed = 1) => Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

describe('SerCx2: cancel and purge', () => {
  it('a read cancelled before any byte: STATUS_CANCELLED; after 2 bytes: STATUS_SUCCESS with 2', () => {
    const r = pioRig();
    const a = r.port.read(8);
    r.host.runFor(5_000);
    expect(a.cancel()).toBe(true);
    r.host.runUntilComplete(a);
    expect([a.result!.status, a.result!.information]).toEqual([W.STATUS_CANCELLED, 0]);
    r.uart.receive(bytes(2));
    const b = r.port.read(8);
    r.host.runFor(2_500); // both characters read (DPCs at +1,140 and +2,140)
    b.cancel();
    r.host.runUntilComplete(b);
    expect([b.result!.status, [...b.result!.data]]).toEqual([W.STATUS_SUCCESS, bytes(2)]);
  });

  it('PURGE RXABORT|RXCLEAR: the running read ends with what came, the queued one is cancelled, then PurgeFifos(TRUE, FALSE)', () => {
    const r = pioRig();
    r.uart.receive(bytes(3));
    const running = r.port.read(8);
    const queued = r.port.read(8);
    r.host.runFor(3_500);
    const purge = r.port.purge(X.SERIAL_PURGE_RXABORT | X.SERIAL_PURGE_RXCLEAR);
    r.host.runUntilAllComplete([running, queued, purge]);
    expect([running.result!.status, running.result!.information]).toEqual([W.STATUS_SUCCESS, 3]);
    expect(queued.result!.status).toBe(W.STATUS_CANCELLED);
    expect(purge.result!.status).toBe(W.STATUS_SUCCESS);
    expect(r.ctx.Log.at(-1)).toMatch(/^PurgeFifos\(true,false\)@/);
    // The read queue takes requests again after the purge.
    r.uart.receive([9]);
    expect([...r.host.runUntilComplete(r.port.read(1)).data]).toEqual([9]);
  });

  it('PURGE TXABORT stops a write: the purge callback tells how many never left; 0 flags or unknown bits: STATUS_INVALID_PARAMETER', () => {
    const r = pioRig();
    const w = r.port.write(bytes(40));
    r.host.runFor(5_500); // 5 characters have left, the 6th is shifting
    const purge = r.port.purge(X.SERIAL_PURGE_TXABORT);
    r.host.runUntilAllComplete([w, purge]);
    // Loaded: 17 + 5 refills = 22; in the FIFO at the purge: 16 → 6 sent.
    expect([w.result!.status, w.result!.information]).toEqual([W.STATUS_SUCCESS, 6]);
    expect(r.host.runUntilComplete(r.port.purge(0)).status).toBe(W.STATUS_INVALID_PARAMETER);
    expect(r.host.runUntilComplete(r.port.purge(0x10)).status).toBe(W.STATUS_INVALID_PARAMETER);
  });

  it('close with a read pending: cleanup cancels it, EvtSerCx2FileClose follows once it completed', () => {
    const r = pioRig();
    const read = r.port.read(4);
    r.host.runFor(1_000);
    r.port.close();
    expect(read.result?.status).toBe(W.STATUS_CANCELLED);
    expect(r.ctx.Log.at(-1)).toBe(`FileClose@${r.host.cycle}`);
  });
});

describe('SerCx2: wait mask', () => {
  it('WAIT_ON_MASK completes with the event SerCx2CompleteWait reports (a receive overrun: SERIAL_EV_ERR)', () => {
    const r = pioRig();
    expect(r.host.runUntilComplete(r.port.setWaitMask(X.SERIAL_EV_ERR)).status).toBe(W.STATUS_SUCCESS);
    const wait = r.port.waitOnMask();
    r.uart.receive(bytes(17)); // no read: the 17th overruns the 16-character FIFO at t + 17,000
    const t = r.host.cycle;
    r.host.runUntilComplete(wait);
    expect([wait.result!.status, HostSerialPort.waitEvents(wait), wait.result!.completionCycle]).toEqual([W.STATUS_SUCCESS, X.SERIAL_EV_ERR, t + 17_140]);
  });

  it('an event with no wait pending is kept for the next WAIT_ON_MASK, which completes at once', () => {
    const r = pioRig();
    r.host.runUntilComplete(r.port.setWaitMask(X.SERIAL_EV_ERR));
    r.uart.receive(bytes(17));
    r.host.runFor(20_000);
    const wait = r.port.waitOnMask();
    expect(HostSerialPort.waitEvents(wait)).toBe(X.SERIAL_EV_ERR);
  });

  it('SET_WAIT_MASK completes a pending WAIT_ON_MASK with an empty mask; RING / PERR / RXFLAG are refused; no mask: INVALID_PARAMETER', () => {
    const r = pioRig();
    expect(r.host.runUntilComplete(r.port.waitOnMask()).status).toBe(W.STATUS_INVALID_PARAMETER); // no wait mask yet
    r.host.runUntilComplete(r.port.setWaitMask(X.SERIAL_EV_ERR));
    const wait = r.port.waitOnMask();
    expect(r.host.runUntilComplete(r.port.waitOnMask()).status).toBe(W.STATUS_INVALID_PARAMETER); // one at a time
    r.host.runUntilComplete(r.port.setWaitMask(X.SERIAL_EV_ERR));
    expect([wait.result!.status, HostSerialPort.waitEvents(wait)]).toEqual([W.STATUS_SUCCESS, 0]);
    expect(r.host.runUntilComplete(r.port.setWaitMask(X.SERIAL_EV_RING)).status).toBe(W.STATUS_INVALID_PARAMETER);
    // An event the driver does not support: the driver's EvtSerCx2SetWaitMask fails it.
    expect(r.host.runUntilComplete(r.port.setWaitMask(X.SERIAL_EV_CTS)).status).toBe(W.STATUS_INVALID_PARAMETER);
    const get = r.host.runUntilComplete(r.port.ioctl(X.IOCTL_SERIAL_GET_WAIT_MASK, [], 4));
    expect(X.decodeUlong(get.data)).toBe(X.SERIAL_EV_CTS); // SerCx2 recorded the mask before handing it on
  });

  it('without EvtSerCx2SetWaitMask every SET_WAIT_MASK is STATUS_NOT_SUPPORTED; a WAIT_ON_MASK is cancelable', () => {
    const r = pioRig({ noWaitMask: true });
    expect(r.host.runUntilComplete(r.port.setWaitMask(X.SERIAL_EV_ERR)).status).toBe(W.STATUS_NOT_SUPPORTED);
    const r2 = pioRig();
    r2.host.runUntilComplete(r2.port.setWaitMask(X.SERIAL_EV_ERR));
    const wait = r2.port.waitOnMask();
    expect(wait.cancel()).toBe(true);
    expect(wait.result!.status).toBe(W.STATUS_CANCELLED);
  });
});

describe('SerCx2: IOCTLs for the driver', () => {
  it('SET/GET_BAUD_RATE and SET/GET_LINE_CONTROL reach EvtSerCx2Control; the driver completes them', () => {
    const r = pioRig();
    expect(r.host.runUntilComplete(r.port.setBaudRate(500_000)).status).toBe(W.STATUS_SUCCESS);
    expect(r.uart.baud).toBe(500_000);
    const get = r.host.runUntilComplete(r.port.ioctl(X.IOCTL_SERIAL_GET_BAUD_RATE, [], 4));
    expect(X.decodeUlong(get.data)).toBe(500_000);
    expect(r.host.runUntilComplete(r.port.setLineControl({ StopBits: X.STOP_BITS_2, Parity: X.NO_PARITY, WordLength: 8 })).status).toBe(W.STATUS_SUCCESS);
    expect(r.host.runUntilComplete(r.port.setLineControl({ StopBits: 0, Parity: X.EVEN_PARITY, WordLength: 7 })).status).toBe(W.STATUS_NOT_SUPPORTED);
    const lc = r.host.runUntilComplete(r.port.ioctl(X.IOCTL_SERIAL_GET_LINE_CONTROL, [], 3));
    expect(X.decodeLineControl(lc.data)).toEqual({ StopBits: X.STOP_BITS_2, Parity: X.NO_PARITY, WordLength: 8 });
    // At 500 kbaud a character takes 2,000 cycles: 2 characters read by t + 4,140.
    const t = r.host.cycle;
    r.uart.receive([1, 2]);
    expect(r.host.runUntilComplete(r.port.read(2)).completionCycle).toBe(t + 4_140);
  });

  it('IOCTLs SerCx2 does not support: STATUS_NOT_SUPPORTED without calling the driver; APPLY_DEFAULT_CONFIGURATION re-applies', () => {
    const r = pioRig();
    const before = r.ctx.Log.length;
    expect(r.host.runUntilComplete(r.port.ioctl(X.IOCTL_SERIAL_SET_XON)).status).toBe(W.STATUS_NOT_SUPPORTED);
    expect(r.host.runUntilComplete(r.port.ioctl(X.IOCTL_SERIAL_GET_STATS, [], 64)).status).toBe(W.STATUS_NOT_SUPPORTED);
    expect(r.ctx.Log.length).toBe(before);
    expect(r.host.runUntilComplete(r.port.ioctl(X.IOCTL_SERIAL_APPLY_DEFAULT_CONFIGURATION)).status).toBe(W.STATUS_SUCCESS);
    expect(r.ctx.ApplyConfigArgs).toEqual([1_000_000, 1_000_000]);
  });
});
