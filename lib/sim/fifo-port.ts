// A device FIFO port (ARCHITECTURE.md "Device ports", TIMING.md rule 5, native/core/port_types.h): the native
// building block a simulated UART / SPI / ADC is made of, so no JS runs per beat. This class resolves its options
// (every default filled), and gives the setters a driver's register writes would flip (each takes effect from
// sim.cycle + 1), rx data in, tx data out, status with write-one-to-clear, and fault injection.
import type { NativeFifoPortOptions, NativeHotPath, NativeSimulator } from '../native/binding-types.js';
import { NO_LINE } from './constants.js';
import { fail } from './errors.js';
import { toRational } from './rational.js';
import type { FifoPortOptions, FifoPortStatus, PortInterruptOptions, RateRational } from './types.js';
import { bool, bytes, choice, object, u32, uint } from './validate.js';

const DIRECTIONS = { rx: 0, tx: 1 } as const;
const RULES = { burst: 0, single: 1 } as const;
const SOURCES = { pattern: 0, pushed: 1 } as const;
const WIDTHS = { 1: 1, 2: 2, 4: 4, 8: 8 } as const;

/** The default rx pattern: the byte ramp 0, 1, ..., 255 (so data integrity checks see distinct bytes). */
export const DEFAULT_RX_PATTERN: Uint8Array = Uint8Array.from({ length: 256 }, (_, i) => i);

export interface ResolvedFifoPort {
  native: NativeFifoPortOptions;
  rate: RateRational;
  name: string | undefined;
}

function interruptOf(value: PortInterruptOptions | null | undefined): { line: number; mask: number; threshold: number } {
  if (value === undefined || value === null) return { line: NO_LINE, mask: 0, threshold: 0 };
  const o = object<PortInterruptOptions>(value, 'options.interrupt');
  return {
    line: u32(o.line, 'options.interrupt.line', NO_LINE - 1),
    mask: u32(o.mask, 'options.interrupt.mask'),
    threshold: u32(o.threshold ?? 0, 'options.interrupt.threshold'),
  };
}

export function resolveFifoPortOptions(options: FifoPortOptions): ResolvedFifoPort {
  const o = object<FifoPortOptions>(options, 'options');
  const rate = toRational(o.rate ?? 1, 'options.rate');
  const irq = interruptOf(o.interrupt);
  const width = String(o.elementWidth ?? 1);
  const rxSource = o.rxSource ?? 'pattern';
  const pattern = o.pattern === undefined ? DEFAULT_RX_PATTERN : bytes(o.pattern, 'options.pattern');
  if (rxSource === 'pattern' && pattern.length === 0) fail('ERR_INVALID_ARGUMENT', '"options.pattern" must not be empty');
  const requestLine = o.requestLine === undefined || o.requestLine === null
    ? NO_LINE : u32(o.requestLine, 'options.requestLine', NO_LINE - 1);
  return {
    rate,
    name: o.name,
    native: {
      address: uint(o.address, 'options.address'),
      readWait: u32(o.readWait ?? 0, 'options.readWait'),
      writeWait: u32(o.writeWait ?? 0, 'options.writeWait'),
      direction: choice(o.direction, 'options.direction', DIRECTIONS),
      depth: u32(o.depth ?? 16, 'options.depth'),
      elementWidth: choice(width, 'options.elementWidth', WIDTHS),
      rateNumerator: rate.numerator,
      rateDenominator: rate.denominator,
      requestLine,
      watermark: u32(o.watermark ?? 1, 'options.watermark'),
      requestRule: choice(o.requestRule ?? 'burst', 'options.requestRule', RULES),
      dmaEnable: bool(o.dmaEnable ?? false, 'options.dmaEnable'),
      deviceEnable: bool(o.deviceEnable ?? true, 'options.deviceEnable'),
      txStreaming: bool(o.txStreaming ?? false, 'options.txStreaming'),
      idleTimeout: uint(o.idleTimeout ?? 0, 'options.idleTimeout'),
      rxSource: choice(rxSource, 'options.rxSource', SOURCES),
      pattern,
      interruptLine: irq.line,
      interruptMask: irq.mask,
      interruptThreshold: irq.threshold,
      txCaptureLimit: uint(o.txCaptureLimit ?? 1 << 20, 'options.txCaptureLimit'),
    },
  };
}

export class FifoPort {
  readonly id: number;
  readonly name: string | undefined;
  /** The data register's bus address (the deviceAddress a channel programs). */
  readonly address: number;
  readonly direction: 'rx' | 'tx';
  readonly depth: number;
  readonly elementWidth: number;
  /** Exact cycles per element. */
  readonly rate: RateRational;
  /** The request line it drives, or null. */
  readonly requestLine: number | null;
  #native: NativeSimulator;
  /** #native's setPortDmaEnable bound to it (a driver writes its DMA-enable bit once or twice per fragment). */
  readonly #setDmaEnable: NativeHotPath['setPortDmaEnable'];

