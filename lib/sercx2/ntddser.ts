// ntddser.h for serial clients and controller drivers: the IOCTL_SERIAL_* control codes (CTL_CODE(FILE_DEVICE_SERIAL_PORT,
// n, METHOD_BUFFERED, FILE_ANY_ACCESS)), the SERIAL_EV_* wait-mask bits, the SERIAL_PURGE_* flags, the line-control
// values, and the structures the IOCTLs carry (SERIAL_BAUD_RATE, SERIAL_LINE_CONTROL, SERIAL_TIMEOUTS) with their byte
// layouts: every IOCTL buffer is METHOD_BUFFERED system memory, so a driver reads and writes them at kernel VAs and the
// host builds them as bytes. Behaviour sources: the ntddser.h DDI pages (IOCTL_SERIAL_SET_TIMEOUTS, SERIAL_TIMEOUTS,
// IOCTL_SERIAL_SET_WAIT_MASK, IOCTL_SERIAL_PURGE, SERIAL_LINE_CONTROL, ...).
import { CTL_CODE, FILE_ANY_ACCESS, METHOD_BUFFERED } from '../kmdf/io/request-types.js';

/** The device type of serial ports in their IOCTL codes. */
export const FILE_DEVICE_SERIAL_PORT = 0x1b;

const serial = (n: number): number => CTL_CODE(FILE_DEVICE_SERIAL_PORT, n, METHOD_BUFFERED, FILE_ANY_ACCESS);

/** Sets the baud rate (SERIAL_BAUD_RATE in). */
export const IOCTL_SERIAL_SET_BAUD_RATE = serial(1);
/** Sets the driver's receive and transmit queue sizes. */
export const IOCTL_SERIAL_SET_QUEUE_SIZE = serial(2);
/** Sets data bits, parity and stop bits (SERIAL_LINE_CONTROL in). */
export const IOCTL_SERIAL_SET_LINE_CONTROL = serial(3);
/** Starts sending a break. */
export const IOCTL_SERIAL_SET_BREAK_ON = serial(4);
/** Stops sending a break. */
export const IOCTL_SERIAL_SET_BREAK_OFF = serial(5);
/** Sends one character ahead of any queued writes. */
export const IOCTL_SERIAL_IMMEDIATE_CHAR = serial(6);
/** Sets the read and write time-outs (SERIAL_TIMEOUTS in). */
export const IOCTL_SERIAL_SET_TIMEOUTS = serial(7);
/** Gets the read and write time-outs (SERIAL_TIMEOUTS out). */
export const IOCTL_SERIAL_GET_TIMEOUTS = serial(8);
/** Asserts DTR. */
export const IOCTL_SERIAL_SET_DTR = serial(9);
/** Clears DTR. */
export const IOCTL_SERIAL_CLR_DTR = serial(10);
/** Resets the device (obsolete; no effect). */
export const IOCTL_SERIAL_RESET_DEVICE = serial(11);
/** Asserts RTS. */
export const IOCTL_SERIAL_SET_RTS = serial(12);
/** Clears RTS. */
export const IOCTL_SERIAL_CLR_RTS = serial(13);
/** Acts as if an XOFF was received. */
export const IOCTL_SERIAL_SET_XOFF = serial(14);
/** Acts as if an XON was received. */
export const IOCTL_SERIAL_SET_XON = serial(15);
/** Gets the wait mask (ULONG out). */
export const IOCTL_SERIAL_GET_WAIT_MASK = serial(16);
/** Sets the events IOCTL_SERIAL_WAIT_ON_MASK waits for (ULONG in: SERIAL_EV_* bits). */
export const IOCTL_SERIAL_SET_WAIT_MASK = serial(17);
/** Waits for one of the wait mask's events; completes with the events that happened (ULONG out). */
export const IOCTL_SERIAL_WAIT_ON_MASK = serial(18);
/** Cancels reads or writes and / or clears the buffers (ULONG in: SERIAL_PURGE_* bits). */
export const IOCTL_SERIAL_PURGE = serial(19);
/** Gets the baud rate (SERIAL_BAUD_RATE out). */
export const IOCTL_SERIAL_GET_BAUD_RATE = serial(20);
/** Gets the line control (SERIAL_LINE_CONTROL out). */
export const IOCTL_SERIAL_GET_LINE_CONTROL = serial(21);
/** Gets the special characters (XON, XOFF, error, break, event). */
export const IOCTL_SERIAL_GET_CHARS = serial(22);
/** Sets the special characters. */
export const IOCTL_SERIAL_SET_CHARS = serial(23);
/** Gets the handshake and flow control settings. */
export const IOCTL_SERIAL_GET_HANDFLOW = serial(24);
/** Sets the handshake and flow control settings. */
export const IOCTL_SERIAL_SET_HANDFLOW = serial(25);
/** Gets the modem status register (CTS, DSR, RI, DCD). */
export const IOCTL_SERIAL_GET_MODEMSTATUS = serial(26);
/** Gets errors and queue state (SERIAL_STATUS out). */
export const IOCTL_SERIAL_GET_COMMSTATUS = serial(27);
/** Sets an XOFF counter on a write. */
export const IOCTL_SERIAL_XOFF_COUNTER = serial(28);
/** Gets the port's capabilities (SERIAL_COMMPROP out). */
export const IOCTL_SERIAL_GET_PROPERTIES = serial(29);
/** Gets which of DTR and RTS are asserted. */
export const IOCTL_SERIAL_GET_DTRRTS = serial(30);
// TODO(accuracy): 35–40 are from ntddser.h as remembered (the DDI pages give no numbers); 1–30 are checked.
/** Gets the performance statistics. */
export const IOCTL_SERIAL_GET_STATS = serial(35);
/** Clears the performance statistics. */
export const IOCTL_SERIAL_CLEAR_STATS = serial(36);
/** Gets the modem control register. */
export const IOCTL_SERIAL_GET_MODEM_CONTROL = serial(37);
/** Sets the modem control register. */
export const IOCTL_SERIAL_SET_MODEM_CONTROL = serial(38);
/** Sets the FIFO control register. */
export const IOCTL_SERIAL_SET_FIFO_CONTROL = serial(39);
/** Restores the port's default configuration (SerCx2 calls the controller's EvtSerCx2ApplyConfig). */
export const IOCTL_SERIAL_APPLY_DEFAULT_CONFIGURATION = serial(40);

