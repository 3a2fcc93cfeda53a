// NTSTATUS values with their real Windows numbers (ntstatus.h; the STATUS_WDF_* values from the KMDF public header
// wdfstatus.h in microsoft/Windows-Driver-Frameworks). An NTSTATUS is an unsigned 32-bit number here (0xC000000D);
// NT_SUCCESS is true for the success and informational severities (below 0x80000000), as in ntdef.h.
// Every status the HAL, the framework (KMDF-SYSTEM-DMA.md), SerCx2 (lib/sercx2), serial and SPI controller drivers and
// the example drivers use is listed once. ntStatusName gives the bare name, ntStatusText the name with its number.

export type NTSTATUS = number;

// The statuses the controller's ConfigureChannel returns are defined once, by the engine's face; re-exporting the
// same bindings keeps one value per name across the package (and `export *` of both layers unambiguous).
export {
  STATUS_SUCCESS, STATUS_DEVICE_BUSY, STATUS_NOT_IMPLEMENTED, STATUS_INVALID_PARAMETER, STATUS_INVALID_DEVICE_STATE,
} from '../sim/constants.js';

export const STATUS_TIMEOUT = 0x00000102;
export const STATUS_PENDING = 0x00000103;
export const STATUS_OBJECT_NAME_EXISTS = 0x40000000;
/** Serial (ntddser.h users): a write completed and more are queued; a read's total timeout counter expired. */
export const STATUS_SERIAL_MORE_WRITES = 0x40000008;
export const STATUS_SERIAL_COUNTER_TIMEOUT = 0x4000000c;
export const STATUS_BUFFER_OVERFLOW = 0x80000005;
export const STATUS_DEVICE_POWERED_OFF = 0x8000000f;
export const STATUS_DEVICE_OFF_LINE = 0x80000010;
export const STATUS_NO_MORE_ENTRIES = 0x8000001a;
export const STATUS_UNSUCCESSFUL = 0xc0000001;
export const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004;
export const STATUS_ACCESS_VIOLATION = 0xc0000005;
export const STATUS_INVALID_HANDLE = 0xc0000008;
export const STATUS_NO_SUCH_DEVICE = 0xc000000e;
export const STATUS_INVALID_DEVICE_REQUEST = 0xc0000010;
export const STATUS_MORE_PROCESSING_REQUIRED = 0xc0000016;
export const STATUS_NO_MEMORY = 0xc0000017;
export const STATUS_ACCESS_DENIED = 0xc0000022;
export const STATUS_BUFFER_TOO_SMALL = 0xc0000023;
export const STATUS_PARITY_ERROR = 0xc000002b;
export const STATUS_OBJECT_NAME_INVALID = 0xc0000033;
export const STATUS_OBJECT_NAME_NOT_FOUND = 0xc0000034;
export const STATUS_OBJECT_NAME_COLLISION = 0xc0000035;
export const STATUS_SHARING_VIOLATION = 0xc0000043;
export const STATUS_DATA_OVERRUN = 0xc000003c;
export const STATUS_DATA_LATE_ERROR = 0xc000003d;
export const STATUS_DATA_ERROR = 0xc000003e;
export const STATUS_CRC_ERROR = 0xc000003f;
export const STATUS_DELETE_PENDING = 0xc0000056;
export const STATUS_INSUFFICIENT_RESOURCES = 0xc000009a;
export const STATUS_DEVICE_DATA_ERROR = 0xc000009c;
export const STATUS_DEVICE_NOT_CONNECTED = 0xc000009d;
export const STATUS_DEVICE_POWER_FAILURE = 0xc000009e;
export const STATUS_DEVICE_NOT_READY = 0xc00000a3;
export const STATUS_IO_TIMEOUT = 0xc00000b5;
export const STATUS_NOT_SUPPORTED = 0xc00000bb;
export const STATUS_INVALID_USER_BUFFER = 0xc00000e8;
/** The Nth parameter of the call is invalid (KMDF answers some DDIs with these, e.g. WdfIoQueueCreate's Queue). */
export const STATUS_INVALID_PARAMETER_1 = 0xc00000ef;
export const STATUS_INVALID_PARAMETER_2 = 0xc00000f0;
export const STATUS_INVALID_PARAMETER_3 = 0xc00000f1;
export const STATUS_INVALID_PARAMETER_4 = 0xc00000f2;
export const STATUS_CANCELLED = 0xc0000120;
/** A serial port's hardware was not initialised (the controller driver failed its configuration). */
export const STATUS_SERIAL_NO_DEVICE_INITED = 0xc0000150;
export const STATUS_DEVICE_CONFIGURATION_ERROR = 0xc0000182;
export const STATUS_IO_DEVICE_ERROR = 0xc0000185;
export const STATUS_DEVICE_PROTOCOL_ERROR = 0xc0000186;
export const STATUS_INVALID_BUFFER_SIZE = 0xc0000206;
export const STATUS_RETRY = 0xc000022d;
export const STATUS_NOT_FOUND = 0xc0000225;
export const STATUS_REQUEST_ABORTED = 0xc0000240;
export const STATUS_DEVICE_REMOVED = 0xc00002b6;
export const STATUS_DEVICE_HARDWARE_ERROR = 0xc0000483;
/** The request was canceled (the spelling and number of the newer ntstatus.h entry; STATUS_CANCELLED is IoCancelIrp's). */
export const STATUS_REQUEST_CANCELED = 0xc0000703;
/** The data is not valid (received characters that fail the line's framing or parity, as serial controllers report). */
export const STATUS_BAD_DATA = 0xc000090b;