  /** @internal Made by Simulator.addFifoPort. */
  constructor(native: NativeSimulator, id: number, resolved: ResolvedFifoPort, hot: NativeHotPath = native.hotPathFunctions()) {
    this.#native = native;
    this.#setDmaEnable = hot.setPortDmaEnable;
    this.id = id;
    this.name = resolved.name;
    const n = resolved.native;
    this.address = n.address;
    this.direction = n.direction === 0 ? 'rx' : 'tx';
    this.depth = n.depth;
    this.elementWidth = n.elementWidth;
    this.rate = resolved.rate;
    this.requestLine = n.requestLine === NO_LINE ? null : n.requestLine;
  }

  /** A snapshot: level, high-water mark, PORT_STATUS bits, counters, request/interrupt outputs. */
  get status(): FifoPortStatus {
    return this.#native.portStatus(this.id);
  }

  get level(): number {
    return this.status.level;
  }

  get highWater(): number {
    return this.status.highWater;
  }

  /** The DMA-enable gate (a driver's "DMA enable" register bit). */
  setDmaEnable(enable: boolean): void {
    this.#setDmaEnable(this.id, bool(enable, 'enable'));
  }

  /** rx: receiver on/off; tx: transmitter on/off. Turning it on restarts the device's clock. */
  setDeviceEnable(enable: boolean): void {
    this.#native.setPortDeviceEnable(this.id, bool(enable, 'enable'));
  }

  /** tx: keep ticking on an empty FIFO (counting underruns) instead of idling. */
  setTxStreaming(streaming: boolean): void {
    this.#native.setPortTxStreaming(this.id, bool(streaming, 'streaming'));
  }

  /** Elements, 1..depth. */
  setWatermark(watermark: number): void {
    this.#native.setPortWatermark(this.id, u32(watermark, 'watermark'));
  }

  /**
   * rx aging timeout in cycles, 0 = off (rx ports only: ERR_INVALID_ARGUMENT on tx). Takes effect from sim.cycle + 1
   * and counts from the last element's arrival, as always: an already armed flush stays armed until the FIFO is
   * empty; a running countdown keeps its start and gets the new length (one already elapsed arms the flush at
   * sim.cycle + 1); 0 drops a running countdown. See docs/timing.md "Device FIFO ports".
   */
  setIdleTimeout(cycles: number): void {
    this.#native.setPortIdleTimeout(this.id, uint(cycles, 'cycles'));
  }

  /** The device's own interrupt output, or null to disconnect it. */
  setInterrupt(interrupt: PortInterruptOptions | null): void {
    const i = interruptOf(interrupt);
    this.#native.setPortInterrupt(this.id, i.line, i.mask, i.threshold);
  }

  /** Write-one-to-clear of PORT_STATUS bits. */
  clearStatus(mask: number): void {
    this.#native.clearPortStatus(this.id, u32(mask, 'mask'));
  }

  /** rx with rxSource 'pushed': bytes the device will receive, in order. */
  push(data: Uint8Array | readonly number[]): void {
    this.#native.appendRxData(this.id, bytes(data, 'data'));
  }

  /** tx: takes up to `maxBytes` captured bytes out of the sink (oldest first). */
  readTx(maxBytes?: number): Uint8Array {
    const held = this.status.txCapturedBytes;
    const n = maxBytes === undefined ? held : Math.min(held, uint(maxBytes, 'maxBytes'));
    const out = new Uint8Array(n);
    const got = n === 0 ? 0 : this.#native.readTxData(this.id, out);
    return out.subarray(0, got);
  }

  clearTx(): void {
    this.#native.clearTxData(this.id);
  }

  /** Raises the error flag when the device handles element `elementIndex` (from 0). */
  injectError(elementIndex: number): void {
    this.#native.injectPortError(this.id, uint(elementIndex, 'elementIndex'));
  }

  /** Delays element `elementIndex` (and all after it) by `cycles`. */
  injectStall(elementIndex: number, cycles: number): void {
    this.#native.injectPortStall(this.id, uint(elementIndex, 'elementIndex'), uint(cycles, 'cycles'));
  }

  /** Pauses the device for `cycles` from cycle `atCycle`. */
  injectStallAt(atCycle: number, cycles: number): void {
    this.#native.injectPortStallAt(this.id, uint(atCycle, 'atCycle'), uint(cycles, 'cycles'));
  }
}
