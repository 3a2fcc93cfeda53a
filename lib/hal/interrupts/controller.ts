// The interrupt controller of the simulated machine, over the engine's interrupt lines. All lines are
// level-triggered. When a line rises at cycle r, the ISRs connected to it are dispatched at r + isrLatency (TIMING.md
// "Software time"), at the interrupt's DIRQL with its interrupt spin lock held, in connection order until one returns
// TRUE. When they return and the line is still high, the line is looked at again isrLatency later and, if it is
// still high then, dispatched again (a level-triggered source that was not quieted interrupts again). A dispatch finds
// the line low (the source was quieted in the meantime) is dropped. Lines with nothing connected are counted, never
// dispatched (Windows keeps an unconnected vector masked). Behaviour sources: "IoConnectInterruptEx" (line-based
// version), "Introduction to Interrupt Service Routines" (return FALSE if the device did not interrupt),
// "KeSynchronizeExecution", "KeAcquireInterruptSpinLock".

import { DEFAULT_DEVICE_IRQL, type KIRQL } from '../irql.js';
import type { Kernel } from '../kernel.js';
import { WorkClass, type WorkItem } from '../work-queue.js';
import { newLockId, trackAcquire, trackRelease, type TrackedLock } from './spinlock.js';
import { argTypeError, checkFunction, checkInteger, checkStruct } from '../arguments.js';

/** An ISR (KSERVICE_ROUTINE): returns true when it claimed the interrupt. */
export type PKSERVICE_ROUTINE = (interrupt: KINTERRUPT, serviceContext: unknown) => boolean;
/** A routine run under an interrupt's lock at its DIRQL (KSYNCHRONIZE_ROUTINE, KeSynchronizeExecution). */
export type PKSYNCHRONIZE_ROUTINE = (synchronizeContext: unknown) => boolean;

/**
 * IoConnectInterruptEx's line-based parameters: the line, the ISR and its context, the DIRQL and the line's trigger
 * mode.
 */
export interface ConnectOptions {
  line: number;
  isr: PKSERVICE_ROUTINE;
  context?: unknown;
  /** DIRQL the ISR runs at (3..12) [5]. */
  irql?: KIRQL;
  /** For messages and stats. */
  name?: string;
  /** Cost-table key charged for each call of this ISR [`ISR`]. */
  costKey?: string;
}

/**
 * A connected interrupt (IoConnectInterruptEx): its line, ISR and context, the DIRQL it runs at, and its interrupt spin
 * lock.
 */
export class KINTERRUPT implements TrackedLock {
  readonly lockId = newLockId();
  held = false;
  connected = true;
  constructor(
    readonly kernel: Kernel,
    readonly line: number,
    readonly irql: KIRQL,
    readonly isr: PKSERVICE_ROUTINE,
    readonly context: unknown,
    readonly name: string,
    readonly costKey: string,
  ) {}
  get lockName(): string {
    return `the interrupt spin lock of ${this.name}`;
  }
}

/** Counters of one interrupt line: rises, dispatches, claimed and unclaimed dispatches. */
export interface LineStats {
  rises: number;
  dispatches: number;
  claimed: number;
  unclaimed: number;
}

interface LineState {
  isrs: KINTERRUPT[];
  /** A dispatch is queued or running. */
  busy: boolean;
  /** The line's dispatch work item routine (one closure per line, not per interrupt). */
  run: () => void;
  /** The line's dispatch work item, reused for every dispatch while not queued (null until the first). */
  item: WorkItem | null;
}

/**
 * The machine's interrupt controller: lines to connected ISRs, each dispatch isrLatency cycles after its line rises,
 * level-triggered lines re-dispatched while high.
 */
export class InterruptController {
  private readonly lines = new Map<number, LineState>();

  constructor(private readonly kernel: Kernel) {}

  private state(line: number): LineState {
    return this.lines.get(line) ?? this.newLineState(line);
  }

  /** The closure is made here, not in state(): a closure capturing `line` made state() allocate its context on every
   *  call (twice per interrupt), even when the state already existed. */
  private newLineState(line: number): LineState {
    const s: LineState = { isrs: [], busy: false, run: () => this.dispatch(line), item: null };
    this.lines.set(line, s);
    return s;
  }

  /** IoConnectInterruptEx (line based). */
  connect(options: ConnectOptions): KINTERRUPT {
    this.kernel.assertRunning();
    const ddi = 'IoConnectInterruptEx';
    checkStruct(ddi, 'Parameters', options, 'ConnectOptions { line, isr, context?, irql? }');
    checkInteger(ddi, 'Parameters->line', options.line, 0, 0xffff_ffff, 'an interrupt line number');
    checkFunction(ddi, 'Parameters->isr', options.isr);
    if (options.name !== undefined && typeof options.name !== 'string') throw argTypeError(ddi, 'Parameters->name', options.name, 'a string');
    if (options.costKey !== undefined && typeof options.costKey !== 'string') throw argTypeError(ddi, 'Parameters->costKey', options.costKey, 'a string');
    const irql = options.irql ?? DEFAULT_DEVICE_IRQL;
    // A DIRQL outside the device levels is the caller's mistake before any interrupt object exists (IoConnectInterruptEx
    // takes it from the resource list in Windows): ERR_OUT_OF_RANGE, not a bug check.
    checkInteger(ddi, 'Parameters->irql', irql, 3, 12, 'a device IRQL (DIRQL 3..12)');
    const k = new KINTERRUPT(
      this.kernel,
      options.line,
      irql,
      options.isr,
      options.context,
      options.name ?? `interrupt line ${options.line}`,
      options.costKey ?? 'ISR',
    );
    const s = this.state(options.line);
    s.isrs.push(k);
    // The line's level is read after every dispatch: mirrored, it costs no native call (lib/sim Simulator).
    this.kernel.sim.mirrorInterruptLine(options.line);
    // A line already high when connected interrupts as soon as it is unmasked.
    if (!s.busy && this.kernel.lineLevel(options.line)) this.schedule(options.line, this.kernel.cycle);
    return k;
  }

