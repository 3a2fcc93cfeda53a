// The kernel's software work queue: what the single simulated CPU will run and when (docs/hal-contract.md, "Time and
// the machine"; TIMING.md "Software time"). Items are due at a cycle; among the items due at the current cycle the
// order is by class — ISR dispatch (by interrupt line), then DPCs (FIFO), then timer expiries (by due cycle, then
// insertion) — which is the order IRQL imposes on one CPU. Items that became due while time was advanced by
// KeStallExecutionProcessor or a callback cost are all "due now" when control returns, and run in the same class order.

import { HalError } from './hal-error.js';

export const WorkClass = { Isr: 0, Dpc: 1, Timer: 2 } as const;
export type WorkClass = (typeof WorkClass)[keyof typeof WorkClass];

export interface WorkItem {
  cycle: number;
  cls: WorkClass;
  /** Interrupt line (Isr), 0 (Dpc), due cycle (Timer). */
  sub: number;
  seq: number;
  run: () => void;
  /** Names the software the item runs, for the event loop's livelock error ("DPC EvtInterruptDpc of WDFINTERRUPT
   *  0x1050", "the ISRs of interrupt line 10: ..."). Called only when a message needs it. */
  owner: () => string;
  /** In the queue now (added or requeued, not yet popped or removed). */
  queued: boolean;
}

export class WorkQueue {
  private items: WorkItem[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  add(cycle: number, cls: WorkClass, sub: number, run: () => void, owner: () => string): WorkItem {
    const item: WorkItem = { cycle, cls, sub, seq: this.nextSeq++, run, owner, queued: true };
    this.items.push(item);
    return item;
  }

  /**
   * Queues `item` again, due at `cycle`, with its class, sub and routine unchanged and a new sequence number (the
   * same order as add): an owner that has at most one item queued at a time (a KDPC, an interrupt line's dispatch)
   * reuses one object instead of allocating one per queueing. The item must not be queued now.
   */
  requeue(item: WorkItem, cycle: number): WorkItem {
    // An invariant of the HAL's own callers (KDPC, interrupt lines), never a driver's doing: a coded error all the same.
    if (item.queued) throw new HalError('ERR_INVALID_STATE', 'WorkQueue.requeue: the item is still queued');
    item.cycle = cycle;
    item.seq = this.nextSeq++;
    item.queued = true;
    this.items.push(item);
    return item;
  }

  /** Removes a queued item; false if it already ran or was removed. */
  remove(item: WorkItem): boolean {
    const i = this.items.indexOf(item);
    if (i < 0) return false;
    this.items.splice(i, 1);
    item.queued = false;
    return true;
  }

  /** Earliest due cycle, or Infinity when empty. */
  earliest(): number {
    let min = Infinity;
    // Indexed loops here and in count(): no iterator per call (earliest runs at every engine advance).
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (items[i]!.cycle < min) min = items[i]!.cycle;
    return min;
  }

  /** Removes and returns the next item due at or before `now` in (class, sub, seq) order, or undefined. */
  popDue(now: number): WorkItem | undefined {
    let best = -1;
    for (let i = 0; i < this.items.length; i++) {
      const it = this.items[i]!;
      if (it.cycle > now) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const b = this.items[best]!;
      if (it.cls < b.cls || (it.cls === b.cls && (it.sub < b.sub || (it.sub === b.sub && it.seq < b.seq)))) best = i;
    }
    if (best < 0) return undefined;
    // splice(best, 1) without the array of removed items it allocates.
    const items = this.items;
    const item = items[best]!;
    for (let i = best + 1; i < items.length; i++) items[i - 1] = items[i]!;
    items.pop();
    item.queued = false;
    return item;
  }

  /** Items of one class still queued (for idle checks and stats). */
  count(cls: WorkClass): number {
    let n = 0;
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (items[i]!.cls === cls) n++;
    return n;
  }
}
