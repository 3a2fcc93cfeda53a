// KTIMER: one-shot and periodic kernel timers with an optional DPC. Due times are in 100 ns units (negative =
// relative to now, positive = absolute interrupt time, i.e. KeQueryInterruptTime), converted to bus cycles at the
// machine's clock. Expiry happens on the kernel's clock tick (`latencies.timerResolution` cycles, default 1): a due
// time in the future is rounded UP to a tick (a timer never fires early); a due time at or before now — a relative
// 0, WDF_REL_TIMEOUT_IN_US(0) (which is -0: relative, not absolute time 0), an absolute 0 or any absolute time
// already past — expires at the NEXT tick after now, never in the cycle it was set (Windows checks expired timers at
// the clock interrupt, so a timer restarted from its own DPC with a zero due time runs again one tick later, not in a
// loop). At expiry the timer is signaled and its DPC runs at DISPATCH_LEVEL at the expiry cycle (timer DPCs run in
// the clock interrupt's DPC pass, after the ISRs and queued DPCs due at that cycle). A periodic timer's next expiry
// is its last due cycle + the period, or the next tick if that has already passed.
// Behaviour sources: "KeInitializeTimerEx", "KeSetTimerEx" (returns TRUE if the timer was already in the queue; a
// set replaces it; negative DueTime is relative), "KeCancelTimer", "KeReadStateTimer", "Timer Objects and DPCs",
// "Timer Accuracy" (expiration is checked at each clock tick).

import { HalError } from '../hal-error.js';
import { DISPATCH_LEVEL } from '../irql.js';
import type { Kernel } from '../kernel.js';
import { WorkClass, type WorkItem } from '../work-queue.js';
import { describeDpc, type KDPC } from './dpc.js';

/** KeInitializeTimerEx type: a notification timer (stays signalled once expired). */
export const NotificationTimer = 0;
/** KeInitializeTimerEx type: a synchronization timer (auto-resets when a wait is satisfied). */
export const SynchronizationTimer = 1;

/**
 * A KTIMER: set with a due time (negative = relative, in 100 ns units) and an optional DPC, it expires on the kernel
 * clock tick.
 */
export class KTIMER {
  Type = NotificationTimer;
  /** @internal */ kernel: Kernel | null = null;
  /** @internal */ item: WorkItem | null = null;
  /** Absolute due cycle of the pending expiry (after rounding). */
  DueCycle = 0;
  PeriodMs = 0;
  Dpc: KDPC | null = null;
  Signaled = false;
  /** What the timer is, for messages ("WDFTIMER 0x1060"); not a WDM field. */
  name: string | null = null;

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

// An uninitialized KTIMER is a coded ERR_INVALID_STATE, not a bug check: Windows makes no check of its own (KeSetTimer
// inserts whatever the memory holds; what breaks later is the timer list, with no bug check code that names this
// misuse), and the KTIMER is a JS object outside simulated memory, so no honest bug check parameters exist for it.
function owner(timer: KTIMER, ddi: string): Kernel {
  if (!timer.kernel) throw new HalError('ERR_INVALID_STATE', `${ddi}: Timer was not initialized (call KeInitializeTimerEx first)`);
  return timer.kernel;
}

/** The expiry cycle of a due cycle: the first clock tick at or after it, and strictly after now. */
export function expiryCycle(kernel: Kernel, due: number): number {
  const r = kernel.latencies.timerResolution;
  const now = kernel.cycle;
  if (due <= now) return (Math.floor(now / r) + 1) * r;
  return Math.ceil(due / r) * r;
}

export function setTimer(timer: KTIMER, dueTime: number | bigint, periodMs: number, dpc: KDPC | null, ddi = 'KeSetTimerEx'): boolean {
  const kernel = owner(timer, ddi);
  kernel.assertRunning();
  const wasInserted = timer.item !== null;
  if (timer.item) kernel.work.remove(timer.item);
  const due = Number(dueTime);
  // -0 is relative (WDF_REL_TIMEOUT_IN_US(0) is -(0 * 10)); `due < 0` alone would read it as absolute time 0.
  const relative = due < 0 || Object.is(due, -0);
  const target = relative ? kernel.cycle + kernel.cyclesFrom100ns(-due) : kernel.cyclesFrom100ns(due);
  timer.Signaled = false;
  timer.PeriodMs = periodMs;
  timer.Dpc = dpc;
  arm(kernel, timer, expiryCycle(kernel, target));
  kernel.tracer?.instant('timer', 'KeSetTimerEx', { due: timer.DueCycle, periodMs, wasInserted });
  return wasInserted;
}

function arm(kernel: Kernel, timer: KTIMER, cycle: number): void {
  timer.DueCycle = cycle;
  timer.item = kernel.work.add(cycle, WorkClass.Timer, cycle, () => expire(kernel, timer), () => describeTimer(timer));
}

/** "KTIMER (WDFTIMER 0x1060) → DPC EvtTimerFunc of WDFTIMER 0x1060". */
function describeTimer(timer: KTIMER): string {
  const name = `KTIMER${timer.name ? ` (${timer.name})` : ''}`;
  return timer.Dpc ? `${name} → ${describeDpc(timer.Dpc)}` : `${name} (no DPC)`;
}

function expire(kernel: Kernel, timer: KTIMER): void {
  timer.item = null;
  timer.Signaled = true;
  kernel.stats.timers++;
  if (timer.PeriodMs > 0) {
    arm(kernel, timer, expiryCycle(kernel, timer.DueCycle + kernel.cyclesFromMicroseconds(timer.PeriodMs * 1000)));
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
