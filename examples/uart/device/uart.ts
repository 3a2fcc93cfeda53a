// The example UART's device model: two native FIFO ports (TX and RX, `depth` characters each, one character per
// character time = bitsPerCharacter / baud seconds, an exact rational number of bus cycles) on their own DMA request
// lines, sharing one interrupt line, behind the register block of uart-regs.ts. Register writes flip the ports' native
// gates (DMA request enables, trigger levels, transmitter/receiver enables, interrupt routing); status reads come
// from the ports' live state. The far end of the line is the test: `receive()` puts characters on the RX wire,
// `transmitted()` takes what went out. Port timing: native/core/port_types.h (a TX character leaves the FIFO when its
// last bit has been sent; an RX character enters it when its stop bit arrives).
import type { Kernel } from 'kmdf-dma-sim/hal';
import { PORT_IRQ, PORT_STATUS, type FifoPort, type RateRational } from 'kmdf-dma-sim/sim';
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
  /** RX idle timeout in character times (UART_RXTO) [4]. */
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
  readonly rxIdleCharacters: number;
  /** Cycles per character (set at attach, from the bus clock). */
  rate: RateRational = { numerator: 1, denominator: 1 };
  tx!: FifoPort;
  rx!: FifoPort;
  private kernel: Kernel | null = null;
  private cr = 0;
  private dmacr = 0;
  private ifls = 0;
  private imsc = 0;
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
    this.ifls = (common.watermark << R.IFLS_TX_SHIFT) | (common.watermark << R.IFLS_RX_SHIFT);
    const start = R.UART_REGISTER_BLOCK_START;
    kernel.registers.map(this.base + start, this.size - start, {
      read: (offset) => this.read(offset + start),
      write: (offset, _width, value) => this.write(offset + start, value),
    }, `${name} registers`);
  }

  /** The RX idle timeout in bus cycles: rxIdleCharacters character times, rounded up. */
  idleTimeoutCycles(): number {
    const n = this.rxIdleCharacters * this.rate.numerator;
    return Math.ceil(n / this.rate.denominator);
  }

  /** The far end sends `bytes`: they arrive one per character time while the receiver is enabled. */
  receive(bytes: Uint8Array | readonly number[]): void {
    this.rx.push(bytes);
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
    return ris;
  }

  private write(offset: number, value: number): void {
    this.writes.push({ cycle: this.kernel!.cycle, offset, value });
    switch (offset) {
      case R.UART_CR: {
        const changed = this.cr ^ value;
        this.cr = value;
        if (changed & R.CR_TXE) this.tx.setDeviceEnable((value & R.CR_TXE) !== 0);
        if (changed & R.CR_RXE) this.rx.setDeviceEnable((value & R.CR_RXE) !== 0);
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
      case R.UART_IMSC:
        this.imsc = value & (R.INT_TXE | R.INT_TXUR | R.INT_OE | R.INT_FE);
        this.routeInterrupts();
        break;
      case R.UART_ICR: {
        if (value & R.INT_TXUR) this.tx.clearStatus(PORT_STATUS.UNDERRUN);
        let rx = 0;
        if (value & R.INT_OE) rx |= PORT_STATUS.OVERRUN;
        if (value & R.INT_FE) rx |= PORT_STATUS.ERROR;
        if (rx) this.rx.clearStatus(rx);
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
    this.tx.setInterrupt(txMask ? { line, mask: txMask } : null);
    this.rx.setInterrupt(rxMask ? { line, mask: rxMask } : null);
  }
}
