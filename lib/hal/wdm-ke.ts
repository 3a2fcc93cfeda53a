// The Ke* routines of wdm.h as free functions, acting on the current kernel (current.ts) or on the kernel an object
// was initialised by. Semantics live with their objects: interrupts/dpc.ts, interrupts/timer.ts,
// interrupts/spinlock.ts, interrupts/controller.ts, kernel.ts (IRQL, stall, bug check). Behaviour sources: the DDI
// pages of each routine ("KeRaiseIrql", "KeLowerIrql", "KeStallExecutionProcessor", "KeQueryInterruptTime", ...).

import { currentKernel } from './current.js';
import { HalError } from './hal-error.js';
import { initializeDpc, insertQueueDpc, KDPC, removeQueueDpc, type PKDEFERRED_ROUTINE } from './interrupts/dpc.js';
import { KINTERRUPT, type PKSYNCHRONIZE_ROUTINE } from './interrupts/controller.js';
import {
  acquireSpinLock,
  acquireSpinLockAtDpcLevel,
  KSPIN_LOCK,
  releaseSpinLock,
  releaseSpinLockFromDpcLevel,
} from './interrupts/spinlock.js';
import {
  cancelTimer,
  initializeTimer,
  KTIMER,
  NotificationTimer,
  readStateTimer,
  setTimer,
} from './interrupts/timer.js';
import { HIGH_LEVEL, type KIRQL } from './irql.js';
import type { Out } from './out.js';
import { DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_VIOLATION } from './bugcheck.js';
import type { Kernel } from './kernel.js';
import {
  argRangeError,
  argTypeError,
  checkFunction,
  wrongType,
  checkInteger,
  checkOptionalInstance,
  checkOptionalOut,
  checkOut,
} from './arguments.js';

// Argument checks (arguments.ts): a wrong type is a coded HalError naming the routine and the argument. An IRQL that
// is no IRQL (above HIGH_LEVEL, negative, fractional) given to KeRaiseIrql / KeLowerIrql is the bug check Driver
// Verifier makes for it (0xC4 / 0x30, 0x31: "an invalid parameter to KeRaiseIrql ... may be the result of using an
// uninitialized parameter"); given to the release routines, which Windows does not check, ERR_OUT_OF_RANGE.

/** A KIRQL argument: a whole number 0..HIGH_LEVEL, else `onRange` (a bug check or an ERR_OUT_OF_RANGE). */
function irqlArgument(ddi: string, name: string, value: unknown, onRange?: (value: number) => never): KIRQL {
  if (typeof value !== 'number') throw argTypeError(ddi, name, value, 'a KIRQL (0..15)');
  if (Number.isInteger(value) && value >= 0 && value <= HIGH_LEVEL) return value;
  if (onRange) return onRange(value);
  throw argRangeError(ddi, name, value, 'a KIRQL (0..15)');
}

function irqlViolation(k: Kernel, violation: number, ddi: string, requested: number): never {
  return k.bugCheck({
    code: DRIVER_VERIFIER_DETECTED_VIOLATION,
    parameters: [violation, k.irql, Number.isFinite(requested) ? requested : 0, 0],
    ddi,
    rule: `NewIrql ${String(requested)} is not an IRQL (0..HIGH_LEVEL); an uninitialized variable?`,
  });
}

// Each with its own `instanceof` (see wrongType): these run on every DPC, timer and lock of a driver.
const dpcArg = (ddi: string, value: unknown): KDPC => (value instanceof KDPC ? value : wrongType(ddi, 'Dpc', value, 'a KDPC'));
const timerArg = (ddi: string, value: unknown): KTIMER =>
  value instanceof KTIMER ? value : wrongType(ddi, 'Timer', value, 'a KTIMER');
const lockArg = (ddi: string, value: unknown): KSPIN_LOCK =>
  value instanceof KSPIN_LOCK ? value : wrongType(ddi, 'SpinLock', value, 'a KSPIN_LOCK');
const interruptArg = (ddi: string, value: unknown): KINTERRUPT =>
  value instanceof KINTERRUPT ? value : wrongType(ddi, 'Interrupt', value, 'a KINTERRUPT (from IoConnectInterruptEx)');

/** The IRQL the (one) simulated processor runs at now. */
export function KeGetCurrentIrql(): KIRQL {
  return currentKernel().irql;
}

/** KeRaiseIrql(NewIrql, &OldIrql). Raising to a lower level is a caller bug (the kernel just records it). */
export function KeRaiseIrql(newIrql: KIRQL, oldIrql: Out<KIRQL>): void {
  const k = currentKernel();
  k.assertRunning();
  checkOut('KeRaiseIrql', 'OldIrql', oldIrql);
  irqlArgument('KeRaiseIrql', 'NewIrql', newIrql, (v) => irqlViolation(k, VERIFIER_VIOLATION.INVALID_RAISE_IRQL, 'KeRaiseIrql', v));
  oldIrql.value = k.irql;
  k.irql = newIrql;
}

