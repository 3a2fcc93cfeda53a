// NTSTATUS values with their real Windows numbers (ntstatus.h; the STATUS_WDF_* values from the KMDF public header
// wdfstatus.h in microsoft/Windows-Driver-Frameworks). An NTSTATUS is an unsigned 32-bit number here (0xC000000D);
// NT_SUCCESS is true for the success and informational severities (below 0x80000000), as in ntdef.h.
// Every status the HAL, the framework (KMDF-SYSTEM-DMA.md), SerCx2 (lib/sercx2), serial and SPI controller drivers and
// the example drivers use is listed once. ntStatusName gives the bare name, ntStatusText the name with its number.

/**
 * A Windows status code: the unsigned 32-bit number (0xC000000D); NT_SUCCESS is true for the success and informational
 * ranges.
 */
export type NTSTATUS = number;

// The statuses the controller's ConfigureChannel returns are defined once, by the engine's face; re-exporting the
// same bindings keeps one value per name across the package (and `export *` of both layers unambiguous).
export {
  STATUS_SUCCESS, STATUS_DEVICE_BUSY, STATUS_NOT_IMPLEMENTED, STATUS_INVALID_PARAMETER, STATUS_INVALID_DEVICE_STATE,
} from '../sim/constants.js';

/** The wait or operation timed out (a success code). */
export const STATUS_TIMEOUT = 0x00000102;
/** The operation is in progress and will complete later. */
export const STATUS_PENDING = 0x00000103;
/** The object name already existed (informational). */
export const STATUS_OBJECT_NAME_EXISTS = 0x40000000;
/** Serial (ntddser.h users): a write completed and more are queued; a read's total timeout counter expired. */
export const STATUS_SERIAL_MORE_WRITES = 0x40000008;
/** A serial read's total time-out counter expired (informational). */
export const STATUS_SERIAL_COUNTER_TIMEOUT = 0x4000000c;
/** The data was too large for the buffer; what fit was returned (a warning). */
export const STATUS_BUFFER_OVERFLOW = 0x80000005;
/** The device is powered off (a warning). */
export const STATUS_DEVICE_POWERED_OFF = 0x8000000f;
/** The device is off line (a warning). */
export const STATUS_DEVICE_OFF_LINE = 0x80000010;
/** No more entries to enumerate (a warning). */
export const STATUS_NO_MORE_ENTRIES = 0x8000001a;
/** The operation failed, for no more specific reason. */
export const STATUS_UNSUCCESSFUL = 0xc0000001;
/** A structure's length does not match what the call expects. */
export const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004;
/** A memory access violation. */
export const STATUS_ACCESS_VIOLATION = 0xc0000005;
/** A handle that is not valid. */
export const STATUS_INVALID_HANDLE = 0xc0000008;
/** The device does not exist. */
export const STATUS_NO_SUCH_DEVICE = 0xc000000e;
/** The request is not valid for this device (or in the object's state). */
export const STATUS_INVALID_DEVICE_REQUEST = 0xc0000010;
/** The I/O request is not finished: the completion routine keeps it (a completion routine's return). */
export const STATUS_MORE_PROCESSING_REQUIRED = 0xc0000016;
/** Not enough memory (pool or virtual memory). */
export const STATUS_NO_MEMORY = 0xc0000017;
/** Access is denied (an exclusive device already open, for instance). */
export const STATUS_ACCESS_DENIED = 0xc0000022;
/** The buffer is too small for the data. */
export const STATUS_BUFFER_TOO_SMALL = 0xc0000023;
/** A parity error on the line. */
export const STATUS_PARITY_ERROR = 0xc000002b;
/** The object name is not valid. */
export const STATUS_OBJECT_NAME_INVALID = 0xc0000033;
/** The object name was not found. */
export const STATUS_OBJECT_NAME_NOT_FOUND = 0xc0000034;
/** The object name already exists. */
export const STATUS_OBJECT_NAME_COLLISION = 0xc0000035;
/** The file or device is in use in a way that excludes this open (a sharing violation). */
export const STATUS_SHARING_VIOLATION = 0xc0000043;
/** Data was lost: the receiver overran (a FIFO full when data arrived). */
export const STATUS_DATA_OVERRUN = 0xc000003c;
/** Data arrived too late. */
export const STATUS_DATA_LATE_ERROR = 0xc000003d;
/** A data error (a framing error, for a serial port). */
export const STATUS_DATA_ERROR = 0xc000003e;
/** A CRC error. */
export const STATUS_CRC_ERROR = 0xc000003f;
/** The object is being deleted. */
export const STATUS_DELETE_PENDING = 0xc0000056;
/** Not enough system resources to complete the call. */
export const STATUS_INSUFFICIENT_RESOURCES = 0xc000009a;
/** The device reported a data error. */
export const STATUS_DEVICE_DATA_ERROR = 0xc000009c;
/** The device is not connected. */
export const STATUS_DEVICE_NOT_CONNECTED = 0xc000009d;
/** The device failed to power up or down. */
export const STATUS_DEVICE_POWER_FAILURE = 0xc000009e;
/** The device is not ready. */
export const STATUS_DEVICE_NOT_READY = 0xc00000a3;
/** The I/O operation timed out. */
export const STATUS_IO_TIMEOUT = 0xc00000b5;
/** The request is not supported. */
export const STATUS_NOT_SUPPORTED = 0xc00000bb;
/** The user buffer is not valid for the request. */
export const STATUS_INVALID_USER_BUFFER = 0xc00000e8;
/** The call's 1st parameter is invalid (KMDF answers some DDIs with STATUS_INVALID_PARAMETER_n, e.g. WdfIoQueueCreate's Queue). */
export const STATUS_INVALID_PARAMETER_1 = 0xc00000ef;
/** The call's 2nd parameter is invalid. */
export const STATUS_INVALID_PARAMETER_2 = 0xc00000f0;
/** The call's 3rd parameter is invalid. */
export const STATUS_INVALID_PARAMETER_3 = 0xc00000f1;
/** The call's 4th parameter is invalid. */
export const STATUS_INVALID_PARAMETER_4 = 0xc00000f2;
/** The I/O request was cancelled. */
export const STATUS_CANCELLED = 0xc0000120;
/** A serial port's hardware was not initialised (the controller driver failed its configuration). */
export const STATUS_SERIAL_NO_DEVICE_INITED = 0xc0000150;
/** The device's configuration (its resources) is not valid. */
export const STATUS_DEVICE_CONFIGURATION_ERROR = 0xc0000182;
/** An I/O error on the device. */
export const STATUS_IO_DEVICE_ERROR = 0xc0000185;
/** The device broke its protocol. */
export const STATUS_DEVICE_PROTOCOL_ERROR = 0xc0000186;
/** The buffer size is not valid for the call. */
export const STATUS_INVALID_BUFFER_SIZE = 0xc0000206;
/** Retry the operation. */
export const STATUS_RETRY = 0xc000022d;
/** The object was not found. */
export const STATUS_NOT_FOUND = 0xc0000225;
/** The request was aborted. */
export const STATUS_REQUEST_ABORTED = 0xc0000240;
/** The device has been removed. */
export const STATUS_DEVICE_REMOVED = 0xc00002b6;
/** The device hardware reported an error. */
export const STATUS_DEVICE_HARDWARE_ERROR = 0xc0000483;
/** The request was canceled (the spelling and number of the newer ntstatus.h entry; STATUS_CANCELLED is IoCancelIrp's). */
export const STATUS_REQUEST_CANCELED = 0xc0000703;
/** The data is not valid (received characters that fail the line's framing or parity, as serial controllers report). */
export const STATUS_BAD_DATA = 0xc000090b;

