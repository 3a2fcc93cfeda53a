// A device FIFO port (ARCHITECTURE.md "Device ports", TIMING.md rule 5, native/core/port_types.h): the native
// building block a simulated UART / SPI / ADC is made of, so no JS runs per beat. This class resolves its options
// (every default filled), and gives the setters a driver's register writes would flip (each takes effect from
// sim.cycle + 1), rx data in, tx data out, status with write-one-to-clear, and fault injection.
import type { NativeFifoPortOptions, NativeHotPath, NativeSimulator } from '../native/binding-types.js';
import { NO_LINE } from './constants.js';
import { fail } from './errors.js';
import { toRational } from './rational.js';
import type { FifoPortOptions, FifoPortStatus, PortInterruptOptions, RateRational } from './types.js';
import { bool, bytes, choice, object, u32, uint, widthOf } from './validate.js';

const DIRECTIONS = { rx: 0, tx: 1 } as const;
const RULES = { burst: 0, single: 1 } as const;
const SOURCES = { pattern: 0, pushed: 1 } as const;

/** The default rx pattern: the byte ramp 0, 1, ..., 255 (so data integrity checks see distinct bytes). */
export const DEFAULT_RX_PATTERN: Uint8Array = Uint8Array.from({ length: 256 }, (_, i) => i);

export interface ResolvedFifoPort {
  native: NativeFifoPortOptions;
  rate: RateRational;
  name: string | undefined;
}

/** The engine's limits (native/core/port_types.h kMaxPortDepth, kMaxPattern, kPortIrqAllBits). */
const MAX_DEPTH = 65_536;
const MAX_PATTERN = 1 << 20;
const IRQ_ALL_BITS = 0xf;

/** The machine's sizes a port's lines and interrupt are checked against (Simulator options). */
export interface PortLimits {
  requestLines: number;
  interruptLines: number;
}

/** A port interrupt setting, checked against the port's depth; `name` is what the caller called it. */
function interruptOf(value: PortInterruptOptions | null | undefined, name: string, depth: number, limits: PortLimits): { line: number; mask: number; threshold: number } {
  if (value === undefined || value === null) return { line: NO_LINE, mask: 0, threshold: 0 };
  const o = object<PortInterruptOptions>(value, name);
  const line = u32(o.line, `${name}.line`, limits.interruptLines - 1);
  const mask = u32(o.mask, `${name}.mask`);
  if ((mask & ~IRQ_ALL_BITS) !== 0) {
    fail('ERR_INVALID_ARGUMENT', `"${name}.mask" has bits that are not PORT_IRQ bits (0x${IRQ_ALL_BITS.toString(16)}); received 0x${mask.toString(16)}`);
  }
  const threshold = u32(o.threshold ?? 0, `${name}.threshold`, depth);
  return { line, mask, threshold };
}

