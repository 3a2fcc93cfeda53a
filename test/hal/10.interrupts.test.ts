// Layer 1: software time on the real engine — ISR at line rise + isrLatency, DPC at + dpcLatency, level-triggered
// redispatch, DPC double insert, timers with resolution rounding, KeStallExecutionProcessor, IRQL.
// The interrupt source is an engine rx FIFO port whose level interrupt rises when `threshold` elements arrived.
import { describe, expect, it } from 'vitest';
import { PORT_IRQ } from '../../lib/sim/index.js';
import {
  DISPATCH_LEVEL,
  KDPC,
  KTIMER,
  KeGetCurrentIrql,
  KeInitializeDpc,
  KeInitializeTimerEx,
  KeInsertQueueDpc,
  KeRemoveQueueDpc,
  KeCancelTimer,
  KeSetTimerEx,
  KeStallExecutionProcessor,
  KeReadStateTimer,
  NotificationTimer,
  type Kernel,
  type KernelOptions,
} from '../../lib/hal/index.js';
import { makeKernel, rxPort } from './helpers.js';

const LINE = 5;

/** A kernel and an rx port (rate cycles per byte) whose interrupt line rises when 4 bytes are in its FIFO. */
function rig(options: KernelOptions = {}, rate = 10) {
  const k = makeKernel(options);
  const port = rxPort(k, { rate, requestLine: null, interrupt: { line: LINE, mask: PORT_IRQ.LEVEL, threshold: 4 } });
  const rises: number[] = [];
  k.onSimEvent((e) => {
    if (e.kind === 'irq' && e.line === LINE && e.level === 1) rises.push(e.cycle);
  });
  return { k, port, rises };
}

describe('interrupt dispatch', () => {
  it('calls the ISR at DIRQL exactly isrLatency cycles after the line rises, and its DPC dpcLatency later', () => {
    const { k, port, rises } = rig();
    const seen: { isr: number[]; dpc: number[]; isrIrql: number[]; dpcIrql: number[] } = { isr: [], dpc: [], isrIrql: [], dpcIrql: [] };
    const dpc = new KDPC();
    KeInitializeDpc(dpc, () => {
      seen.dpc.push(k.cycle);
      seen.dpcIrql.push(KeGetCurrentIrql());
    }, null);
    k.interrupts.connect({
      line: LINE,
      irql: 7,
      isr: () => {
        seen.isr.push(k.cycle);
        seen.isrIrql.push(KeGetCurrentIrql());
        port.setInterrupt(null); // quiet the device: the line falls next cycle
        KeInsertQueueDpc(dpc, 1, 2);
        return true;
      },
    });
    k.runUntil(10_000);
    expect(rises).toEqual([40]); // 4 bytes at 10 cycles each
    expect(seen.isr).toEqual([40 + 40]);
    expect(seen.isrIrql).toEqual([7]);
    expect(seen.dpc).toEqual([40 + 40 + 100]);
    expect(seen.dpcIrql).toEqual([DISPATCH_LEVEL]);
    expect(KeGetCurrentIrql()).toBe(0);
    expect(k.stats.interrupts).toBe(1);
    expect(k.stats.dpcs).toBe(1);
    expect(k.stats.lines[LINE]).toEqual({ rises: 1, dispatches: 1, claimed: 1, unclaimed: 0 });
  });

  it('uses the configured latencies', () => {
    const { k, port } = rig({ latencies: { isrLatency: 7, dpcLatency: 3 } });
    const at: number[] = [];
    const dpc = new KDPC();
    KeInitializeDpc(dpc, () => at.push(k.cycle), null);
    k.interrupts.connect({ line: LINE, isr: () => (at.push(k.cycle), port.setInterrupt(null), KeInsertQueueDpc(dpc, 0, 0), true) });
    k.runUntil(1000);
    expect(at).toEqual([47, 50]);
  });

  it('redispatches a level-triggered line that is still high isrLatency after the ISR returns', () => {
    const { k, port } = rig();
    const calls: number[] = [];
    k.interrupts.connect({
      line: LINE,
      isr: () => {
        calls.push(k.cycle);
        if (calls.length === 3) port.setInterrupt(null); // only the third call quiets the device
        return true;
      },
    });
    k.runUntil(5_000);
    expect(calls).toEqual([80, 120, 160]);
    expect(k.stats.lines[LINE]!.dispatches).toBe(3);
  });

  it('dispatches a line that is already high when an ISR connects, isrLatency after connecting', () => {
    const { k, port } = rig();
    k.runFor(100); // rose at 40 with nothing connected
    const at: number[] = [];
    k.interrupts.connect({ line: LINE, isr: () => (at.push(k.cycle), port.setInterrupt(null), true) });
    k.runUntil(1000);
    expect(at).toEqual([140]);
  });

  it('counts an ISR that does not claim the interrupt, and dispatches nothing on a line with no ISR', () => {
    const { k, port } = rig();
    let calls = 0;
    k.interrupts.connect({ line: LINE, isr: () => (++calls === 2 && port.setInterrupt(null), false) });
    k.runUntil(5_000);
    expect(calls).toBe(2);
    expect(k.stats.unclaimedInterrupts).toBe(2);

    const other = rig();
    other.k.runUntil(5_000);
    expect(other.rises).toEqual([40]);
    expect(other.k.stats.interrupts).toBe(0);
    expect(other.k.stats.lines[LINE]).toEqual({ rises: 1, dispatches: 0, claimed: 0, unclaimed: 0 });
  });
});

