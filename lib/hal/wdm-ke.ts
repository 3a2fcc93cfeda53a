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

export function KeLowerIrql(newIrql: KIRQL): void {
  const k = currentKernel();
  k.assertRunning();
  k.irql = newIrql;
}

export function KeBugCheckEx(code: number, p1: number, p2: number, p3: number, p4: number): never {
  return currentKernel().KeBugCheckEx(code, p1, p2, p3, p4);
}

export function KeStallExecutionProcessor(microseconds: number): void {
  currentKernel().KeStallExecutionProcessor(microseconds);
}

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
export function KeInitializeDpc(dpc: KDPC, routine: PKDEFERRED_ROUTINE, context: unknown): void {
  initializeDpc(currentKernel(), dpc, routine, context);
}
export const KeInsertQueueDpc = (dpc: KDPC, arg1: unknown, arg2: unknown): boolean => insertQueueDpc(dpc, arg1, arg2);
export const KeRemoveQueueDpc = (dpc: KDPC): boolean => removeQueueDpc(dpc);

// ---- timers
export function KeInitializeTimerEx(timer: KTIMER, type: number): void {
  initializeTimer(currentKernel(), timer, type);
}
export function KeInitializeTimer(timer: KTIMER): void {
  initializeTimer(currentKernel(), timer, NotificationTimer);
}
/** KeSetTimerEx(Timer, DueTime (100 ns; negative = relative), Period (ms), Dpc) → TRUE if it was already set. */
export const KeSetTimerEx = (timer: KTIMER, dueTime: number | bigint, period: number, dpc: KDPC | null): boolean =>
  setTimer(timer, dueTime, period, dpc);
export const KeSetTimer = (timer: KTIMER, dueTime: number | bigint, dpc: KDPC | null): boolean =>
  setTimer(timer, dueTime, 0, dpc);
export const KeCancelTimer = (timer: KTIMER): boolean => cancelTimer(timer);
export const KeReadStateTimer = (timer: KTIMER): boolean => readStateTimer(timer);

// ---- spin locks
export function KeInitializeSpinLock(lock: KSPIN_LOCK): void {
  lock.held = false;
}
export const KeAcquireSpinLock = (lock: KSPIN_LOCK, oldIrql: Out<KIRQL>): void =>
  acquireSpinLock(currentKernel(), lock, oldIrql);
export const KeReleaseSpinLock = (lock: KSPIN_LOCK, newIrql: KIRQL): void =>
  releaseSpinLock(currentKernel(), lock, newIrql);
export const KeAcquireSpinLockAtDpcLevel = (lock: KSPIN_LOCK): void => acquireSpinLockAtDpcLevel(currentKernel(), lock);
export const KeReleaseSpinLockFromDpcLevel = (lock: KSPIN_LOCK): void =>
  releaseSpinLockFromDpcLevel(currentKernel(), lock);

// ---- interrupts
export const KeSynchronizeExecution = (
  interrupt: KINTERRUPT,
  routine: PKSYNCHRONIZE_ROUTINE,
  context: unknown,
): boolean => interrupt.kernel.interrupts.synchronizeExecution(interrupt, routine, context);
export const KeAcquireInterruptSpinLock = (interrupt: KINTERRUPT): KIRQL =>
  interrupt.kernel.interrupts.acquireInterruptSpinLock(interrupt);
export const KeReleaseInterruptSpinLock = (interrupt: KINTERRUPT, oldIrql: KIRQL): void =>
  interrupt.kernel.interrupts.releaseInterruptSpinLock(interrupt, oldIrql);