/** Lowers the IRQL to `newIrql` (the old IRQL KeRaiseIrql saved); below DISPATCH_LEVEL queued DPCs can run. */
export function KeLowerIrql(newIrql: KIRQL): void {
  const k = currentKernel();
  k.assertRunning();
  irqlArgument('KeLowerIrql', 'NewIrql', newIrql, (v) => irqlViolation(k, VERIFIER_VIOLATION.INVALID_LOWER_IRQL, 'KeLowerIrql', v));
  k.irql = newIrql;
}

/** Bug-checks the machine with `code` and four parameters: throws, and the machine stays halted (the Kernel method
 *  checks the arguments; so does KeStallExecutionProcessor's). */
export function KeBugCheckEx(code: number, p1: number, p2: number, p3: number, p4: number): never {
  return currentKernel().KeBugCheckEx(code, p1, p2, p3, p4);
}

/** Busy-waits `microseconds` of simulated time: hardware runs, interrupts that rise meanwhile only queue their ISRs. */
export function KeStallExecutionProcessor(microseconds: number): void {
  currentKernel().KeStallExecutionProcessor(microseconds);
}

/** The time since the machine started, in 100 ns units (from the cycle count and the bus clock). */
export function KeQueryInterruptTime(): number {
  return currentKernel().KeQueryInterruptTime();
}

/**
 * KeQueryPerformanceCounter(PerformanceFrequency): the counter is the bus clock — the machine's cycle count — and the
 * frequency (counts per second, written to PerformanceFrequency when it is given) is the clock rate, so elapsed time
 * is Δcounter / frequency exactly as with the real routine.
 */
export function KeQueryPerformanceCounter(PerformanceFrequency?: Out<number> | null): number {
  const k = currentKernel();
  checkOptionalOut('KeQueryPerformanceCounter', 'PerformanceFrequency', PerformanceFrequency);
  if (PerformanceFrequency) PerformanceFrequency.value = k.clockHz;
  return k.cycle;
}

// ---- DPCs
/** Initializes a DPC with its routine and deferred context. */
export function KeInitializeDpc(dpc: KDPC, routine: PKDEFERRED_ROUTINE, context: unknown): void {
  const k = currentKernel();
  dpcArg('KeInitializeDpc', dpc);
  checkFunction('KeInitializeDpc', 'DeferredRoutine', routine);
  initializeDpc(k, dpc, routine, context);
}
/** Queues a DPC (returns false if it was already queued); it runs dpcLatency cycles later. */
export const KeInsertQueueDpc = (dpc: KDPC, arg1: unknown, arg2: unknown): boolean =>
  insertQueueDpc(dpcArg('KeInsertQueueDpc', dpc), arg1, arg2);
/** Takes a queued DPC off the queue (returns false if it was not queued). */
export const KeRemoveQueueDpc = (dpc: KDPC): boolean => removeQueueDpc(dpcArg('KeRemoveQueueDpc', dpc));

// ---- timers
/** Initializes a timer of a type (NotificationTimer or SynchronizationTimer). */
export function KeInitializeTimerEx(timer: KTIMER, type: number): void {
  const k = currentKernel();
  timerArg('KeInitializeTimerEx', timer);
  checkInteger('KeInitializeTimerEx', 'Type', type, 0, 1, 'a TIMER_TYPE (NotificationTimer 0 or SynchronizationTimer 1)');
  initializeTimer(k, timer, type);
}
/** Initializes a notification timer. */
export function KeInitializeTimer(timer: KTIMER): void {
  const k = currentKernel();
  initializeTimer(k, timerArg('KeInitializeTimer', timer), NotificationTimer);
}
/** KeSetTimerEx(Timer, DueTime (100 ns; negative = relative), Period (ms), Dpc) → TRUE if it was already set. */
export const KeSetTimerEx = (timer: KTIMER, dueTime: number | bigint, period: number, dpc: KDPC | null): boolean =>
  setTimer(timerArg('KeSetTimerEx', timer), dueTimeArgument('KeSetTimerEx', dueTime), periodArgument(period), timerDpcArgument('KeSetTimerEx', dpc));
/**
 * Sets a timer: a negative due time is relative, in 100 ns units; returns true if it was already set. Its DPC runs at
 * expiry.
 */
export const KeSetTimer = (timer: KTIMER, dueTime: number | bigint, dpc: KDPC | null): boolean =>
  setTimer(timerArg('KeSetTimer', timer), dueTimeArgument('KeSetTimer', dueTime), 0, timerDpcArgument('KeSetTimer', dpc), 'KeSetTimer');
