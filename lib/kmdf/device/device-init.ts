// WDFDEVICE_INIT and the PnP/power callbacks a DMA driver registers (wdfdevice.h; DDI pages
// WdfDeviceInitSetPnpPowerEventCallbacks, WDF_PNPPOWER_EVENT_CALLBACKS_INIT, WdfDeviceInitSetIoType,
// EVT_WDF_DEVICE_PREPARE_HARDWARE / RELEASE_HARDWARE / D0_ENTRY / D0_EXIT).
import type { WDFCMRESLIST, WDFDEVICE } from '../object/handles.js';
import type { NTSTATUS } from '../fx/hal.js';
import type { FxDriver } from '../driver/driver.js';
import type { CM_PARTIAL_RESOURCE_DESCRIPTOR } from './resources.js';
import type { WDF_FILEOBJECT_CONFIG } from '../file/file-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';

export type WDF_POWER_DEVICE_STATE = number;
export const WdfPowerDeviceInvalid = 0;
export const WdfPowerDeviceD0 = 1;
export const WdfPowerDeviceD1 = 2;
export const WdfPowerDeviceD2 = 3;
export const WdfPowerDeviceD3 = 4;
export const WdfPowerDeviceD3Final = 5;
export const WdfPowerDevicePrepareForHibernation = 6;

export type EVT_WDF_DEVICE_PREPARE_HARDWARE = (
  Device: WDFDEVICE,
  ResourcesRaw: WDFCMRESLIST,
  ResourcesTranslated: WDFCMRESLIST,
) => NTSTATUS;
export type EVT_WDF_DEVICE_RELEASE_HARDWARE = (Device: WDFDEVICE, ResourcesTranslated: WDFCMRESLIST) => NTSTATUS;
export type EVT_WDF_DEVICE_D0_ENTRY = (Device: WDFDEVICE, PreviousState: WDF_POWER_DEVICE_STATE) => NTSTATUS;
export type EVT_WDF_DEVICE_D0_EXIT = (Device: WDFDEVICE, TargetState: WDF_POWER_DEVICE_STATE) => NTSTATUS;

export interface WDF_PNPPOWER_EVENT_CALLBACKS {
  Size: number;
  EvtDevicePrepareHardware: EVT_WDF_DEVICE_PREPARE_HARDWARE | null;
  EvtDeviceReleaseHardware: EVT_WDF_DEVICE_RELEASE_HARDWARE | null;
  EvtDeviceD0Entry: EVT_WDF_DEVICE_D0_ENTRY | null;
  EvtDeviceD0Exit: EVT_WDF_DEVICE_D0_EXIT | null;
}

export function WDF_PNPPOWER_EVENT_CALLBACKS_INIT(callbacks: WDF_PNPPOWER_EVENT_CALLBACKS): void {
  callbacks.Size = 128;
  callbacks.EvtDevicePrepareHardware = null;
  callbacks.EvtDeviceReleaseHardware = null;
  callbacks.EvtDeviceD0Entry = null;
  callbacks.EvtDeviceD0Exit = null;
}

export type WDF_DEVICE_IO_TYPE = number;
export const WdfDeviceIoUndefined = 0;
export const WdfDeviceIoNeither = 1;
export const WdfDeviceIoBuffered = 2;
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

export function WdfDeviceInitSetPnpPowerEventCallbacks(
  DeviceInit: PWDFDEVICE_INIT,
  PnpPowerEventCallbacks: WDF_PNPPOWER_EVENT_CALLBACKS,
): void {
  DeviceInit.pnpPowerCallbacks = { ...PnpPowerEventCallbacks };
}

export function WdfDeviceInitSetIoType(DeviceInit: PWDFDEVICE_INIT, IoType: WDF_DEVICE_IO_TYPE): void {
  DeviceInit.ioType = IoType;
}

/** WdfDeviceInitSetExclusive(DeviceInit, IsExclusive): the device is opened by one client at a time (the I/O manager
 *  fails a create while a file is open with STATUS_ACCESS_DENIED, without calling the driver). */
export function WdfDeviceInitSetExclusive(DeviceInit: PWDFDEVICE_INIT, IsExclusive: boolean): void {
  DeviceInit.exclusive = IsExclusive;
}
