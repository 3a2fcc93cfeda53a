// The example I2S receiver's device model: one native rx FIFO port (`depth` frames, one stereo frame per frame slot =
// clockHz / sampleRate bus cycles, an exact rational number) on the DMA request line of the board's DMA resource
// descriptor, and one interrupt line, behind the register block of i2s-regs.ts. Register writes flip the
// port's native gates (receiver enable, DMA request enable, watermark, interrupt routing); status reads come from the
// port's live state. The far end (the codec / ADC) is a test signal the port repeats natively: frame n carries
// left = n mod 65536 and right = 65535 − (n mod 65536), so every period of a capture is distinct and a test can tell
// exactly which frames it holds. Port timing: native/core/port_types.h (frame k of a stream started at E enters the
// FIFO at E + floor(k × num / den)); the aging flush: docs/timing.md rule 5. A FIFO entry is a whole frame (packed
// mode), so a receiver stopped and restarted always resumes on a left sample.
import type { Kernel } from 'kmdf-dma-sim/hal';
import { PORT_IRQ, PORT_STATUS, type FifoPort, type RateRational } from 'kmdf-dma-sim/sim';
import * as R from './i2s-regs.js';

export interface I2sOptions {
  /** Physical base address: the data register at +0x00, the register block from +0x04. */
  base: number;
  /** Bytes of address space the receiver decodes [0x1000]. */
  size?: number;
  rxRequestLine: number;
  interruptLine: number;
  /** Frames per second [48,000]. */
  sampleRate?: number;
  /** Channels per frame [2; the packed FIFO entry holds two 16-bit samples]. */
  channels?: number;
  /** RX FIFO depth in frames [32]. */
  depth?: number;
  /** Aging timeout in frame slots (I2S_AGE) [4]. */
  agingSlots?: number;
  name?: string;
}

/** Bytes of one sample (16-bit PCM). */
export const SAMPLE_BYTES = 2;
/** Frames in the repeating test signal (then it starts again at frame 0). */
export const SIGNAL_FRAMES = 65_536;

/** The test signal as bytes: frame n = [n lo, n hi, ~n lo, ~n hi] (little-endian 16-bit left, right). */
export function testSignal(channels = 2): Uint8Array {
  const out = new Uint8Array(SIGNAL_FRAMES * channels * SAMPLE_BYTES);
  for (let n = 0, o = 0; n < SIGNAL_FRAMES; n++) {
    for (let c = 0; c < channels; c++) {
      const v = c % 2 === 0 ? n : 0xffff - n;
      out[o++] = v & 0xff;
      out[o++] = v >> 8;
    }
  }
  return out;
}

let cachedSignal: Uint8Array | null = null;

