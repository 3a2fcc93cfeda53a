// Layer 1.5: a device model's own interrupt output (lib/sim InterruptSource) raised from inside a register write made
// by driver code. The engine records the rise at the write's cycle and its next run stops there at once, so the
// kernel's loop sees the rise on its next slice and the ISR runs at exactly write cycle + isrLatency — whether the
// write comes from a DPC inside the loop, from code between loop calls, or with the loop's target at the write cycle.
import { describe, expect, it } from 'vitest';
import {
  KDPC,
  KTIMER,
  KeInitializeDpc,
  KeInitializeTimerEx,
  KeSetTimerEx,
  MmMapIoSpaceEx,
  NotificationTimer,
  PAGE_NOCACHE,
  PAGE_READWRITE,
  WRITE_REGISTER_ULONG,
  type KernelOptions,
  type RegisterWidth,
} from '../../lib/hal/index.js';
import { makeKernel } from './helpers.js';

const REGS = 0x2000_0000;
const LINE = 11;
const CTRL = 0; // bit 0: the device's interrupt output (a model of, say, an SPI end-of-frame status a test forces)

/** A kernel with a register block whose CTRL bit 0 drives an interrupt source on LINE. */
function rig(options: KernelOptions = {}) {
  const k = makeKernel(options);
  const source = k.sim.addInterruptSource(LINE, 'test device');
  k.registers.map(REGS, 16, {
    read: () => (source.level ? 1 : 0),
    write(offset: number, _width: RegisterWidth, value: number) {
      if (offset === CTRL) source.set((value & 1) !== 0);
    },
  });
  const va = MmMapIoSpaceEx(REGS, 16, PAGE_READWRITE | PAGE_NOCACHE);
  const rises: number[] = [];
  const falls: number[] = [];
  k.onSimEvent((e) => {
    if (e.kind === 'irq' && e.line === LINE) (e.level === 1 ? rises : falls).push(e.cycle);
  });
  return { k, va, rises, falls };
}

/** A timer DPC (driver code) at cycle 100 that sets CTRL bit 0. */
function writeFromTimerDpcAt100(va: number) {
  const dpc = new KDPC();
  KeInitializeDpc(dpc, () => WRITE_REGISTER_ULONG(va + CTRL, 1), null);
  const timer = new KTIMER();
  KeInitializeTimerEx(timer, NotificationTimer);
  KeSetTimerEx(timer, -10, 0, dpc); // 1 us at 100 MHz: cycle 100
}

describe('an interrupt source raised by a register write', () => {
  it('from a timer DPC at 100: the ISR runs at 100 + isrLatency', () => {
    const { k, va, rises, falls } = rig();
    const isr: number[] = [];
    k.interrupts.connect({ line: LINE, isr: () => (isr.push(k.cycle), WRITE_REGISTER_ULONG(va + CTRL, 0), true) });
    writeFromTimerDpcAt100(va);
    k.runUntil(1000);
    expect(rises).toEqual([100]);
    expect(isr).toEqual([140]);
    expect(falls).toEqual([140]); // acknowledged inside the ISR
  });

  it('when the loop\'s target is the write cycle itself: the next loop call still dispatches at 140', () => {
    const { k, va, rises } = rig();
    const isr: number[] = [];
    k.interrupts.connect({ line: LINE, isr: () => (isr.push(k.cycle), WRITE_REGISTER_ULONG(va + CTRL, 0), true) });
    writeFromTimerDpcAt100(va);
    expect(k.runUntil(100)).toBe(100);
    expect(isr).toEqual([]);
    k.runUntil(1000);
    expect(rises).toEqual([100]);
    expect(isr).toEqual([140]);
  });

  it('from code between loop calls, with a custom isrLatency', () => {
    const { k, va } = rig({ latencies: { isrLatency: 25 } });
    const isr: number[] = [];
    k.interrupts.connect({ line: LINE, isr: () => (isr.push(k.cycle), WRITE_REGISTER_ULONG(va + CTRL, 0), true) });
    k.runUntil(50);
    WRITE_REGISTER_ULONG(va + CTRL, 1); // at 50
    k.runUntil(1000);
    expect(isr).toEqual([75]);
  });

  it('level-triggered: an ISR that does not quiet the source runs again isrLatency after it returns', () => {
    const { k, va } = rig();
    const isr: number[] = [];
    k.interrupts.connect({
      line: LINE,
      isr: () => {
        isr.push(k.cycle);
        if (isr.length === 2) WRITE_REGISTER_ULONG(va + CTRL, 0);
        return true;
      },
    });
    writeFromTimerDpcAt100(va);
    k.runUntil(1000);
    expect(isr).toEqual([140, 180]);
  });
});
