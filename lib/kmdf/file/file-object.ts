// WDFFILEOBJECT and the file-object callbacks (wdfdevice.h / wdffileobject.h; DDI pages WDF_FILEOBJECT_CONFIG,
// WDF_FILEOBJECT_CONFIG_INIT, WdfDeviceInitSetFileObjectConfig, EVT_WDF_DEVICE_FILE_CREATE, EVT_WDF_FILE_CLEANUP,
// EVT_WDF_FILE_CLOSE, WdfFileObjectGetDevice, WdfRequestGetFileObject; "Framework File Objects").
// Life of a file object: IRP_MJ_CREATE makes it and the framework calls EvtDeviceFileCreate(Device, Request,
// FileObject) — the driver completes the create Request (WdfRequestComplete), synchronously or later; a failed create
// deletes the object without cleanup or close. Without EvtDeviceFileCreate a create goes to the queue configured for
// WdfRequestTypeCreate (EvtIoDefault), and with neither the framework completes it with STATUS_SUCCESS. IRP_MJ_CLEANUP
// (the last handle closed) calls EvtFileCleanup; IRP_MJ_CLOSE (the last reference gone: every request sent on the file
// has completed) calls EvtFileClose, then the object is deleted. Both run at PASSIVE_LEVEL.
import { FxObject } from '../object/fx-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFDEVICE, WDFFILEOBJECT, WDFREQUEST } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { fxCallbackFields, fxStruct, helperCallback, helperStruct } from '../verifier/arguments.js';
import { NT_SUCCESS } from '../fx/hal.js';
import type { FxDevice } from '../device/device.js';
import { fxDeviceInit, type PWDFDEVICE_INIT } from '../device/device-init.js';

/** EvtDeviceFileCreate: a CreateFile opened the device; complete the create request (or pend it). */
export type EVT_WDF_DEVICE_FILE_CREATE = (Device: WDFDEVICE, Request: WDFREQUEST, FileObject: WDFFILEOBJECT) => void;
/** EvtFileCleanup: the last handle to the file was closed (requests may still be outstanding). */
export type EVT_WDF_FILE_CLEANUP = (FileObject: WDFFILEOBJECT) => void;
/** EvtFileClose: the file object is closed (every request on it has completed). */
export type EVT_WDF_FILE_CLOSE = (FileObject: WDFFILEOBJECT) => void;

/** WDF_TRI_STATE: false, true, or the framework's default. */
export type WDF_TRI_STATE = number;
/** WDF_TRI_STATE: false. */
export const WdfFalse = 0;
/** WDF_TRI_STATE: true. */
export const WdfTrue = 1;
/** WDF_TRI_STATE: the framework's default. */
export const WdfUseDefault = 2;

/** WDF_FILEOBJECT_CLASS: whether the driver needs framework file objects, and where the framework may keep them. */
export type WDF_FILEOBJECT_CLASS = number;
/** WDF_FILEOBJECT_CLASS: not valid. */
export const WdfFileObjectInvalid = 0;
/** WDF_FILEOBJECT_CLASS: the driver needs no framework file objects. */
export const WdfFileObjectNotRequired = 1;
/** WDF_FILEOBJECT_CLASS: the framework may keep its file object in FsContext. */
export const WdfFileObjectWdfCanUseFsContext = 2;
/** WDF_FILEOBJECT_CLASS: the framework may keep its file object in FsContext2. */
export const WdfFileObjectWdfCanUseFsContext2 = 3;
/** WDF_FILEOBJECT_CLASS: the framework may use neither FsContext (it keeps a map). */
export const WdfFileObjectWdfCannotUseFsContexts = 4;
/** WDF_FILEOBJECT_CLASS flag: a request may come without a file object. */
export const WdfFileObjectCanBeOptional = 0x80000000;

/**
 * The device's file object configuration (WdfDeviceInitSetFileObjectConfig): the create, close and cleanup callbacks,
 * auto-forwarding and the file object class.
 */
export interface WDF_FILEOBJECT_CONFIG {
  Size: number;
  EvtDeviceFileCreate: EVT_WDF_DEVICE_FILE_CREATE | null;
  EvtFileClose: EVT_WDF_FILE_CLOSE | null;
  EvtFileCleanup: EVT_WDF_FILE_CLEANUP | null;
  AutoForwardCleanupClose: WDF_TRI_STATE;
  FileObjectClass: WDF_FILEOBJECT_CLASS;
}

/** sizeof(WDF_FILEOBJECT_CONFIG) in C, for the Size field. */
export const WDF_FILEOBJECT_CONFIG_SIZE = 40;

