// KDPC: deferred procedure calls on the simulated CPU. A DPC queued at cycle t runs at DISPATCH_LEVEL at
// t + dpcLatency (TIMING.md "Software time"), after any ISR due at that cycle and in queue order with other DPCs.
// Behaviour sources: "KeInitializeDpc", "KeInsertQueueDpc" (FALSE when the DPC is already queued, and the arguments
// of the first insertion are kept), "KeRemoveQueueDpc" (TRUE if it was queued), "Introduction to DPC Objects"
// (the DPC is dequeued before its routine runs, so the routine may queue it again).

import { HalError } from '../hal-error.js';
import { DISPATCH_LEVEL } from '../irql.js';
import type { Kernel } from '../kernel.js';
import { WorkClass, type WorkItem } from '../work-queue.js';

/** A DPC routine (KDEFERRED_ROUTINE): the DPC, its deferred context and the two arguments given to KeInsertQueueDpc. */
export type PKDEFERRED_ROUTINE = (dpc: KDPC, deferredContext: unknown, arg1: unknown, arg2: unknown) => void;

/** A KDPC: a deferred procedure call, run at DISPATCH_LEVEL dpcLatency cycles after it is queued (KeInsertQueueDpc). */
export class KDPC {
  DeferredRoutine: PKDEFERRED_ROUTINE | null = null;
  DeferredContext: unknown = undefined;
  SystemArgument1: unknown = undefined;
  SystemArgument2: unknown = undefined;
  /** @internal */ kernel: Kernel | null = null;
  /** @internal the queued work item, while inserted. */ item: WorkItem | null = null;
  /** @internal the work item routine (made once per KDPC and kernel). */ runner: (() => void) | null = null;
  /** @internal the kernel `runner` was made for. */ runnerKernel: Kernel | null = null;
  /** @internal the work item queued for this DPC, reused for every insertion while not queued (made with `runner`). */
  workItem: WorkItem | null = null;
  /** Cost-table key charged when the routine runs (see Kernel.chargeCallback). */
  costKey = 'DPC';
  /** What the routine is, for messages (the framework names its DPCs: "EvtInterruptDpc of WDFINTERRUPT 0x1050");
   *  null names it by the routine's function name. Not a WDM field. */
  name: string | null = null;

  get Inserted(): boolean {
    return this.item !== null;
  }
}

export function initializeDpc(kernel: Kernel, dpc: KDPC, routine: PKDEFERRED_ROUTINE, context: unknown): void {
  dpc.kernel = kernel;
  dpc.DeferredRoutine = routine;
  dpc.DeferredContext = context;
  dpc.item = null;
}

// An uninitialized KDPC is a coded ERR_INVALID_STATE, not a bug check: Windows does not check for it (a zeroed KDPC
// queues, and the crash comes when the DPC's NULL DeferredRoutine is called, at an address this model's objects,
// which do not live in simulated memory, cannot give), so there is no bug check code to answer honestly.
function owner(dpc: KDPC, ddi: string): Kernel {
  if (!dpc.kernel || !dpc.DeferredRoutine) {
    throw new HalError('ERR_INVALID_STATE', `${ddi}: Dpc was not initialized (call KeInitializeDpc first)`);
  }
  return dpc.kernel;
}

export function insertQueueDpc(dpc: KDPC, arg1: unknown, arg2: unknown): boolean {
  const kernel = owner(dpc, 'KeInsertQueueDpc');
  kernel.assertRunning();
  if (dpc.item) return false;
  dpc.SystemArgument1 = arg1;
  dpc.SystemArgument2 = arg2;
  const due = kernel.cycle + kernel.dpcLatencyNow(); // latencies.dpcLatency, or a draw while explored
  if (kernel.tracer !== null) kernel.tracer.instant('dpc', 'KeInsertQueueDpc', { routine: dpc.DeferredRoutine?.name || null, due });
  let run = dpc.runner;
  if (run === null || dpc.runnerKernel !== kernel) {
    run = dpc.runner = dpcRunner(kernel, dpc);
    dpc.runnerKernel = kernel;
    dpc.workItem = null;
  }
  // The DPC's own work item is reused (no allocation per insertion) unless it is still queued, which only happens
  // when KeInitializeDpc re-initialised the DPC while it was inserted: then the stale item stays and runs as before.
  const item = dpc.workItem;
  if (item !== null && !item.queued) dpc.item = kernel.work.requeue(item, due);
  else dpc.item = dpc.workItem = kernel.work.add(due, WorkClass.Dpc, 0, run, () => describeDpc(dpc));
  return true;
}

/** "DPC EvtInterruptDpc of WDFINTERRUPT 0x1050", or "DPC <routine name>" for an unnamed KDPC. */
export function describeDpc(dpc: KDPC): string {
  if (dpc.name) return `DPC ${dpc.name}`;
  const fn = dpc.DeferredRoutine?.name;
  return `DPC ${fn ? fn : '(an anonymous KDEFERRED_ROUTINE)'}`;
}

/** The work item routine of a DPC. Made here, not inline in insertQueueDpc: a closure there made every insertion
 *  allocate its context (kernel and dpc captured), also when the runner already existed. */
function dpcRunner(kernel: Kernel, dpc: KDPC): () => void {
  return () => runDpc(kernel, dpc);
}

export function removeQueueDpc(dpc: KDPC): boolean {
  const kernel = owner(dpc, 'KeRemoveQueueDpc');
  kernel.assertRunning();
  if (!dpc.item) return false;
  kernel.work.remove(dpc.item);
  dpc.item = null;
  return true;
}

function runDpc(kernel: Kernel, dpc: KDPC): void {
  dpc.item = null;
  kernel.stats.dpcs++;
  const tracer = kernel.tracer;
  const slice = tracer === null ? null : tracer.begin('dpc', `DPC ${dpc.DeferredRoutine?.name || 'routine'}`, {}, 'dpc');
  // kernel.runAt(DISPATCH_LEVEL, ...) without the closure.
  const saved = kernel.irql;
  kernel.irql = DISPATCH_LEVEL;
  try {
    kernel.chargeCallback(dpc.costKey);
    dpc.DeferredRoutine!(dpc, dpc.DeferredContext, dpc.SystemArgument1, dpc.SystemArgument2);
  } finally {
    kernel.irql = saved;
    if (slice !== null) tracer!.end(slice);
  }
}
