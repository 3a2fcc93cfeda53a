// Timers on the kernel clock tick (lib/hal/interrupts/timer.ts): a due time at or before now — relative 0, -0 (what
// WDF_REL_TIMEOUT_IN_US(0) is), absolute 0, an absolute time already past — expires at the next tick after now,
// never in the cycle it was set; a future due time is rounded up to a tick. The tick is latencies.timerResolution
// (default 1 cycle). A timer restarted from its own DPC with a zero due time therefore advances time one tick per
// expiry instead of spinning in one cycle.
import { describe, expect, it } from 'vitest';
import { KDPC, KTIMER, KeInitializeDpc, KeInitializeTimerEx, KeSetTimerEx, NotificationTimer, type Kernel } from '../../lib/hal/index.js';
import { makeKernel } from './helpers.js';

function armed(k: Kernel, dueTime: number | bigint): number[] {
  const fired: number[] = [];
  const timer = new KTIMER();
  const dpc = new KDPC();
  KeInitializeTimerEx(timer, NotificationTimer);
  KeInitializeDpc(dpc, () => fired.push(k.cycle), null);
  KeSetTimerEx(timer, dueTime, 0, dpc);
  return fired;
}

describe('due times at or before now expire at the next clock tick', () => {
  it.each([
    ['relative -0 (WDF_REL_TIMEOUT_IN_US(0))', -0],
    ['absolute 0', 0],
    ['absolute 0n', 0n],
    ['an absolute time already past (100 ns units: 5 = cycle 50)', 5],
  ])('%s set at cycle 103 expires at 104 (tick 1)', (_name, due) => {
    const k = makeKernel(); // 100 MHz: one 100 ns unit = 10 cycles
    k.runFor(103);
    const fired = armed(k, due);
    k.runFor(0);
    expect(fired).toEqual([]); // never in the cycle it was set
    k.runUntil(1000);
    expect(fired).toEqual([104]);
  });

  it('relative -1 (10 cycles) set at 103 still expires at 113: future due times are unchanged', () => {
    const k = makeKernel();
    k.runFor(103);
    const fired = armed(k, -1);
    k.runUntil(1000);
    expect(fired).toEqual([113]);
  });

  it('with a 64-cycle tick: -0 at cycle 103 expires at 128; -0 set exactly on the tick at 128 expires at 192', () => {
    const k = makeKernel({ latencies: { timerResolution: 64 } });
    k.runFor(103);
    const fired = armed(k, -0);
    k.runUntil(128);
    expect(fired).toEqual([128]); // the first tick after 103 is 2 × 64
    const again = armed(k, 0);
    k.runUntil(1000);
    expect(again).toEqual([192]); // 128 is now: the next tick is 3 × 64
  });

  it('a timer restarted from its own DPC with -0 fires once per tick: 5 expiries take 5 cycles (tick 1), 50 (tick 10)', () => {
    for (const [tick, expected] of [
      [1, [11, 12, 13, 14, 15]],
      [10, [20, 30, 40, 50, 60]],
    ] as const) {
      const k = makeKernel({ latencies: { timerResolution: tick } });
      k.runFor(10);
      const fired: number[] = [];
      const timer = new KTIMER();
      const dpc = new KDPC();
      KeInitializeTimerEx(timer, NotificationTimer);
      KeInitializeDpc(dpc, () => {
        fired.push(k.cycle);
        if (fired.length < 5) KeSetTimerEx(timer, -0, 0, dpc);
      }, null);
      KeSetTimerEx(timer, -0, 0, dpc);
      k.runUntil(1000);
      expect(fired).toEqual(expected);
    }
  });
});
