// I/O request constants and WDF_REQUEST_PARAMETERS (wdm.h IRP_MJ_*, CTL_CODE, METHOD_*; wdfrequest.h
// WDF_REQUEST_TYPE, WDF_REQUEST_PARAMETERS, WDF_REQUEST_PARAMETERS_INIT).
import { helperStruct } from '../verifier/arguments.js';

export const IRP_MJ_CREATE = 0x00;
export const IRP_MJ_CLOSE = 0x02;
export const IRP_MJ_READ = 0x03;
export const IRP_MJ_WRITE = 0x04;
export const IRP_MJ_DEVICE_CONTROL = 0x0e;
export const IRP_MJ_INTERNAL_DEVICE_CONTROL = 0x0f;
export const IRP_MJ_CLEANUP = 0x12;

export type WDF_REQUEST_TYPE = number;
export const WdfRequestTypeCreate = IRP_MJ_CREATE;
export const WdfRequestTypeClose = IRP_MJ_CLOSE;
export const WdfRequestTypeRead = IRP_MJ_READ;
export const WdfRequestTypeWrite = IRP_MJ_WRITE;
export const WdfRequestTypeDeviceControl = IRP_MJ_DEVICE_CONTROL;
export const WdfRequestTypeDeviceControlInternal = IRP_MJ_INTERNAL_DEVICE_CONTROL;

export const METHOD_BUFFERED = 0;
export const METHOD_IN_DIRECT = 1;
export const METHOD_OUT_DIRECT = 2;
export const METHOD_NEITHER = 3;
export const FILE_ANY_ACCESS = 0;
export const FILE_READ_ACCESS = 1;
export const FILE_WRITE_ACCESS = 2;
export const FILE_DEVICE_UNKNOWN = 0x22;

/** CTL_CODE(DeviceType, Function, Method, Access). */
export function CTL_CODE(DeviceType: number, Function: number, Method: number, Access: number): number {
  return ((DeviceType << 16) | (Access << 14) | (Function << 2) | Method) >>> 0;
}
/** METHOD_FROM_CTL_CODE. */
export function METHOD_FROM_CTL_CODE(ctrlCode: number): number {
  return ctrlCode & 3;
}

export interface WDF_REQUEST_PARAMETERS {
  Size: number;
  MinorFunction: number;
  Type: WDF_REQUEST_TYPE;
  Parameters: {
    Read: { Length: number; Key: number; DeviceOffset: number };
    Write: { Length: number; Key: number; DeviceOffset: number };
    DeviceIoControl: { OutputBufferLength: number; InputBufferLength: number; IoControlCode: number };
  };
}

export const WDF_REQUEST_PARAMETERS_SIZE = 56;

export function WDF_REQUEST_PARAMETERS_INIT(Parameters: WDF_REQUEST_PARAMETERS): void {
  helperStruct('WDF_REQUEST_PARAMETERS_INIT', 'Parameters', Parameters);
  Parameters.Size = WDF_REQUEST_PARAMETERS_SIZE;
  Parameters.MinorFunction = 0;
  Parameters.Type = 0;
  Parameters.Parameters = {
    Read: { Length: 0, Key: 0, DeviceOffset: 0 },
    Write: { Length: 0, Key: 0, DeviceOffset: 0 },
    DeviceIoControl: { OutputBufferLength: 0, InputBufferLength: 0, IoControlCode: 0 },
  };
}

/** A fresh initialized WDF_REQUEST_PARAMETERS. */
export function newRequestParameters(): WDF_REQUEST_PARAMETERS {
  const p = {} as WDF_REQUEST_PARAMETERS;
  WDF_REQUEST_PARAMETERS_INIT(p);
  return p;
}
