// The SerCx2 UART example (system-DMA receive and transmit under SerCx2): the port opened as a serial client does,
// data both ways, the serial IOCTLs, SERIAL_TIMEOUTS, cancel, purge, the wait mask, close, and SerCx2's guard against
// a HAL that delivers DmaCancelled late. Exact cycle figures are derived in timing.test.ts; here the figures that
// follow directly from it are noted where they are asserted.
import { describe, expect, it } from 'vitest';
import { HostSerialPort } from 'kmdf-dma-sim/host';
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import { createSerCx2UartMachine } from './machine.js';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 17 + seed) & 0xff);

describe('SerCx2 UART: open and data', () => {
  it('open: FileOpen, ApplyConfig (the connection asks for 3 Mbaud), PurgeFifos(TRUE, TRUE); a wrong baud fails the open', () => {
    const m = createSerCx2UartMachine();
    expect(m.context.Log).toEqual(['FileOpen@0', 'ApplyConfig@0', 'PurgeFifos(true,true)@0']);
    m.port.close();
    const bad = m.device.tryOpen(undefined, { createParameters: X.encodeUlong(115_200) });
    expect(bad.status).toBe(W.STATUS_DEVICE_CONFIGURATION_ERROR);
    expect(m.context.Log.slice(-2)).toEqual(['ApplyConfig@0', 'FileClose@0']);
  });

  it('a 3,000-byte write goes out byte for byte through DMA in 1 KiB fragments, no underrun, completes after the drain', () => {
    const m = createSerCx2UartMachine();
    const data = bytes(3000);
    const res = m.host.runUntilComplete(m.port.write(data));
    expect([res.status, res.information]).toEqual([W.STATUS_SUCCESS, 3000]);
    expect(m.uart.transmitted()).toEqual(data);
    expect(m.uart.tx.status.underruns).toBe(0);
    expect(m.context.Log.filter((l) => /^Tx/.test(l)).map((l) => l.replace(/@.*/, ''))).toEqual([
      'TxInitialize(3000)', 'TxDrainFifo', 'TxCleanup',
    ]);
    expect(m.host.kernel.stats.dma.maps).toBe(3); // 1024 + 1024 + 952
  });

  it('reads and writes at the same time (full duplex)', () => {
    const m = createSerCx2UartMachine();
    const sent = bytes(500, 3);
    m.uart.receive(sent);
    const read = m.port.read(500);
    const write = m.port.write(bytes(700, 8));
    const [r, w] = m.host.runUntilAllComplete([read, write]);
    expect([r!.status, r!.data]).toEqual([W.STATUS_SUCCESS, sent]);
    expect([w!.status, m.uart.transmitted()]).toEqual([W.STATUS_SUCCESS, bytes(700, 8)]);
  });

  it('IOCTL_SERIAL_SET_BAUD_RATE / SET_LINE_CONTROL go to the driver: 3 Mbaud 8N1 is all this UART does', () => {
    const m = createSerCx2UartMachine();
    const run = (r: ReturnType<typeof m.port.ioctl>) => m.host.runUntilComplete(r).status;
    expect(run(m.port.setBaudRate(3_000_000))).toBe(W.STATUS_SUCCESS);
    expect(run(m.port.setBaudRate(115_200))).toBe(W.STATUS_INVALID_PARAMETER);
    expect(X.decodeUlong(m.host.runUntilComplete(m.port.ioctl(X.IOCTL_SERIAL_GET_BAUD_RATE, [], 4)).data)).toBe(3_000_000);
    expect(run(m.port.setLineControl({ StopBits: X.STOP_BIT_1, Parity: X.NO_PARITY, WordLength: 8 }))).toBe(W.STATUS_SUCCESS);
    expect(run(m.port.setLineControl({ StopBits: X.STOP_BITS_2, Parity: X.NO_PARITY, WordLength: 8 }))).toBe(W.STATUS_NOT_SUPPORTED);
    expect(run(m.port.ioctl(X.IOCTL_SERIAL_SET_RTS))).toBe(W.STATUS_NOT_SUPPORTED);
  });
});