/** Cancels a timer; returns true if it was set. */
export const KeCancelTimer = (timer: KTIMER): boolean => cancelTimer(timerArg('KeCancelTimer', timer));
/** Whether a timer has expired (is signalled). */
export const KeReadStateTimer = (timer: KTIMER): boolean => readStateTimer(timerArg('KeReadStateTimer', timer));

/** DueTime: a LARGE_INTEGER of 100 ns units, as a number or a bigint (negative = relative). */
function dueTimeArgument(ddi: string, dueTime: unknown): number | bigint {
  if (typeof dueTime === 'bigint') {
    if (dueTime >= -(2n ** 63n) && dueTime < 2n ** 63n) return dueTime;
    throw argRangeError(ddi, 'DueTime', dueTime, 'a LARGE_INTEGER (a signed 64-bit count of 100 ns units)');
  }
  if (typeof dueTime !== 'number') throw argTypeError(ddi, 'DueTime', dueTime, 'a LARGE_INTEGER (a number or bigint of 100 ns units)');
  if (!Number.isFinite(dueTime)) throw argRangeError(ddi, 'DueTime', dueTime, 'a finite count of 100 ns units');
  return dueTime;
}

/** Period: a LONG of milliseconds, 0 for a one-shot timer. */
function periodArgument(period: unknown): number {
  return checkInteger('KeSetTimerEx', 'Period', period, 0, 0x7fff_ffff, 'a LONG period in milliseconds (>= 0)');
}

/** The timer's DPC: NULL or a KDPC that KeInitializeDpc set up (its routine runs at expiry). */
function timerDpcArgument(ddi: string, dpc: unknown): KDPC | null {
  const d = checkOptionalInstance(ddi, 'Dpc', dpc, KDPC, 'KDPC');
  if (d !== null && (!d.kernel || !d.DeferredRoutine)) {
    throw new HalError('ERR_INVALID_STATE', `${ddi}: Dpc was not initialized (call KeInitializeDpc before giving it to a timer)`);
  }
  return d;
}

// ---- spin locks
/** Initializes a spin lock (released). */
export function KeInitializeSpinLock(lock: KSPIN_LOCK): void {
  lockArg('KeInitializeSpinLock', lock).held = false;
}
/** Acquires a spin lock, raising to DISPATCH_LEVEL; the previous IRQL goes into `oldIrql`. */
export const KeAcquireSpinLock = (lock: KSPIN_LOCK, oldIrql: Out<KIRQL>): void =>
  acquireSpinLock(currentKernel(), lockArg('KeAcquireSpinLock', lock), checkOut('KeAcquireSpinLock', 'OldIrql', oldIrql));
/** Releases a spin lock and returns to `newIrql`. */
export const KeReleaseSpinLock = (lock: KSPIN_LOCK, newIrql: KIRQL): void =>
  releaseSpinLock(currentKernel(), lockArg('KeReleaseSpinLock', lock), irqlArgument('KeReleaseSpinLock', 'NewIrql', newIrql));
/** Acquires a spin lock from code already at DISPATCH_LEVEL. */
export const KeAcquireSpinLockAtDpcLevel = (lock: KSPIN_LOCK): void =>
  acquireSpinLockAtDpcLevel(currentKernel(), lockArg('KeAcquireSpinLockAtDpcLevel', lock));
/** Releases a spin lock acquired with KeAcquireSpinLockAtDpcLevel. */
export const KeReleaseSpinLockFromDpcLevel = (lock: KSPIN_LOCK): void =>
  releaseSpinLockFromDpcLevel(currentKernel(), lockArg('KeReleaseSpinLockFromDpcLevel', lock));

// ---- interrupts
/**
 * Runs a routine at the interrupt's DIRQL holding its spin lock, synchronized with its ISR; returns what the routine
 * returns.
 */
export const KeSynchronizeExecution = (
  interrupt: KINTERRUPT,
  routine: PKSYNCHRONIZE_ROUTINE,
  context: unknown,
): boolean =>
  interruptArg('KeSynchronizeExecution', interrupt).kernel.interrupts.synchronizeExecution(
    interrupt,
    checkFunction('KeSynchronizeExecution', 'SynchronizeRoutine', routine),
    context,
  );
/** Acquires an interrupt's spin lock (raising to its DIRQL); returns the previous IRQL. */
export const KeAcquireInterruptSpinLock = (interrupt: KINTERRUPT): KIRQL =>
  interruptArg('KeAcquireInterruptSpinLock', interrupt).kernel.interrupts.acquireInterruptSpinLock(interrupt);
/** Releases an interrupt's spin lock and returns to `oldIrql`. */
export const KeReleaseInterruptSpinLock = (interrupt: KINTERRUPT, oldIrql: KIRQL): void =>
  interruptArg('KeReleaseInterruptSpinLock', interrupt).kernel.interrupts.releaseInterruptSpinLock(
    interrupt,
    irqlArgument('KeReleaseInterruptSpinLock', 'OldIrql', oldIrql),
  );
