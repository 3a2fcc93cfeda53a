// The system DMA controller's verbs: the HAL controller-extension function table (KMDF-SYSTEM-DMA.md D.7) —
// ValidateRequestLineBinding, QueryMaxFragments, ProgramChannel, ConfigureChannel, FlushChannel, HandleInterrupt,
// ReadDmaCounter, CancelTransfer — plus the engine-only programMemoryToMemory and channelStatus. Semantics,
// validation order and the ConfigureChannel table: native/core/dma_types.h and engine.h; timing: TIMING.md.
// Arguments are checked here first (a huge SG list is refused by its length before a single element is read).
// Re-entrancy: every entry reads each argument once, into values of its own, before anything is handed to the engine,
// so a getter that calls this controller again (another channel, the same one) finishes its own call first and the
// outer call then sends exactly its own arguments.
import type { NativeHotPath, NativeSimulator } from '../native/binding-types.js';
import { fail } from './errors.js';
import { channelStateName, INTERRUPT_TYPES, interruptTypeName } from './events.js';
import type { ChannelStatusInfo, InterruptReport, MemoryToMemoryArgs, ProgramChannelArgs } from './types.js';
import { bool, choice, MAX_SAFE, object, U32_MAX, u32, uint, widthOf } from './validate.js';

/** Header numbers of a packed program request (native/addon dma_methods.cpp ProgramChannelBound). */
const PACKED_HEADER = 8;
/** The most pairs NativeSimulator.programBuffer allocates room for. */
const MAX_PACKED_PAIRS = 1 << 20;

/** Taken when this module loads, so code that replaces the globals later cannot change the answer. */
const isView = ArrayBuffer.isView;
const Float64ArrayIntrinsic = Float64Array;

/** A real Float64Array (not a Proxy of one: a Proxy has no viewed buffer, so ArrayBuffer.isView says false). */
function isFloat64Array(x: unknown): x is Float64Array {
  return isView(x) && x instanceof Float64ArrayIntrinsic;
}

/** A whole number in [0, 2^53 - 1] (what uint() accepts). */
function isUint(x: number): boolean {
  return x >= 0 && x <= MAX_SAFE && Math.floor(x) === x;
}

const DIRECTIONS = { 'memory-to-device': 0, 'device-to-memory': 1 } as const;

function width(value: unknown, name: string): number {
  return widthOf(value, name);
}

/**
 * The DMA controller's verbs (sim.dma), named after the HAL controller-extension function table: programChannel,
 * configureChannel, handleInterrupt, readDmaCounter, cancelTransfer, queryMaxFragments and the rest.
 */
export class DmaController {
  #native: NativeSimulator;
  readonly #maxFragments: number;
  /** programChannelFlat's packed request (PACKED_HEADER numbers, then the pairs), in a block the addon owns and lends
   *  (NativeSimulator.programBuffer); replaced by a larger one when a list is longer than any before. */
  #packed: Float64Array;
  /** The pairs #packed has room for. */
  #packedPairs: number;

  /** Simulator.#deferFlush: puts a flush off to the next native call when that cannot be observed. */
  readonly #deferFlush: (channel: number) => boolean;

  /** handleInterruptNext and programChannelBound bound to #native (Simulator's hot-path functions). */
  readonly #hot: NativeHotPath;

  /** @internal Made by the Simulator. */
  constructor(
    native: NativeSimulator,
    maxFragments: number,
    deferFlush: (channel: number) => boolean = () => false,
    hot: NativeHotPath = native.hotPathFunctions(),
  ) {
    this.#native = native;
    this.#hot = hot;
    this.#deferFlush = deferFlush;
    this.#maxFragments = maxFragments;
    this.#packedPairs = Math.max(1, Math.min(maxFragments, 16));
    this.#packed = native.programBuffer(this.#packedPairs);
  }

  /** Whether `requestLine` may be bound to `channel` (soc: any line < requestLines; i8237: line == channel). */
  validateRequestLineBinding(requestLine: number, channel: number): boolean {
    return this.#native.validateRequestLineBinding(u32(requestLine, 'requestLine'), u32(channel, 'channel'));
  }