// KMDF (FACILITY_DRIVER_FRAMEWORK 0x20), wdfstatus.h.
/** WDF: the request was queued (informational). */
export const STATUS_WDF_QUEUED = 0x40200000;
/** WDF: the request was posted (informational). */
export const STATUS_WDF_POSTED = 0x40200002;
/** WDF: a framework package could not be found. */
export const STATUS_WDF_NO_PACKAGE = 0xc0200200;
/** WDF: an internal framework error. */
export const STATUS_WDF_INTERNAL_ERROR = 0xc0200201;
/** WDF: the queue is paused (stopped). */
export const STATUS_WDF_PAUSED = 0xc0200203;
/** WDF: the object is busy. */
export const STATUS_WDF_BUSY = 0xc0200204;
/** WDF: the request timed out before it was sent. */
export const STATUS_WDF_IO_TIMEOUT_NOT_SENT = 0xc0200205;
/** WDF: the device was removed before the request was sent. */
export const STATUS_WDF_DEVICE_REMOVED_NOT_SENT = 0xc0200206;
/** WDF: the request is already pending. */
export const STATUS_WDF_REQUEST_ALREADY_PENDING = 0xc0200207;
/** WDF: the request is in a state that does not allow the call. */
export const STATUS_WDF_REQUEST_INVALID_STATE = 0xc0200208;
/** WDF: the WDF_OBJECT_ATTRIBUTES are not valid for this object. */
export const STATUS_WDF_OBJECT_ATTRIBUTES_INVALID = 0xc0200209;
/** WDF: the buffer has more fragments than the DMA enabler allows. */
export const STATUS_WDF_TOO_FRAGMENTED = 0xc020020a;
/** WDF: a required callback is missing. */
export const STATUS_WDF_NO_CALLBACK = 0xc020020b;
/** WDF: the parent's execution level is not compatible. */
export const STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL = 0xc020020c;
/** WDF: the object already has a parent. */
export const STATUS_WDF_PARENT_ALREADY_ASSIGNED = 0xc020020d;
/** WDF: an object cannot be its own parent. */
export const STATUS_WDF_PARENT_IS_SELF = 0xc020020e;
/** WDF: this object cannot be given that parent. */
export const STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED = 0xc020020f;
/** WDF: the synchronization scope is not valid for the object. */
export const STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID = 0xc0200210;
/** WDF: the execution level is not valid for the object. */
export const STATUS_WDF_EXECUTION_LEVEL_INVALID = 0xc0200211;
/** WDF: the object needs a parent and none was given. */
export const STATUS_WDF_PARENT_NOT_SPECIFIED = 0xc0200212;
/** WDF: more transfers than the enabler allows at once. */
export const STATUS_WDF_TOO_MANY_TRANSFERS = 0xc0200213;
/** WDF: not enough map registers for the transfer. */
export const STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS = 0xc0200214;

