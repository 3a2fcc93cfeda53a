// The example UART's device model: two native FIFO ports (TX and RX, `depth` characters each, one character per
// character time = bitsPerCharacter / baud seconds, an exact rational number of bus cycles) on their own DMA request
// lines, sharing one interrupt line, behind the register block of uart-regs.ts. Register writes flip the ports' native
// gates (DMA request enables, trigger levels, transmitter/receiver enables, the RX aging timeout, interrupt routing);
// status reads come from the ports' live state. The far end of the line is the test: `receive()` puts characters on
// the RX wire, `transmitted()` takes what went out. Port timing: native/core/port_types.h (a TX character leaves the
// FIFO when its last bit has been sent; an RX character enters it when its stop bit arrives).
//
// The receive timeout (UART_RXTO, INT_RT) is the model's own counter, as in the silicon: the model puts the
// characters on the wire, so it knows when the last one arrives — character k of a burst the line (re)started at E
// arrives at E + floor(k · num/den), the port's rule — and latches INT_RT exactly UART_RXTO character times later,
// through an interrupt source (sim.addInterruptSource) on the UART line; a hardware timer (kernel.atCycle) stops the
// run at that cycle. The same length is the RX port's aging timeout (FifoPort.setIdleTimeout), so a partly filled
// FIFO's flush request and INT_RT happen in the same cycle. The line restarts (E = the cycle) when characters are
// sent to an idle line (the tick after its last character has passed) or the receiver is switched on, as the port
// does (port_types.h "rx, Appended source").
import type { Kernel } from 'kmdf-dma-sim/hal';
import { PORT_IRQ, PORT_STATUS, type FifoPort, type InterruptSource, type RateRational } from 'kmdf-dma-sim/sim';
import * as R from './uart-regs.js';

export interface UartOptions {
  /** Physical base address: data registers at +0x00/+0x04, the register block from +0x08. */
  base: number;
  /** Bytes of address space the UART decodes [0x1000]. */
  size?: number;
  txRequestLine: number;
  rxRequestLine: number;
  /** The UART interrupt line (TX and RX conditions OR'ed). */
  interruptLine: number;
  /** Line rate in bits per second [3,000,000]. */
  baud?: number;
  /** Bits per character on the wire: start + 8 data + stop = 10 [10]. */
  bitsPerCharacter?: number;
  /** FIFO depth in characters [32]. */
  depth?: number;
  /** UART_RXTO at reset: the RX timeout in character times (0 = off) [4]. */
  rxIdleCharacters?: number;
  name?: string;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Bus cycles per character at `baud`: clockHz * bits / baud, exactly. */
export function characterTime(clockHz: number, baud: number, bits: number): RateRational {
  const n = clockHz * bits;
  const g = gcd(n, baud);
  return { numerator: n / g, denominator: baud / g };
}

export class Uart {
  readonly base: number;
  readonly size: number;
  readonly depth: number;
  readonly baud: number;
  readonly bitsPerCharacter: number;
  /** UART_RXTO now: the RX timeout in character times (0 = off). */
  rxIdleCharacters: number;
  /** Cycles per character (set at attach, from the bus clock). */
  rate: RateRational = { numerator: 1, denominator: 1 };
  tx!: FifoPort;
  rx!: FifoPort;
  private kernel: Kernel | null = null;
  private cr = 0;
  private dmacr = 0;
  private ifls = 0;
  private imsc = 0;
  /** INT_RT's output: the receive-timeout interrupt, OR'ed with the ports' outputs on the UART line. */
  private rtSource!: InterruptSource;
  /** INT_RT latched (sticky until ICR). */
  private rtLatched = false;
  /** The RX line: the cycle it (re)started and the characters put on it since then. */
  private lineEpoch = 0;
  private lineCount = 0;
  /** The receive-timeout countdown: the arrival cycle of the last character it counts from, whether it already
   *  latched INT_RT for that character, and a generation that retires earlier countdowns' timers. */
  private lastArrival = -1;
  private timeoutDone = true;
  private timeoutGeneration = 0;
  /** Every cycle INT_RT latched (tests). */
  readonly receiveTimeouts: number[] = [];
  /** Every register write, with its cycle (tests assert when the driver touched the device). */
  readonly writes: { cycle: number; offset: number; value: number }[] = [];

  constructor(readonly options: UartOptions) {
    this.base = options.base;
    this.size = options.size ?? 0x1000;
    this.depth = options.depth ?? 32;
    this.baud = options.baud ?? 3_000_000;
    this.bitsPerCharacter = options.bitsPerCharacter ?? 10;
    this.rxIdleCharacters = options.rxIdleCharacters ?? 4;
  }

