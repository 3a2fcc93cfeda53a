// The Simulator: one bus, its RAM and device regions, one system DMA controller and its device ports
// (ARCHITECTURE.md "The engine"; cycle rules in TIMING.md). Time is a bus-cycle count that moves only inside
// runFor (relative) and runUntil (absolute). A run returns {cycle, stoppedBy, events} at its target, or right
// after an interrupt line rose or a schedule()d timer fired, with sim.cycle equal to that cycle, so software runs
// exactly then. Events cross as fixed 32-byte records through a block the addon owns and lends to this object (JS can
// neither free nor detach it: native/addon/lent_buffers.h) — one native call per slice; when that block fills, the
// run calls again until a real stop, so a caller never sees a partial slice. A run holds at most maxEvents events in
// JS (then it stops with 'events'), or hands them to onEvents slice by slice, or discards them (RunOptions).
import type { NativeHotPath, NativeSimulator } from '../native/binding-types.js';
import { engineBinding } from './binding.js';
import { EVENT_RECORD_BYTES } from './constants.js';
import { DmaController } from './dma-controller.js';
import { fail } from './errors.js';
import { decodeEvents, eventMask } from './events.js';
import { FifoPort, resolveFifoPortOptions } from './fifo-port.js';
import { InterruptSource } from './interrupt-source.js';
import { MemoryRegion } from './memory-region.js';
import { HardwareTracer } from './trace.js';
import { resolveSimulatorOptions, toNativeOptions, type ResolvedSimulatorOptions } from './options.js';
import { checkHardwarePerturbation, type CheckedPerturbation } from './perturbation.js';
import type {
  EngineStats, FifoPortOptions, MemoryRegionOptions, RunOptions, RunResult, SimEvent, SimulatorOptions, StopReason,
} from './types.js';
import { bool, bytes, object, u32, uint } from './validate.js';

/** dmasim::StopReason numbers (engine.h); 3 (BufferFull) never leaves this file. */
const STOP_REASONS: readonly StopReason[] = ['target', 'interrupt', 'timer'];
const STOP_BUFFER_FULL = 3;
/** Slots of the state shared with the binding (native/addon simulator_wrap.h kStateDeferredFlush, kStateGuard,
 *  kStateLines). */
const STATE_DEFERRED_FLUSH = 1;
const STATE_GUARD = 2;
const STATE_LINES = 3;

/** RunOptions.maxEvents when not given: about 100 MB of event objects at most. */
export const DEFAULT_MAX_EVENTS = 1_000_000;

/** The records of the last run slice, for lib/hal's kernel loop (runSlice): not part of the public API. */
let eventWordsOf: (sim: Simulator) => Uint32Array;

/** @internal The event records of `sim`'s last run slice (32 bytes = 8 words each; events.ts), valid until its next
 *  run. Read-only by contract: the block belongs to the addon. */
export function simulatorEventWords(sim: Simulator): Uint32Array {
  return eventWordsOf(sim);
}

/**
 * One simulated machine's hardware: the native engine's bus, memory, DMA controller, device ports and interrupt lines,
 * advanced only by runFor / runUntil (see the file comment).
 */