describe('SerCx2 UART: time-outs, cancel, purge', () => {
  it('interval time-out (1 ms): STATUS_TIMEOUT with the 20 bytes that came', () => {
    const m = createSerCx2UartMachine();
    m.host.runUntilComplete(m.port.setTimeouts({ ReadIntervalTimeout: 1 }));
    const sent = bytes(20, 9);
    m.uart.receive(sent);
    const res = m.host.runUntilComplete(m.port.read(64));
    expect([res.status, res.data]).toEqual([W.STATUS_TIMEOUT, sent]);
  });

  it('a read cancelled with nothing received: STATUS_CANCELLED; with 20 received: STATUS_SUCCESS and the 20', () => {
    const m = createSerCx2UartMachine();
    const empty = m.port.read(64);
    m.host.runFor(50_000);
    empty.cancel();
    expect(m.host.runUntilComplete(empty).status).toBe(W.STATUS_CANCELLED);
    const sent = bytes(20, 4);
    m.uart.receive(sent);
    const read = m.port.read(64);
    m.host.runFor(20_000); // all 20 are in memory (the aging flush moved the last 4)
    read.cancel();
    const res = m.host.runUntilComplete(read);
    expect([res.status, res.data]).toEqual([W.STATUS_SUCCESS, sent]);
  });

  it('PURGE TXABORT mid-write: the write reports every byte the DMA gave the UART, and exactly those go out', () => {
    const m = createSerCx2UartMachine();
    const write = m.port.write(bytes(3000));
    m.host.runFor(100_000); // 300 characters have left
    const purge = m.port.purge(X.SERIAL_PURGE_TXABORT | X.SERIAL_PURGE_TXCLEAR);
    const [w, p] = m.host.runUntilAllComplete([write, purge]);
    expect([w!.status, p!.status]).toEqual([W.STATUS_SUCCESS, W.STATUS_SUCCESS]);
    // The UART cannot flush its TX FIFO (PurgeFifo reports 0 purged): what was in it still leaves.
    m.host.runFor(20_000);
    expect(m.uart.transmitted()).toEqual(bytes(3000).subarray(0, w!.information));
    expect(w!.information).toBeGreaterThanOrEqual(300);
    expect(w!.information).toBeLessThanOrEqual(300 + 32);
    expect(m.context.Log.some((l) => l.startsWith(`TxPurgeFifo(${w!.information})`))).toBe(true);
  });

  it('PURGE RXABORT ends the running read (with what came) and the queued one (cancelled); the port reads on', () => {
    const m = createSerCx2UartMachine();
    m.uart.receive(bytes(40, 2));
    const running = m.port.read(64);
    const queued = m.port.read(64);
    m.host.runFor(30_000);
    const purge = m.port.purge(X.SERIAL_PURGE_RXABORT);
    const [a, b] = m.host.runUntilAllComplete([running, queued, purge]);
    expect([a!.status, a!.data]).toEqual([W.STATUS_SUCCESS, bytes(40, 2)]);
    expect(b!.status).toBe(W.STATUS_CANCELLED);
    m.uart.receive(bytes(16, 6));
    expect(m.host.runUntilComplete(m.port.read(16)).data).toEqual(bytes(16, 6));
  });

  it('close with a read and a write pending: both end, then EvtSerCx2FileClose', () => {
    const m = createSerCx2UartMachine();
    const read = m.port.read(64);
    const write = m.port.write(bytes(2000));
    m.host.runFor(10_000);
    m.port.close();
    m.host.runUntilAllComplete([read, write]);
    expect(read.result!.status).toBe(W.STATUS_CANCELLED);
    expect(write.result!.status).toBe(W.STATUS_SUCCESS); // it had sent bytes
    expect(m.context.Log.at(-1)).toMatch(/^FileClose@/);
  });
});

describe('SerCx2 UART: wait mask and late completions', () => {
  it('SERIAL_EV_ERR: a framing error on the line completes WAIT_ON_MASK', () => {
    const m = createSerCx2UartMachine();
    expect(m.host.runUntilComplete(m.port.setWaitMask(X.SERIAL_EV_ERR)).status).toBe(W.STATUS_SUCCESS);
    const wait = m.port.waitOnMask();
    m.uart.injectFramingError(3);
    m.uart.receive(bytes(8));
    const res = m.host.runUntilComplete(wait);
    expect([res.status, HostSerialPort.waitEvents(wait)]).toEqual([W.STATUS_SUCCESS, X.SERIAL_EV_ERR]);
    expect(m.host.runUntilComplete(m.port.setWaitMask(X.SERIAL_EV_CTS)).status).toBe(W.STATUS_INVALID_PARAMETER);
  });

  it('with a HAL that delivers DmaCancelled late, SerCx2 ignores the one for a transaction it already ended', () => {
    const m = createSerCx2UartMachine({ dma: { lateCancellation: {} } });
    let done = -1;
    m.host.kernel.onSimEvent((e) => {
      if (e.kind === 'channel-state' && e.channel === 1 && e.state === 'done') done = e.cycle;
    });
    m.uart.receive(bytes(16, 9));
    const read = m.port.read(16);
    m.host.kernel.runWhile(() => done < 0, m.host.cycle + 100_000);
    // Terminal count at `done`; its completion reaches SerCx2 through the HAL ISR (+41) and DPC (+141). A cancel in
    // between stops a transfer that has already finished: this HAL still answers the stop with its own DmaCancelled,
    // 140 cycles after the stop — after the DmaComplete ended the read.
    m.host.runFor(20);
    read.cancel();
    const res = m.host.runUntilComplete(read);
    expect([res.status, res.data, res.completionCycle]).toEqual([W.STATUS_SUCCESS, bytes(16, 9), done + 141]);
    m.host.runFor(1_000); // the late DmaCancelled arrives at done + 20 + 140 and is ignored
    expect(m.host.kernel.stats.dma.lateCancellations).toBe(1);
    // The SerCx2 transaction is reused as if nothing happened.
    m.uart.receive(bytes(64, 1));
    expect(m.host.runUntilComplete(m.port.read(64)).data).toEqual(bytes(64, 1));
  });
});
