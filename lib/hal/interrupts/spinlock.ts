// KSPIN_LOCK on a one-CPU machine, with Driver Verifier's deadlock-detection checks built in: acquiring a lock the
// CPU already holds would spin forever, so it is bug check 0xC4/0x1000 (self-deadlock) instead of a hang; releasing a
// lock that is not held is 0xC4/0x1007; releasing out of acquisition order is 0xC4/0x1003. Behaviour sources:
// "KeAcquireSpinLock" (raises to DISPATCH_LEVEL, returns the old IRQL), "KeReleaseSpinLock" (restores it),
// "KeAcquireSpinLockAtDpcLevel", "KeReleaseSpinLockFromDpcLevel", and the Bug Check 0xC4 page's Deadlock rows.
// The interrupt spin lock of a KINTERRUPT (interrupts/controller.ts) is tracked the same way.

import { DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_VIOLATION } from '../bugcheck.js';
import { DISPATCH_LEVEL, type KIRQL } from '../irql.js';
import type { Out } from '../out.js';
import type { Kernel } from '../kernel.js';
import { argTypeError } from '../arguments.js';

let nextLockId = 1;

/** Anything the lock tracker can hold: a KSPIN_LOCK or a KINTERRUPT's interrupt lock. */
export interface TrackedLock {
  readonly lockId: number;
  readonly lockName: string;
  held: boolean;
}

/**
 * A KSPIN_LOCK: acquired at DISPATCH_LEVEL; the checks catch a second acquire on the one CPU, out-of-order and
 * unacquired releases.
 */
export class KSPIN_LOCK implements TrackedLock {
  readonly lockId = nextLockId++;
  held = false;
  readonly lockName: string;
  constructor(lockName = `KSPIN_LOCK #${nextLockId - 1}`) {
    if (typeof lockName !== 'string') throw argTypeError('new KSPIN_LOCK', 'lockName', lockName, 'a name (a string)');
    this.lockName = lockName;
  }
}

export function newLockId(): number {
  return nextLockId++;
}

/** Acquire bookkeeping shared by spin locks and interrupt locks. */
export function trackAcquire(kernel: Kernel, lock: TrackedLock, ddi: string): void {
  if (lock.held) {
    kernel.bugCheck({
      code: DRIVER_VERIFIER_DETECTED_VIOLATION,
      parameters: [VERIFIER_VIOLATION.SELF_DEADLOCK, lock.lockId, 0, 0],
      ddi,
      object: lock,
      rule: `${lock.lockName} is already held on this (only) CPU: acquiring it again would spin forever`,
    });
  }
  lock.held = true;
  kernel.heldLocks.push(lock);
}

export function trackRelease(kernel: Kernel, lock: TrackedLock, ddi: string): void {
  if (!lock.held) {
    kernel.bugCheck({
      code: DRIVER_VERIFIER_DETECTED_VIOLATION,
      parameters: [VERIFIER_VIOLATION.UNACQUIRED_RELEASE, lock.lockId, 0, 0],
      ddi,
      object: lock,
      rule: `${lock.lockName} is released but it is not held`,
    });
  }
  const top = kernel.heldLocks[kernel.heldLocks.length - 1]!;
  if (top !== lock) {
    kernel.bugCheck({
      code: DRIVER_VERIFIER_DETECTED_VIOLATION,
      parameters: [VERIFIER_VIOLATION.UNEXPECTED_RELEASE, lock.lockId, top.lockId, 0],
      ddi,
      object: lock,
      rule: `${lock.lockName} is released before ${top.lockName}, which was acquired after it`,
    });
  }
  kernel.heldLocks.pop();
  lock.held = false;
}

export function acquireSpinLock(kernel: Kernel, lock: KSPIN_LOCK, oldIrql: Out<KIRQL>): void {
  kernel.assertRunning();
  trackAcquire(kernel, lock, 'KeAcquireSpinLock');
  oldIrql.value = kernel.irql;
  if (kernel.irql < DISPATCH_LEVEL) kernel.irql = DISPATCH_LEVEL;
}

export function releaseSpinLock(kernel: Kernel, lock: KSPIN_LOCK, newIrql: KIRQL): void {
  kernel.assertRunning();
  trackRelease(kernel, lock, 'KeReleaseSpinLock');
  kernel.irql = newIrql;
}

export function acquireSpinLockAtDpcLevel(kernel: Kernel, lock: KSPIN_LOCK): void {
  kernel.assertRunning();
  trackAcquire(kernel, lock, 'KeAcquireSpinLockAtDpcLevel');
}

export function releaseSpinLockFromDpcLevel(kernel: Kernel, lock: KSPIN_LOCK): void {
  kernel.assertRunning();
  trackRelease(kernel, lock, 'KeReleaseSpinLockFromDpcLevel');
}
