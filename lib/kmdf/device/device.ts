// WDFDEVICE: WdfDeviceCreate and the device object's framework state (wdfdevice.h; DDI pages WdfDeviceCreate,
// WdfDeviceWdmGetDeviceObject). The PnP/power sequence that drives the callbacks is in pnp.ts.
import { FxObject } from '../object/fx-object.js';
import type { FxDriverGlobals } from '../fx/globals.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFDEVICE, WDFDRIVER } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { fxOut } from '../verifier/arguments.js';
import {
  Out,
  NT_SUCCESS,
  PASSIVE_LEVEL,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_SUCCESS,
  type NTSTATUS,
  type DEVICE_OBJECT,
} from '../fx/hal.js';
import { FxCmResList } from './resources.js';
import {
  WDFDEVICE_INIT,
  fxDeviceInit,
  type FxClassExtensionHooks,
  type PWDFDEVICE_INIT,
  type WDF_PNPPOWER_EVENT_CALLBACKS,
} from './device-init.js';
import type { WDF_FILEOBJECT_CONFIG } from '../file/file-object.js';
import type { FxDriver } from '../driver/driver.js';

/** Framework objects that hang off a device and take part in its PnP/power sequence. */
export interface FxDevicePowerParticipant {
  powerUp(): NTSTATUS;
  powerDown(): NTSTATUS;
}

export type FxDevicePnpState = 'added' | 'started' | 'removed';

/**
 * The framework's object behind a WDFDEVICE handle: its PnP state, queues, file objects, interrupts, DMA enablers and
 * resources. Drivers use the handle and the Wdf* DDIs.
 */
export class FxDevice extends FxObject {
  readonly typeName = 'WDFDEVICE';
  readonly pnp: WDF_PNPPOWER_EVENT_CALLBACKS | null;
  readonly ioType: number;
  readonly fileObjectConfig: WDF_FILEOBJECT_CONFIG | null;
  readonly fileObjectAttributes: WDF_OBJECT_ATTRIBUTES | null;
  /** WdfDeviceInitSetExclusive. */
  readonly exclusive: boolean;
  /** Files created and not yet closed (the exclusive check counts them). */
  openFiles = 0;
  /** @internal Class extensions bound to this device (WDFDEVICE_INIT.classExtensions). */
  readonly classExtensions: readonly FxClassExtensionHooks[];
  readonly resourcesRaw: FxCmResList;
  readonly resourcesTranslated: FxCmResList;
  /** The WDM device object (the FDO) the DMA and interrupt routines are given. */
  readonly deviceObject: DEVICE_OBJECT;
  pnpState: FxDevicePnpState = 'added';
  /** Set by WdfIoQueueCreate for a default queue (typed loosely to keep the layers acyclic). */
  defaultQueue: FxObject | null = null;
  readonly queues: FxObject[] = [];
  /** WdfDeviceConfigureRequestDispatching: request type (IRP_MJ_*) → the queue that receives it. */
  readonly dispatchTable = new Map<number, FxObject>();
  /** Interrupts in creation order: the i-th is connected to the i-th interrupt resource. */
  readonly interrupts: (FxObject & FxInterruptParticipant)[] = [];
  /** DMA enablers, in creation order (FX-EN: the device's DMA-enabler list drives A.5 power callbacks). */
  readonly dmaEnablers: (FxObject & FxDevicePowerParticipant)[] = [];

  constructor(
    globals: FxDriverGlobals,
    readonly driver: FxDriver,
    init: WDFDEVICE_INIT,
  ) {
    super(globals);
    this.noDeleteDdi = true;
    this.pnp = init.pnpPowerCallbacks;
    this.ioType = init.ioType;
    this.fileObjectConfig = init.fileObjectConfig;
    this.fileObjectAttributes = init.fileObjectAttributes;
    this.exclusive = init.exclusive;
    this.classExtensions = [...init.classExtensions];
    this.resourcesRaw = new FxCmResList(globals, init.resources);
    this.resourcesTranslated = new FxCmResList(globals, init.resources);
    this.deviceObject = { DeviceName: init.name, Owner: this } as unknown as DEVICE_OBJECT;
  }

  override get handle(): WDFDEVICE {
    return this as unknown as WDFDEVICE;
  }
}

/** What the PnP sequence needs from an interrupt object. */
export interface FxInterruptParticipant {
  assignResource(line: number): void;
  connect(): void;
  disconnect(): void;
}

/**
 * WdfDeviceCreate(DeviceInit, DeviceAttributes, Device). DeviceInit is an in/out parameter in C (`&DeviceInit`,
 * set to NULL on success): pass the PWDFDEVICE_INIT or an Out box holding it. NULL DeviceInit or Device: 0x10D / 0x4;
 * above PASSIVE_LEVEL: STATUS_INVALID_DEVICE_REQUEST + VerifierBreak (FX fxdeviceapi.cpp); the attributes are
 * validated (validate-attributes.ts); a DeviceInit already used: STATUS_INVALID_DEVICE_STATE.
 */
export function WdfDeviceCreate(
  DeviceInit: PWDFDEVICE_INIT | Out<PWDFDEVICE_INIT | null>,
  DeviceAttributes: WDF_OBJECT_ATTRIBUTES | null,
  Device: Out<WDFDEVICE | null>,
): NTSTATUS {
  const ddi = 'WdfDeviceCreate';
  const { init, g } = fxDeviceInit(DeviceInit instanceof Out ? DeviceInit.value : DeviceInit, ddi);
  const out = fxOut(g, ddi, 'Device', 3, Device);
  if (g.kernel.irql > PASSIVE_LEVEL && g.options.verifier) {
    g.verifierBreak(ddi, null, null, 'WdfDeviceCreate must be called at PASSIVE_LEVEL.');
    return STATUS_INVALID_DEVICE_REQUEST;
  }
  const { status, attributes } = fxObjectAttributes(g, ddi, 2, DeviceAttributes, null, {
    parent: 'not-allowed',
    executionLevel: true,
    synchronizationScope: true,
  });
  if (!NT_SUCCESS(status)) return status;
  if (init.consumed) return STATUS_INVALID_DEVICE_STATE;
  const driver = init.driver;
  const device = new FxDevice(driver.globals, driver, init);
  device.commit(attributes, driver);
  init.consumed = true;
  init.created = device;
  if (DeviceInit instanceof Out) DeviceInit.value = null;
  out.value = device.handle;
  return STATUS_SUCCESS;
}

/** The WDM DEVICE_OBJECT of a framework device. */
export function WdfDeviceWdmGetDeviceObject(Device: WDFDEVICE): DEVICE_OBJECT {
  return fxResolve(Device, FxDevice, 'WdfDeviceWdmGetDeviceObject', 'WDFDEVICE').deviceObject;
}

/** The physical device object (PDO) the framework device sits on: what IoGetDmaAdapter takes. */
export function WdfDeviceWdmGetPhysicalDevice(Device: WDFDEVICE): DEVICE_OBJECT {
  return fxResolve(Device, FxDevice, 'WdfDeviceWdmGetPhysicalDevice', 'WDFDEVICE').deviceObject;
}

/** The framework driver object a device belongs to. */
export function WdfDeviceGetDriver(Device: WDFDEVICE): WDFDRIVER {
  return fxResolve(Device, FxDevice, 'WdfDeviceGetDriver', 'WDFDEVICE').driver.handle as WDFDRIVER;
}

export function WdfDeviceGetDefaultQueue(Device: WDFDEVICE): unknown {
  return fxResolve(Device, FxDevice, 'WdfDeviceGetDefaultQueue', 'WDFDEVICE').defaultQueue;
}
