// The simulated machine below the framework: one lib/sim Simulator (the bus, its DMA controller and device ports),
// system RAM with scrambled page frames, register blocks, the interrupt controller, DPCs, timers, the HAL's DMA
// controller extension, one CPU's IRQL, and the event loop that interleaves driver software with the hardware.
// Time (TIMING.md "Software time", docs/hal-contract.md): driver code takes no simulated time except
// KeStallExecutionProcessor and the optional per-callback cost table; ISRs start isrLatency cycles after their line
// rises, DPCs dpcLatency cycles after being queued, timers at their (rounded-up) due cycle. The loop advances the
// engine to the earliest of the target and the next software work item; engine stops (an interrupt line rising, a
// device-model timer) become software work; work due now runs in the order ISR → DPC → timer (work-queue.ts).
// A bug check halts the machine: every later entry point throws MachineHaltedError (bugcheck.ts). So does a
// livelock — software that keeps re-arming itself in one cycle, which would otherwise never let time advance
// (livelock.ts): the loop stops it with an ERR_LIVELOCK error naming that software.

import { Simulator } from '../sim/index.js';
import { simulatorEventWords } from '../sim/simulator.js';
import { EVENT_KIND } from '../sim/constants.js';
import { decodeEvent, eventMask } from '../sim/events.js';
import type { EventSelection, SimEvent, SimulatorOptions } from '../sim/types.js';
import { MachineRandom } from '../sim/random.js';
import type { MachineTiming } from './timing-model.js';
import { BugCheckError, MachineHaltedError, type BugCheckInfo } from './bugcheck.js';
import { setCurrentKernel } from './current.js';
import type { CoverageRecorder } from './coverage.js';
import { HalDmaController } from './dma/controller.js';
import { InterruptController, type LineStats } from './interrupts/controller.js';
import type { TrackedLock } from './interrupts/spinlock.js';
import { PASSIVE_LEVEL, type KIRQL } from './irql.js';
import { AddressSpace } from './memory/address-space.js';
import { PhysicalMemory, PAGE_SIZE } from './memory/physical.js';
import { RegisterSpace } from './registers.js';
import type { HalSimulator } from './sim-face.js';
import { newStats, type KernelStats } from './stats.js';
import { WorkQueue, type WorkItem } from './work-queue.js';
import type { SoftwareTracer } from './trace/software-tracer.js';
import { DEFAULT_LIVELOCK_LIMIT, DPC_WATCHDOG_VIOLATION, KernelLivelockError, RecentOwners } from './livelock.js';
import { checkKernelOptions, type KernelLatencies, type KernelOptions } from './kernel-options.js';
import { argRangeError, argTypeError, checkFinite, checkFunction, checkInteger, checkStruct, checkUnsigned } from './arguments.js';
import { HalError } from './hal-error.js';
import { PASSIVE_LEVEL as LOWEST_IRQL, HIGH_LEVEL } from './irql.js';

export type { KernelLatencies, KernelMemoryOptions, KernelOptions } from './kernel-options.js';

/**
 * The framework's hook into KeBugCheckEx: returns the error the bug check throws (a WdfBugCheck), given its code,
 * parameters and what the kernel knows.
 */
export type BugCheckHook = (code: number, p1: number, p2: number, p3: number, p4: number, info: BugCheckInfo) => Error;

type Listener = (event: SimEvent) => void;

/** A listener with the record kinds it asked for (bit k = record kind k). */
interface Subscription {
  listener: Listener;
  mask: number;
}

/** The records the kernel itself reads: interrupt lines and device-model timers (lib/sim/constants.ts EVENT_KIND). */
const KERNEL_RECORDS = (1 << EVENT_KIND.INTERRUPT_LINE) | (1 << EVENT_KIND.TIMER);
/** What the kernel counts while exploration counts coverage (coverage.ts 'port: overrun' / 'port: underrun'). */
const COVERAGE_RECORDS = (1 << EVENT_KIND.PORT_OVERRUN) | (1 << EVENT_KIND.PORT_UNDERRUN) |
  (1 << EVENT_KIND.PORT_DMA_OVERFLOW) | (1 << EVENT_KIND.PORT_DMA_UNDERFLOW);