/** SERIAL_EV_* wait-mask bits. */
export const SERIAL_EV_RXCHAR = 0x0001;
/** Wait-mask event: a character equal to the event character arrived. */
export const SERIAL_EV_RXFLAG = 0x0002;
/** Wait-mask event: the last character of the transmit queue was sent. */
export const SERIAL_EV_TXEMPTY = 0x0004;
/** Wait-mask event: CTS changed. */
export const SERIAL_EV_CTS = 0x0008;
/** Wait-mask event: DSR changed. */
export const SERIAL_EV_DSR = 0x0010;
/** Wait-mask event: the receive-line-signal detect (DCD) changed. */
export const SERIAL_EV_RLSD = 0x0020;
/** Wait-mask event: a break was received. */
export const SERIAL_EV_BREAK = 0x0040;
/** Wait-mask event: a line status error (framing, overrun or parity). */
export const SERIAL_EV_ERR = 0x0080;
/** Wait-mask event: a ring indicator was detected. */
export const SERIAL_EV_RING = 0x0100;
/** Wait-mask event: a printer error. */
export const SERIAL_EV_PERR = 0x0200;
/** Wait-mask event: the receive buffer is 80 percent full. */
export const SERIAL_EV_RX80FULL = 0x0400;
/** Wait-mask event: provider-specific event 1. */
export const SERIAL_EV_EVENT1 = 0x0800;
/** Wait-mask event: provider-specific event 2. */
export const SERIAL_EV_EVENT2 = 0x1000;
/** Every wait-mask event bit. */
export const SERIAL_EV_ALL = 0x1fff;

/** IOCTL_SERIAL_PURGE flags. */
export const SERIAL_PURGE_TXABORT = 0x1;
/** Purge: cancel the pending reads. */
export const SERIAL_PURGE_RXABORT = 0x2;
/** Purge: clear the transmit buffer. */
export const SERIAL_PURGE_TXCLEAR = 0x4;
/** Purge: clear the receive buffer. */
export const SERIAL_PURGE_RXCLEAR = 0x8;

/** SERIAL_LINE_CONTROL values. */
export const STOP_BIT_1 = 0;
/** SERIAL_LINE_CONTROL.StopBits: 1.5 stop bits. */
export const STOP_BITS_1_5 = 1;
/** SERIAL_LINE_CONTROL.StopBits: 2 stop bits. */
export const STOP_BITS_2 = 2;
/** SERIAL_LINE_CONTROL.Parity: none. */
export const NO_PARITY = 0;
/** SERIAL_LINE_CONTROL.Parity: odd. */
export const ODD_PARITY = 1;
/** SERIAL_LINE_CONTROL.Parity: even. */
export const EVEN_PARITY = 2;
/** SERIAL_LINE_CONTROL.Parity: mark (always 1). */
export const MARK_PARITY = 3;
/** SERIAL_LINE_CONTROL.Parity: space (always 0). */
export const SPACE_PARITY = 4;

