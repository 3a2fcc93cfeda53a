// The verifier: WdfBugCheck contents, the halted machine, VerifierBreak records and the break switch, handle and
// NULL-parameter checks, and the framework's Driver Verifier stops (0xE6): a transaction left in Transfer at device
// removal, a lock released twice, a lock held when a callback returns.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import { MachineHaltedError } from '../../lib/hal/bugcheck.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness, catchError } from './fixtures/harness.js';

const { WdfDmaDirectionWriteToDevice: WRITE } = W;

function spinLock(h: Harness): W.WDFSPINLOCK {
  return h.call(() => {
    const attributes = W.newObjectAttributes();
    attributes.ParentObject = h.device.handle;
    const lock = new Out<W.WDFSPINLOCK | null>(null);
    expect(W.WdfSpinLockCreate(attributes, lock)).toBe(W.STATUS_SUCCESS);
    return lock.value!;
  });
}

describe('verifier', () => {
  it('0xE6: a transaction left in Transfer when its device is removed', () => {
    const h = new Harness({ device: { rate: 100 } });
    const t = h.transaction();
    const buf = h.buffer(1024);
    h.call(() => {
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 1024);
      W.WdfDmaTransactionExecute(t, null);
    });
    const e = catchError(() => h.device.remove()) as W.WdfBugCheck;
    expect(e).toBeInstanceOf(W.WdfBugCheck);
    expect(e.code).toBe(W.DRIVER_VERIFIER_DMA_VIOLATION);
    expect(e.parameters[0]).toBe(W.DMA_VIOLATION_TRANSACTION_LEFT_IN_TRANSFER);
    expect(e.state).toEqual({ name: 'Transfer', number: 4 });
    expect(h.host.kernel.halted).toBe(true);
  });

  it('0xE6 switch position: with the verifier off the device is removed (no check)', () => {
    const h = new Harness({ device: { rate: 100 }, framework: { verifier: false } });
    const t = h.transaction();
    const buf = h.buffer(1024);
    h.call(() => {
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 1024);
      W.WdfDmaTransactionExecute(t, null);
    });
    expect(h.device.remove()).toBe(W.STATUS_SUCCESS);
    expect(h.host.kernel.halted).toBe(false);
  });

  it('0xE6: a spin lock released twice', () => {
    const h = new Harness();
    const lock = spinLock(h);
    h.call(() => {
      W.WdfSpinLockAcquire(lock);
      W.WdfSpinLockRelease(lock);
    });
    const e = catchError(() => h.call(() => W.WdfSpinLockRelease(lock))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0]]).toEqual([0xe6, W.DMA_VIOLATION_LOCK_RELEASED_TWICE]);
    expect(e.object).toMatch(/^WDFSPINLOCK/);
  });

  it('0xE6: a lock still held when the callback that took it returns; 0x10D/0x2 for a recursive acquire', () => {
    const h = new Harness();
    const lock = spinLock(h);
    const t = h.transaction();
    const buf = h.buffer(256);
    const e = catchError(() =>
      h.call(() => {
        W.WdfDmaTransactionInitialize(t, (txn, d, c, dir, sg) => {
          W.WdfSpinLockAcquire(lock);
          return h.programDma(txn, d, c, dir, sg);
        }, WRITE, buf.mdl, buf.va, 256);
        W.WdfDmaTransactionExecute(t, null);
      }),
    ) as W.WdfBugCheck;
    expect([e.code, e.parameters[0]]).toEqual([0xe6, W.DMA_VIOLATION_LOCK_HELD_ON_RETURN]);
    expect(e.ddi).toBe('EvtProgramDma');

    const h2 = new Harness();
    const lock2 = spinLock(h2);
    const e2 = catchError(() =>
      h2.call(() => {
        W.WdfSpinLockAcquire(lock2);
        W.WdfSpinLockAcquire(lock2);
      }),
    ) as W.WdfBugCheck;
    expect([e2.code, e2.parameters[0]]).toEqual([0x10d, W.WDF_RECURSIVE_LOCK]);
  });

  it('a NULL required parameter is 0x10D/0x4; a handle of the wrong type is 0x10D/0x5', () => {
    const h = new Harness();
    const t = h.transaction();
    const e = catchError(() => h.call(() => W.WdfDmaTransactionDmaCompleted(t, null as unknown as Out<number>))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0]]).toEqual([0x10d, W.WDF_REQUIRED_PARAMETER_IS_NULL]);
    const h2 = new Harness();
    const e2 = catchError(() =>
      h2.call(() => W.WdfDmaTransactionExecute(h2.writeEnabler as unknown as W.WDFDMATRANSACTION, null)),
    ) as W.WdfBugCheck;
    expect([e2.code, e2.parameters[0]]).toEqual([0x10d, W.WDF_INVALID_HANDLE]);
    expect(e2.rule).toMatch(/WDFDMAENABLER/);
  });

  it('after a bugcheck every later DDI, host call and kernel call says the machine is halted', () => {
    const h = new Harness();
    const t = h.transaction();
    const first = catchError(() => h.call(() => W.WdfDmaTransactionExecute(t, null)));
    for (const later of [
      () => h.call(() => W.WdfDmaTransactionRelease(t)),
      () => h.host.runFor(1),
      () => h.device.open(),
    ]) {
      const e = catchError(later);
      expect(e).toBeInstanceOf(MachineHaltedError);
      expect((e as MachineHaltedError).original).toBe(first);
    }
  });

  it('VerifierBreaks are recorded, not fatal; with breakOnVerifierBreak they also throw WdfVerifierBreak', () => {
    const h = new Harness();
    const t = h.transaction();
    h.call(() => {
      expect(W.WdfDmaTransactionWdmGetTransferContext(t)).toBeNull(); // Created: VerifierBreak, NULL
      expect(W.WdfDmaEnablerGetFragmentLength(h.writeEnabler, 7)).toBe(0);
    });
    expect(h.driver.verifierBreaks.map((b) => b.ddi)).toEqual([
      'WdfDmaTransactionWdmGetTransferContext',
      'WdfDmaEnablerGetFragmentLength',
    ]);
    expect(h.host.kernel.halted).toBe(false);

    const h2 = new Harness({ framework: { breakOnVerifierBreak: true } });
    const t2 = h2.transaction();
    const e = catchError(() => h2.call(() => W.WdfDmaTransactionWdmGetTransferContext(t2)));
    expect(e).toBeInstanceOf(W.WdfVerifierBreak);
    expect(h2.host.kernel.halted).toBe(false);
    expect(h2.call(() => W.WdfDmaTransactionGetBytesTransferred(t2))).toBe(0);
  });
});