/** Simulator.runSlice's stop numbers (engine.h StopReason). */
const STOP_TARGET = 0;
const STOP_BUFFER_FULL = 3;

/** The Simulator options of a kernel that makes its own engine: as given, plus the hardware perturbation of an
 *  explored machine (seeded by a fork of the machine's seed). */
function simulatorOptions(options: KernelOptions): SimulatorOptions {
  const sim = (options.sim ?? {}) as SimulatorOptions;
  const hw = options.explore?.hardware;
  if (!options.explore || !hw) return sim;
  return { ...sim, perturb: { ...hw, seed: new MachineRandom(options.explore.seed).fork('hardware').seed } };
}

/**
 * The simulated OS of one machine: the event loop that runs ISRs, DPCs and timers at their cycles over a Simulator,
 * with its memory, registers, interrupt controller and HAL DMA. WDM routines act on the current kernel (makeCurrent).
 */
export class Kernel {
  readonly sim: Simulator;
  readonly clockHz: number;
  readonly latencies: KernelLatencies;
  /** The seeded timing of an explored machine (KernelOptions.explore), or null: the fixed latencies above. */
  readonly explore: MachineTiming | null;
  /** The machine's generator while explored (seeded by explore.seed), else null. */
  readonly random: MachineRandom | null;
  /** Whether any callback has a cost (latencies.callbackCost or the explored timing): the framework charges its
   *  callbacks' costs (by callback name: EvtProgramDma, EvtInterruptIsr, ...) only then. */
  readonly callbackCostsOn: boolean;
  readonly physical: PhysicalMemory;
  readonly memory: AddressSpace;
  readonly registers: RegisterSpace;
  readonly interrupts: InterruptController;
  readonly dma: HalDmaController;
  readonly stats: KernelStats = newStats();
  /** @internal */ readonly work = new WorkQueue();
  /** @internal the locks the CPU holds, in acquisition order. */ readonly heldLocks: TrackedLock[] = [];
  /** The framework's verifier supplies the error a bug check throws (docs/hal-contract.md). */
  onBugCheck: BugCheckHook | null = null;
  /** The software trace while one records (host.trace), else null: every hook is one null check. */
  tracer: SoftwareTracer | null = null;
  #coverage: CoverageRecorder | null = null;

  /** Counts the states and races this machine reaches, while exploration attaches a recorder (coverage.ts); the
   *  engine then also reports port overruns and underruns, which the kernel counts as they come. */
  get coverage(): CoverageRecorder | null {
    return this.#coverage;
  }
  set coverage(recorder: CoverageRecorder | null) {
    this.#coverage = recorder;
    this.mask = this.listeners.reduce((m, s) => m | s.mask, this.kernelRecords());
  }

  /** The record kinds the kernel itself reads: interrupt lines, timers, and while counted, port overruns / underruns. */
  private kernelRecords(): number {
    return this.#coverage === null ? KERNEL_RECORDS : KERNEL_RECORDS | COVERAGE_RECORDS;
  }
  /** Why the last IoGetDmaAdapter returned NULL (for messages). */
  lastDmaAdapterError: string | null = null;
  private current: KIRQL = PASSIVE_LEVEL;
  private haltedBy: { error: Error; info: BugCheckInfo } | null = null;
  private inLoop = false;
  private now = 0;
  private readonly listeners: Subscription[] = [];
  /** The record kinds engine runs store: the kernel's own and every listener's (recordMask()). */
  private mask = KERNEL_RECORDS;
  private readonly hardwareTimers = new Map<number, () => void>();
  private nextTimerTag = 1;
  /** Copies of the engine's event records being consumed, one per nesting level (a device-model timer callback may
   *  advance time, which reuses the engine's buffer, while an outer consume is still reading its records). */
  private readonly recordCopies: Uint32Array[] = [];
  private consumeDepth = 0;
  /** Records taken from the engine but not consumed yet, oldest first (8 words each): when the engine's buffer fills
   *  part-way through a cycle, the records of that unfinished cycle wait here for the rest of it (see advance). */
  private pending = new Uint32Array(0);
  private pendingCount = 0;
  /** The engine's record block (simulatorEventWords): the records of the last run slice. */
  private readonly engineWords: Uint32Array;
  /** Livelock guard (livelock.ts): work items dispatched, and zero-time stalls / register accesses made, in the
   *  cycle `spinCycle`; the owners of the last items; the item running now (names a stall or polling loop). */
  readonly livelockLimit: number;
  private spinCycle = -1;
  private spinItems = 0;
  private spinSoftware = 0;
  private readonly recentWork = new RecentOwners();
  private running: WorkItem | null = null;