  /** The most SG elements one programChannel takes: min(maxFragments, hint) (hint 0 = no hint). */
  queryMaxFragments(channel: number, maxFragmentsHint = 0): number {
    return this.#native.queryMaxFragments(u32(channel, 'channel'), u32(maxFragmentsHint, 'maxFragmentsHint'));
  }

  /** Programs a channel; it runs from sim.cycle + 1. Throws a coded error for a bad call (dma_types.h). */
  programChannel(args: ProgramChannelArgs): void {
    const a = object<ProgramChannelArgs>(args, 'args');
    // Every field is read once, in this order, into values of this call's own (see the file comment).
    const channel = u32(a.channel, 'channel');
    const requestLine = u32(a.requestLine, 'requestLine');
    const sg = a.sg;
    if (!Array.isArray(sg)) fail('ERR_INVALID_ARG_TYPE', '"sg" must be an array of {address, length}');
    const n = sg.length;
    if (n > this.#maxFragments) {
      fail('ERR_TOO_MANY_FRAGMENTS', `"sg" has ${n} elements; queryMaxFragments allows ${this.#maxFragments}`);
    }
    const flat = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      // a hole is skipped, as Array.prototype.forEach does (its pair stays 0)
      if (!(i in sg)) continue;
      const e = object<{ address: number; length: number }>(sg[i], `sg[${i}]`);
      flat[2 * i] = uint(e.address, `sg[${i}].address`);
      flat[2 * i + 1] = uint(e.length, `sg[${i}].length`);
    }
    const deviceAddress = uint(a.deviceAddress, 'deviceAddress');
    const d = a.direction;
    const direction = d === 'memory-to-device' ? 0 : d === 'device-to-memory' ? 1 : choice(d, 'direction', DIRECTIONS);
    const w = width(a.width, 'width');
    const demandMode = bool(a.demandMode, 'demandMode');
    const loop = bool(a.loop, 'loop');
    this.#native.programChannel(channel, requestLine, flat, deviceAddress, direction, w, demandMode, loop);
  }

  /**
   * @internal programChannel for a caller that already holds its SG list as (address, length) pairs — `count` pairs
   * from pairs[0] — (lib/hal's MapTransferEx): one native call without arguments (the request goes through the
   * bound buffer) and no per-call objects. Exactly
   * programChannel's behaviour: values programChannel would refuse are handed to it (same error, same message);
   * the binding and the engine check everything else as for programChannel.
   */
  programChannelFlat(
    channel: number,
    requestLine: number,
    pairs: Float64Array,
    count: number,
    deviceAddress: number,
    direction: ProgramChannelArgs['direction'],
    width: ProgramChannelArgs['width'],
    demandMode: boolean,
    loop: boolean,
  ): void {
    // A genuine Float64Array cannot run code when read (a Proxy of one is refused before it is touched); the pairs
    // are copied into #packed first and checked there, so each is read exactly once.
    if (!isFloat64Array(pairs)) fail('ERR_INVALID_ARG_TYPE', '"pairs" must be a Float64Array of (address, length) pairs');
    let clean =
      count <= this.#maxFragments && count >= 0 && count * 2 <= pairs.length && Math.floor(count) === count &&
      channel >= 0 && channel <= U32_MAX && Math.floor(channel) === channel &&
      requestLine >= 0 && requestLine <= U32_MAX && Math.floor(requestLine) === requestLine &&
      isUint(deviceAddress) &&
      (direction === 'memory-to-device' || direction === 'device-to-memory') &&
      (width === 1 || width === 2 || width === 4 || width === 8) &&
      typeof demandMode === 'boolean' && typeof loop === 'boolean';
    if (clean && count > this.#packedPairs) {
      if (count > MAX_PACKED_PAIRS) clean = false; // a list that long goes the general way (programBuffer's limit)
    }
    if (clean && count > this.#packedPairs) {
      this.#packed = this.#native.programBuffer(count);
      this.#packedPairs = count;
    }
    const p = this.#packed;
    if (clean) {
      for (let i = 0; i < 2 * count; i++) p[PACKED_HEADER + i] = pairs[i]!;
      for (let i = 0; clean && i < 2 * count; i++) clean = isUint(p[PACKED_HEADER + i]!);
    }
    if (!clean) {
      const sg: { address: number; length: number }[] = [];
      for (let i = 0; i < count && 2 * i + 1 < pairs.length; i++) sg.push({ address: pairs[2 * i]!, length: pairs[2 * i + 1]! });
      this.programChannel({ channel, requestLine, sg, deviceAddress, direction, width, demandMode, loop });
      return;
    }
    p[0] = channel;
    p[1] = requestLine;
    p[2] = deviceAddress;
    p[3] = direction === 'memory-to-device' ? 0 : 1;
    p[4] = width;
    p[5] = demandMode ? 1 : 0;
    p[6] = loop ? 1 : 0;
    p[7] = count;
    this.#hot.programChannelBound();
  }

  /** A custom function (CONFIGURE_FUNCTION); returns the NTSTATUS (STATUS_* constants, unsigned). */
  configureChannel(channel: number, functionNumber: number, value: number): number {
    // The engine returns an int32 NTSTATUS; the project's one TS form is the unsigned number (0xC000000D).
    return this.#native.configureChannel(u32(channel, 'channel'), u32(functionNumber, 'functionNumber'), uint(value, 'value')) >>> 0;
  }

  /** Back to idle, dropping the channel's unreported interrupts. */
  flushChannel(channel: number): void {
    this.#native.flushChannel(u32(channel, 'channel'));
  }

  /**
   * @internal flushChannel for a caller that programs the channel again next (lib/hal's FlushAdapterBuffersEx, then
   * MapTransferEx): when nothing could tell (Simulator.#deferFlush), the flush is left for the binding to run first
   * thing in the next native call of this simulator — whichever it is, at the same cycle — so flush and program
   * cross into the engine once. Otherwise, and for every argument flushChannel refuses, it is flushChannel.
   */
  flushChannelDeferred(channel: number): void {
    const c = u32(channel, 'channel');
    if (!this.#deferFlush(c)) this.#native.flushChannel(c);
  }

  /** One raised interrupt per call (lowest channel first; completion, error, cancelled), or null when none remain. */
  handleInterrupt(): InterruptReport | null {
    const r = this.#native.handleInterruptPacked();
    return r < 0 ? null : { channel: Math.floor(r / 4), type: interruptTypeName(r % 4) };
  }

  /** @internal handleInterrupt without the report object: -1 when none remain, else channel * 4 + the type's
   *  number (INTERRUPT_TYPES index: 0 completion, 1 error, 2 cancelled). */
  handleInterruptPacked(): number {
    return this.#native.handleInterruptPacked();
  }

  /** @internal handleInterruptPacked() * 2 + 1 when another report remains after this one, + 0 when none does
   *  (-1 when there was none): lets a caller that makes no engine call between reports skip the final empty call. */
  handleInterruptNext(): number {
    return this.#hot.handleInterruptNext();
  }

  /** Bytes not yet written to the destination (of the current iteration when looping). */
  readDmaCounter(channel: number): number {
    return this.#native.readDmaCounter(u32(channel, 'channel'));
  }

  /** Stops after the burst in progress; true iff it was running with no interrupt pending (a cancelled interrupt follows). */
  cancelTransfer(channel: number): boolean {
    return this.#native.cancelTransfer(u32(channel, 'channel'));
  }

  /** Engine-only memory-to-memory transfer (soc: two-cycle bursts; i8237: channel 0 -> 1, 8 cycles per byte). */
  programMemoryToMemory(args: MemoryToMemoryArgs): void {
    const a = object<MemoryToMemoryArgs>(args, 'args');
    this.#native.programMemoryToMemory(
      u32(a.channel, 'channel'),
      uint(a.source, 'source'),
      uint(a.destination, 'destination'),
      uint(a.length, 'length'),
      width(a.width, 'width'),
      u32(a.burst ?? 0, 'burst'),
    );
  }

  /**
   * A channel's state now: its state, bytes remaining, pending interrupts, request line, width, burst and watermark.
   */
  channelStatus(channel: number): ChannelStatusInfo {
    const s = this.#native.channelStatus(u32(channel, 'channel'));
    return {
      ...s,
      state: channelStateName(s.state),
      pendingInterrupts: INTERRUPT_TYPES.filter((_, bit) => (s.pendingInterrupts & (1 << bit)) !== 0),
    };
  }
}
