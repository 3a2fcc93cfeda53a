// The Ke* routines of wdm.h as free functions, acting on the current kernel (current.ts) or on the kernel an object
// was initialised by. Semantics live with their objects: interrupts/dpc.ts, interrupts/timer.ts,
// interrupts/spinlock.ts, interrupts/controller.ts, kernel.ts (IRQL, stall, bug check). Behaviour sources: the DDI
// pages of each routine ("KeRaiseIrql", "KeLowerIrql", "KeStallExecutionProcessor", "KeQueryInterruptTime", ...).

import { currentKernel } from './current.js';
import { initializeDpc, insertQueueDpc, removeQueueDpc, type KDPC, type PKDEFERRED_ROUTINE } from './interrupts/dpc.js';
import type { KINTERRUPT, PKSYNCHRONIZE_ROUTINE } from './interrupts/controller.js';
import {
  acquireSpinLock,
  acquireSpinLockAtDpcLevel,
  releaseSpinLock,
  releaseSpinLockFromDpcLevel,
  type KSPIN_LOCK,
} from './interrupts/spinlock.js';
import {
  cancelTimer,
  initializeTimer,
  NotificationTimer,
  readStateTimer,
  setTimer,
  type KTIMER,
} from './interrupts/timer.js';
import type { KIRQL } from './irql.js';
import type { Out } from './out.js';

/** The IRQL the (one) simulated processor runs at now. */
export function KeGetCurrentIrql(): KIRQL {
  return currentKernel().irql;
}

/** KeRaiseIrql(NewIrql, &OldIrql). Raising to a lower level is a caller bug (the kernel just records it). */
export function KeRaiseIrql(newIrql: KIRQL, oldIrql: Out<KIRQL>): void {
  const k = currentKernel();
  k.assertRunning();
  oldIrql.value = k.irql;
  k.irql = newIrql;
}

/** Lowers the IRQL to `newIrql` (the old IRQL KeRaiseIrql saved); below DISPATCH_LEVEL queued DPCs can run. */
export function KeLowerIrql(newIrql: KIRQL): void {
  const k = currentKernel();
  k.assertRunning();
  k.irql = newIrql;
}

/** Bug-checks the machine with `code` and four parameters: throws, and the machine stays halted. */
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
  if (PerformanceFrequency) PerformanceFrequency.value = k.clockHz;
  return k.cycle;
}

// ---- DPCs
/** Initializes a DPC with its routine and deferred context. */
export function KeInitializeDpc(dpc: KDPC, routine: PKDEFERRED_ROUTINE, context: unknown): void {
  initializeDpc(currentKernel(), dpc, routine, context);
}
/** Queues a DPC (returns false if it was already queued); it runs dpcLatency cycles later. */
export const KeInsertQueueDpc = (dpc: KDPC, arg1: unknown, arg2: unknown): boolean => insertQueueDpc(dpc, arg1, arg2);
/** Takes a queued DPC off the queue (returns false if it was not queued). */
export const KeRemoveQueueDpc = (dpc: KDPC): boolean => removeQueueDpc(dpc);

// ---- timers
/** Initializes a timer of a type (NotificationTimer or SynchronizationTimer). */
export function KeInitializeTimerEx(timer: KTIMER, type: number): void {
  initializeTimer(currentKernel(), timer, type);
}
/** Initializes a notification timer. */
export function KeInitializeTimer(timer: KTIMER): void {
  initializeTimer(currentKernel(), timer, NotificationTimer);
}
/** KeSetTimerEx(Timer, DueTime (100 ns; negative = relative), Period (ms), Dpc) → TRUE if it was already set. */
export const KeSetTimerEx = (timer: KTIMER, dueTime: number | bigint, period: number, dpc: KDPC | null): boolean =>
  setTimer(timer, dueTime, period, dpc);
/**
 * Sets a timer: a negative due time is relative, in 100 ns units; returns true if it was already set. Its DPC runs at
 * expiry.
 */
export const KeSetTimer = (timer: KTIMER, dueTime: number | bigint, dpc: KDPC | null): boolean =>
  setTimer(timer, dueTime, 0, dpc);
/** Cancels a timer; returns true if it was set. */
export const KeCancelTimer = (timer: KTIMER): boolean => cancelTimer(timer);
/** Whether a timer has expired (is signalled). */
export const KeReadStateTimer = (timer: KTIMER): boolean => readStateTimer(timer);

// ---- spin locks
/** Initializes a spin lock (released). */
export function KeInitializeSpinLock(lock: KSPIN_LOCK): void {
  lock.held = false;
}
/** Acquires a spin lock, raising to DISPATCH_LEVEL; the previous IRQL goes into `oldIrql`. */
export const KeAcquireSpinLock = (lock: KSPIN_LOCK, oldIrql: Out<KIRQL>): void =>
  acquireSpinLock(currentKernel(), lock, oldIrql);
/** Releases a spin lock and returns to `newIrql`. */
export const KeReleaseSpinLock = (lock: KSPIN_LOCK, newIrql: KIRQL): void =>
  releaseSpinLock(currentKernel(), lock, newIrql);
/** Acquires a spin lock from code already at DISPATCH_LEVEL. */
export const KeAcquireSpinLockAtDpcLevel = (lock: KSPIN_LOCK): void => acquireSpinLockAtDpcLevel(currentKernel(), lock);
/** Releases a spin lock acquired with KeAcquireSpinLockAtDpcLevel. */
export const KeReleaseSpinLockFromDpcLevel = (lock: KSPIN_LOCK): void =>
  releaseSpinLockFromDpcLevel(currentKernel(), lock);

// ---- interrupts
/**
 * Runs a routine at the interrupt's DIRQL holding its spin lock, synchronized with its ISR; returns what the routine
 * returns.
 */
export const KeSynchronizeExecution = (
  interrupt: KINTERRUPT,
  routine: PKSYNCHRONIZE_ROUTINE,
  context: unknown,
): boolean => interrupt.kernel.interrupts.synchronizeExecution(interrupt, routine, context);
/** Acquires an interrupt's spin lock (raising to its DIRQL); returns the previous IRQL. */
export const KeAcquireInterruptSpinLock = (interrupt: KINTERRUPT): KIRQL =>
  interrupt.kernel.interrupts.acquireInterruptSpinLock(interrupt);
/** Releases an interrupt's spin lock and returns to `oldIrql`. */
export const KeReleaseInterruptSpinLock = (interrupt: KINTERRUPT, oldIrql: KIRQL): void =>
  interrupt.kernel.interrupts.releaseInterruptSpinLock(interrupt, oldIrql);