  constructor(options: KernelOptions = {}) {
    options = checkKernelOptions(options);
    this.explore = options.explore ?? null;
    this.random = this.explore === null ? null : new MachineRandom(this.explore.seed).fork('software');
    this.sim = options.sim instanceof Simulator ? options.sim : new Simulator(simulatorOptions(options));
    this.engineWords = simulatorEventWords(this.sim);
    this.clockHz = this.sim.clockHz;
    const l = options.latencies ?? {};
    this.latencies = {
      isrLatency: l.isrLatency ?? 40,
      dpcLatency: l.dpcLatency ?? 100,
      timerResolution: this.explore?.clockTickCycles ? this.explore.clockTickCycles(this.clockHz) : Math.max(1, l.timerResolution ?? 1),
      callbackCost: { ...(l.callbackCost ?? {}) },
    };
    this.callbackCostsOn = Object.keys(this.latencies.callbackCost).length > 0 || (this.explore?.callbackCost.size ?? 0) > 0;
    this.livelockLimit = options.livelockLimit ?? DEFAULT_LIVELOCK_LIMIT; // checked by checkKernelOptions
    const m = options.memory ?? {};
    const base = m.base ?? 0x8000_0000;
    const size = m.size ?? 16 * 1024 * 1024;
    const region = this.sim.addMemory({ base, size, readWait: m.readWait, writeWait: m.writeWait, name: 'system RAM' });
    const contiguousSize = m.contiguousSize ?? Math.floor(size / 4 / PAGE_SIZE) * PAGE_SIZE;
    this.physical = new PhysicalMemory(region.bytes, { base, size, contiguousSize, seed: options.seed ?? 1 });
    this.memory = new AddressSpace(this.physical, this);
    this.registers = new RegisterSpace(this, (pa, n) => pa < base + size && base < pa + n);
    this.interrupts = new InterruptController(this);
    const face: HalSimulator = this.sim;
    this.dma = new HalDmaController(this, face.dma, options.dma ?? {}, {
      controllerInterruptLine: this.sim.options.controllerInterruptLine,
      channels: this.sim.options.channels,
    });
    setCurrentKernel(this);
  }

  /** The current bus cycle. Inside the event loop it is the kernel's own copy (the loop is the only thing that
   *  moves the engine then), which saves a native call per read on the hot path. */
  get cycle(): number {
    return this.inLoop ? this.now : this.sim.cycle;
  }

  /** The current IRQL of the CPU. */
  get irql(): KIRQL {
    return this.current;
  }
  set irql(value: KIRQL) {
    this.current = value;
    if (this.tracer !== null) this.tracer.irqlChanged(value);
  }

  get halted(): boolean {
    return this.haltedBy !== null;
  }

  /** The error of the bug check that halted the machine, or null. */
  get haltError(): Error | null {
    return this.haltedBy?.error ?? null;
  }

  /** Every kernel entry point: throws MachineHaltedError once a bug check happened. */
  assertRunning(): void {
    if (this.haltedBy) throw new MachineHaltedError(this.haltedBy.error, this.haltedBy.info);
  }

  /** Makes this kernel the one the free WDM functions act on (current.ts). */
  makeCurrent(): this {
    setCurrentKernel(this);
    return this;
  }

