// ntddser.h for serial clients and controller drivers: the IOCTL_SERIAL_* control codes (CTL_CODE(FILE_DEVICE_SERIAL_PORT,
// n, METHOD_BUFFERED, FILE_ANY_ACCESS)), the SERIAL_EV_* wait-mask bits, the SERIAL_PURGE_* flags, the line-control
// values, and the structures the IOCTLs carry (SERIAL_BAUD_RATE, SERIAL_LINE_CONTROL, SERIAL_TIMEOUTS) with their byte
// layouts: every IOCTL buffer is METHOD_BUFFERED system memory, so a driver reads and writes them at kernel VAs and the
// host builds them as bytes. Behaviour sources: the ntddser.h DDI pages (IOCTL_SERIAL_SET_TIMEOUTS, SERIAL_TIMEOUTS,
// IOCTL_SERIAL_SET_WAIT_MASK, IOCTL_SERIAL_PURGE, SERIAL_LINE_CONTROL, ...).
import { CTL_CODE, FILE_ANY_ACCESS, METHOD_BUFFERED } from '../kmdf/io/request-types.js';

export const FILE_DEVICE_SERIAL_PORT = 0x1b;

const serial = (n: number): number => CTL_CODE(FILE_DEVICE_SERIAL_PORT, n, METHOD_BUFFERED, FILE_ANY_ACCESS);

export const IOCTL_SERIAL_SET_BAUD_RATE = serial(1);
export const IOCTL_SERIAL_SET_QUEUE_SIZE = serial(2);
export const IOCTL_SERIAL_SET_LINE_CONTROL = serial(3);
export const IOCTL_SERIAL_SET_BREAK_ON = serial(4);
export const IOCTL_SERIAL_SET_BREAK_OFF = serial(5);
export const IOCTL_SERIAL_IMMEDIATE_CHAR = serial(6);
export const IOCTL_SERIAL_SET_TIMEOUTS = serial(7);
export const IOCTL_SERIAL_GET_TIMEOUTS = serial(8);
export const IOCTL_SERIAL_SET_DTR = serial(9);
export const IOCTL_SERIAL_CLR_DTR = serial(10);
export const IOCTL_SERIAL_RESET_DEVICE = serial(11);
export const IOCTL_SERIAL_SET_RTS = serial(12);
export const IOCTL_SERIAL_CLR_RTS = serial(13);
export const IOCTL_SERIAL_SET_XOFF = serial(14);
export const IOCTL_SERIAL_SET_XON = serial(15);
export const IOCTL_SERIAL_GET_WAIT_MASK = serial(16);
export const IOCTL_SERIAL_SET_WAIT_MASK = serial(17);
export const IOCTL_SERIAL_WAIT_ON_MASK = serial(18);
export const IOCTL_SERIAL_PURGE = serial(19);
export const IOCTL_SERIAL_GET_BAUD_RATE = serial(20);
export const IOCTL_SERIAL_GET_LINE_CONTROL = serial(21);
export const IOCTL_SERIAL_GET_CHARS = serial(22);
export const IOCTL_SERIAL_SET_CHARS = serial(23);
export const IOCTL_SERIAL_GET_HANDFLOW = serial(24);
export const IOCTL_SERIAL_SET_HANDFLOW = serial(25);
export const IOCTL_SERIAL_GET_MODEMSTATUS = serial(26);
export const IOCTL_SERIAL_GET_COMMSTATUS = serial(27);
export const IOCTL_SERIAL_XOFF_COUNTER = serial(28);
export const IOCTL_SERIAL_GET_PROPERTIES = serial(29);
export const IOCTL_SERIAL_GET_DTRRTS = serial(30);
// TODO(accuracy): 35–40 are from ntddser.h as remembered (the DDI pages give no numbers); 1–30 are checked.
export const IOCTL_SERIAL_GET_STATS = serial(35);
export const IOCTL_SERIAL_CLEAR_STATS = serial(36);
export const IOCTL_SERIAL_GET_MODEM_CONTROL = serial(37);
export const IOCTL_SERIAL_SET_MODEM_CONTROL = serial(38);
export const IOCTL_SERIAL_SET_FIFO_CONTROL = serial(39);
export const IOCTL_SERIAL_APPLY_DEFAULT_CONFIGURATION = serial(40);

