// WDFSPINLOCK (wdfsync.h; DDI pages WdfSpinLockCreate, WdfSpinLockAcquire, WdfSpinLockRelease) over a KSPIN_LOCK.
// Verifier: acquiring a lock the caller already holds is WDF_RECURSIVE_LOCK (0x10D/0x2); releasing a lock that is
// not held is a Driver Verifier stop (0xE6 LOCK_RELEASED_TWICE, lib/kmdf/README.md); a lock still held when the
// callback that took it returns is 0xE6 LOCK_HELD_ON_CALLBACK_RETURN (FxDriverGlobals.callDriver).
import { FxObject } from '../object/fx-object.js';
import type { FxDriverGlobals, FxTrackedLock } from '../fx/globals.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFSPINLOCK } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { fxCallerGlobals, fxOptionalStruct, fxOut } from '../verifier/arguments.js';
import type { FxDriverGlobals as Globals } from '../fx/globals.js';
import {
  NT_SUCCESS,
  Out,
  KeAcquireSpinLock,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  STATUS_SUCCESS,
  KSPIN_LOCK,
  type NTSTATUS,
} from '../fx/hal.js';
import {
  DMA_VIOLATION_LOCK_RELEASED_TWICE,
  DRIVER_VERIFIER_DMA_VIOLATION,
  WDF_RECURSIVE_LOCK,
  WDF_VIOLATION,
} from '../verifier/bugcheck.js';

/** Lock bookkeeping shared by WDFSPINLOCK and the WDFINTERRUPT lock. */
export function fxLockAcquireCheck(g: FxDriverGlobals, lock: FxTrackedLock, held: boolean, ddi: string): void {
  if (held && g.options.verifier) {
    g.fatal(WDF_VIOLATION, WDF_RECURSIVE_LOCK, 0, 0, {
      ddi,
      object: lock.describe(),
      state: null,
      rule: `${lock.describe()} is already held by this caller; a spin lock is not recursive (on one CPU this deadlocks).`,
    });
  }
}

export function fxLockReleaseCheck(g: FxDriverGlobals, lock: FxTrackedLock, held: boolean, ddi: string): boolean {
  if (held) return true;
  if (g.options.verifier) {
    g.fatal(DRIVER_VERIFIER_DMA_VIOLATION, DMA_VIOLATION_LOCK_RELEASED_TWICE, 0, 0, {
      ddi,
      object: lock.describe(),
      state: null,
      rule: `${lock.describe()} is released but not held (released twice, or never acquired).`,
    });
  }
  return false;
}

export class FxSpinLock extends FxObject implements FxTrackedLock {
  readonly typeName = 'WDFSPINLOCK';
  readonly lock: KSPIN_LOCK;
  held = false;
  acquiredSeq = 0;
  private oldIrql = 0;

  constructor(globals: Globals) {
    super(globals);
    this.lock = new KSPIN_LOCK(this.describe());
    KeInitializeSpinLock(this.lock);
  }

  acquire(): void {
    fxLockAcquireCheck(this.globals, this, this.held, 'WdfSpinLockAcquire');
    const irql = new Out(0);
    KeAcquireSpinLock(this.lock, irql);
    this.oldIrql = irql.value;
    this.held = true;
    this.globals.lockAcquired(this);
  }

  release(): void {
    if (!fxLockReleaseCheck(this.globals, this, this.held, 'WdfSpinLockRelease')) return;
    this.held = false;
    this.globals.lockReleased(this);
    KeReleaseSpinLock(this.lock, this.oldIrql);
  }
}

/**
 * WdfSpinLockCreate(SpinLockAttributes, SpinLock) (FX fxspinlockapi.cpp): the parent, if the attributes name one, is
 * a handle (0x10D / WDF_INVALID_HANDLE); SpinLock is required (0x10D / 0x4); the attributes are validated.
 */
export function WdfSpinLockCreate(SpinLockAttributes: WDF_OBJECT_ATTRIBUTES | null, SpinLock: Out<WDFSPINLOCK | null>): NTSTATUS {
  const ddi = 'WdfSpinLockCreate';
  const given = fxOptionalStruct(fxCallerGlobalsOrParent(SpinLockAttributes, ddi), ddi, 'SpinLockAttributes', 1, SpinLockAttributes);
  const parentHandle = given?.ParentObject ?? null;
  const parent = parentHandle ? fxResolve(parentHandle, FxObject, ddi, 'WDFOBJECT') : null;
  const g = parent?.globals ?? fxCallerGlobals(ddi);
  const out = fxOut(g, ddi, 'SpinLock', 2, SpinLock);
  const { status, attributes } = fxObjectAttributes(g, ddi, 1, given);
  if (!NT_SUCCESS(status)) return status;
  const lock = new FxSpinLock(g);
  lock.commit(attributes, parent);
  out.value = lock as unknown as WDFSPINLOCK;
  return STATUS_SUCCESS;
}

/** The globals to report a non-object SpinLockAttributes through: its would-be parent's, else the running driver's. */
function fxCallerGlobalsOrParent(attributes: unknown, ddi: string): Globals {
  if (attributes !== null && typeof attributes === 'object') {
    const p = (attributes as WDF_OBJECT_ATTRIBUTES).ParentObject;
    if (p instanceof FxObject) return p.globals;
  }
  return fxCallerGlobals(ddi);
}

/** Acquires a framework spin lock (raising to DISPATCH_LEVEL). */
export function WdfSpinLockAcquire(SpinLock: WDFSPINLOCK): void {
  fxResolve(SpinLock, FxSpinLock, 'WdfSpinLockAcquire', 'WDFSPINLOCK').acquire();
}

/** Releases a framework spin lock (back to the IRQL it was acquired at). */
export function WdfSpinLockRelease(SpinLock: WDFSPINLOCK): void {
  fxResolve(SpinLock, FxSpinLock, 'WdfSpinLockRelease', 'WDFSPINLOCK').release();
}