  /** Halts the machine and throws the bug check's error (the framework's, through onBugCheck, or BugCheckError). */
  bugCheck(info: BugCheckInfo): never {
    this.assertRunning();
    checkStruct('Kernel.bugCheck', 'info', info, 'BugCheckInfo { code, parameters }');
    checkInteger('Kernel.bugCheck', 'info.code', info.code, 0, 0xffff_ffff, 'a ULONG bug check code');
    if (!Array.isArray(info.parameters) || info.parameters.length !== 4) {
      throw new HalError('ERR_INVALID_ARG_TYPE', 'Kernel.bugCheck: info.parameters must be an array of the four bug check parameters');
    }
    const full: BugCheckInfo = { ...info, cycle: this.cycle };
    const [p1, p2, p3, p4] = full.parameters;
    this.tracer?.instant('verifier', `bug check 0x${full.code.toString(16).toUpperCase()}`, {
      ddi: full.ddi ?? null, rule: full.rule ?? null, p1, p2, p3, p4,
    }, 'bugcheck');
    const error = this.onBugCheck?.(full.code, p1, p2, p3, p4, full) ?? new BugCheckError(full);
    this.haltedBy = { error, info: full };
    throw error;
  }

  /** Bug-checks the machine (see KeBugCheckEx): throws, and the machine stays halted. */
  KeBugCheckEx(code: number, p1: number, p2: number, p3: number, p4: number): never {
    checkInteger('KeBugCheckEx', 'BugCheckCode', code, 0, 0xffff_ffff, 'a ULONG bug check code');
    for (const [i, p] of [p1, p2, p3, p4].entries()) {
      checkInteger('KeBugCheckEx', `BugCheckParameter${i + 1}`, p, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'a ULONG_PTR');
    }
    return this.bugCheck({ code, parameters: [p1, p2, p3, p4], ddi: 'KeBugCheckEx' });
  }

  /** Runs fn at `irql`, restoring the previous IRQL afterwards (ISR, DPC and execution-routine dispatch). */
  runAt<T>(irql: KIRQL, fn: () => T): T {
    checkInteger('Kernel.runAt', 'irql', irql, LOWEST_IRQL, HIGH_LEVEL, 'a KIRQL (0..15)');
    checkFunction('Kernel.runAt', 'fn', fn);
    const saved = this.current;
    this.irql = irql;
    try {
      return fn();
    } finally {
      this.irql = saved;
    }
  }

  // ---------------------------------------------------------------- time
  /** `us` microseconds in cycles at the machine's clock, rounded up. */
  cyclesFromMicroseconds(us: number): number {
    if (typeof us !== 'number' || !Number.isFinite(us)) throw timeError('Kernel.cyclesFromMicroseconds', 'us', us);
    return Number((BigInt(Math.round(us)) * BigInt(this.clockHz) + 999_999n) / 1_000_000n);
  }

  /** A time in 100 ns units (KeSetTimer's, WdfTimerStart's) in cycles at the machine's clock, rounded up. */
  cyclesFrom100ns(units: number): number {
    if (typeof units !== 'number' || !Number.isFinite(units)) throw timeError('Kernel.cyclesFrom100ns', 'units', units);
    return Number((BigInt(Math.round(units)) * BigInt(this.clockHz) + 9_999_999n) / 10_000_000n);
  }

  /** KeQueryInterruptTime: 100 ns units since the machine started. */
  KeQueryInterruptTime(): number {
    return Number((BigInt(this.cycle) * 10_000_000n) / BigInt(this.clockHz));
  }

  /** KeStallExecutionProcessor: busy-waits `microseconds`; hardware runs, software work only queues. */
  KeStallExecutionProcessor(microseconds: number): void {
    this.assertRunning();
    if (typeof microseconds !== 'number' || !(microseconds >= 0 && microseconds <= Number.MAX_SAFE_INTEGER)) {
      checkFinite('KeStallExecutionProcessor', 'MicroSeconds', microseconds);
      throw argRangeError('KeStallExecutionProcessor', 'MicroSeconds', microseconds, 'a ULONG count of microseconds (>= 0)');
    }
    const cycles = this.cyclesFromMicroseconds(microseconds);
    if (cycles === 0) {
      // A zero stall lets no hardware time pass: a loop of them waiting for the device would never end.
      this.noteZeroTimeWork('KeStallExecutionProcessor(0)');
      return;
    }
    this.stats.stallCycles += cycles;
    this.advance(this.cycle + cycles, false);
  }

