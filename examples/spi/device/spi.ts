// The example SPI master's device model: a TX FIFO port (MOSI) and an RX FIFO port (MISO, fed by the slave's
// answer, `slaveAnswers()`), one byte per byte time (8 bits at the SPI clock, an exact number of bus cycles),
// clocked from the moment CR.SPE is set. MOSI byte j leaves at SPE + j byte times; the MISO byte clocked with it
// is in the RX FIFO one bus cycle later (the RX port's clock starts at SPE + 1). The TX side free-runs while SPE is
// set, so a TX FIFO found empty at a byte boundary is the end of the frame: TC (an underrun of the port, routed to
// the SPI interrupt line); the model stops the bit clock for both lines in that cycle (SPE reads 0 again), so no
// byte is received that was not clocked and none is sent whose answer would be lost.
// SPI_TXCNT counts the bytes shifted out since SPE was set. native/core/port_types.h has the port timing.
//
// Why TC is the TX port's own interrupt output and not a sim.addInterruptSource: the frame ends when the DMA has
// stopped feeding the TX FIFO, a cycle only the engine knows (it depends on the controller's timing, bus faults
// included); a TS source can only be set between runs, after the fact. The port's output (its UNDERRUN status under
// PORT_IRQ.OVERRUN) rises in the exact cycle, stops the run there, and the listener switches MISO off in that cycle.
// TODO(accuracy): with TC masked the run does not stop at the frame end, so MISO is switched off late (no driver here
// masks TC during a frame).
import type { Kernel } from 'kmdf-dma-sim/hal';
import { PORT_IRQ, PORT_STATUS, type FifoPort, type RateRational } from 'kmdf-dma-sim/sim';
import * as R from './spi-regs.js';

export interface SpiOptions {
  base: number;
  size?: number;
  txRequestLine: number;
  rxRequestLine: number;
  interruptLine: number;
  /** SPI clock in Hz [25 MHz]; a byte takes 8 SPI clocks. */
  sckHz?: number;
  /** FIFO depth in bytes [16]. */
  depth?: number;
  name?: string;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Bus cycles per byte (8 SPI clocks) at `sckHz`: clockHz · 8 / sckHz as an exact fraction. */
export function byteTime(clockHz: number, sckHz: number): RateRational {
  const g = gcd(clockHz * 8, sckHz);
  return { numerator: (clockHz * 8) / g, denominator: sckHz / g };
}

export class Spi {
  readonly base: number;
  readonly size: number;
  readonly depth: number;
  /** Bus cycles per byte, exactly: clockHz · 8 / sckHz (32 for the default 25 MHz on a 100 MHz bus). */
  byteTime: RateRational = { numerator: 1, denominator: 1 };
  tx!: FifoPort;
  rx!: FifoPort;
  private cr = 0;
  private dmacr = 0;
  private imsc = 0;
  private txBase = 0;
  private kernel: Kernel | null = null;

  constructor(readonly options: SpiOptions) {
    this.base = options.base;
    this.size = options.size ?? 0x1000;
    this.depth = options.depth ?? 16;
  }

  attach(kernel: Kernel): void {
    this.kernel = kernel;
    this.byteTime = byteTime(kernel.clockHz, this.options.sckHz ?? 25_000_000);
    const name = this.options.name ?? 'spi';
    const common = { depth: this.depth, elementWidth: 1 as const, rate: this.byteTime, deviceEnable: false };
    this.tx = kernel.sim.addFifoPort({
      ...common, address: this.base + R.SPI_TXDR, direction: 'tx', requestLine: this.options.txRequestLine,
      watermark: this.depth / 2, txStreaming: true, name: `${name} mosi`,
    });
    this.rx = kernel.sim.addFifoPort({
      ...common, address: this.base + R.SPI_RXDR, direction: 'rx', requestLine: this.options.rxRequestLine,
      watermark: 1, rxSource: 'pushed', name: `${name} miso`,
    });
    // TC: the engine stops the run in the cycle the SPI line rises (the TX port's underrun), so MISO is switched
    // off there and its tick one cycle later does not happen. The frame has ended: the bit clock stops for both
    // lines until the driver sets SPE again — MOSI too, or a DMA that only fell behind would go on shifting MOSI
    // bytes with MISO off, and their answers would be lost (exploration found a read one byte short that way).
    kernel.onSimEvent((e) => {
      if (e.kind === 'underrun' && e.port === this.tx.id) {
        this.cr &= ~R.CR_SPE;
        this.tx.setDeviceEnable(false);
        this.rx.setDeviceEnable(false);
      }
    }, ['underrun']);
    const start = R.SPI_REGISTER_BLOCK_START;
    kernel.registers.map(this.base + start, this.size - start, {
      read: (offset) => this.read(offset + start),
      write: (offset, _width, value) => this.write(offset + start, value),
    }, `${name} registers`);
  }

  /** The slave's answer: bytes that come in on MISO, one per byte time while SPE is set. */
  slaveAnswers(bytes: Uint8Array | readonly number[]): void {
    this.rx.push(bytes);
  }

  /** Everything sent on MOSI so far. */
  sent(): Uint8Array {
    return this.tx.readTx();
  }

  private read(offset: number): number {
    switch (offset) {
      case R.SPI_CR: return this.cr;
      case R.SPI_DMACR: return this.dmacr;
      case R.SPI_IMSC: return this.imsc;
      case R.SPI_SR: return this.tx.status.status & PORT_STATUS.UNDERRUN ? R.INT_TC : 0;
      case R.SPI_TXCNT: return this.tx.status.deviceElements - this.txBase;
      case R.SPI_FR: return (this.tx.level << R.FR_TXLEVEL_SHIFT) | (this.rx.level << R.FR_RXLEVEL_SHIFT);
      default: return 0;
    }
  }

  private write(offset: number, value: number): void {
    switch (offset) {
      case R.SPI_CR: {
        const on = (value & R.CR_SPE) !== 0;
        if (on !== ((this.cr & R.CR_SPE) !== 0)) {
          if (on) this.txBase = this.tx.status.deviceElements;
          this.tx.setDeviceEnable(on);
          if (on) this.kernel!.atCycle(this.kernel!.cycle + 1, () => this.rx.setDeviceEnable((this.cr & R.CR_SPE) !== 0));
          else this.rx.setDeviceEnable(false);
        }
        this.cr = value & R.CR_SPE;
        break;
      }
      case R.SPI_DMACR:
        this.dmacr = value & (R.DMACR_RXDMAE | R.DMACR_TXDMAE);
        this.tx.setDmaEnable((value & R.DMACR_TXDMAE) !== 0);
        this.rx.setDmaEnable((value & R.DMACR_RXDMAE) !== 0);
        break;
      case R.SPI_IMSC:
        this.imsc = value & R.INT_TC;
        this.tx.setInterrupt(this.imsc ? { line: this.options.interruptLine, mask: PORT_IRQ.OVERRUN } : null);
        break;
      case R.SPI_ICR:
        if (value & R.INT_TC) this.tx.clearStatus(PORT_STATUS.UNDERRUN);
        break;
      default:
        break;
    }
  }
}