describe('KDPC', () => {
  it('KeInsertQueueDpc of a queued DPC returns FALSE and keeps the first arguments; it runs once', () => {
    const k = makeKernel();
    const runs: unknown[][] = [];
    const dpc = new KDPC();
    KeInitializeDpc(dpc, (_d, ctx, a1, a2) => runs.push([k.cycle, ctx, a1, a2]), 'ctx');
    expect(KeInsertQueueDpc(dpc, 'a', 'b')).toBe(true);
    k.runFor(30);
    expect(KeInsertQueueDpc(dpc, 'c', 'd')).toBe(false);
    k.runUntil(1000);
    expect(runs).toEqual([[100, 'ctx', 'a', 'b']]);
    expect(KeInsertQueueDpc(dpc, 'e', 'f')).toBe(true); // dequeued before it ran: may be queued again
    k.runUntil(2000);
    expect(runs[1]).toEqual([1100, 'ctx', 'e', 'f']);
  });

  it('KeRemoveQueueDpc takes a queued DPC out', () => {
    const k = makeKernel();
    let ran = false;
    const dpc = new KDPC();
    KeInitializeDpc(dpc, () => (ran = true), null);
    KeInsertQueueDpc(dpc, 0, 0);
    expect(KeRemoveQueueDpc(dpc)).toBe(true);
    expect(KeRemoveQueueDpc(dpc)).toBe(false);
    k.runUntil(1000);
    expect(ran).toBe(false);
  });
});

describe('KTIMER', () => {
  function timerAt(k: Kernel, dueTime: number, period = 0): { timer: KTIMER; fired: number[] } {
    const fired: number[] = [];
    const timer = new KTIMER();
    const dpc = new KDPC();
    KeInitializeTimerEx(timer, NotificationTimer);
    KeInitializeDpc(dpc, () => fired.push(k.cycle), null);
    KeSetTimerEx(timer, dueTime, period, dpc);
    return { timer, fired };
  }

  it('expires a relative due time (100 ns units) at the exact cycle', () => {
    const k = makeKernel(); // 100 MHz: 1 unit = 10 cycles
    k.runFor(3);
    const { timer, fired } = timerAt(k, -15);
    expect(KeReadStateTimer(timer)).toBe(false);
    k.runUntil(1000);
    expect(fired).toEqual([153]);
    expect(KeReadStateTimer(timer)).toBe(true);
    expect(k.stats.timers).toBe(1);
  });

  it('rounds the due cycle up to a multiple of timerResolution (never early)', () => {
    const k = makeKernel({ latencies: { timerResolution: 64 } });
    k.runFor(3);
    const { fired } = timerAt(k, -15); // exact due 153 -> 192
    k.runUntil(1000);
    expect(fired).toEqual([192]);
  });

  it('repeats with a period (ms) and stops on KeCancelTimer', () => {
    const k = makeKernel();
    const { timer, fired } = timerAt(k, -10, 1); // first at 100, then every 100_000 cycles
    k.runUntil(250_000);
    expect(fired).toEqual([100, 100_100, 200_100]);
    expect(KeCancelTimer(timer)).toBe(true);
    expect(KeCancelTimer(timer)).toBe(false);
    k.runUntil(500_000);
    expect(fired.length).toBe(3);
  });

  it('KeSetTimerEx on a set timer replaces it and returns TRUE', () => {
    const k = makeKernel();
    const { timer, fired } = timerAt(k, -100);
    expect(KeSetTimerEx(timer, -50, 0, null)).toBe(true);
    k.runUntil(5000);
    expect(fired).toEqual([]); // the new setting has no DPC
    expect(KeReadStateTimer(timer)).toBe(true);
  });
});

