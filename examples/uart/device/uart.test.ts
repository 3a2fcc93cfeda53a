// Unit tests of the UART device model against the real engine (no driver): the register block, the W1C interrupt
// bits, the DMA-enable gates reaching the request lines, the receive timeout (INT_RT) and its register, and the exact
// character rate. Facts used: 3 Mbaud, 10 bits per character, 100 MHz → 1000/3 cycles per character; a receiver
// switched on at E (or a line restarted at E) delivers character k at E + floor(k · 1000 / 3); a register write at t
// acts on a port from t + 1 (docs/timing.md "Counting"), INT_RT is an interrupt source, so it acts at t itself.
import { afterEach, describe, expect, it } from 'vitest';
import { UART0 } from '../../board.js';
import { DeviceBench } from '../../device-bench.js';
import { Uart } from './uart.js';
import * as R from './uart-regs.js';

const arrives = (E: number, k: number) => E + Math.floor((k * 1000) / 3);

let bench: DeviceBench<Uart> | null = null;
function makeBench(): DeviceBench<Uart> {
  const uart = new Uart({
    base: UART0.base, txRequestLine: UART0.txLine, rxRequestLine: UART0.rxLine, interruptLine: UART0.irq,
  });
  bench = new DeviceBench(uart, UART0.base, 0x1000);
  return bench;
}
afterEach(() => {
  bench?.dispose();
  bench = null;
});

/** Receiver on at the current cycle; returns E. */
function receiverOn(b: DeviceBench<Uart>): number {
  b.write(R.UART_CR, R.CR_RXE);
  return b.cycle;
}