/** Initializes WDF_FILEOBJECT_CONFIG with the create, close and cleanup callbacks (null for none). */
export function WDF_FILEOBJECT_CONFIG_INIT(
  FileEventCallbacks: WDF_FILEOBJECT_CONFIG,
  EvtDeviceFileCreate: EVT_WDF_DEVICE_FILE_CREATE | null,
  EvtFileClose: EVT_WDF_FILE_CLOSE | null,
  EvtFileCleanup: EVT_WDF_FILE_CLEANUP | null,
): void {
  const helper = 'WDF_FILEOBJECT_CONFIG_INIT';
  helperStruct(helper, 'FileEventCallbacks', FileEventCallbacks);
  helperCallback(helper, 'EvtDeviceFileCreate', EvtDeviceFileCreate, true);
  helperCallback(helper, 'EvtFileClose', EvtFileClose, true);
  helperCallback(helper, 'EvtFileCleanup', EvtFileCleanup, true);
  FileEventCallbacks.Size = WDF_FILEOBJECT_CONFIG_SIZE;
  FileEventCallbacks.EvtDeviceFileCreate = EvtDeviceFileCreate;
  FileEventCallbacks.EvtFileClose = EvtFileClose;
  FileEventCallbacks.EvtFileCleanup = EvtFileCleanup;
  FileEventCallbacks.FileObjectClass = WdfFileObjectWdfCannotUseFsContexts;
  FileEventCallbacks.AutoForwardCleanupClose = WdfUseDefault;
}

/** open: created successfully; cleanedUp: IRP_MJ_CLEANUP done; closed: EvtFileClose done (the object is gone). */
export type FxFileObjectState = 'creating' | 'open' | 'cleanedUp' | 'closed' | 'failed';

/**
 * The framework's object behind a WDFFILEOBJECT handle: its device, state (open, cleaned up, closed) and the requests
 * sent on it.
 */
export class FxFileObject extends FxObject {
  readonly typeName = 'WDFFILEOBJECT';
  state: FxFileObjectState = 'creating';
  /** Requests sent on this file that have not completed (each holds a reference, as an IRP does). */
  outstanding = 0;
  /** IRP_MJ_CLOSE arrived; EvtFileClose runs once `outstanding` is 0. */
  closePending = false;
  constructor(readonly device: FxDevice) {
    super(device.globals);
    this.noDeleteDdi = true;
  }
  override get handle(): WDFFILEOBJECT {
    return this as unknown as WDFFILEOBJECT;
  }
  get closed(): boolean {
    return this.state === 'closed' || this.state === 'failed';
  }
}

/**
 * WdfDeviceInitSetFileObjectConfig(DeviceInit, FileObjectConfig, FileObjectAttributes) in FX fxdeviceinitapi.cpp's
 * order: DeviceInit and FileObjectConfig are required (0x10D / 0x4); a Size that is not sizeof, attributes that fail
 * validation (a parent is not allowed) or an AutoForwardCleanupClose that is no WDF_TRI_STATE: a VerifierBreak and the
 * call is ignored. The callbacks are NULL or functions (checked here).
 * @partial FileObjectClass and AutoForwardCleanupClose are kept but change nothing: there is no WDM FILE_OBJECT (no
 * FsContext) and no lower driver to forward a create, cleanup or close to.
 */
export function WdfDeviceInitSetFileObjectConfig(
  DeviceInit: PWDFDEVICE_INIT,
  FileObjectConfig: WDF_FILEOBJECT_CONFIG,
  FileObjectAttributes: WDF_OBJECT_ATTRIBUTES | null,
): void {
  const ddi = 'WdfDeviceInitSetFileObjectConfig';
  const { init, g } = fxDeviceInit(DeviceInit, ddi);
  const config = { ...fxStruct(g, ddi, 'FileObjectConfig', 2, FileObjectConfig) };
  if (config.Size !== WDF_FILEOBJECT_CONFIG_SIZE) {
    g.verifierBreak(
      ddi,
      null,
      null,
      `FileObjectConfig->Size is ${String(config.Size)}, not ${WDF_FILEOBJECT_CONFIG_SIZE}: initialize it with WDF_FILEOBJECT_CONFIG_INIT. The call is ignored.`,
    );
    return;
  }
  const { status, attributes } = fxObjectAttributes(g, ddi, 3, FileObjectAttributes, null, {
    parent: 'not-allowed',
    executionLevel: true,
    synchronizationScope: true,
  });
  if (!NT_SUCCESS(status)) {
    g.verifierBreak(ddi, null, null, 'FileObjectAttributes are not valid (see FxValidateObjectAttributes: Size, context type, no parent). The call is ignored.');
    return;
  }
  const forward = config.AutoForwardCleanupClose;
  if (forward !== WdfTrue && forward !== WdfFalse && forward !== WdfUseDefault) {
    g.verifierBreak(ddi, null, null, 'FileObjectConfig->AutoForwardCleanupClose is not a WDF_TRI_STATE (WdfFalse, WdfTrue, WdfUseDefault). The call is ignored.');
    return;
  }
  const callbacks = ['EvtDeviceFileCreate', 'EvtFileClose', 'EvtFileCleanup'] as const;
  fxCallbackFields(g, ddi, 'FileObjectConfig', 2, config, callbacks);
  for (const f of callbacks) config[f] ??= null;
  init.fileObjectConfig = config;
  init.fileObjectAttributes = attributes;
}

/** WdfFileObjectGetDevice(FileObject). */
export function WdfFileObjectGetDevice(FileObject: WDFFILEOBJECT): WDFDEVICE {
  return fxResolve(FileObject, FxFileObject, 'WdfFileObjectGetDevice', 'WDFFILEOBJECT').device.handle;
}
