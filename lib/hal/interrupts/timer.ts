// KTIMER: one-shot and periodic kernel timers with an optional DPC. Due times are in 100 ns units (negative =
// relative to now, positive = absolute interrupt time, i.e. KeQueryInterruptTime), converted to bus cycles at the
// machine's clock and rounded UP to a multiple of `timerResolution` cycles (the clock tick): a timer never fires
// early. At expiry the timer is signaled and its DPC runs at DISPATCH_LEVEL at the expiry cycle (timer DPCs run in
// the clock interrupt's DPC pass, after the ISRs and queued DPCs due at that cycle).
// Behaviour sources: "KeInitializeTimerEx", "KeSetTimerEx" (returns TRUE if the timer was already in the queue; a
// set replaces it), "KeCancelTimer", "KeReadStateTimer", "Timer Objects and DPCs".

import { DISPATCH_LEVEL } from '../irql.js';
import type { Kernel } from '../kernel.js';
import { WorkClass, type WorkItem } from '../work-queue.js';
import type { KDPC } from './dpc.js';

export const NotificationTimer = 0;
export const SynchronizationTimer = 1;

export class KTIMER {
  Type = NotificationTimer;
  /** @internal */ kernel: Kernel | null = null;
  /** @internal */ item: WorkItem | null = null;
  /** Absolute due cycle of the pending expiry (after rounding). */
  DueCycle = 0;
  PeriodMs = 0;
  Dpc: KDPC | null = null;
  Signaled = false;

  get Inserted(): boolean {
    return this.item !== null;
  }
}

export function initializeTimer(kernel: Kernel, timer: KTIMER, type: number): void {
  if (timer.item) kernel.work.remove(timer.item);
  timer.kernel = kernel;
  timer.Type = type;
  timer.item = null;
  timer.Signaled = false;
  timer.Dpc = null;
}

function owner(timer: KTIMER, ddi: string): Kernel {
  if (!timer.kernel) throw new Error(`${ddi}: the KTIMER was not initialized (KeInitializeTimerEx)`);
  return timer.kernel;
}

function roundUp(kernel: Kernel, cycle: number): number {
  const r = kernel.latencies.timerResolution;
  return Math.max(kernel.cycle, Math.ceil(cycle / r) * r);
}

export function setTimer(timer: KTIMER, dueTime: number | bigint, periodMs: number, dpc: KDPC | null): boolean {
  const kernel = owner(timer, 'KeSetTimerEx');
  kernel.assertRunning();
  const wasInserted = timer.item !== null;
  if (timer.item) kernel.work.remove(timer.item);
  const due = Number(dueTime);
  const target = due < 0 ? kernel.cycle + kernel.cyclesFrom100ns(-due) : kernel.cyclesFrom100ns(due);
  timer.Signaled = false;
  timer.PeriodMs = periodMs;
  timer.Dpc = dpc;
  arm(kernel, timer, roundUp(kernel, target));
  kernel.tracer?.instant('timer', 'KeSetTimerEx', { due: timer.DueCycle, periodMs, wasInserted });
  return wasInserted;
}

function arm(kernel: Kernel, timer: KTIMER, cycle: number): void {
  timer.DueCycle = cycle;
  timer.item = kernel.work.add(cycle, WorkClass.Timer, cycle, () => expire(kernel, timer));
}

function expire(kernel: Kernel, timer: KTIMER): void {
  timer.item = null;
  timer.Signaled = true;
  kernel.stats.timers++;
  if (timer.PeriodMs > 0) {
    arm(kernel, timer, roundUp(kernel, timer.DueCycle + kernel.cyclesFromMicroseconds(timer.PeriodMs * 1000)));
  }
  const dpc = timer.Dpc;
  const slice = kernel.tracer?.begin('timer', `timer DPC ${dpc?.DeferredRoutine?.name || ''}`.trim(), { due: timer.DueCycle }, 'dpc') ?? null;
  try {
    if (dpc && dpc.DeferredRoutine) {
      kernel.runAt(DISPATCH_LEVEL, () => {
        kernel.chargeCallback(dpc.costKey);
        dpc.DeferredRoutine!(dpc, dpc.DeferredContext, undefined, undefined);
      });
    }
  } finally {
    kernel.tracer?.end(slice);
  }
}

export function cancelTimer(timer: KTIMER): boolean {
  const kernel = owner(timer, 'KeCancelTimer');
  kernel.assertRunning();
  kernel.tracer?.instant('timer', 'KeCancelTimer', { wasSet: timer.item !== null });
  if (!timer.item) return false;
  kernel.work.remove(timer.item);
  timer.item = null;
  return true;
}

export function readStateTimer(timer: KTIMER): boolean {
  return timer.Signaled;
}