/** Every option of a port checked (each field read once; names as the caller wrote them) and every default filled. */
export function resolveFifoPortOptions(options: FifoPortOptions, limits: PortLimits): ResolvedFifoPort {
  const o = object<FifoPortOptions>(options, 'options');
  const address = uint(o.address, 'options.address');
  const direction = choice(o.direction, 'options.direction', DIRECTIONS);
  const depth = u32(o.depth ?? 16, 'options.depth', MAX_DEPTH, 1);
  const elementWidth = widthOf(o.elementWidth ?? 1, 'options.elementWidth');
  if (address % elementWidth !== 0) {
    fail('ERR_BAD_ALIGNMENT', `"options.address" must be a multiple of options.elementWidth (${elementWidth}); received 0x${address.toString(16)}`);
  }
  const rate = toRational(o.rate ?? 1, 'options.rate');
  const rawLine = o.requestLine;
  const requestLine = rawLine === undefined || rawLine === null ? NO_LINE : u32(rawLine, 'options.requestLine', limits.requestLines - 1);
  const watermark = u32(o.watermark ?? 1, 'options.watermark', depth, 1);
  const requestRule = choice(o.requestRule ?? 'burst', 'options.requestRule', RULES);
  const dmaEnable = bool(o.dmaEnable ?? false, 'options.dmaEnable');
  const deviceEnable = bool(o.deviceEnable ?? true, 'options.deviceEnable');
  const txStreaming = bool(o.txStreaming ?? false, 'options.txStreaming');
  const idleTimeout = uint(o.idleTimeout ?? 0, 'options.idleTimeout');
  const rxSourceName = o.rxSource ?? 'pattern';
  const rxSource = choice(rxSourceName, 'options.rxSource', SOURCES);
  const rawPattern = o.pattern;
  const pattern = rawPattern === undefined ? DEFAULT_RX_PATTERN : bytes(rawPattern, 'options.pattern');
  if (pattern.length > MAX_PATTERN) fail('ERR_OUT_OF_RANGE', `"options.pattern" must be at most 1 MiB; received ${pattern.length} bytes`);
  if (direction === DIRECTIONS.rx && rxSourceName === 'pattern' && pattern.length === 0) {
    fail('ERR_INVALID_ARGUMENT', '"options.pattern" must not be empty');
  }
  const irq = interruptOf(o.interrupt, 'options.interrupt', depth, limits);
  const readWait = u32(o.readWait ?? 0, 'options.readWait');
  const writeWait = u32(o.writeWait ?? 0, 'options.writeWait');
  const txCaptureLimit = uint(o.txCaptureLimit ?? 1 << 20, 'options.txCaptureLimit');
  const name = o.name;
  if (name !== undefined && typeof name !== 'string') {
    fail('ERR_INVALID_ARG_TYPE', `"options.name" must be a string; received type ${name === null ? 'null' : typeof name}`);
  }
  return {
    rate,
    name,
    native: {
      address, readWait, writeWait, direction, depth, elementWidth,
      rateNumerator: rate.numerator,
      rateDenominator: rate.denominator,
      requestLine, watermark, requestRule, dmaEnable, deviceEnable, txStreaming, idleTimeout, rxSource, pattern,
      interruptLine: irq.line,
      interruptMask: irq.mask,
      interruptThreshold: irq.threshold,
      txCaptureLimit,
    },
  };
}

/**
 * A device FIFO port on the bus (Simulator.addFifoPort): the gates a device's registers flip, rx data in, tx data out,
 * status and fault injection. Each setter acts from sim.cycle + 1.
 */
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
  readonly #limits: PortLimits;
  /** #native's setPortDmaEnable bound to it (a driver writes its DMA-enable bit once or twice per fragment). */
  readonly #setDmaEnable: NativeHotPath['setPortDmaEnable'];

  /** @internal Made by Simulator.addFifoPort. */
  constructor(native: NativeSimulator, id: number, resolved: ResolvedFifoPort, limits: PortLimits, hot: NativeHotPath = native.hotPathFunctions()) {
    this.#native = native;
    this.#limits = limits;
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
    const on = bool(streaming, 'streaming');
    if (this.direction !== 'tx') fail('ERR_INVALID_ARGUMENT', `setTxStreaming: only a tx port streams (port ${this.id} is rx)`);
    this.#native.setPortTxStreaming(this.id, on);
  }

  /** Elements, 1..depth. */
  setWatermark(watermark: number): void {
    this.#native.setPortWatermark(this.id, u32(watermark, 'watermark', this.depth, 1));
  }

  /**
   * rx aging timeout in cycles, 0 = off (rx ports only: ERR_INVALID_ARGUMENT on tx). Takes effect from sim.cycle + 1
   * and counts from the last element's arrival, as always: an already armed flush stays armed until the FIFO is
   * empty; a running countdown keeps its start and gets the new length (one already elapsed arms the flush at
   * sim.cycle + 1); 0 drops a running countdown. See docs/timing.md "Device FIFO ports".
   */
  setIdleTimeout(cycles: number): void {
    const c = uint(cycles, 'cycles');
    if (this.direction !== 'rx') fail('ERR_INVALID_ARGUMENT', `setIdleTimeout: only an rx port has an idle timeout (port ${this.id} is tx)`);
    this.#native.setPortIdleTimeout(this.id, c);
  }

  /** The device's own interrupt output, or null to disconnect it. */
  setInterrupt(interrupt: PortInterruptOptions | null): void {
    const i = interruptOf(interrupt, 'interrupt', this.depth, this.#limits);
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

  /** tx: discards the captured bytes the sink holds. */
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
    const at = uint(atCycle, 'atCycle');
    const n = uint(cycles, 'cycles');
    const now = this.#native.cycle();
    if (at <= now) fail('ERR_OUT_OF_RANGE', `"atCycle" must be after sim.cycle (${now}); received ${at}`);
    this.#native.injectPortStallAt(this.id, at, n);
  }
}
