// WDFINTERRUPT (wdfinterrupt.h; DDI pages WdfInterruptCreate, WDF_INTERRUPT_CONFIG_INIT, EVT_WDF_INTERRUPT_ISR,
// EVT_WDF_INTERRUPT_DPC, WdfInterruptQueueDpcForIsr, WdfInterruptAcquireLock/ReleaseLock, WdfInterruptSynchronize).
// Created in EvtDriverDeviceAdd; the framework gives the i-th interrupt object the i-th interrupt resource, connects
// it after EvtDeviceD0Entry and disconnects it before EvtDeviceD0Exit (pnp.ts). ISR at DIRQL, DPC at DISPATCH.
import { FxObject } from '../object/fx-object.js';
import type { FxTrackedLock } from '../fx/globals.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFCONTEXT, WDFDEVICE, WDFINTERRUPT, WDFOBJECT } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { fxCallback, fxCallbackFields, fxOptionalOut, fxStruct, helperCallback, helperStruct } from '../verifier/arguments.js';
import {
  NT_SUCCESS,
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_INVALID_PARAMETER,
  KeAcquireInterruptSpinLock,
  KeInitializeDpc,
  KeInsertQueueDpc,
  KeReleaseInterruptSpinLock,
  KeSynchronizeExecution,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_SUCCESS,
  KDPC,
  type KINTERRUPT,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';
import { FxDevice } from '../device/device.js';
import { fxLockAcquireCheck, fxLockReleaseCheck } from './spinlock.js';

/**
 * EvtInterruptIsr: the interrupt line rose (at DIRQL); return true if the device interrupted, and queue the DPC for the
 * work.
 */
export type EVT_WDF_INTERRUPT_ISR = (Interrupt: WDFINTERRUPT, MessageID: number) => boolean;
/** EvtInterruptDpc: the DPC the ISR queued (WdfInterruptQueueDpcForIsr), at DISPATCH_LEVEL. */
export type EVT_WDF_INTERRUPT_DPC = (Interrupt: WDFINTERRUPT, AssociatedObject: WDFOBJECT) => void;
/** EvtInterruptSynchronize: runs at the interrupt's DIRQL holding its lock (WdfInterruptSynchronize). */
export type EVT_WDF_INTERRUPT_SYNCHRONIZE = (Interrupt: WDFINTERRUPT, Context: WDFCONTEXT) => boolean;

/** WdfInterruptCreate's configuration: the ISR, the DPC, enable / disable callbacks and the interrupt's resources. */
export interface WDF_INTERRUPT_CONFIG {
  Size: number;
  ShareVector: boolean;
  AutomaticSerialization: boolean;
  EvtInterruptIsr: EVT_WDF_INTERRUPT_ISR | null;
  EvtInterruptDpc: EVT_WDF_INTERRUPT_DPC | null;
}

/** sizeof(WDF_INTERRUPT_CONFIG) as the WDF_INTERRUPT_CONFIG_INIT helper sets Size (a DDI refuses another Size). */
export const WDF_INTERRUPT_CONFIG_SIZE = 96;

/** Initializes WDF_INTERRUPT_CONFIG with the ISR and the DPC. */
export function WDF_INTERRUPT_CONFIG_INIT(
  Configuration: WDF_INTERRUPT_CONFIG,
  EvtInterruptIsr: EVT_WDF_INTERRUPT_ISR,
  EvtInterruptDpc: EVT_WDF_INTERRUPT_DPC | null,
): void {
  const helper = 'WDF_INTERRUPT_CONFIG_INIT';
  helperStruct(helper, 'Configuration', Configuration);
  helperCallback(helper, 'EvtInterruptIsr', EvtInterruptIsr, true);
  helperCallback(helper, 'EvtInterruptDpc', EvtInterruptDpc, true);
  Configuration.Size = WDF_INTERRUPT_CONFIG_SIZE;
  Configuration.ShareVector = false;
  Configuration.AutomaticSerialization = false;
  Configuration.EvtInterruptIsr = EvtInterruptIsr;
  Configuration.EvtInterruptDpc = EvtInterruptDpc;
}

/** The framework's object behind a WDFINTERRUPT handle: its kernel interrupt, callbacks and lock. */
export class FxInterrupt extends FxObject implements FxTrackedLock {
  readonly typeName = 'WDFINTERRUPT';
  line = -1;
  kinterrupt: KINTERRUPT | null = null;
  readonly dpc: KDPC;
  held = false;
  acquiredSeq = 0;
  private oldIrql = 0;
  /** Counters for tests and the demo table. */
  isrCount = 0;
  dpcCount = 0;

  constructor(
    readonly device: FxDevice,
    readonly config: WDF_INTERRUPT_CONFIG,
  ) {
    super(device.globals);
    this.noDeleteDdi = true;
    this.dpc = new KDPC();
    KeInitializeDpc(this.dpc, () => this.runDpc(), null);
    this.dpc.name = `${callbackName('EvtInterruptDpc', config.EvtInterruptDpc)} of ${this.describe()}`;
  }

  override get handle(): WDFINTERRUPT {
    return this as unknown as WDFINTERRUPT;
  }

  /** Gives the interrupt its line from the device's resources (before it connects). */
  assignResource(line: number): void {
    this.line = line;
  }

  /** Connects the ISR to the line (when the device starts). */
  connect(): void {
    if (this.line < 0 || this.kinterrupt) return;
    const isr = this.config.EvtInterruptIsr!;
    this.kinterrupt = this.globals.kernel.interrupts.connect({
      line: this.line,
      isr: () => {
        this.isrCount++;
        return this.globals.callDriver('EvtInterruptIsr', () => isr(this.handle, 0), this);
      },
      context: this,
      name: `${callbackName('EvtInterruptIsr', isr)} of ${this.describe()}`,
    });
  }

  /** Disconnects the ISR (when the device stops). */
  disconnect(): void {
    if (!this.kinterrupt) return;
    this.globals.kernel.interrupts.disconnect(this.kinterrupt);
    this.kinterrupt = null;
  }

  private runDpc(): void {
    const dpc = this.config.EvtInterruptDpc;
    if (!dpc || this.deleted) return;
    this.dpcCount++;
    this.globals.callDriver('EvtInterruptDpc', () => dpc(this.handle, this.device.handle), this);
  }

  /** Acquires the interrupt's lock at its DIRQL (WdfInterruptAcquireLock; `ddi` names the caller). */
  acquireLock(ddi: string): void {
    fxLockAcquireCheck(this.globals, this, this.held, ddi);
    this.oldIrql = this.kinterrupt ? KeAcquireInterruptSpinLock(this.kinterrupt) : 0;
    this.held = true;
    this.globals.lockAcquired(this);
  }

  /** Releases the interrupt's lock (WdfInterruptReleaseLock). */
  releaseLock(ddi: string): void {
    if (!fxLockReleaseCheck(this.globals, this, this.held, ddi)) return;
    this.held = false;
    this.globals.lockReleased(this);
    if (this.kinterrupt) KeReleaseInterruptSpinLock(this.kinterrupt, this.oldIrql);
  }

  protected override dispose(): void {
    this.disconnect();
    const i = this.device.interrupts.indexOf(this);
    if (i >= 0) this.device.interrupts.splice(i, 1);
  }
}

/** "EvtInterruptDpc (MyDpc)": the callback's role and, when it has one, its function name (for messages). */
export function callbackName(role: string, fn: unknown): string {
  const name = typeof fn === 'function' ? fn.name : '';
  return name ? `${role} ${name}` : role;
}

/**
 * WdfInterruptCreate(Device, Configuration, Attributes, Interrupt) in FX fxinterruptapi.cpp's order: Configuration is
 * required (0x10D / 0x4); its Size (STATUS_INFO_LENGTH_MISMATCH); a NULL EvtInterruptIsr is STATUS_INVALID_PARAMETER;
 * the attributes may name a parent only with AutomaticSerialization (else STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED).
 * Interrupts are created before the device starts (STATUS_INVALID_DEVICE_STATE after). The callbacks are NULL or
 * functions, checked here.
 * TODO(accuracy): a parent the attributes name (AutomaticSerialization) is checked to be a handle, but the interrupt
 * stays a child of the device.
 */
export function WdfInterruptCreate(
  Device: WDFDEVICE,
  Configuration: WDF_INTERRUPT_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  Interrupt: Out<WDFINTERRUPT | null> | null,
): NTSTATUS {
  const ddi = 'WdfInterruptCreate';
  const device = fxResolve(Device, FxDevice, ddi, 'WDFDEVICE');
  const g = device.globals;
  const config = { ...fxStruct(g, ddi, 'Configuration', 2, Configuration, device) };
  const out = fxOptionalOut(g, ddi, 'Interrupt', 4, Interrupt, device);
  if (config.Size !== WDF_INTERRUPT_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  fxCallbackFields(g, ddi, 'Configuration', 2, config, ['EvtInterruptIsr', 'EvtInterruptDpc'], device);
  if (!config.EvtInterruptIsr) return STATUS_INVALID_PARAMETER;
  config.EvtInterruptDpc ??= null;
  config.AutomaticSerialization = !!config.AutomaticSerialization;
  config.ShareVector = !!config.ShareVector;
  const { status, attributes } = fxObjectAttributes(g, ddi, 3, Attributes, device, {
    parent: config.AutomaticSerialization ? 'allowed' : 'not-allowed',
  });
  if (!NT_SUCCESS(status)) return status;
  if (attributes?.ParentObject) fxResolve(attributes.ParentObject, FxObject, ddi, 'WDFOBJECT');
  if (device.pnpState !== 'added') return STATUS_INVALID_DEVICE_STATE;
  const interrupt = new FxInterrupt(device, config);
  interrupt.commit(attributes, device);
  device.interrupts.push(interrupt);
  if (out) out.value = interrupt.handle;
  return STATUS_SUCCESS;
}

const intr = (h: WDFINTERRUPT, ddi: string): FxInterrupt => fxResolve(h, FxInterrupt, ddi, 'WDFINTERRUPT');

/** WdfInterruptQueueDpcForIsr: FALSE if the DPC was already queued. */
export function WdfInterruptQueueDpcForIsr(Interrupt: WDFINTERRUPT): boolean {
  return KeInsertQueueDpc(intr(Interrupt, 'WdfInterruptQueueDpcForIsr').dpc, null, null);
}

/** Acquires the interrupt's spin lock (raising to its DIRQL), to share data with the ISR. */
export function WdfInterruptAcquireLock(Interrupt: WDFINTERRUPT): void {
  intr(Interrupt, 'WdfInterruptAcquireLock').acquireLock('WdfInterruptAcquireLock');
}

/** Releases the interrupt's spin lock. */
export function WdfInterruptReleaseLock(Interrupt: WDFINTERRUPT): void {
  intr(Interrupt, 'WdfInterruptReleaseLock').releaseLock('WdfInterruptReleaseLock');
}

/** WdfInterruptSynchronize(Interrupt, Callback, Context): runs Callback at DIRQL under the interrupt lock. */
export function WdfInterruptSynchronize(
  Interrupt: WDFINTERRUPT,
  Callback: EVT_WDF_INTERRUPT_SYNCHRONIZE,
  Context: WDFCONTEXT,
): boolean {
  const ddi = 'WdfInterruptSynchronize';
  const i = intr(Interrupt, ddi);
  fxCallback(i.globals, ddi, 'Callback', 2, Callback, i);
  const run = (): boolean => i.globals.callDriver('EvtInterruptSynchronize', () => Callback(i.handle, Context));
  if (!i.kinterrupt) return run();
  return KeSynchronizeExecution(i.kinterrupt, run, null);
}

/** The device an interrupt object belongs to. */
export function WdfInterruptGetDevice(Interrupt: WDFINTERRUPT): WDFDEVICE {
  return intr(Interrupt, 'WdfInterruptGetDevice').device.handle;
}