describe('uart device model', () => {
  it('registers read back what was written, masked to their fields; UART_RXTO resets to 4', () => {
    const b = makeBench();
    expect(b.read(R.UART_RXTO)).toBe(4);
    expect(b.read(R.UART_IFLS)).toBe((16 << R.IFLS_RX_SHIFT) | 16);
    b.write(R.UART_IFLS, (8 << R.IFLS_RX_SHIFT) | 4);
    expect(b.read(R.UART_IFLS)).toBe((8 << R.IFLS_RX_SHIFT) | 4);
    b.write(R.UART_RXTO, 0x1_07);
    expect(b.read(R.UART_RXTO)).toBe(7);
    b.write(R.UART_IMSC, 0xffff_ffff);
    expect(b.read(R.UART_IMSC)).toBe(R.INT_ALL);
    b.write(R.UART_CR, R.CR_RXE | R.CR_TXE);
    expect(b.read(R.UART_CR)).toBe(R.CR_RXE | R.CR_TXE);
    expect(b.read(R.UART_RIS)).toBe(R.INT_TXE); // an empty TX FIFO, nothing else
    expect(b.read(R.UART_MIS)).toBe(R.INT_TXE);
  });

  it('characters arrive at exactly E + floor(k · 1000/3): no drift over 30,000 characters', () => {
    const b = makeBench();
    const E = receiverOn(b);
    b.model.receive(new Uint8Array(30_000));
    b.runUntil(arrives(E, 3) - 1);
    expect((b.read(R.UART_FR) >> R.FR_RXLEVEL_SHIFT) & R.FR_LEVEL_MASK).toBe(2);
    b.runUntil(arrives(E, 3));
    expect((b.read(R.UART_FR) >> R.FR_RXLEVEL_SHIFT) & R.FR_LEVEL_MASK).toBe(3);
    // 30,000 characters take exactly 10,000,000 cycles (1000/3 kept as a quotient and remainder, not a float).
    b.runUntil(E + 10_000_000 - 1);
    expect(b.model.rx.status.deviceElements).toBe(29_999);
    b.runUntil(E + 10_000_000);
    expect(b.model.rx.status.deviceElements).toBe(30_000);
  });

  it('RXDMAE gates the RX request: level at the trigger level asserts it from the write + 1 only', () => {
    const b = makeBench();
    const E = receiverOn(b);
    b.model.receive(new Uint8Array(16));
    b.runUntil(arrives(E, 16));
    expect(b.model.rx.level).toBe(16);
    expect(b.requestLevel(UART0.rxLine)).toBe(false); // DMACR_RXDMAE clear
    const t = b.cycle;
    b.write(R.UART_DMACR, R.DMACR_RXDMAE);
    expect(b.requestLevel(UART0.rxLine)).toBe(false);
    b.runUntil(t + 1);
    expect(b.requestLevel(UART0.rxLine)).toBe(true);
    // Raising the trigger level above the FIFO level drops it (again from the next cycle).
    b.write(R.UART_IFLS, (24 << R.IFLS_RX_SHIFT) | 16);
    b.runUntil(t + 2);
    expect(b.requestLevel(UART0.rxLine)).toBe(false);
    expect(b.cyclesOf('request', (e) => e.line === UART0.rxLine)).toEqual([t + 1, t + 2]);
  });

  it('TXDMAE gates the TX request (an empty FIFO has 32 free ≥ 16) and makes the transmitter free-run', () => {
    const b = makeBench();
    b.write(R.UART_CR, R.CR_TXE);
    b.runUntil(100);
    expect(b.requestLevel(UART0.txLine)).toBe(false);
    b.write(R.UART_DMACR, R.DMACR_TXDMAE);
    b.runUntil(101);
    expect(b.requestLevel(UART0.txLine)).toBe(true);
    // No DMA is programmed: the free-running character clock finds the FIFO empty at its first boundary,
    // 100 + floor(1000/3) = 433 → TXUR, sticky, routed to the line once unmasked.
    b.runUntil(500);
    expect(b.cyclesOf('underrun')[0]).toBe(433);
    expect(b.read(R.UART_RIS) & R.INT_TXUR).toBe(R.INT_TXUR);
  });

  it('OE is sticky and write-one-to-clear; only a 1 in ICR clears it; IMSC routes it to the line', () => {
    const b = makeBench();
    const E = receiverOn(b);
    b.model.receive(new Uint8Array(33)); // the 33rd finds the FIFO full
    b.runUntil(arrives(E, 33));
    expect(b.read(R.UART_RIS) & R.INT_OE).toBe(R.INT_OE);
    expect(b.read(R.UART_MIS)).toBe(0);
    expect(b.lineLevel(UART0.irq)).toBe(false);
    const t = b.cycle;
    b.write(R.UART_IMSC, R.INT_OE);
    b.runUntil(t + 1);
    expect(b.lineLevel(UART0.irq)).toBe(true);
    b.write(R.UART_ICR, R.INT_FE | R.INT_TXUR); // other bits: OE stays
    b.runUntil(t + 2);
    expect(b.read(R.UART_RIS) & R.INT_OE).toBe(R.INT_OE);
    b.write(R.UART_ICR, R.INT_OE);
    b.runUntil(t + 3);
    expect(b.read(R.UART_RIS) & R.INT_OE).toBe(0);
    expect(b.lineLevel(UART0.irq)).toBe(false);
  });

  it('INT_RT latches RXTO character times after the last character, in the cycle the aging flush arms', () => {
    const b = makeBench();
    const E = receiverOn(b);
    b.write(R.UART_IMSC, R.INT_RT);
    b.model.receive(new Uint8Array(5));
    // Character 5 at E + 1,666; RXTO 4 = ceil(4000/3) = 1,334 cycles → E + 3,000. The FIFO holds 5 (no DMA), so the
    // port's flush arms in the same cycle; INT_RT is the line rising (an interrupt source: no latency).
    b.runUntil(E + 2_999);
    expect(b.read(R.UART_RIS) & R.INT_RT).toBe(0);
    b.runUntil(E + 3_000);
    expect(b.read(R.UART_RIS) & R.INT_RT).toBe(R.INT_RT);
    expect(b.cyclesOf('idle-timeout')).toEqual([E + 3_000]);
    expect(b.lineLevel(UART0.irq)).toBe(true);
    b.runUntil(E + 3_001); // the rise's irq record (made at E + 3,000) comes with the next run
    expect(b.cyclesOf('irq', (e) => e.line === UART0.irq && e.level === 1)).toEqual([E + 3_000]);
    // Masking lowers the line at once (RT stays latched in RIS); ICR.RT clears it.
    b.write(R.UART_IMSC, 0);
    expect(b.lineLevel(UART0.irq)).toBe(false);
    expect(b.read(R.UART_RIS) & R.INT_RT).toBe(R.INT_RT);
    b.write(R.UART_ICR, R.INT_RT);
    expect(b.read(R.UART_RIS) & R.INT_RT).toBe(0);
  });

  it('INT_RT counts from the last character of a line restarted by new characters', () => {
    const b = makeBench();
    const E = receiverOn(b);
    b.model.receive(new Uint8Array(2)); // 2nd at E + 666; RT at E + 2,000
    b.runUntil(E + 1_000);
    b.model.receive(new Uint8Array(3)); // the line went idle at E + 1,000 (the tick after the 2nd): restarts here
    // Character 3 of the new burst at (E + 1,000) + 1,000 = E + 2,000 → RT at E + 3,334; nothing at E + 2,000.
    b.runUntil(E + 10_000);
    expect(b.model.receiveTimeouts).toEqual([E + 3_334]);
    expect(b.cyclesOf('idle-timeout')).toEqual([E + 3_334]);
  });

  it('UART_RXTO reaches the port (setIdleTimeout): written late, an elapsed timeout fires at the write + 1', () => {
    const b = makeBench();
    b.write(R.UART_RXTO, 0); // off: no flush, no INT_RT
    const E = receiverOn(b);
    b.model.receive(new Uint8Array(1)); // at E + 333
    b.runUntil(E + 5_000);
    expect(b.model.receiveTimeouts).toEqual([]);
    expect(b.cyclesOf('idle-timeout')).toEqual([]);
    const t = b.cycle;
    b.write(R.UART_RXTO, 4); // E + 333 + 1,334 has passed: both the flush and INT_RT at t + 1
    b.runUntil(t + 10);
    expect(b.cyclesOf('idle-timeout')).toEqual([t + 1]);
    expect(b.model.receiveTimeouts).toEqual([t + 1]);
  });

  it('a longer UART_RXTO written mid-countdown moves INT_RT and the flush together to the last arrival + new length', () => {
    const b = makeBench();
    b.write(R.UART_RXTO, 2);
    const E = receiverOn(b);
    b.model.receive(new Uint8Array(1)); // at E + 333; RXTO 2 (667 cycles) would fire at E + 1,000
    b.runUntil(E + 500);
    b.write(R.UART_RXTO, 12); // 4,000 cycles from the same arrival
    b.runUntil(E + 20_000);
    expect(b.model.receiveTimeouts).toEqual([E + 333 + 4_000]);
    expect(b.cyclesOf('idle-timeout')).toEqual([E + 333 + 4_000]);
  });
});