  /**
   * @internal Something software did that takes no simulated time (a zero stall, a register access): more than
   * 10 × livelockLimit of them in one cycle is a polling loop the hardware can never end (livelock.ts).
   */
  noteZeroTimeWork(what: string): void {
    const now = this.cycle;
    if (now !== this.spinCycle) this.resetSpin(now);
    if (++this.spinSoftware > 10 * this.livelockLimit) {
      const who = this.running ? this.running.owner() : 'code running outside the kernel event loop (PASSIVE_LEVEL)';
      this.livelock(
        `${what} was called ${this.spinSoftware - 1} times in cycle ${now} without simulated time advancing: ` +
          `${who} is polling in a loop the hardware cannot end (register accesses and zero stalls take no time; ` +
          `wait with KeStallExecutionProcessor(us > 0), a timer or an interrupt instead)`,
        now,
        this.spinSoftware - 1,
        [who],
      );
    }
  }

  private resetSpin(now: number): void {
    this.spinCycle = now;
    this.spinItems = 0;
    this.spinSoftware = 0;
    this.recentWork.clear();
  }

  /** Halts the machine with an ERR_LIVELOCK error (as Windows' DPC watchdog would bug check it) and throws it. */
  private livelock(message: string, cycle: number, count: number, callbacks: string[]): never {
    this.tracer?.instant('verifier', 'livelock (DPC_WATCHDOG_VIOLATION)', { count, callbacks: callbacks.join('; ') }, 'bugcheck');
    const error = new KernelLivelockError(`ERR_LIVELOCK: ${message}`, cycle, count, callbacks);
    const info: BugCheckInfo = {
      code: DPC_WATCHDOG_VIOLATION,
      parameters: [0, count, this.livelockLimit, 0],
      ddi: 'the kernel event loop',
      rule: message,
      cycle,
    };
    this.haltedBy = { error, info };
    throw error;
  }

  /** Cycles from an interrupt line rising to its ISR: latencies.isrLatency, or a draw while explored. */
  isrLatencyNow(): number {
    const d = this.explore?.isrLatency;
    return d ? d.draw(this.random) : this.latencies.isrLatency;
  }

  /** Cycles from KeInsertQueueDpc to the routine: latencies.dpcLatency, or a draw while explored (plus, now and then,
   *  the delay of a DPC that landed on another processor's queue). */
  dpcLatencyNow(): number {
    const x = this.explore;
    if (x === null) return this.latencies.dpcLatency;
    let cycles = x.dpcLatency ? x.dpcLatency.draw(this.random) : this.latencies.dpcLatency;
    const cross = x.crossProcessorDpc;
    if (cross !== null && this.random!.unit() < cross.probability) {
      cycles += cross.delay.draw(this.random);
      this.coverage?.hit('dpc: ran on another processor');
    }
    return cycles;
  }

  /** Charges the per-callback cost of `name` (latencies.callbackCost, plus a draw while explored), like a stall of that
   *  many cycles. */
  chargeCallback(name: string): void {
    if (typeof name !== 'string') throw new HalError('ERR_INVALID_ARG_TYPE', 'Kernel.chargeCallback: name must be a callback name (a string)');
    let cost = this.latencies.callbackCost[name] ?? 0;
    const drawn = this.explore?.callbackCost.get(name);
    if (drawn !== undefined) cost += drawn.draw(this.random);
    if (!cost) return;
    this.stats.callbackCycles += cost;
    this.advance(this.cycle + cost, false);
  }

  // ---------------------------------------------------------------- hardware side
  /** The level of an interrupt line now. */
  lineLevel(line: number): boolean {
    // Read after every ISR dispatch: a typeof test here, the range is the engine's check (SimulatorError).
    if (typeof line !== 'number') throw argTypeError('Kernel.lineLevel', 'line', line, 'an interrupt line number');
    return this.sim.interruptLineLevel(line);
  }

  /** An interrupt line's counters: rises, dispatches, claimed and unclaimed. */
  lineStats(line: number): LineStats {
    if (typeof line !== 'number') throw argTypeError('Kernel.lineStats', 'line', line, 'an interrupt line number');
    return (this.stats.lines[line] ??= { rises: 0, dispatches: 0, claimed: 0, unclaimed: 0 });
  }

