// WDFDEVICE_INIT and the PnP/power callbacks a DMA driver registers (wdfdevice.h; DDI pages
// WdfDeviceInitSetPnpPowerEventCallbacks, WDF_PNPPOWER_EVENT_CALLBACKS_INIT, WdfDeviceInitSetIoType,
// EVT_WDF_DEVICE_PREPARE_HARDWARE / RELEASE_HARDWARE / D0_ENTRY / D0_EXIT).
import type { WDFCMRESLIST, WDFDEVICE } from '../object/handles.js';
import type { NTSTATUS } from '../fx/hal.js';
import type { FxDriver } from '../driver/driver.js';
import type { CM_PARTIAL_RESOURCE_DESCRIPTOR } from './resources.js';
import type { WDF_FILEOBJECT_CONFIG } from '../file/file-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { FxDriverGlobals } from '../fx/globals.js';
import { fxBoolean, fxCallbackFields, fxCallerGlobals, fxNullParameter, fxStruct, fxWrongType, helperStruct } from '../verifier/arguments.js';

/** WDF_POWER_DEVICE_STATE: a device power state as the D0Entry / D0Exit callbacks receive it. */
export type WDF_POWER_DEVICE_STATE = number;
/** WDF_POWER_DEVICE_STATE: not valid. */
export const WdfPowerDeviceInvalid = 0;
/** WDF_POWER_DEVICE_STATE: D0, fully on. */
export const WdfPowerDeviceD0 = 1;
/** WDF_POWER_DEVICE_STATE: D1. */
export const WdfPowerDeviceD1 = 2;
/** WDF_POWER_DEVICE_STATE: D2. */
export const WdfPowerDeviceD2 = 3;
/** WDF_POWER_DEVICE_STATE: D3, off. */
export const WdfPowerDeviceD3 = 4;
/** WDF_POWER_DEVICE_STATE: D3 for good (the device is being removed). */
export const WdfPowerDeviceD3Final = 5;
/** WDF_POWER_DEVICE_STATE: D3 as the system prepares to hibernate. */
export const WdfPowerDevicePrepareForHibernation = 6;

/**
 * EvtDevicePrepareHardware: the device's resources are assigned (raw and translated lists); map registers, build DMA
 * enablers.
 */
export type EVT_WDF_DEVICE_PREPARE_HARDWARE = (
  Device: WDFDEVICE,
  ResourcesRaw: WDFCMRESLIST,
  ResourcesTranslated: WDFCMRESLIST,
) => NTSTATUS;
/** EvtDeviceReleaseHardware: the device's resources are going away; undo PrepareHardware. */
export type EVT_WDF_DEVICE_RELEASE_HARDWARE = (Device: WDFDEVICE, ResourcesTranslated: WDFCMRESLIST) => NTSTATUS;
/** EvtDeviceD0Entry: the device enters D0 (from PreviousState); initialize the hardware. */
export type EVT_WDF_DEVICE_D0_ENTRY = (Device: WDFDEVICE, PreviousState: WDF_POWER_DEVICE_STATE) => NTSTATUS;
/** EvtDeviceD0Exit: the device leaves D0 (for TargetState); quiesce the hardware. */
export type EVT_WDF_DEVICE_D0_EXIT = (Device: WDFDEVICE, TargetState: WDF_POWER_DEVICE_STATE) => NTSTATUS;

/** The device's PnP and power callbacks (WdfDeviceInitSetPnpPowerEventCallbacks). */
export interface WDF_PNPPOWER_EVENT_CALLBACKS {
  Size: number;
  EvtDevicePrepareHardware: EVT_WDF_DEVICE_PREPARE_HARDWARE | null;
  EvtDeviceReleaseHardware: EVT_WDF_DEVICE_RELEASE_HARDWARE | null;
  EvtDeviceD0Entry: EVT_WDF_DEVICE_D0_ENTRY | null;
  EvtDeviceD0Exit: EVT_WDF_DEVICE_D0_EXIT | null;
}