/** SERIAL_EV_* wait-mask bits. */
export const SERIAL_EV_RXCHAR = 0x0001;
export const SERIAL_EV_RXFLAG = 0x0002;
export const SERIAL_EV_TXEMPTY = 0x0004;
export const SERIAL_EV_CTS = 0x0008;
export const SERIAL_EV_DSR = 0x0010;
export const SERIAL_EV_RLSD = 0x0020;
export const SERIAL_EV_BREAK = 0x0040;
export const SERIAL_EV_ERR = 0x0080;
export const SERIAL_EV_RING = 0x0100;
export const SERIAL_EV_PERR = 0x0200;
export const SERIAL_EV_RX80FULL = 0x0400;
export const SERIAL_EV_EVENT1 = 0x0800;
export const SERIAL_EV_EVENT2 = 0x1000;
export const SERIAL_EV_ALL = 0x1fff;

/** IOCTL_SERIAL_PURGE flags. */
export const SERIAL_PURGE_TXABORT = 0x1;
export const SERIAL_PURGE_RXABORT = 0x2;
export const SERIAL_PURGE_TXCLEAR = 0x4;
export const SERIAL_PURGE_RXCLEAR = 0x8;

/** SERIAL_LINE_CONTROL values. */
export const STOP_BIT_1 = 0;
export const STOP_BITS_1_5 = 1;
export const STOP_BITS_2 = 2;
export const NO_PARITY = 0;
export const ODD_PARITY = 1;
export const EVEN_PARITY = 2;
export const MARK_PARITY = 3;
export const SPACE_PARITY = 4;

/** MAXULONG: the special ReadIntervalTimeout / ReadTotalTimeoutMultiplier value of SERIAL_TIMEOUTS. */
export const MAXULONG = 0xffff_ffff;

export interface SERIAL_BAUD_RATE {
  BaudRate: number;
}
export const SERIAL_BAUD_RATE_SIZE = 4;

export interface SERIAL_LINE_CONTROL {
  StopBits: number;
  Parity: number;
  WordLength: number;
}
export const SERIAL_LINE_CONTROL_SIZE = 3;

/** Milliseconds, as in ntddser.h. */
export interface SERIAL_TIMEOUTS {
  ReadIntervalTimeout: number;
  ReadTotalTimeoutMultiplier: number;
  ReadTotalTimeoutConstant: number;
  WriteTotalTimeoutMultiplier: number;
  WriteTotalTimeoutConstant: number;
}
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
export function encodeSerialTimeouts(t: SERIAL_TIMEOUTS): Uint8Array {
  const b = new Uint8Array(SERIAL_TIMEOUTS_SIZE);
  const v = new DataView(b.buffer);
  [t.ReadIntervalTimeout, t.ReadTotalTimeoutMultiplier, t.ReadTotalTimeoutConstant, t.WriteTotalTimeoutMultiplier, t.WriteTotalTimeoutConstant]
    .forEach((x, i) => v.setUint32(i * 4, x >>> 0, true));
  return b;
}
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
export function encodeUlong(value: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, value >>> 0, true);
  return b;
}
export function decodeUlong(b: Uint8Array): number {
  return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
}
export function encodeLineControl(l: SERIAL_LINE_CONTROL): Uint8Array {
  return Uint8Array.of(l.StopBits & 0xff, l.Parity & 0xff, l.WordLength & 0xff);
}
export function decodeLineControl(b: Uint8Array): SERIAL_LINE_CONTROL {
  return { StopBits: b[0]!, Parity: b[1]!, WordLength: b[2]! };
}