  /**
   * Calls `listener` with every engine event of the kinds it asks for ['all'], in order (device models, traces).
   * The engine then stores those kinds too: events nobody listens to never cross into JS. Returns an unsubscribe
   * function.
   */
  onSimEvent(listener: Listener, kinds: EventSelection = 'all'): () => void {
    checkFunction('Kernel.onSimEvent', 'listener', listener);
    const subscription: Subscription = { listener, mask: eventMask(kinds, 'kinds') };
    this.listeners.push(subscription);
    this.mask |= subscription.mask;
    return () => {
      const i = this.listeners.indexOf(subscription);
      if (i >= 0) this.listeners.splice(i, 1);
      this.mask = this.listeners.reduce((m, s) => m | s.mask, this.kernelRecords());
    };
  }

  /** A device-model callback at exactly `cycle` (> now): hardware context, before software work of that cycle. */
  atCycle(cycle: number, fn: () => void): void {
    checkUnsigned('Kernel.atCycle', 'cycle', cycle);
    checkFunction('Kernel.atCycle', 'fn', fn);
    if (!(cycle > this.cycle)) throw argRangeError('Kernel.atCycle', 'cycle', cycle, `a cycle after now (${this.cycle})`);
    const tag = this.nextTimerTag++;
    this.hardwareTimers.set(tag, fn);
    this.sim.schedule(cycle, tag);
  }

  /**
   * Advances the engine to `to`; with returnOnStop, returns early after an interrupt or timer stop.
   *
   * Records are consumed as runs hand them over. When the engine's buffer fills (a slice that stops "buffer full",
   * possibly part-way through a cycle c), the records of the cycles before c are consumed at once and those of c wait
   * in `pending` until c is finished: a device-model timer fires at the end of its cycle, as it does without the stop,
   * and JS never holds more than one cycle's records plus one buffer, however long the run. (Interrupt-line records
   * only queue work at the record's own cycle, so consuming them early changes nothing; listeners see them earlier.)
   */
  private advance(to: number, returnOnStop: boolean): void {
    const sim = this.sim;
    let stop = STOP_TARGET;
    while (this.cycle < to || stop === STOP_BUFFER_FULL) {
      const r = sim.runSlice(to, this.mask);
      stop = r % 4;
      this.now = sim.cycle;
      const n = Math.floor(r / 4);
      if (stop !== STOP_BUFFER_FULL && this.pendingCount === 0) {
        if (n > 0) this.consumeRecords(n);
      } else {
        this.appendPending(n);
        const ready = stop === STOP_BUFFER_FULL ? this.pendingBefore(this.now) : this.pendingCount;
        if (ready > 0) this.consumePending(ready);
      }
      if (returnOnStop && stop !== STOP_TARGET && stop !== STOP_BUFFER_FULL) return;
    }
  }

  /** Appends the engine's `n` records of the last slice to `pending`. */
  private appendPending(n: number): void {
    const need = (this.pendingCount + n) * 8;
    if (this.pending.length < need) {
      const grown = new Uint32Array(Math.max(need, 2 * this.pending.length, 256));
      grown.set(this.pending.subarray(0, this.pendingCount * 8));
      this.pending = grown;
    }
    this.pending.set(this.engineWords.subarray(0, n * 8), this.pendingCount * 8);
    this.pendingCount += n;
  }

  /** How many pending records, from the oldest, are of cycles before `cycle` (records are in cycle order). */
  private pendingBefore(cycle: number): number {
    const p = this.pending;
    let i = 0;
    while (i < this.pendingCount && p[i * 8 + 1]! * 2 ** 32 + p[i * 8]! < cycle) i++;
    return i;
  }

  /** Takes the `count` oldest pending records off the queue (into this nesting level's copy) and consumes them: what
   *  they run may advance time again, which appends to and consumes from `pending` behind them, in order. */
  private consumePending(count: number): void {
    const len = count * 8;
    const depth = this.consumeDepth;
    let words = this.recordCopies[depth];
    if (words === undefined || words.length < len) words = this.recordCopies[depth] = new Uint32Array(Math.max(len, 256));
    words.set(this.pending.subarray(0, len));
    this.pending.copyWithin(0, len, this.pendingCount * 8);
    this.pendingCount -= count;
    this.consumeWords(words, 0, count);
  }

