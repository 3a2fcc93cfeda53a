// The sample peripheral's device model: a TX FIFO port (lib/sim: `depth` bytes, one byte leaves every `bytePeriod`
// bus cycles while the transmitter is on, its DMA request on `txRequestLine` while it has `watermark` bytes of room)
// behind the register block of regs.ts. Register writes flip the port's native gates (transmitter on, DMA request
// on); STATUS reads the port's live level. The far end is the test: `received()` returns every byte that has left
// the transmitter. docs/device-models.md in kmdf-dma-sim says how a model is built.
import type { Kernel } from 'kmdf-dma-sim/hal';
import type { DeviceModel } from 'kmdf-dma-sim/host';
import type { FifoPort } from 'kmdf-dma-sim/sim';
import * as R from './regs.js';

export interface SampleDeviceOptions {
  /** Physical base address of the device. */
  base: number;
  /** Bytes of address space the device decodes [0x1000]. */
  size?: number;
  /** The DMA request line of the TX FIFO. */
  txRequestLine: number;
  /** Bus cycles per byte on the wire [100: 1 MB/s at a 100 MHz bus]. */
  bytePeriod?: number;
  /** FIFO depth in bytes [16]. */
  depth?: number;
  /** Free bytes that assert the TX DMA request [4: one 4-beat burst]. */
  watermark?: number;
  name?: string;
}

export class SampleDevice implements DeviceModel {
  readonly name: string;
  readonly base: number;
  readonly size: number;
  readonly bytePeriod: number;
  readonly depth: number;
  readonly watermark: number;
  tx!: FifoPort;
  private ctrl = 0;
  private sent: number[] = [];

  constructor(readonly options: SampleDeviceOptions) {
    this.name = options.name ?? 'sample0';
    this.base = options.base;
    this.size = options.size ?? 0x1000;
    this.bytePeriod = options.bytePeriod ?? 100;
    this.depth = options.depth ?? 16;
    this.watermark = options.watermark ?? 4;
  }

  /** DeviceModel.attach: creates the FIFO port and maps the register block, before the driver sees the device. */
  attach(kernel: Kernel): void {
    this.tx = kernel.sim.addFifoPort({
      address: this.base + R.SAMPLE_TXDATA,
      direction: 'tx',
      depth: this.depth,
      elementWidth: 1,
      rate: this.bytePeriod,
      requestLine: this.options.txRequestLine,
      watermark: this.watermark,
      deviceEnable: false,
      name: `${this.name} tx`,
    });
    const start = R.SAMPLE_REGISTER_BLOCK_START;
    kernel.registers.map(this.base + start, this.size - start, {
      read: (offset) => this.read(offset + start),
      write: (offset, _width, value) => this.write(offset + start, value),
    }, `${this.name} registers`);
  }

  /** Every byte that has left the transmitter so far, oldest first (the toHaveReceived matcher reads this). */
  received(): Uint8Array {
    for (const b of this.tx.readTx()) this.sent.push(b);
    return Uint8Array.from(this.sent);
  }

  private read(offset: number): number {
    switch (offset) {
      case R.SAMPLE_CTRL: return this.ctrl;
      case R.SAMPLE_STATUS: return this.tx.level & R.STATUS_TXLEVEL_MASK;
      default: return 0;
    }
  }

  private write(offset: number, value: number): void {
    if (offset !== R.SAMPLE_CTRL) return;
    const changed = this.ctrl ^ value;
    this.ctrl = value;
    if (changed & R.CTRL_TXEN) this.tx.setDeviceEnable((value & R.CTRL_TXEN) !== 0);
    if (changed & R.CTRL_TXDMAEN) this.tx.setDmaEnable((value & R.CTRL_TXDMAEN) !== 0);
  }
}
