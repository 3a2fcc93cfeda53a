// Per-driver framework globals (FxDriverGlobals in the framework source, FX-VER fxglobals.h): the kernel the
// driver runs on, its switches, the verifier (IsVerificationEnabled, FxVerifierBugCheck, FxVerifierDbgBreakPoint),
// handle numbering, and the lock bookkeeping behind the "lock held when a callback returns" check.
import type { Kernel } from './hal.js';
import {
  WdfBugCheck,
  WdfVerifierBreak,
  DRIVER_VERIFIER_DMA_VIOLATION,
  DMA_VIOLATION_LOCK_HELD_ON_RETURN,
  type BugCheckDetails,
  type VerifierBreakRecord,
} from '../verifier/bugcheck.js';
import { resolveFrameworkOptions, type ResolvedFrameworkOptions, type WdfFrameworkOptions } from './options.js';
import { traceCallbackBegin, traceCallbackEnd } from './trace-hooks.js';

/** Something that can be held: a WDFSPINLOCK or a WDFINTERRUPT's lock. */
export interface FxTrackedLock {
  acquiredSeq: number;
  describe(): string;
}

function describeObject(o: unknown): string {
  const named = o as { describe?: () => string; lockName?: string; constructor?: { name?: string } };
  if (typeof named.describe === 'function') return named.describe();
  if (typeof named.lockName === 'string') return named.lockName;
  return named.constructor?.name ?? String(o);
}

type StateInfo = { name: string; number: number } | null;

/**
 * The framework's per-driver state (the C framework's FX_DRIVER_GLOBALS): its kernel, options, handle table and the
 * verifier breaks it recorded.
 */
export class FxDriverGlobals {
  /** The driver whose code runs now (the host sets it around every entry; DDIs given a NULL handle use it). */
  static current: FxDriverGlobals | null = null;

  readonly options: ResolvedFrameworkOptions;
  /** Every VerifierBreak, in order. */
  readonly verifierBreaks: VerifierBreakRecord[] = [];
  /** The bugcheck that halted the machine, if any. */
  bugCheck: WdfBugCheck | null = null;
  private nextHandle = 0x1000;
  private lockSeq = 0;
  readonly heldLocks = new Set<FxTrackedLock>();
  private pendingDetails: BugCheckDetails | null = null;

  constructor(
    readonly kernel: Kernel,
    options?: WdfFrameworkOptions,
  ) {
    this.options = resolveFrameworkOptions(options);
    kernel.onBugCheck = (code, p1, p2, p3, p4, info): Error => {
      // A bugcheck the OS raised itself (Driver Verifier in the HAL, a page fault) keeps the HAL's description.
      const details = this.pendingDetails ?? {
        ddi: info.ddi ?? 'KeBugCheckEx',
        object: info.object === undefined || info.object === null ? null : describeObject(info.object),
        state: null,
        rule: info.rule ?? 'The operating system detected a fatal error.',
        cycle: info.cycle ?? kernel.cycle,
      };
      this.pendingDetails = null;
      const error = new WdfBugCheck(code, [p1, p2, p3, p4], details);
      this.bugCheck = error;
      return error;
    };
  }

  /** The next handle value for a new framework object of this driver (stable for a given sequence of creations). */
  allocateHandle(): number {
    const h = this.nextHandle;
    this.nextHandle += 0x10;
    return h;
  }

  /** FX-VER IsVerificationEnabled(major, minor): the verifier is on and the driver's version is at least 1.minor. */
  isVerificationEnabled(minor: number): boolean {
    return this.options.verifier && this.options.kmdfVersion.minor >= minor;
  }

  /** FxVerifierBugCheck: a fatal stop through the kernel (KeBugCheckEx halts the machine and throws). */
  fatal(code: number, p1: number, p2: number, p3: number, details: Omit<BugCheckDetails, 'cycle'>): never {
    this.pendingDetails = { ...details, cycle: this.kernel.cycle };
    this.kernel.KeBugCheckEx(code, p1, p2, p3, 0);
    // KeBugCheckEx never returns; keep TypeScript and a misbehaving kernel honest.
    throw this.bugCheck ?? new Error('KeBugCheckEx returned');
  }