/** MAXULONG: the special ReadIntervalTimeout / ReadTotalTimeoutMultiplier value of SERIAL_TIMEOUTS. */
export const MAXULONG = 0xffff_ffff;

/** IOCTL_SERIAL_SET_BAUD_RATE / GET_BAUD_RATE's structure: bits per second. */
export interface SERIAL_BAUD_RATE {
  BaudRate: number;
}
/** sizeof(SERIAL_BAUD_RATE) in C. */
export const SERIAL_BAUD_RATE_SIZE = 4;

/** IOCTL_SERIAL_SET_LINE_CONTROL / GET_LINE_CONTROL's structure: stop bits, parity, word length. */
export interface SERIAL_LINE_CONTROL {
  StopBits: number;
  Parity: number;
  WordLength: number;
}
/** sizeof(SERIAL_LINE_CONTROL) in C. */
export const SERIAL_LINE_CONTROL_SIZE = 3;

/** Milliseconds, as in ntddser.h. */
export interface SERIAL_TIMEOUTS {
  ReadIntervalTimeout: number;
  ReadTotalTimeoutMultiplier: number;
  ReadTotalTimeoutConstant: number;
  WriteTotalTimeoutMultiplier: number;
  WriteTotalTimeoutConstant: number;
}
/** sizeof(SERIAL_TIMEOUTS) in C. */
export const SERIAL_TIMEOUTS_SIZE = 20;

/** A SERIAL_TIMEOUTS with every member zero (no time-outs at all). */
export function newSerialTimeouts(fields: Partial<SERIAL_TIMEOUTS> = {}): SERIAL_TIMEOUTS {
  return {
    ReadIntervalTimeout: 0,
    ReadTotalTimeoutMultiplier: 0,
    ReadTotalTimeoutConstant: 0,
    WriteTotalTimeoutMultiplier: 0,
    WriteTotalTimeoutConstant: 0,
    ...fields,
  };
}

// ---- byte layouts (little-endian, as on every Windows target) ----
/** SERIAL_TIMEOUTS as the 20 bytes of its C structure (five ULONGs), for an IOCTL buffer. */
export function encodeSerialTimeouts(t: SERIAL_TIMEOUTS): Uint8Array {
  const b = new Uint8Array(SERIAL_TIMEOUTS_SIZE);
  const v = new DataView(b.buffer);
  [t.ReadIntervalTimeout, t.ReadTotalTimeoutMultiplier, t.ReadTotalTimeoutConstant, t.WriteTotalTimeoutMultiplier, t.WriteTotalTimeoutConstant]
    .forEach((x, i) => v.setUint32(i * 4, x >>> 0, true));
  return b;
}
/** SERIAL_TIMEOUTS read from the 20 bytes of its C structure. */
export function decodeSerialTimeouts(b: Uint8Array): SERIAL_TIMEOUTS {
  const v = new DataView(b.buffer, b.byteOffset, SERIAL_TIMEOUTS_SIZE);
  return {
    ReadIntervalTimeout: v.getUint32(0, true),
    ReadTotalTimeoutMultiplier: v.getUint32(4, true),
    ReadTotalTimeoutConstant: v.getUint32(8, true),
    WriteTotalTimeoutMultiplier: v.getUint32(12, true),
    WriteTotalTimeoutConstant: v.getUint32(16, true),
  };
}
/** A ULONG as 4 little-endian bytes (SERIAL_BAUD_RATE, a wait mask, a purge mask). */
export function encodeUlong(value: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, value >>> 0, true);
  return b;
}
/** A ULONG read from 4 little-endian bytes. */
export function decodeUlong(b: Uint8Array): number {
  return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
}
/** SERIAL_LINE_CONTROL as the 3 bytes of its C structure. */
export function encodeLineControl(l: SERIAL_LINE_CONTROL): Uint8Array {
  return Uint8Array.of(l.StopBits & 0xff, l.Parity & 0xff, l.WordLength & 0xff);
}
/** SERIAL_LINE_CONTROL read from the 3 bytes of its C structure. */
export function decodeLineControl(b: Uint8Array): SERIAL_LINE_CONTROL {
  return { StopBits: b[0]!, Parity: b[1]!, WordLength: b[2]! };
}
