// The livelock guard (lib/hal/livelock.ts, docs/hal-contract.md "Livelock guard"): software that keeps re-arming
// itself in one cycle stops the machine with an ERR_LIVELOCK error naming it — a DPC requeueing itself with
// dpcLatency 0, an ISR on a level-triggered line that stays high with isrLatency 0, a loop of
// KeStallExecutionProcessor(0) or of register reads waiting for a device that cannot move — never a hang. The machine
// is halted afterwards (as Windows' DPC watchdog would bug check it). Work that advances time, however fast, is not a
// livelock.
import { describe, expect, it } from 'vitest';
import { PORT_IRQ } from '../../lib/sim/index.js';
import {
  DEFAULT_LIVELOCK_LIMIT,
  KDPC,
  KeInitializeDpc,
  KeInsertQueueDpc,
  KeStallExecutionProcessor,
  KernelLivelockError,
  MachineHaltedError,
  MmMapIoSpaceEx,
  PAGE_READWRITE,
  READ_REGISTER_ULONG,
} from '../../lib/hal/index.js';
import { makeKernel, rxPort } from './helpers.js';

function livelockOf(fn: () => void): KernelLivelockError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KernelLivelockError) return e;
    throw e;
  }
  throw new Error('no livelock error');
}

describe('livelock guard', () => {
  it('a DPC that requeues itself with dpcLatency 0 stops at the default bound (100,000), named by its routine', () => {
    const k = makeKernel({ latencies: { dpcLatency: 0 } });
    k.runFor(500);
    const dpc = new KDPC();
    let runs = 0;
    KeInitializeDpc(dpc, function RequeueForever(d) {
      runs++;
      KeInsertQueueDpc(d, null, null);
    }, null);
    KeInsertQueueDpc(dpc, null, null);
    const e = livelockOf(() => k.runFor(1000));
    expect(e.code).toBe('ERR_LIVELOCK');
    expect(e.cycle).toBe(500);
    expect(runs).toBe(DEFAULT_LIVELOCK_LIMIT);
    expect(e.count).toBe(DEFAULT_LIVELOCK_LIMIT);
    expect(e.callbacks).toEqual(['DPC RequeueForever']);
    expect(e.message).toMatch(/^ERR_LIVELOCK: 100000 software work items ran in cycle 500 without simulated time advancing/);
    // The machine is halted: every later entry point repeats the livelock.
    expect(k.halted).toBe(true);
    const after = (() => {
      try {
        k.runFor(1);
      } catch (err) {
        return err as MachineHaltedError;
      }
      throw new Error('the machine kept running');
    })();
    expect(after).toBeInstanceOf(MachineHaltedError);
    expect(after.original).toBe(e);
    expect(after.info.code).toBe(0x133); // DPC_WATCHDOG_VIOLATION
  });

  it('two DPCs that queue each other are both named; livelockLimit sets the bound', () => {
    const k = makeKernel({ latencies: { dpcLatency: 0 }, livelockLimit: 1000 });
    const ping = new KDPC();
    const pong = new KDPC();
    pong.name = 'pong (named by its owner)';
    KeInitializeDpc(ping, function Ping() { KeInsertQueueDpc(pong, null, null); }, null);
    KeInitializeDpc(pong, () => KeInsertQueueDpc(ping, null, null), null);
    KeInsertQueueDpc(ping, null, null);
    const e = livelockOf(() => k.runFor(10));
    expect(e.count).toBe(1000);
    expect([...e.callbacks].sort()).toEqual(['DPC Ping', 'DPC pong (named by its owner)']);
  });

  it('a DPC requeueing itself with dpcLatency 1 is not a livelock: it runs once per cycle', () => {
    const k = makeKernel({ latencies: { dpcLatency: 1 }, livelockLimit: 10 });
    const dpc = new KDPC();
    let runs = 0;
    KeInitializeDpc(dpc, (d) => {
      runs++;
      KeInsertQueueDpc(d, null, null);
    }, null);
    KeInsertQueueDpc(dpc, null, null);
    k.runUntil(1000);
    expect(runs).toBe(1000); // queued at 0: runs at 1, 2, ..., 1000
  });

  it('an ISR on a level-triggered line that stays high, with isrLatency 0, is named by its line and ISR', () => {
    const k = makeKernel({ latencies: { isrLatency: 0 }, livelockLimit: 2000 });
    const port = rxPort(k, { rate: 10, requestLine: null, interrupt: { line: 6, mask: PORT_IRQ.LEVEL, threshold: 4 } });
    let calls = 0;
    k.interrupts.connect({ line: 6, isr: () => (calls++, true), name: 'NeverQuietsIsr' }); // claims, never acknowledges
    const e = livelockOf(() => k.runFor(1000));
    expect(e.cycle).toBe(40); // the 4th byte at 4 × 10 cycles raised the line
    expect(calls).toBe(2000);
    expect(e.callbacks).toEqual(['the ISR dispatch of interrupt line 6 (NeverQuietsIsr)']);
    void port;
  });

  it('a DPC looping on KeStallExecutionProcessor(0) stops after 10 × livelockLimit zero stalls, naming the DPC', () => {
    const k = makeKernel({ latencies: { dpcLatency: 5 }, livelockLimit: 100 });
    const dpc = new KDPC();
    dpc.name = 'WaitForDeviceDpc';
    KeInitializeDpc(dpc, () => {
      for (;;) KeStallExecutionProcessor(0); // waiting for a device that cannot move: no time passes
    }, null);
    KeInsertQueueDpc(dpc, null, null);
    const e = livelockOf(() => k.runFor(100));
    expect(e.cycle).toBe(5);
    expect(e.count).toBe(1000);
    expect(e.callbacks).toEqual(['DPC WaitForDeviceDpc']);
    expect(e.message).toMatch(/KeStallExecutionProcessor\(0\) was called 1000 times in cycle 5/);
  });

  it('a PASSIVE_LEVEL loop polling a register that never changes stops the same way', () => {
    const k = makeKernel({ livelockLimit: 100 });
    k.registers.map(0x4400_0000, 0x10, { read: () => 0, write: () => {} }, 'stuck');
    const va = MmMapIoSpaceEx(0x4400_0000, 0x10, PAGE_READWRITE);
    const e = livelockOf(() => {
      while ((READ_REGISTER_ULONG(va) & 1) === 0) {
        /* poll for READY */
      }
    });
    expect(e.count).toBe(1000);
    expect(e.callbacks).toEqual(['code running outside the kernel event loop (PASSIVE_LEVEL)']);
    expect(e.message).toMatch(/READ_REGISTER_ULONG was called 1000 times in cycle 0/);
  });

  it('polling with KeStallExecutionProcessor(1) lets time pass: the register changes and the loop ends', () => {
    const k = makeKernel({ livelockLimit: 10 });
    k.registers.map(0x4400_0000, 0x10, { read: () => (k.cycle >= 5000 ? 1 : 0), write: () => {} }, 'slow');
    const va = MmMapIoSpaceEx(0x4400_0000, 0x10, PAGE_READWRITE);
    let polls = 0;
    while ((READ_REGISTER_ULONG(va) & 1) === 0) {
      polls++;
      KeStallExecutionProcessor(1); // 100 cycles
    }
    expect([polls, k.cycle]).toEqual([50, 5000]);
  });
});