export class Simulator {
  /** Every option with its default filled in. */
  readonly options: ResolvedSimulatorOptions;
  /** The DMA controller (the HAL controller-extension table). */
  readonly dma: DmaController;
  /** The hardware trace (off until sim.trace.start; lib/sim/trace.ts). */
  readonly trace: HardwareTracer = new HardwareTracer(() => this.#live(), this, () => this.cycle);
  readonly regions: MemoryRegion[] = [];
  readonly ports: FifoPort[] = [];
  readonly interruptSources: InterruptSource[] = [];
  #native: NativeSimulator;
  /** The native methods of every run and fragment, bound to #native (cheaper to call than its methods). */
  readonly #hot: NativeHotPath;
  #disposed = false;
  /** The addon's event block: the records of the last run slice (8 words each). */
  readonly #words: Uint32Array;
  /** Shared with the binding, in a block the addon owns (native/addon simulator_wrap.h kState*): [0] the cycle the
   *  last run stopped at; [STATE_DEFERRED_FLUSH] a channel whose flush the next native call runs first, or -1
   *  (#deferFlush); [STATE_GUARD] non-zero while onEvents runs (every native call refuses then);
   *  [STATE_LINES + line] the level (0/1) of each line mirrorInterruptLine asked for, exact after every native call. */
  readonly #state: Float64Array;
  /** 1 for the lines whose level #state mirrors. */
  readonly #mirrored: Uint8Array;
  /** The engine's cycle: it moves only inside runs, so the last run's stop cycle is it (no native call to read it). */
  #now = 0;
  /** The record mask runs use unless they choose (options.events), and the one the engine holds now. */
  readonly #defaultMask: number;
  #mask: number;
  /** The hardware perturbation (options.perturb), checked, or null. */
  readonly #perturb: CheckedPerturbation | null;

  static {
    eventWordsOf = (sim) => sim.#words;
  }

  constructor(options: SimulatorOptions = {}) {
    this.options = resolveSimulatorOptions(options);
    const records = u32(options.eventBufferRecords ?? 4096, 'options.eventBufferRecords', 1 << 20, 1);
    this.#perturb = this.options.perturb === null ? null : checkHardwarePerturbation(this.options.perturb);
    const { NativeSimulator: Native } = engineBinding();
    this.#native = new Native(toNativeOptions(this.options));
    if (this.#perturb !== null) this.#native.setPerturbation(this.#perturb.native);
    const shared = this.#native.sharedBuffers(records);
    this.#words = shared.events;
    this.#state = shared.state;
    this.#mirrored = new Uint8Array(this.options.interruptLines);
    this.#now = this.#native.cycle();
    this.#defaultMask = eventMask(this.options.events, 'options.events');
    this.#native.setRecordMask(this.#defaultMask);
    this.#mask = this.#defaultMask;
    this.#hot = this.#native.hotPathFunctions();
    this.dma = new DmaController(this.#native, this.options.timing.maxFragments, (channel) => this.#deferFlush(channel), this.#hot);
  }

  get profile(): ResolvedSimulatorOptions['profile'] {
    return this.options.profile;
  }

  get clockHz(): number {
    return this.options.clockHz;
  }

  /** The current bus cycle. */
  get cycle(): number {
    if (this.#disposed) this.#live();
    return this.#now;
  }

  /** The engine's work counters since construction (activities, records, device elements, DMA beats). */
  get stats(): EngineStats {
    return this.#live().stats();
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Adds a RAM region; `region.bytes` is its zero-copy view. Zero size or an overlap is a coded error. */
  addMemory(options: MemoryRegionOptions): MemoryRegion {
    const o = object<MemoryRegionOptions>(options, 'options');
    const base = uint(o.base, 'options.base');
    const size = uint(o.size, 'options.size', 2 ** 32);
    if (size === 0) fail('ERR_INVALID_ARGUMENT', '"options.size" must not be 0 (a region has at least one byte)');
    const readWait = u32(o.readWait ?? 0, 'options.readWait');
    const writeWait = u32(o.writeWait ?? 0, 'options.writeWait');
    const id = this.#live().addMemory(base, size, readWait, writeWait);
    const region = new MemoryRegion(this.#native, id, base, size, readWait, writeWait, o.name);
    this.regions.push(region);
    return region;
  }

  /** Adds a device FIFO port mapped at options.address (see FifoPortOptions for every default). */
  addFifoPort(options: FifoPortOptions): FifoPort {
    const limits = { requestLines: this.options.requestLines, interruptLines: this.options.interruptLines };
    const resolved = resolveFifoPortOptions(options, limits);
    if (this.#perturb !== null) {
      // device rate drift: one draw per port, in the order ports are added (lib/sim/perturbation.ts)
      const rate = this.#perturb.driftRate(resolved.rate);
      resolved.rate = rate;
      resolved.native.rateNumerator = rate.numerator;
      resolved.native.rateDenominator = rate.denominator;
    }
    const id = this.#live().addFifoPort(resolved.native);
    const port = new FifoPort(this.#native, id, resolved, limits, this.#hot);
    this.ports.push(port);
    return port;
  }

  /**
   * A device-driven interrupt source on `line` (starts low): a TS device model's own interrupt output, OR'ed with
   * every other source of the line. Its level changes at sim.cycle; a rise stops the next run at once (see
   * InterruptSource). ERR_OUT_OF_RANGE for a line >= interruptLines or more than 4096 sources.
   */
  addInterruptSource(line: number, name?: string): InterruptSource {
    const l = u32(line, 'line', this.options.interruptLines - 1);
    const id = this.#live().addInterruptSource(l);
    const source = new InterruptSource(this.#native, id, l, name);
    this.interruptSources.push(source);
    return source;
  }

  /** Runs `cycles` cycles from now (or until an interrupt line rises / a timer fires first). */
  runFor(cycles: number, options?: RunOptions): RunResult {
    const n = uint(cycles, 'cycles');
    const run = runOptions(options); // before "now" is read: an options getter may itself run this simulator
    const now = this.cycle;
    const target = now + n;
    if (target > Number.MAX_SAFE_INTEGER) {
      fail('ERR_OUT_OF_RANGE', `"cycles" takes the simulation past cycle 2^53 - 1 (now ${now}, cycles ${n})`);
    }
    return this.#run(target, run);
  }

  /** Runs to absolute cycle `cycle` (>= sim.cycle), or until an interrupt line rises / a timer fires first. */
  runUntil(cycle: number, options?: RunOptions): RunResult {
    const target = uint(cycle, 'cycle');
    const run = runOptions(options);
    const now = this.cycle;
    if (target < now) fail('ERR_OUT_OF_RANGE', `"cycle" ${target} is in the past (sim.cycle is ${now})`);
    return this.#run(target, run);
  }

  #run(target: number, { discard, maxEvents, onEvents, mask }: CheckedRunOptions): RunResult {
    this.#live();
    this.#useMask(mask ?? this.#defaultMask);
    const events: SimEvent[] = [];
    const words = this.#words;
    for (;;) {
      const limit = onEvents === null ? maxEvents - events.length : undefined;
      const r = this.#hot.runBound(target, discard, limit);
      this.#now = this.#state[0]!;
      const count = Math.floor(r / 4);
      const stoppedBy = r % 4;
      if (count > 0) {
        if (onEvents === null) decodeEvents(words, count, events);
        else this.#deliver(onEvents, words, count);
      }
      if (stoppedBy !== STOP_BUFFER_FULL) {
        return { cycle: this.#now, stoppedBy: STOP_REASONS[stoppedBy] ?? 'target', events };
      }
      if (onEvents === null && events.length >= maxEvents) {
        // Finish the cycle the cap was reached in (its remaining records join the result), so the run stops where a
        // caller may act: never part-way through a cycle (runBound to the current cycle completes it, then returns).
        for (let s = stoppedBy; s === STOP_BUFFER_FULL;) {
          const rest = this.#hot.runBound(this.#now, discard);
          decodeEvents(words, Math.floor(rest / 4), events);
          s = rest % 4;
        }
        return { cycle: this.#now, stoppedBy: 'events', events };
      }
    }
  }

  /** Hands one slice to onEvents with the guard up: the engine is part-way through the run, so every call is refused. */
  #deliver(onEvents: (events: SimEvent[]) => void, words: Uint32Array, count: number): void {
    const slice: SimEvent[] = [];
    decodeEvents(words, count, slice);
    const state = this.#state;
    state[STATE_GUARD] = 1;
    try {
      onEvents(slice);
    } finally {
      state[STATE_GUARD] = 0;
    }
  }

  /** Makes the engine store the kinds of `mask` from now on (one native call, only when it changes). */
  #useMask(mask: number): void {
    if (mask === this.#mask) return;
    this.#native.setRecordMask(mask);
    this.#mask = mask;
  }

  /**
   * @internal One native run slice to `cycle` (>= sim.cycle) for the kernel's event loop: no RunResult, no event
   * objects. Returns stoppedBy (0 target, 1 interrupt, 2 timer, 3 buffer full: call again after reading the records)
   * + 4 * the number of records now in simulatorEventWords(sim) (valid until the next run). `mask`: the record kinds
   * to store (bit k = record kind k; lib/sim/events.ts) [the simulator's default].
   */
  runSlice(cycle: number, mask: number = this.#defaultMask): number {
    this.#live();
    const target = uint(cycle, 'cycle');
    if (target < this.#now) fail('ERR_OUT_OF_RANGE', `"cycle" ${target} is in the past (sim.cycle is ${this.#now})`);
    if (mask !== this.#mask) this.#useMask(mask);
    const r = this.#hot.runBound(target, false);
    this.#now = this.#state[0]!;
    return r;
  }

  /** A timer: the run stops with a 'timer' event carrying `tag` at exactly `cycle` (> sim.cycle). */
  schedule(cycle: number, tag: number): void {
    const at = uint(cycle, 'cycle');
    const t = u32(tag, 'tag');
    const native = this.#live();
    if (at <= this.#now) fail('ERR_OUT_OF_RANGE', `"cycle" must be after sim.cycle (${this.#now}); received ${at}`);
    native.schedule(at, t);
  }

  /** Debug read: no time, no side effects; RAM only. */
  peek(address: number, length: number): Uint8Array {
    const out = new Uint8Array(uint(length, 'length', 1 << 30));
    this.#live().peek(uint(address, 'address'), out);
    return out;
  }

  /** Debug write: no time, no side effects; RAM only. */
  poke(address: number, data: Uint8Array | readonly number[]): void {
    this.#live().poke(uint(address, 'address'), bytes(data, 'data'));
  }

  /** A DMA beat touching `address` becomes a bus error (modelled: the channel stops in its error state). */
  injectBusFault(address: number): void {
    this.#live().injectBusFault(uint(address, 'address'));
  }

  /** Removes every injected bus fault. */
  clearBusFaults(): void {
    this.#live().clearBusFaults();
  }

  /** The level of an interrupt line now (the HAL asks whether a level-triggered line is still high). */
  interruptLineLevel(line: number): boolean {
    const native = this.#live();
    const l = u32(line, 'line', this.options.interruptLines - 1);
    // A mirrored line's level is in #state (kept exact by the binding after every call): no native call.
    if (this.#mirrored[l] === 1) return this.#state[STATE_LINES + l] === 1;
    return native.interruptLineLevel(l);
  }

  /**
   * @internal Keeps `line`'s level mirrored in memory shared with the binding from now on, so interruptLineLevel
   * costs no native call (the HAL mirrors the lines it has ISRs on: it reads them after every dispatch).
   * ERR_OUT_OF_RANGE for a line >= interruptLines.
   */
  mirrorInterruptLine(line: number): void {
    const native = this.#live();
    const l = u32(line, 'line', this.options.interruptLines - 1);
    native.mirrorInterruptLine(l);
    this.#mirrored[l] = 1;
  }

  /** The DMA controller's own interrupt line level. */
  get controllerInterruptLevel(): boolean {
    return this.interruptLineLevel(this.options.controllerInterruptLine);
  }

  /**
   * DmaController.flushChannelDeferred: puts flushChannel(channel) off to the start of the next native call of this
   * simulator (the binding runs it first, at the same cycle), so it costs no crossing of its own. Nothing can tell
   * the difference — the engine moves and answers only inside native calls, and each one runs the flush first —
   * except what JS reads without a call: the cycle (a flush does not move time) and the mirrored line levels. So it
   * is put off only while the controller line is mirrored and low: then no channel has an interrupt to report and
   * dropping interrupts changes no line level. False (the caller flushes now) otherwise, for a channel flushChannel
   * would refuse, when a flush is already put off, or after dispose.
   */
  #deferFlush(channel: number): boolean {
    const line = this.options.controllerInterruptLine;
    const state = this.#state;
    if (
      this.#disposed || channel >= this.options.channels || state[STATE_DEFERRED_FLUSH] !== -1 || state[STATE_GUARD] !== 0 ||
      this.#mirrored[line] !== 1 || state[STATE_LINES + line] !== 0
    ) {
      return false;
    }
    state[STATE_DEFERRED_FLUSH] = channel;
    return true;
  }

  /** A request line's raw level now. */
  requestLineLevel(line: number): boolean {
    const l = u32(line, 'line', this.options.requestLines - 1);
    return this.#live().requestLineLevel(l);
  }

  /** Seconds of simulated time for `cycles` bus cycles at clockHz. */
  cyclesToSeconds(cycles: number): number {
    return uint(cycles, 'cycles') / this.options.clockHz;
  }

  /** Frees the engine. Region views are detached (length 0); every later call throws ERR_SIMULATOR_DISPOSED. */
  dispose(): void {
    if (this.#disposed) return;
    this.#unguarded();
    this.#disposed = true;
    this.#native.dispose();
  }

  #live(): NativeSimulator {
    if (this.#disposed) fail('ERR_SIMULATOR_DISPOSED', 'the simulator has been disposed');
    this.#unguarded();
    return this.#native;
  }

  /** ERR_REENTRANT_CALL while a run's onEvents callback runs (the binding refuses the same calls; this says so before
   *  any JS-side state changes). */
  #unguarded(): void {
    if (this.#state[STATE_GUARD] !== 0) {
      fail('ERR_REENTRANT_CALL', 'the simulator is in the middle of a run (a call from its onEvents callback); call it after the run returns');
    }
  }
}

interface CheckedRunOptions {
  discard: boolean;
  maxEvents: number;
  onEvents: ((events: SimEvent[]) => void) | null;
  /** The run's record mask, or null for the simulator's default. */
  mask: number | null;
}

/** RunOptions, checked (each field read once): discard and onEvents exclude each other; maxEvents in [1, 2^32 - 1]. */
function runOptions(options: RunOptions | undefined): CheckedRunOptions {
  if (options === undefined) return { discard: false, maxEvents: DEFAULT_MAX_EVENTS, onEvents: null, mask: null };
  const o = object<RunOptions>(options, 'options');
  const discard = bool(o.discardEvents ?? false, 'options.discardEvents');
  const maxEvents = u32(o.maxEvents ?? DEFAULT_MAX_EVENTS, 'options.maxEvents', 0xffff_ffff, 1);
  const onEvents = o.onEvents ?? null;
  if (onEvents !== null && typeof onEvents !== 'function') {
    fail('ERR_INVALID_ARG_TYPE', `"options.onEvents" must be a function; received ${typeof onEvents}`);
  }
  if (discard && onEvents !== null) {
    fail('ERR_INVALID_ARGUMENT', '"options.discardEvents" and "options.onEvents" exclude each other');
  }
  const events = o.events;
  const mask = events === undefined ? null : eventMask(events, 'options.events');
  return { discard, maxEvents, onEvents, mask };
}