/** sizeof(WDF_PNPPOWER_EVENT_CALLBACKS) as the WDF_PNPPOWER_EVENT_CALLBACKS_INIT helper sets Size (a DDI refuses another Size). */
export const WDF_PNPPOWER_EVENT_CALLBACKS_SIZE = 128;

/** Initializes WDF_PNPPOWER_EVENT_CALLBACKS: every callback empty. */
export function WDF_PNPPOWER_EVENT_CALLBACKS_INIT(callbacks: WDF_PNPPOWER_EVENT_CALLBACKS): void {
  helperStruct('WDF_PNPPOWER_EVENT_CALLBACKS_INIT', 'Callbacks', callbacks);
  callbacks.Size = WDF_PNPPOWER_EVENT_CALLBACKS_SIZE;
  callbacks.EvtDevicePrepareHardware = null;
  callbacks.EvtDeviceReleaseHardware = null;
  callbacks.EvtDeviceD0Entry = null;
  callbacks.EvtDeviceD0Exit = null;
}

/** WDF_DEVICE_IO_TYPE: how read and write buffers reach the driver. */
export type WDF_DEVICE_IO_TYPE = number;
/** WDF_DEVICE_IO_TYPE: not set. */
export const WdfDeviceIoUndefined = 0;
/** WDF_DEVICE_IO_TYPE: neither buffered nor direct (the requester's addresses). */
export const WdfDeviceIoNeither = 1;
/** WDF_DEVICE_IO_TYPE: buffered (a system buffer copy). */
export const WdfDeviceIoBuffered = 2;
/** WDF_DEVICE_IO_TYPE: direct (the buffer's MDL): what a DMA driver uses. */
export const WdfDeviceIoDirect = 3;

/** WDFDEVICE_INIT: what EvtDriverDeviceAdd configures before WdfDeviceCreate consumes it. */
export class WDFDEVICE_INIT {
  pnpPowerCallbacks: WDF_PNPPOWER_EVENT_CALLBACKS | null = null;
  ioType: WDF_DEVICE_IO_TYPE = WdfDeviceIoBuffered;
  /** WdfDeviceInitSetFileObjectConfig: the file-object callbacks and the attributes of every file object. */
  fileObjectConfig: WDF_FILEOBJECT_CONFIG | null = null;
  fileObjectAttributes: WDF_OBJECT_ATTRIBUTES | null = null;
  /** WdfDeviceInitSetExclusive: one open file at a time (a second create fails with STATUS_ACCESS_DENIED). */
  exclusive = false;
  /** Class extensions (lib/sercx2) that claimed the device in its DeviceInit; their per-device hooks. */
  readonly classExtensions: FxClassExtensionHooks[] = [];
  consumed = false;
  /** Set by the framework once WdfDeviceCreate succeeds. */
  created: unknown = null;
  constructor(
    readonly driver: FxDriver,
    readonly name: string,
    readonly resources: readonly CM_PARTIAL_RESOURCE_DESCRIPTOR[],
  ) {}
}
/**
 * A pointer to WDFDEVICE_INIT (the same object here): what EvtDriverDeviceAdd receives and WdfDeviceCreate consumes.
 */
export type PWDFDEVICE_INIT = WDFDEVICE_INIT;

/**
 * @internal What a class extension (lib/sercx2) registers in a WDFDEVICE_INIT, the way a real one binds itself to the
 * client's device in its *InitializeDeviceInit: a name (for messages) and hooks the framework calls at the points
 * of the device's life it cannot otherwise see. The framework never imports a class extension; it only calls these.
 */
export interface FxClassExtensionHooks {
  readonly name: string;
  /** The device is started (after D0Entry, before its queues present requests). */
  started?(device: unknown): void;
  /** The device is being removed (before its queues are purged and EvtDeviceD0Exit). */
  removing?(device: unknown): void;
}

/**
 * The WDFDEVICE_INIT a WdfDeviceInit* DDI is given, and the globals of its driver: NULL is 0x10D / 0x4 (FxPointerNotNull),
 * anything that is not one is 0x10D / WDF_VERIFIER_FATAL_ERROR (it is an opaque pointer, not a handle).
 */