  /** Consumes the last slice's `n` records straight from the engine's block: only irq and timer records are looked
   *  at, and records become SimEvent objects only while someone listens (onSimEvent). */
  private consumeRecords(n: number): void {
    const src = this.engineWords;
    if (this.listeners.length === 0) {
      // Only a timer record runs code that may advance time (a device-model callback), which reuses the engine's
      // buffer; interrupt-line records only queue work. Up to the first timer record the records are read where
      // they are; from there on, from a copy.
      let i = 0;
      for (; i < n; i++) {
        const w = i * 8;
        const kind = src[w + 2];
        if (kind === EVENT_KIND.TIMER) break;
        if (kind === EVENT_KIND.INTERRUPT_LINE) {
          this.interrupts.onLineEvent(src[w + 3]!, src[w + 4] ? 1 : 0, src[w + 1]! * 2 ** 32 + src[w]!);
        } else if (this.#coverage !== null) {
          this.coverPortRecord(kind!);
        }
      }
      if (i === n) return;
      this.consumeCopied(i, n);
      return;
    }
    this.consumeCopied(0, n);
  }

  /** consumeRecords for records from..n-1, read from a copy (one per nesting level): a device-model timer callback
   *  may advance time, which reuses the engine's buffer, while this consume is still reading its records. */
  private consumeCopied(from: number, n: number): void {
    const src = this.engineWords;
    const len = n * 8;
    const depth = this.consumeDepth;
    let words = this.recordCopies[depth];
    if (words === undefined || words.length < len) words = this.recordCopies[depth] = new Uint32Array(Math.max(len, 256));
    for (let i = from * 8; i < len; i++) words[i] = src[i]!;
    this.consumeWords(words, from, n);
  }

  /** Consumes records from..n-1 of `words` (this nesting level's copy) in order: interrupt lines, device-model timers,
   *  then the listeners. */
  private consumeWords(words: Uint32Array, from: number, n: number): void {
    this.consumeDepth++;
    try {
      for (let i = from; i < n; i++) {
        const w = i * 8;
        const kind = words[w + 2];
        if (kind === EVENT_KIND.INTERRUPT_LINE) {
          this.interrupts.onLineEvent(words[w + 3]!, words[w + 4] ? 1 : 0, words[w + 1]! * 2 ** 32 + words[w]!);
        } else if (kind === EVENT_KIND.TIMER) {
          this.fireHardwareTimer(words[w + 3]!);
        } else if (this.#coverage !== null) {
          this.coverPortRecord(kind!);
        }
        const listeners = this.listeners;
        if (listeners.length > 0) {
          const e = decodeEvent(words, i);
          if (e !== undefined) {
            const bit = 1 << kind!;
            for (const s of listeners) if ((s.mask & bit) !== 0) s.listener(e);
          }
        }
      }
    } finally {
      this.consumeDepth--;
    }
  }

  /** Counts a port overrun or underrun (device side or DMA side) while coverage is counted. */
  private coverPortRecord(kind: number): void {
    if (kind === EVENT_KIND.PORT_OVERRUN || kind === EVENT_KIND.PORT_DMA_UNDERFLOW) this.#coverage!.hit('port: overrun');
    else if (kind === EVENT_KIND.PORT_UNDERRUN || kind === EVENT_KIND.PORT_DMA_OVERFLOW) this.#coverage!.hit('port: underrun');
  }

  private fireHardwareTimer(tag: number): void {
    const fn = this.hardwareTimers.get(tag);
    if (fn) {
      this.hardwareTimers.delete(tag);
      fn();
    }
  }

  // ---------------------------------------------------------------- the event loop
  /** Runs the machine to absolute cycle `cycle`, running all software work due on the way. Returns the cycle. */
  runUntil(cycle: number): number {
    this.loop(targetArgument('Kernel.runUntil', 'cycle', cycle), null, false);
    return this.cycle;
  }

  /** runUntil(cycle + cycles). */
  runFor(cycles: number): number {
    checkUnsigned('Kernel.runFor', 'cycles', cycles);
    return this.runUntil(this.cycle + cycles);
  }

  /**
   * Runs while `predicate()` holds, checking it after every software work item and engine stop, up to `limitCycle`.
   * Returns true when the predicate became false, false when the limit was reached first.
   */
  runWhile(predicate: () => boolean, limitCycle: number): boolean {
    checkFunction('Kernel.runWhile', 'predicate', predicate);
    return this.loop(targetArgument('Kernel.runWhile', 'limitCycle', limitCycle), predicate, false);
  }