describe('ordering and KeStallExecutionProcessor', () => {
  it('runs work due in the same cycle as ISR, then DPC, then timer DPC', () => {
    const { k, port } = rig({ latencies: { isrLatency: 60, dpcLatency: 20 } });
    const order: string[] = [];
    const dpc = new KDPC();
    KeInitializeDpc(dpc, () => order.push(`dpc@${k.cycle}`), null);
    const tdpc = new KDPC();
    KeInitializeDpc(tdpc, () => order.push(`timer@${k.cycle}`), null);
    const timer = new KTIMER();
    KeInitializeTimerEx(timer, NotificationTimer);
    KeSetTimerEx(timer, -10, 0, tdpc); // cycle 100
    k.interrupts.connect({ line: LINE, isr: () => (order.push(`isr@${k.cycle}`), port.setInterrupt(null), true) });
    k.runFor(80); // the line rose at 40: ISR due 100
    KeInsertQueueDpc(dpc, 0, 0); // queued at 80: due 100
    k.runUntil(1000);
    expect(order).toEqual(['isr@100', 'dpc@100', 'timer@100']);
  });

  it('advances hardware time and queues, without running, an interrupt that rises meanwhile', () => {
    const { k, port, rises } = rig();
    const isr: number[] = [];
    k.interrupts.connect({ line: LINE, isr: () => (isr.push(k.cycle), port.setInterrupt(null), true) });
    KeStallExecutionProcessor(10); // 1000 cycles at 100 MHz
    expect(k.cycle).toBe(1000);
    expect(rises).toEqual([40]);
    expect(isr).toEqual([]); // the CPU was busy stalling
    expect(k.stats.stallCycles).toBe(1000);
    k.runFor(0);
    expect(isr).toEqual([1000]); // overdue since 80: runs as soon as the stall ends
  });

  it('a stall inside a DPC delays the ISR that became due during it', () => {
    const { k, port } = rig();
    const seen: string[] = [];
    const dpc = new KDPC();
    KeInitializeDpc(dpc, () => {
      seen.push(`dpc-start@${k.cycle}`);
      KeStallExecutionProcessor(1); // 100 cycles: 0 -> ... the line rises at 40, ISR due at 80
      seen.push(`dpc-end@${k.cycle}`);
    }, null);
    k.interrupts.connect({ line: LINE, isr: () => (seen.push(`isr@${k.cycle}`), port.setInterrupt(null), true) });
    k.latencies.dpcLatency = 0;
    KeInsertQueueDpc(dpc, 0, 0);
    k.runUntil(1000);
    expect(seen).toEqual(['dpc-start@0', 'dpc-end@100', 'isr@100']);
  });

  it('charges the per-callback cost table', () => {
    const { k, port } = rig({ latencies: { callbackCost: { ISR: 25 } } });
    const dpc = new KDPC();
    const at: number[] = [];
    KeInitializeDpc(dpc, () => at.push(k.cycle), null);
    k.interrupts.connect({ line: LINE, isr: () => (at.push(k.cycle), port.setInterrupt(null), KeInsertQueueDpc(dpc, 0, 0), true) });
    k.runUntil(1000);
    expect(at).toEqual([80 + 25, 80 + 25 + 100]);
    expect(k.stats.callbackCycles).toBe(25);
  });
});