export function fxDeviceInit(DeviceInit: unknown, ddi: string): { init: WDFDEVICE_INIT; g: FxDriverGlobals } {
  if (DeviceInit instanceof WDFDEVICE_INIT) {
    const g = DeviceInit.driver.globals;
    g.checkAlive();
    return { init: DeviceInit, g };
  }
  const g = fxCallerGlobals(ddi);
  if (DeviceInit === null || DeviceInit === undefined) fxNullParameter(g, ddi, 'DeviceInit');
  return fxWrongType(g, ddi, 'DeviceInit', 1, DeviceInit, 'the PWDFDEVICE_INIT EvtDriverDeviceAdd was given');
}

const PNP_CALLBACKS = ['EvtDevicePrepareHardware', 'EvtDeviceReleaseHardware', 'EvtDeviceD0Entry', 'EvtDeviceD0Exit'] as const;

/**
 * WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, PnpPowerEventCallbacks): a Size that is not sizeof is ignored
 * with a VerifierBreak (FX fxdeviceinitapi.cpp traces and returns); each callback is NULL or a function.
 */
export function WdfDeviceInitSetPnpPowerEventCallbacks(
  DeviceInit: PWDFDEVICE_INIT,
  PnpPowerEventCallbacks: WDF_PNPPOWER_EVENT_CALLBACKS,
): void {
  const ddi = 'WdfDeviceInitSetPnpPowerEventCallbacks';
  const { init, g } = fxDeviceInit(DeviceInit, ddi);
  const copy = { ...fxStruct(g, ddi, 'PnpPowerEventCallbacks', 2, PnpPowerEventCallbacks) };
  if (copy.Size !== WDF_PNPPOWER_EVENT_CALLBACKS_SIZE) {
    g.verifierBreak(ddi, null, null, `PnpPowerEventCallbacks->Size is ${String(copy.Size)}, not ${WDF_PNPPOWER_EVENT_CALLBACKS_SIZE}: initialize it with WDF_PNPPOWER_EVENT_CALLBACKS_INIT. The call is ignored.`);
    return;
  }
  fxCallbackFields(g, ddi, 'PnpPowerEventCallbacks', 2, copy, PNP_CALLBACKS);
  for (const f of PNP_CALLBACKS) copy[f] ??= null;
  init.pnpPowerCallbacks = copy;
}

/** WdfDeviceInitSetIoType(DeviceInit, IoType): a value that is no WDF_DEVICE_IO_TYPE is ignored (VerifierBreak). */
export function WdfDeviceInitSetIoType(DeviceInit: PWDFDEVICE_INIT, IoType: WDF_DEVICE_IO_TYPE): void {
  const ddi = 'WdfDeviceInitSetIoType';
  const { init, g } = fxDeviceInit(DeviceInit, ddi);
  if (IoType !== WdfDeviceIoNeither && IoType !== WdfDeviceIoBuffered && IoType !== WdfDeviceIoDirect) {
    g.verifierBreak(ddi, null, null, `IoType ${String(typeof IoType === 'number' ? IoType : typeof IoType)} is not a WDF_DEVICE_IO_TYPE (WdfDeviceIoNeither, WdfDeviceIoBuffered, WdfDeviceIoDirect); the call is ignored.`);
    return;
  }
  init.ioType = IoType;
}

/** WdfDeviceInitSetExclusive(DeviceInit, IsExclusive): the device is opened by one client at a time (the I/O manager
 *  fails a create while a file is open with STATUS_ACCESS_DENIED, without calling the driver). */
export function WdfDeviceInitSetExclusive(DeviceInit: PWDFDEVICE_INIT, IsExclusive: boolean): void {
  const ddi = 'WdfDeviceInitSetExclusive';
  const { init, g } = fxDeviceInit(DeviceInit, ddi);
  init.exclusive = fxBoolean(g, ddi, 'IsExclusive', 2, IsExclusive);
}