  /** DeviceModel.attach: creates the ports and maps the register block (before the driver sees the device). */
  attach(kernel: Kernel): void {
    this.kernel = kernel;
    this.rate = characterTime(kernel.clockHz, this.baud, this.bitsPerCharacter);
    const name = this.options.name ?? 'uart';
    const common = { depth: this.depth, elementWidth: 1 as const, rate: this.rate, watermark: this.depth / 2 };
    this.tx = kernel.sim.addFifoPort({
      ...common,
      address: this.base + R.UART_TXDR,
      direction: 'tx',
      requestLine: this.options.txRequestLine,
      deviceEnable: false,
      txStreaming: false,
      name: `${name} tx`,
    });
    this.rx = kernel.sim.addFifoPort({
      ...common,
      address: this.base + R.UART_RXDR,
      direction: 'rx',
      requestLine: this.options.rxRequestLine,
      deviceEnable: false,
      rxSource: 'pushed',
      idleTimeout: this.idleTimeoutCycles(),
      name: `${name} rx`,
    });
    this.rtSource = kernel.sim.addInterruptSource(this.options.interruptLine, `${name} rt`);
    this.ifls = (common.watermark << R.IFLS_TX_SHIFT) | (common.watermark << R.IFLS_RX_SHIFT);
    const start = R.UART_REGISTER_BLOCK_START;
    kernel.registers.map(this.base + start, this.size - start, {
      read: (offset) => this.read(offset + start),
      write: (offset, _width, value) => this.write(offset + start, value),
    }, `${name} registers`);
  }

  /** The RX timeout in bus cycles: rxIdleCharacters character times, rounded up (0 = off). */
  idleTimeoutCycles(): number {
    const n = this.rxIdleCharacters * this.rate.numerator;
    return Math.ceil(n / this.rate.denominator);
  }

  /** The cycle character `k` (1-based) of the line started at `epoch` arrives. */
  private arrival(epoch: number, k: number): number {
    return epoch + Math.floor((k * this.rate.numerator) / this.rate.denominator);
  }

  /** The far end sends `bytes`: they arrive one per character time while the receiver is enabled. */
  receive(bytes: Uint8Array | readonly number[]): void {
    const n = bytes.length;
    this.rx.push(bytes);
    if (n === 0 || !(this.cr & R.CR_RXE)) return; // a receiver switched on later restarts the line (write CR)
    const now = this.kernel!.cycle;
    // Idle: the tick after the last character has passed; the port restarts its clock now.
    if (now >= this.arrival(this.lineEpoch, this.lineCount + 1)) {
      this.lineEpoch = now;
      this.lineCount = 0;
    }
    this.lineCount += n;
    this.lastArrival = this.arrival(this.lineEpoch, this.lineCount);
    this.timeoutDone = false;
    this.startTimeout();
  }

  /** Schedules INT_RT for the countdown in force: RXTO after the last arrival, at the earliest next cycle. */
  private startTimeout(): void {
    const generation = ++this.timeoutGeneration;
    const cycles = this.idleTimeoutCycles();
    if (cycles === 0 || this.timeoutDone || this.lastArrival < 0 || !(this.cr & R.CR_RXE)) return;
    const due = Math.max(this.lastArrival + cycles, this.kernel!.cycle + 1);
    this.kernel!.atCycle(due, () => {
      if (generation !== this.timeoutGeneration) return;
      this.timeoutDone = true;
      this.rtLatched = true;
      this.receiveTimeouts.push(this.kernel!.cycle);
      this.updateRt();
    });
  }

  /** INT_RT's output pin: latched and unmasked. */
  private updateRt(): void {
    this.rtSource.set(this.rtLatched && (this.imsc & R.INT_RT) !== 0);
  }

  /** Takes the characters that have left the transmitter so far. */
  transmitted(): Uint8Array {
    return this.tx.readTx();
  }

  /** The character with index `k` (from 0, counted since attach) arrives with a framing error. */
  injectFramingError(k: number): void {
    this.rx.injectError(k);
  }

  private read(offset: number): number {
    switch (offset) {
      case R.UART_CR: return this.cr;
      case R.UART_DMACR: return this.dmacr;
      case R.UART_IFLS: return this.ifls;
      case R.UART_RXTO: return this.rxIdleCharacters;
      case R.UART_IMSC: return this.imsc;
      case R.UART_RIS: return this.rawStatus();
      case R.UART_MIS: return this.rawStatus() & this.imsc;
      case R.UART_FR:
        return ((this.tx.level & R.FR_LEVEL_MASK) << R.FR_TXLEVEL_SHIFT) | ((this.rx.level & R.FR_LEVEL_MASK) << R.FR_RXLEVEL_SHIFT);
      default: return 0;
    }
  }