  /** FxVerifierDbgBreakPoint: recorded, thrown only with breakOnVerifierBreak; never fatal. */
  verifierBreak(ddi: string, object: string | null, state: StateInfo, rule: string): void {
    const record: VerifierBreakRecord = { ddi, object, state, rule, cycle: this.kernel.cycle };
    this.verifierBreaks.push(record);
    this.kernel.tracer?.instant('verifier', `VerifierBreak ${ddi}`, { ddi, object, state: state?.name ?? null, rule }, 'verifier-break');
    if (this.options.breakOnVerifierBreak) throw new WdfVerifierBreak(record);
  }

  /** Every DDI starts here: a halted machine answers every later call with its bugcheck. */
  checkAlive(): void {
    if (this.kernel.halted) this.kernel.assertRunning();
  }

  /** Records that a lock was acquired (for the held-on-return and release checks). */
  lockAcquired(lock: FxTrackedLock): void {
    lock.acquiredSeq = ++this.lockSeq;
    this.heldLocks.add(lock);
  }

  /** Records that a lock was released. */
  lockReleased(lock: FxTrackedLock): void {
    this.heldLocks.delete(lock);
  }

  /** How many of this driver's DMA transactions are in the Transfer state now (kept by the transaction's state). */
  transfersRunning = 0;

  /**
   * Calls a driver callback. Afterwards, a lock the callback acquired and still holds is a Driver Verifier stop
   * (0xE6, LOCK_HELD_ON_CALLBACK_RETURN). Cheap when no lock is held. `a`..`c` are the callback's arguments as the
   * trace shows them (only read while a trace records).
   */
  callDriver<T>(name: string, callback: () => T, a?: unknown, b?: unknown, c?: unknown): T {
    const previous = FxDriverGlobals.current;
    FxDriverGlobals.current = this;
    const seq = this.lockSeq;
    const tracer = this.kernel.tracer;
    const slice = tracer === null ? null : traceCallbackBegin(tracer, name, a, b, c, undefined, undefined);
    let result: T | undefined;
    try {
      if (this.kernel.callbackCostsOn) this.kernel.chargeCallback(name); // the time the callback runs (cost table)
      result = callback();
      if (this.heldLocks.size !== 0 && this.options.verifier) this.checkLocksOnReturn(name, seq);
      return result;
    } finally {
      FxDriverGlobals.current = previous;
      if (slice !== null) traceCallbackEnd(tracer!, slice, result);
    }
  }

  /**
   * callDriver(name, () => callback(a, b, c, d, e)) without the closure: EvtProgramDma and
   * EvtDmaTransactionDmaTransferComplete (five arguments each) run once per fragment, and a closure per call was an
   * allocation per fragment each. The same current-globals switch and lock check.
   */
  callDriver5<A, B, C, D, E, T>(
    name: string,
    callback: (a: A, b: B, c: C, d: D, e: E) => T,
    a: A,
    b: B,
    c: C,
    d: D,
    e: E,
  ): T {
    const previous = FxDriverGlobals.current;
    FxDriverGlobals.current = this;
    const seq = this.lockSeq;
    const tracer = this.kernel.tracer;
    const slice = tracer === null ? null : traceCallbackBegin(tracer, name, a, b, c, d, e);
    let result: T | undefined;
    try {
      if (this.kernel.callbackCostsOn) this.kernel.chargeCallback(name);
      result = callback(a, b, c, d, e);
      if (this.heldLocks.size !== 0 && this.options.verifier) this.checkLocksOnReturn(name, seq);
      return result;
    } finally {
      FxDriverGlobals.current = previous;
      if (slice !== null) traceCallbackEnd(tracer!, slice, result);
    }
  }

  private checkLocksOnReturn(name: string, seq: number): void {
    for (const lock of this.heldLocks) {
      if (lock.acquiredSeq > seq) {
        this.fatal(DRIVER_VERIFIER_DMA_VIOLATION, DMA_VIOLATION_LOCK_HELD_ON_RETURN, 0, 0, {
          ddi: name,
          object: lock.describe(),
          state: null,
          rule: `${name} returned while still holding ${lock.describe()}, which it acquired; every lock a callback acquires must be released before it returns.`,
        });
      }
    }
  }
}
