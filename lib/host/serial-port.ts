// A serial client on the test host: what a peripheral driver or an application does with a COM port whose controller
// is under SerCx2 (lib/sercx2) — CreateFile with the connection's parameters, the ntddser.h IOCTLs with their
// structures in METHOD_BUFFERED buffers (SET_BAUD_RATE, SET_LINE_CONTROL, SET/GET_TIMEOUTS, PURGE, SET_WAIT_MASK /
// WAIT_ON_MASK, ...), ReadFile / WriteFile, CancelIoEx and CloseHandle. Every call returns the HostRequest (run the
// host to complete it); the typed helpers decode their outputs.
import * as S from '../sercx2/ntddser.js';
import type { HostDevice, HostOpenOptions } from './device.js';
import type { HostFile } from './file.js';
import type { HostRequest } from './request.js';

/**
 * A SerCx2 serial port on the test host, opened with its connection parameters, as a serial client sees it (reads,
 * writes, the serial IOCTLs).
 */
export class HostSerialPort {
  private constructor(readonly file: HostFile) {}

  /** Opens the port (runs the machine until the create completes); throws with the status if it fails. */
  static open(device: HostDevice, options: HostOpenOptions = {}, limitCycles?: number): HostSerialPort {
    return new HostSerialPort(device.open(limitCycles, options));
  }

  private get host() {
    return this.file.device.host;
  }

  /** DeviceIoControl with a serial IOCTL: its input bytes and output length. */
  ioctl(code: number, input: Uint8Array | readonly number[] = [], outputLength = 0): HostRequest {
    return this.file.ioctl(code, input, outputLength);
  }

  /** IOCTL_SERIAL_SET_BAUD_RATE. */
  setBaudRate(baud: number): HostRequest {
    return this.ioctl(S.IOCTL_SERIAL_SET_BAUD_RATE, S.encodeUlong(baud));
  }

  /** IOCTL_SERIAL_SET_LINE_CONTROL. */
  setLineControl(l: S.SERIAL_LINE_CONTROL): HostRequest {
    return this.ioctl(S.IOCTL_SERIAL_SET_LINE_CONTROL, S.encodeLineControl(l));
  }

  /** IOCTL_SERIAL_SET_TIMEOUTS (fields not given are 0). */
  setTimeouts(t: Partial<S.SERIAL_TIMEOUTS>): HostRequest {
    return this.ioctl(S.IOCTL_SERIAL_SET_TIMEOUTS, S.encodeSerialTimeouts(S.newSerialTimeouts(t)));
  }

  /** IOCTL_SERIAL_GET_TIMEOUTS, run to completion. */
  getTimeouts(): S.SERIAL_TIMEOUTS {
    const r = this.host.runUntilComplete(this.ioctl(S.IOCTL_SERIAL_GET_TIMEOUTS, [], S.SERIAL_TIMEOUTS_SIZE));
    return S.decodeSerialTimeouts(r.data);
  }

  /** IOCTL_SERIAL_PURGE with SERIAL_PURGE_* flags. */
  purge(flags: number): HostRequest {
    return this.ioctl(S.IOCTL_SERIAL_PURGE, S.encodeUlong(flags));
  }

  /** IOCTL_SERIAL_SET_WAIT_MASK with SERIAL_EV_* bits. */
  setWaitMask(mask: number): HostRequest {
    return this.ioctl(S.IOCTL_SERIAL_SET_WAIT_MASK, S.encodeUlong(mask));
  }

  /** IOCTL_SERIAL_WAIT_ON_MASK: completes with the events (decode with waitEvents). */
  waitOnMask(): HostRequest {
    return this.ioctl(S.IOCTL_SERIAL_WAIT_ON_MASK, [], 4);
  }

  /** The SERIAL_EV_* mask a completed WAIT_ON_MASK returned. */
  static waitEvents(request: HostRequest): number {
    const d = request.result?.data;
    return d && d.length >= 4 ? S.decodeUlong(d) : 0;
  }

  /** ReadFile of `length` bytes. */
  read(length: number): HostRequest {
    return this.file.read(length);
  }

  /** WriteFile of `data`. */
  write(data: Uint8Array | readonly number[]): HostRequest {
    return this.file.write(data);
  }

  /** CloseHandle: cleanup, then close once every request on the port has completed. */
  close(): void {
    this.file.close();
  }
}