  /** IoDisconnectInterruptEx. */
  disconnect(k: KINTERRUPT): void {
    const s = this.state(k.line);
    s.isrs = s.isrs.filter((x) => x !== k);
    k.connected = false;
  }

  /** How many interrupts are connected to a line. */
  connectedCount(line: number): number {
    return this.lines.get(line)?.isrs.length ?? 0;
  }

  /** Called by the kernel for every interrupt-line event the engine reports. */
  onLineEvent(line: number, level: 0 | 1, cycle: number): void {
    if (level !== 1) return;
    this.kernel.lineStats(line).rises++;
    const s = this.lines.get(line);
    if (!s || s.isrs.length === 0 || s.busy) return;
    this.schedule(line, cycle);
  }

  private schedule(line: number, from: number): void {
    const s = this.state(line);
    s.busy = true;
    const due = from + this.kernel.isrLatencyNow(); // latencies.isrLatency, or a draw while explored
    const item = s.item;
    if (item !== null && !item.queued) this.kernel.work.requeue(item, due);
    else s.item = this.kernel.work.add(due, WorkClass.Isr, line, s.run, () => this.describeLine(line));
  }

  /** "the ISR dispatch of interrupt line 10 (EvtInterruptIsr of WDFINTERRUPT 0x1050)". */
  describeLine(line: number): string {
    const names = this.lines.get(line)?.isrs.map((k) => k.name) ?? [];
    return `the ISR dispatch of interrupt line ${line}${names.length ? ` (${names.join(', ')})` : ''}`;
  }

  private dispatch(line: number): void {
    const s = this.state(line);
    s.busy = false;
    if (s.isrs.length === 0 || !this.kernel.lineLevel(line)) return; // quieted before the CPU took it
    const stats = this.kernel.lineStats(line);
    stats.dispatches++;
    this.kernel.stats.interrupts++;
    s.busy = true;
    let claimed = false;
    try {
      // The ISRs connected when the dispatch began: connect appends to s.isrs and disconnect replaces it, so the
      // array and its length taken now are that snapshot.
      const isrs = s.isrs;
      const n = isrs.length;
      for (let i = 0; i < n; i++) {
        const k = isrs[i]!;
        if (!k.connected) continue;
        claimed = this.callIsr(k);
        if (claimed) break;
      }
    } finally {
      s.busy = false;
    }
    if (claimed) stats.claimed++;
    else {
      stats.unclaimed++;
      this.kernel.stats.unclaimedInterrupts++;
    }
    if (s.isrs.length > 0 && this.kernel.lineLevel(line)) this.schedule(line, this.kernel.cycle);
  }

  private callIsr(k: KINTERRUPT): boolean {
    // kernel.runAt(k.irql, ...) without the closure.
    const kernel = this.kernel;
    const tracer = kernel.tracer;
    const slice = tracer === null ? null : tracer.begin('isr', `ISR ${k.name}`, { line: k.line, irql: k.irql }, 'isr');
    let claimed = false;
    const saved = kernel.irql;
    kernel.irql = k.irql;
    try {
      trackAcquire(kernel, k, 'interrupt dispatch');
      try {
        kernel.chargeCallback(k.costKey);
        claimed = k.isr(k, k.context) === true;
        return claimed;
      } finally {
        trackRelease(kernel, k, 'interrupt dispatch');
      }
    } finally {
      kernel.irql = saved;
      if (slice !== null) tracer!.end(slice, { claimed });
    }
  }

  /** KeSynchronizeExecution(Interrupt, SynchronizeRoutine, SynchronizeContext). */
  synchronizeExecution(k: KINTERRUPT, routine: PKSYNCHRONIZE_ROUTINE, context: unknown): boolean {
    this.kernel.assertRunning();
    const irql = Math.max(this.kernel.irql, k.irql);
    return this.kernel.runAt(irql, () => {
      trackAcquire(this.kernel, k, 'KeSynchronizeExecution');
      try {
        return routine(context) === true;
      } finally {
        trackRelease(this.kernel, k, 'KeSynchronizeExecution');
      }
    });
  }

  /** KeAcquireInterruptSpinLock → the old IRQL. */
  acquireInterruptSpinLock(k: KINTERRUPT): KIRQL {
    this.kernel.assertRunning();
    trackAcquire(this.kernel, k, 'KeAcquireInterruptSpinLock');
    const old = this.kernel.irql;
    if (old < k.irql) this.kernel.irql = k.irql;
    return old;
  }

  /** KeReleaseInterruptSpinLock(Interrupt, OldIrql). */
  releaseInterruptSpinLock(k: KINTERRUPT, oldIrql: KIRQL): void {
    this.kernel.assertRunning();
    trackRelease(this.kernel, k, 'KeReleaseInterruptSpinLock');
    this.kernel.irql = oldIrql;
  }
}
