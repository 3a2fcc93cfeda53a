// WDFDEVICE_INIT and the PnP/power callbacks a DMA driver registers (wdfdevice.h; DDI pages
// WdfDeviceInitSetPnpPowerEventCallbacks, WDF_PNPPOWER_EVENT_CALLBACKS_INIT, WdfDeviceInitSetIoType,
// EVT_WDF_DEVICE_PREPARE_HARDWARE / RELEASE_HARDWARE / D0_ENTRY / D0_EXIT).
import type { WDFCMRESLIST, WDFDEVICE } from '../object/handles.js';
import type { NTSTATUS } from '../fx/hal.js';
import type { FxDriver } from '../driver/driver.js';
import type { CM_PARTIAL_RESOURCE_DESCRIPTOR } from './resources.js';

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

export function WdfDeviceInitSetPnpPowerEventCallbacks(
  DeviceInit: PWDFDEVICE_INIT,
  PnpPowerEventCallbacks: WDF_PNPPOWER_EVENT_CALLBACKS,
): void {
  DeviceInit.pnpPowerCallbacks = { ...PnpPowerEventCallbacks };
}

export function WdfDeviceInitSetIoType(DeviceInit: PWDFDEVICE_INIT, IoType: WDF_DEVICE_IO_TYPE): void {
  DeviceInit.ioType = IoType;
}