/** The bytes a capture holds from stream byte `offset` (counted from the first frame the receiver ever took). */
export function signalBytes(offset: number, length: number): Uint8Array {
  const signal = (cachedSignal ??= testSignal(2));
  return Uint8Array.from({ length }, (_, i) => signal[(offset + i) % signal.length]!);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Bus cycles per frame slot at `sampleRate` frames a second: clockHz / sampleRate, exactly. */
export function frameTime(clockHz: number, sampleRate: number): RateRational {
  const g = gcd(clockHz, sampleRate);
  return { numerator: clockHz / g, denominator: sampleRate / g };
}

export class I2sReceiver {
  readonly base: number;
  readonly size: number;
  readonly depth: number;
  readonly sampleRate: number;
  readonly channels: number;
  readonly agingSlots: number;
  /** Cycles per frame (set at attach, from the bus clock). */
  rate: RateRational = { numerator: 1, denominator: 1 };
  rx!: FifoPort;
  private kernel: Kernel | null = null;
  private cr = 0;
  private fcr = 0;
  private ier = 0;
  /** Every register write, with its cycle (tests assert when the driver touched the device). */
  readonly writes: { cycle: number; offset: number; value: number }[] = [];

  constructor(readonly options: I2sOptions) {
    this.base = options.base;
    this.size = options.size ?? 0x1000;
    this.depth = options.depth ?? 32;
    this.sampleRate = options.sampleRate ?? 48_000;
    this.channels = options.channels ?? 2;
    this.agingSlots = options.agingSlots ?? 4;
  }

  /** DeviceModel.attach: creates the port and maps the register block (before the driver sees the device). */
  attach(kernel: Kernel): void {
    this.kernel = kernel;
    this.rate = frameTime(kernel.clockHz, this.sampleRate);
    const name = this.options.name ?? 'i2s';
    const watermark = this.depth / 2;
    this.rx = kernel.sim.addFifoPort({
      address: this.base + R.I2S_RXDR,
      direction: 'rx',
      depth: this.depth,
      elementWidth: 4,
      rate: this.rate,
      watermark,
      requestLine: this.options.rxRequestLine,
      deviceEnable: false,
      rxSource: 'pattern',
      pattern: testSignal(this.channels),
      idleTimeout: Math.ceil((this.agingSlots * this.rate.numerator) / this.rate.denominator),
      name: `${name} rx`,
    });
    this.fcr = watermark << R.FCR_RXWM_SHIFT;
    const start = R.I2S_REGISTER_BLOCK_START;
    kernel.registers.map(this.base + start, this.size - start, {
      read: (offset) => this.read(offset + start),
      write: (offset, _width, value) => this.write(offset + start, value),
    }, `${name} registers`);
  }

  private read(offset: number): number {
    switch (offset) {
      case R.I2S_CR: return this.cr;
      case R.I2S_FCR: return this.fcr;
      case R.I2S_SR: {
        const s = this.rx.status;
        let sr = (s.level & R.SR_LEVEL_MASK) << R.SR_LEVEL_SHIFT;
        if (s.status & PORT_STATUS.OVERRUN) sr |= R.SR_OVR;
        if (s.level === 0) sr |= R.SR_EMPTY;
        return sr;
      }
      case R.I2S_IER: return this.ier;
      case R.I2S_AGE: return this.agingSlots;
      case R.I2S_FMT:
        return ((this.sampleRate & R.FMT_RATE_MASK) | (this.channels << R.FMT_CHANNELS_SHIFT)
          | (SAMPLE_BYTES << R.FMT_SAMPLE_BYTES_SHIFT)) >>> 0;
      default: return 0;
    }
  }

  private write(offset: number, value: number): void {
    this.writes.push({ cycle: this.kernel!.cycle, offset, value });
    switch (offset) {
      case R.I2S_CR: {
        const changed = this.cr ^ value;
        this.cr = value & (R.CR_RXEN | R.CR_DMAEN);
        if (changed & R.CR_RXEN) this.rx.setDeviceEnable((value & R.CR_RXEN) !== 0);
        if (changed & R.CR_DMAEN) this.rx.setDmaEnable((value & R.CR_DMAEN) !== 0);
        break;
      }
      case R.I2S_FCR: {
        const level = (value >> R.FCR_RXWM_SHIFT) & R.FCR_RXWM_MASK;
        if (level >= 1 && level <= this.depth) {
          this.rx.setWatermark(level);
          this.fcr = level << R.FCR_RXWM_SHIFT;
        }
        break;
      }
      case R.I2S_IER: {
        this.ier = value & (R.IER_EMPTY | R.IER_OVR);
        let mask = 0;
        if (this.ier & R.IER_EMPTY) mask |= PORT_IRQ.EMPTY;
        if (this.ier & R.IER_OVR) mask |= PORT_IRQ.OVERRUN;
        this.rx.setInterrupt(mask ? { line: this.options.interruptLine, mask } : null);
        break;
      }
      case R.I2S_ICR:
        if (value & R.SR_OVR) this.rx.clearStatus(PORT_STATUS.OVERRUN);
        break;
      default:
        break;
    }
  }
}
