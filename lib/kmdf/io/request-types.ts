// I/O request constants and WDF_REQUEST_PARAMETERS (wdm.h IRP_MJ_*, CTL_CODE, METHOD_*; wdfrequest.h
// WDF_REQUEST_TYPE, WDF_REQUEST_PARAMETERS, WDF_REQUEST_PARAMETERS_INIT).
import { helperStruct } from '../verifier/arguments.js';

/** IRP major function: create (CreateFile). */
export const IRP_MJ_CREATE = 0x00;
/** IRP major function: close (the file object's last reference). */
export const IRP_MJ_CLOSE = 0x02;
/** IRP major function: read (ReadFile). */
export const IRP_MJ_READ = 0x03;
/** IRP major function: write (WriteFile). */
export const IRP_MJ_WRITE = 0x04;
/** IRP major function: device control (DeviceIoControl). */
export const IRP_MJ_DEVICE_CONTROL = 0x0e;
/** IRP major function: internal device control (driver to driver). */
export const IRP_MJ_INTERNAL_DEVICE_CONTROL = 0x0f;
/** IRP major function: cleanup (the last handle closed). */
export const IRP_MJ_CLEANUP = 0x12;

/** WDF_REQUEST_TYPE: a request's kind (the IRP major function), as WdfDeviceConfigureRequestDispatching takes it. */
export type WDF_REQUEST_TYPE = number;
/** WDF_REQUEST_TYPE: create. */
export const WdfRequestTypeCreate = IRP_MJ_CREATE;
/** WDF_REQUEST_TYPE: close. */
export const WdfRequestTypeClose = IRP_MJ_CLOSE;
/** WDF_REQUEST_TYPE: read. */
export const WdfRequestTypeRead = IRP_MJ_READ;
/** WDF_REQUEST_TYPE: write. */
export const WdfRequestTypeWrite = IRP_MJ_WRITE;
/** WDF_REQUEST_TYPE: device control. */
export const WdfRequestTypeDeviceControl = IRP_MJ_DEVICE_CONTROL;
/** WDF_REQUEST_TYPE: internal device control. */
export const WdfRequestTypeDeviceControlInternal = IRP_MJ_INTERNAL_DEVICE_CONTROL;

/** IOCTL transfer type: buffered (one system buffer for input and output). */
export const METHOD_BUFFERED = 0;
/** IOCTL transfer type: direct, the output buffer's MDL read by the device (input to the device). */
export const METHOD_IN_DIRECT = 1;
/** IOCTL transfer type: direct, the output buffer's MDL written by the device. */
export const METHOD_OUT_DIRECT = 2;
/** IOCTL transfer type: neither (the requester's addresses). */
export const METHOD_NEITHER = 3;
/** IOCTL required access: any. */
export const FILE_ANY_ACCESS = 0;
/** IOCTL required access: read. */
export const FILE_READ_ACCESS = 1;
/** IOCTL required access: write. */
export const FILE_WRITE_ACCESS = 2;
/** IOCTL device type: unknown (the usual one for a vendor IOCTL). */
export const FILE_DEVICE_UNKNOWN = 0x22;

/** CTL_CODE(DeviceType, Function, Method, Access). */
export function CTL_CODE(DeviceType: number, Function: number, Method: number, Access: number): number {
  return ((DeviceType << 16) | (Access << 14) | (Function << 2) | Method) >>> 0;
}
/** METHOD_FROM_CTL_CODE. */
export function METHOD_FROM_CTL_CODE(ctrlCode: number): number {
  return ctrlCode & 3;
}

/**
 * A request's parameters (WdfRequestGetParameters): its type and the read, write or device-control lengths and code.
 */
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

/** sizeof(WDF_REQUEST_PARAMETERS) as the WDF_REQUEST_PARAMETERS_INIT helper sets Size (a DDI refuses another Size). */
export const WDF_REQUEST_PARAMETERS_SIZE = 56;

/** Initializes WDF_REQUEST_PARAMETERS (zeroed, with its Size). */
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
