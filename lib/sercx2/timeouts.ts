// How SerCx2 reads a SERIAL_TIMEOUTS for one request (the SERIAL_TIMEOUTS page, "SerCx2 Handling of Read and Write
// Requests"): the total time-out Tmax = N × multiplier + constant (ms; none when both are zero), measured from when
// the first transaction of the request starts; the read interval time-out (ms between two received bytes, armed only
// after the first byte of the request); the two special read forms — ReadIntervalTimeout = MAXULONG with both totals
// zero (return at once with what has arrived), and ReadIntervalTimeout = ReadTotalTimeoutMultiplier = MAXULONG with
// 0 < constant < MAXULONG (return as soon as anything has arrived, or STATUS_TIMEOUT after the constant). Time-outs
// run on WDFTIMERs: they expire on the kernel's clock tick (lib/hal timer.ts), so 1 ms at a 100 MHz bus is 100,000
// cycles from the cycle the timer was started.
import { MAXULONG, type SERIAL_TIMEOUTS } from './ntddser.js';

export interface ReadTimeoutPolicy {
  /** Complete with whatever the FIFO holds, without waiting (MAXULONG interval, zero totals). */
  immediate: boolean;
  /** Complete as soon as at least one byte has arrived (MAXULONG interval and multiplier). */
  firstData: boolean;
  /** Total time-out in ms (0 = none). */
  totalMs: number;
  /** Interval time-out in ms (0 = none). */
  intervalMs: number;
}

export function readPolicy(t: SERIAL_TIMEOUTS, length: number): ReadTimeoutPolicy {
  const I = t.ReadIntervalTimeout >>> 0;
  const M = t.ReadTotalTimeoutMultiplier >>> 0;
  const C = t.ReadTotalTimeoutConstant >>> 0;
  if (I === MAXULONG && M === 0 && C === 0) return { immediate: true, firstData: false, totalMs: 0, intervalMs: 0 };
  if (I === MAXULONG && M === MAXULONG && C > 0 && C < MAXULONG) {
    return { immediate: false, firstData: true, totalMs: C, intervalMs: 0 };
  }
  const total = M || C ? M * length + C : 0;
  return { immediate: false, firstData: false, totalMs: total, intervalMs: I === MAXULONG ? 0 : I };
}

/** Total write time-out in ms (0 = none). */
export function writeTotalMs(t: SERIAL_TIMEOUTS, length: number): number {
  const M = t.WriteTotalTimeoutMultiplier >>> 0;
  const C = t.WriteTotalTimeoutConstant >>> 0;
  return M || C ? M * length + C : 0;
}

/** IOCTL_SERIAL_SET_TIMEOUTS refuses ReadIntervalTimeout and ReadTotalTimeoutConstant both MAXULONG. */
export function timeoutsValid(t: SERIAL_TIMEOUTS): boolean {
  return !(t.ReadIntervalTimeout >>> 0 === MAXULONG && t.ReadTotalTimeoutConstant >>> 0 === MAXULONG);
}