// KMDF (FACILITY_DRIVER_FRAMEWORK 0x20), wdfstatus.h.
export const STATUS_WDF_QUEUED = 0x40200000;
export const STATUS_WDF_POSTED = 0x40200002;
export const STATUS_WDF_NO_PACKAGE = 0xc0200200;
export const STATUS_WDF_INTERNAL_ERROR = 0xc0200201;
export const STATUS_WDF_PAUSED = 0xc0200203;
export const STATUS_WDF_BUSY = 0xc0200204;
export const STATUS_WDF_IO_TIMEOUT_NOT_SENT = 0xc0200205;
export const STATUS_WDF_DEVICE_REMOVED_NOT_SENT = 0xc0200206;
export const STATUS_WDF_REQUEST_ALREADY_PENDING = 0xc0200207;
export const STATUS_WDF_REQUEST_INVALID_STATE = 0xc0200208;
export const STATUS_WDF_OBJECT_ATTRIBUTES_INVALID = 0xc0200209;
export const STATUS_WDF_TOO_FRAGMENTED = 0xc020020a;
export const STATUS_WDF_NO_CALLBACK = 0xc020020b;
export const STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL = 0xc020020c;
export const STATUS_WDF_PARENT_ALREADY_ASSIGNED = 0xc020020d;
export const STATUS_WDF_PARENT_IS_SELF = 0xc020020e;
export const STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED = 0xc020020f;
export const STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID = 0xc0200210;
export const STATUS_WDF_EXECUTION_LEVEL_INVALID = 0xc0200211;
export const STATUS_WDF_PARENT_NOT_SPECIFIED = 0xc0200212;
export const STATUS_WDF_TOO_MANY_TRANSFERS = 0xc0200213;
export const STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS = 0xc0200214;

/** ntdef.h NT_SUCCESS: success and informational severities. */
export function NT_SUCCESS(status: NTSTATUS): boolean {
  return status >>> 0 < 0x80000000;
}

/** ntdef.h NT_ERROR: the error severity (0xC...). */
export function NT_ERROR(status: NTSTATUS): boolean {
  return status >>> 0 >= 0xc0000000;
}

// The names are read from this module's own exports (lazily, once), so a status added above needs no second list.
import * as self from './ntstatus.js';
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
  return nameTable().get(status >>> 0) ?? hex(status);
}

/** The name with its number: 'STATUS_INVALID_PARAMETER (0xC000000D)' — for messages and test failures. */
export function ntStatusText(status: NTSTATUS): string {
  const name = nameTable().get(status >>> 0);
  return name ? `${name} (${hex(status)})` : hex(status);
}