  private rawStatus(): number {
    const t = this.tx.status;
    const r = this.rx.status;
    let ris = 0;
    if (t.level === 0) ris |= R.INT_TXE;
    if (t.status & PORT_STATUS.UNDERRUN) ris |= R.INT_TXUR;
    if (r.status & PORT_STATUS.OVERRUN) ris |= R.INT_OE;
    if (r.status & PORT_STATUS.ERROR) ris |= R.INT_FE;
    if (this.rtLatched) ris |= R.INT_RT;
    if (r.level > 0) ris |= R.INT_RX;
    return ris;
  }

  private write(offset: number, value: number): void {
    this.writes.push({ cycle: this.kernel!.cycle, offset, value });
    switch (offset) {
      case R.UART_CR: {
        const changed = this.cr ^ value;
        this.cr = value;
        if (changed & R.CR_TXE) this.tx.setDeviceEnable((value & R.CR_TXE) !== 0);
        if (changed & R.CR_RXE) {
          const on = (value & R.CR_RXE) !== 0;
          this.rx.setDeviceEnable(on);
          // Switching the receiver on restarts the line with the characters waiting on it; off stops the countdown.
          this.lineEpoch = this.kernel!.cycle;
          this.lineCount = on ? this.rx.status.rxPendingBytes : 0;
          if (on && this.lineCount > 0) {
            this.lastArrival = this.arrival(this.lineEpoch, this.lineCount);
            this.timeoutDone = false;
          }
          this.startTimeout();
        }
        break;
      }
      case R.UART_DMACR: {
        const changed = this.dmacr ^ value;
        this.dmacr = value;
        if (changed & R.DMACR_TXDMAE) {
          // While the TX DMA request is enabled the character clock free-runs, so a FIFO found empty at a
          // character boundary is an underrun (the DMA fell behind); without it the transmitter idles when empty.
          this.tx.setTxStreaming((value & R.DMACR_TXDMAE) !== 0);
          this.tx.setDmaEnable((value & R.DMACR_TXDMAE) !== 0);
        }
        if (changed & R.DMACR_RXDMAE) this.rx.setDmaEnable((value & R.DMACR_RXDMAE) !== 0);
        break;
      }
      case R.UART_IFLS: {
        const txLevel = (value >> R.IFLS_TX_SHIFT) & R.IFLS_LEVEL_MASK;
        const rxLevel = (value >> R.IFLS_RX_SHIFT) & R.IFLS_LEVEL_MASK;
        if (txLevel >= 1 && txLevel <= this.depth) this.tx.setWatermark(txLevel);
        if (rxLevel >= 1 && rxLevel <= this.depth) this.rx.setWatermark(rxLevel);
        this.ifls = value & 0xffff;
        break;
      }
      case R.UART_RXTO:
        // The port's aging timeout and the INT_RT countdown change together: a countdown keeps its start (the last
        // arrival) and takes the new length; one that has already elapsed fires next cycle; 0 stops it.
        this.rxIdleCharacters = value & R.RXTO_MASK;
        this.rx.setIdleTimeout(this.idleTimeoutCycles());
        this.startTimeout();
        break;
      case R.UART_IMSC:
        this.imsc = value & R.INT_ALL;
        this.routeInterrupts();
        break;
      case R.UART_ICR: {
        if (value & R.INT_TXUR) this.tx.clearStatus(PORT_STATUS.UNDERRUN);
        let rx = 0;
        if (value & R.INT_OE) rx |= PORT_STATUS.OVERRUN;
        if (value & R.INT_FE) rx |= PORT_STATUS.ERROR;
        if (rx) this.rx.clearStatus(rx);
        if (value & R.INT_RT) {
          this.rtLatched = false;
          this.updateRt();
        }
        break;
      }
      default:
        break;
    }
  }

  /** IMSC → the ports' interrupt outputs (both on the UART line; the engine ORs them). */
  private routeInterrupts(): void {
    const line = this.options.interruptLine;
    let txMask = 0;
    if (this.imsc & R.INT_TXE) txMask |= PORT_IRQ.EMPTY;
    if (this.imsc & R.INT_TXUR) txMask |= PORT_IRQ.OVERRUN;
    let rxMask = 0;
    if (this.imsc & R.INT_OE) rxMask |= PORT_IRQ.OVERRUN;
    if (this.imsc & R.INT_FE) rxMask |= PORT_IRQ.ERROR;
    if (this.imsc & R.INT_RX) rxMask |= PORT_IRQ.LEVEL;
    this.tx.setInterrupt(txMask ? { line, mask: txMask } : null);
    this.rx.setInterrupt(rxMask ? { line, mask: rxMask, threshold: 1 } : null);
    this.updateRt();
  }
}