/** ntdef.h NT_SUCCESS: success and informational severities. */
export function NT_SUCCESS(status: NTSTATUS): boolean {
  // A status that is no 32-bit number (undefined from a callback that returned nothing, a string) would read as
  // success through `>>> 0`: a coded error instead. checkLong's fast path is one comparison.
  return checkLong('NT_SUCCESS', 'Status', status) >>> 0 < 0x80000000;
}

/** ntdef.h NT_ERROR: the error severity (0xC...). */
export function NT_ERROR(status: NTSTATUS): boolean {
  return checkLong('NT_ERROR', 'Status', status) >>> 0 >= 0xc0000000;
}

// The names are read from this module's own exports (lazily, once), so a status added above needs no second list.
import * as self from './ntstatus.js';
import { checkLong } from './arguments.js';
let names: Map<number, string> | undefined;
function nameTable(): Map<number, string> {
  if (!names) {
    names = new Map();
    for (const [name, value] of Object.entries(self)) {
      if (name.startsWith('STATUS_') && typeof value === 'number' && !names.has(value)) names.set(value, name);
    }
  }
  return names;
}

function hex(status: NTSTATUS): string {
  return '0x' + (status >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** The status's name: 'STATUS_INVALID_PARAMETER'; a number this module does not name comes back as '0xDEADBEEF'. */
export function ntStatusName(status: NTSTATUS): string {
  checkLong('ntStatusName', 'status', status);
  return nameTable().get(status >>> 0) ?? hex(status);
}

/** The name with its number: 'STATUS_INVALID_PARAMETER (0xC000000D)' — for messages and test failures. */
export function ntStatusText(status: NTSTATUS): string {
  checkLong('ntStatusText', 'status', status);
  const name = nameTable().get(status >>> 0);
  return name ? `${name} (${hex(status)})` : hex(status);
}