  /**
   * Runs until the machine is idle — no software work queued (ISRs, DPCs, timers), no mapped DMA transfer still
   * running or with an interrupt to report, no device-model callback pending — or `limitCycle`. Returns the cycle
   * it stopped at. (Devices the HAL does not know about, like a FIFO port filling on its own, do not count.)
   */
  runUntilIdle(limitCycle: number): number {
    this.loop(targetArgument('Kernel.runUntilIdle', 'limitCycle', limitCycle), () => this.work.size === 0 && this.hardwareTimers.size === 0 && this.dma.activeTransfers() === 0, true);
    return this.cycle;
  }

  /**
   * The event loop. It stops (returning true) when `condition` is given and `condition()` is truthy (`stopWhen`
   * true) or falsy (false: runWhile's predicate, called as it is rather than through a negating closure).
   */
  private loop(target: number, condition: (() => unknown) | null, stopWhen: boolean): boolean {
    this.assertRunning();
    if (this.inLoop) {
      throw new HalError('ERR_INVALID_STATE', 'the kernel event loop was entered again from software it is running (run* called from an ISR, DPC, timer or device-model callback)');
    }
    if (!(target >= this.cycle)) throw new HalError('ERR_OUT_OF_RANGE', `the target cycle ${target} is in the past (now ${this.cycle})`);
    const previous = setCurrentKernel(this);
    const entryIrql = this.current;
    this.now = this.sim.cycle;
    this.inLoop = true;
    try {
      // Inside the loop the cycle is this.now (what the cycle getter returns while inLoop), read as a field: the
      // loop runs a few times per fragment, and before V8 optimizes it every getter and closure call costs.
      const work = this.work;
      const limit = this.livelockLimit;
      for (;;) {
        for (let item = work.popDue(this.now); item; item = work.popDue(this.now)) {
          // The livelock guard: items keep coming due without the cycle moving (livelock.ts).
          if (this.now !== this.spinCycle) this.resetSpin(this.now);
          if (++this.spinItems > limit) this.dispatchLivelock(item);
          this.recentWork.note(item.owner);
          this.running = item;
          try {
            item.run();
          } finally {
            this.running = null;
          }
          if (condition !== null && !condition() !== stopWhen) return true;
        }
        if (condition !== null && !condition() !== stopWhen) return true;
        if (this.now >= target) return false;
        const before = this.now;
        this.advance(Math.min(target, work.earliest()), true);
        if (this.now === before && work.earliest() > before) {
          // The engine stopped without time moving and left no work due: a pass that made no progress.
          if (this.now !== this.spinCycle) this.resetSpin(this.now);
          if (++this.spinItems > limit) this.livelock(`the event loop made ${limit} passes in cycle ${this.now} without time advancing`, this.now, limit, []);
        }
      }
    } finally {
      this.inLoop = false;
      this.current = entryIrql;
      setCurrentKernel(previous ?? this);
    }
  }

  private dispatchLivelock(item: WorkItem): never {
    this.recentWork.note(item.owner);
    const callbacks = this.recentWork.summary();
    return this.livelock(
      `${this.livelockLimit} software work items ran in cycle ${this.now} without simulated time advancing; ` +
        `what keeps re-arming itself in the same cycle: ${callbacks.join('; ')}`,
      this.now,
      this.livelockLimit,
      callbacks,
    );
  }

  /** Frees the engine. */
  dispose(): void {
    this.sim.dispose();
  }
}

/** A run's target or limit cycle: a whole number of cycles, or Infinity ("no limit", runWhile / runUntilIdle). */
function targetArgument(method: string, name: string, cycle: unknown): number {
  if (cycle === Infinity) return cycle;
  return checkUnsigned(method, name, cycle);
}

/** A time that is no finite number (BigInt(Math.round(NaN)) would throw a RangeError from deep inside). */
function timeError(method: string, name: string, value: unknown): HalError {
  return typeof value === 'number' ? argRangeError(method, name, value, 'a finite time') : argTypeError(method, name, value, 'a time (a number)');
}
