// SerCx2's serial IOCTL handling (EVT_SERCX2_CONTROL's table, EVT_SERCX2_SET_WAIT_MASK, EVT_SERCX2_PURGE_FIFOS,
// EVT_SERCX2_APPLY_CONFIG, SerCx2CompleteWait; the ntddser.h IOCTL pages). SerCx2 itself handles SET/GET_TIMEOUTS,
// GET_WAIT_MASK, WAIT_ON_MASK, PURGE, SET_QUEUE_SIZE and APPLY_DEFAULT_CONFIGURATION (→ EvtSerCx2ApplyConfig), does the
// first part of SET_WAIT_MASK (it completes a pending WAIT_ON_MASK with an empty mask, refuses PERR / RING / RXFLAG,
// answers STATUS_NOT_SUPPORTED without an EvtSerCx2SetWaitMask, which finishes the request), hands the hardware IOCTLs
// of the Control page's table (baud rate, line control, handflow, modem lines, ...) to EvtSerCx2Control (the driver
// completes them), and fails every other IOCTL with STATUS_NOT_SUPPORTED. PURGE: RXABORT / TXABORT cancel the running
// and the queued reads / writes (the running one completes with what it moved); after they are done, RXCLEAR /
// TXCLEAR call EvtSerCx2PurgeFifos, and the PURGE completes. WAIT_ON_MASK: one at a time (another, or no wait mask:
// STATUS_INVALID_PARAMETER); an event already in the history completes it at once.
import { fxUnsigned } from '../kmdf/verifier/arguments.js';
import { Out } from '../hal/out.js';
import {
  NT_SUCCESS,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_CANCELLED,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  type NTSTATUS,
} from '../hal/ntstatus.js';
import type { WDFDEVICE, WDFREQUEST } from '../kmdf/object/handles.js';
import {
  WdfRequestCompleteWithInformation,
  WdfRequestMarkCancelableEx,
  WdfRequestRetrieveInputBuffer,
  WdfRequestRetrieveOutputBuffer,
  WdfRequestUnmarkCancelable,
} from '../kmdf/io/request-api.js';
import { WdfIoQueuePurge, WdfIoQueueStart } from '../kmdf/io/queue.js';
import { sercx2Device, type SerCx2Device } from './device.js';
import * as S from './ntddser.js';
import { timeoutsValid } from './timeouts.js';
import { sercx2Fatal } from './verifier.js';

/** The IOCTLs SerCx2 presents to EvtSerCx2Control (the page's table). */
const CONTROL_IOCTLS = new Set([
  S.IOCTL_SERIAL_CLR_DTR, S.IOCTL_SERIAL_CLR_RTS, S.IOCTL_SERIAL_GET_BAUD_RATE, S.IOCTL_SERIAL_GET_COMMSTATUS,
  S.IOCTL_SERIAL_GET_DTRRTS, S.IOCTL_SERIAL_GET_HANDFLOW, S.IOCTL_SERIAL_GET_LINE_CONTROL, S.IOCTL_SERIAL_GET_MODEM_CONTROL,
  S.IOCTL_SERIAL_GET_MODEMSTATUS, S.IOCTL_SERIAL_GET_PROPERTIES, S.IOCTL_SERIAL_SET_BAUD_RATE, S.IOCTL_SERIAL_SET_BREAK_OFF,
  S.IOCTL_SERIAL_SET_BREAK_ON, S.IOCTL_SERIAL_SET_DTR, S.IOCTL_SERIAL_SET_FIFO_CONTROL, S.IOCTL_SERIAL_SET_HANDFLOW,
  S.IOCTL_SERIAL_SET_LINE_CONTROL, S.IOCTL_SERIAL_SET_MODEM_CONTROL, S.IOCTL_SERIAL_SET_RTS,
]);

/** SERIAL_EV_* bits SerCx2 refuses in a wait mask. */
const REFUSED_EVENTS = S.SERIAL_EV_PERR | S.SERIAL_EV_RING | S.SERIAL_EV_RXFLAG;

function inputBytes(sx: SerCx2Device, Request: WDFREQUEST, size: number): Uint8Array | null {
  const va = new Out(0);
  if (!NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, size, va, null))) return null;
  return sx.device.globals.kernel.memory.read(va.value, size);
}

function completeWithOutput(sx: SerCx2Device, Request: WDFREQUEST, bytes: Uint8Array): void {
  const va = new Out(0);
  const status = WdfRequestRetrieveOutputBuffer(Request, bytes.length, va, null);
  if (!NT_SUCCESS(status)) return WdfRequestCompleteWithInformation(Request, STATUS_BUFFER_TOO_SMALL, 0);
  sx.device.globals.kernel.memory.write(va.value, bytes);
  WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, bytes.length);
}

export function sercx2Ioctl(sx: SerCx2Device, Request: WDFREQUEST, OutputBufferLength: number, InputBufferLength: number, IoControlCode: number): void {
  const done = (status: NTSTATUS) => WdfRequestCompleteWithInformation(Request, status, 0);
  const Device = sx.device.handle;
  switch (IoControlCode) {
    case S.IOCTL_SERIAL_SET_TIMEOUTS: {
      const b = inputBytes(sx, Request, S.SERIAL_TIMEOUTS_SIZE);
      if (!b) return done(STATUS_BUFFER_TOO_SMALL);
      const t = S.decodeSerialTimeouts(b);
      if (!timeoutsValid(t)) return done(STATUS_INVALID_PARAMETER);
      sx.timeouts = t;
      return done(STATUS_SUCCESS);
    }
    case S.IOCTL_SERIAL_GET_TIMEOUTS:
      return completeWithOutput(sx, Request, S.encodeSerialTimeouts(sx.timeouts));
    case S.IOCTL_SERIAL_GET_WAIT_MASK:
      return completeWithOutput(sx, Request, S.encodeUlong(sx.waitMask));
    case S.IOCTL_SERIAL_SET_WAIT_MASK: {
      const b = inputBytes(sx, Request, 4);
      if (!b) return done(STATUS_BUFFER_TOO_SMALL);
      const mask = S.decodeUlong(b);
      if (mask & REFUSED_EVENTS || mask & ~S.SERIAL_EV_ALL) return done(STATUS_INVALID_PARAMETER);
      const set = sx.config.EvtSerCx2SetWaitMask;
      if (!set) return done(STATUS_NOT_SUPPORTED);
      completePendingWait(sx, STATUS_SUCCESS, 0);
      sx.waitMask = mask;
      sx.waitHistory = 0;
      sx.call('EvtSerCx2SetWaitMask', () => set(Device, Request, mask)); // the driver completes the request
      return;
    }
    case S.IOCTL_SERIAL_WAIT_ON_MASK:
      return waitOnMask(sx, Request, OutputBufferLength);
    case S.IOCTL_SERIAL_PURGE: {
      const b = inputBytes(sx, Request, 4);
      if (!b) return done(STATUS_BUFFER_TOO_SMALL);
      const flags = S.decodeUlong(b);
      if (flags === 0 || flags & ~0xf) return done(STATUS_INVALID_PARAMETER);
      return purge(sx, flags, true, () => done(STATUS_SUCCESS));
    }
    case S.IOCTL_SERIAL_SET_QUEUE_SIZE:
      // SerCx2 keeps no software ring of its own to size: accepted (SERIAL_QUEUE_SIZE is two ULONGs).
      return done(InputBufferLength >= 8 ? STATUS_SUCCESS : STATUS_BUFFER_TOO_SMALL);
    case S.IOCTL_SERIAL_APPLY_DEFAULT_CONFIGURATION: {
      const apply = sx.config.EvtSerCx2ApplyConfig!;
      return done(sx.call('EvtSerCx2ApplyConfig', () => apply(Device, sx.connectionParameters)));
    }
    default:
      if (CONTROL_IOCTLS.has(IoControlCode)) {
        const control = sx.config.EvtSerCx2Control!;
        // The driver completes the request; SerCx2 ignores the return value (the Control page).
        sx.call('EvtSerCx2Control', () => control(Device, Request, OutputBufferLength, InputBufferLength, IoControlCode));
        return;
      }
      return done(STATUS_NOT_SUPPORTED);
  }
}

function waitOnMask(sx: SerCx2Device, Request: WDFREQUEST, OutputBufferLength: number): void {
  if (OutputBufferLength < 4) return WdfRequestCompleteWithInformation(Request, STATUS_BUFFER_TOO_SMALL, 0);
  if (sx.waitMask === 0 || sx.pendingWait) return WdfRequestCompleteWithInformation(Request, STATUS_INVALID_PARAMETER, 0);
  const events = sx.waitHistory & sx.waitMask;
  if (events) {
    sx.waitHistory = 0;
    return completeWithOutput(sx, Request, S.encodeUlong(events));
  }
  const status = WdfRequestMarkCancelableEx(Request, function SerCx2EvtWaitCancel(r) {
    if (sx.pendingWait === r) sx.pendingWait = null;
    WdfRequestCompleteWithInformation(r, STATUS_CANCELLED, 0);
  });
  if (!NT_SUCCESS(status)) return WdfRequestCompleteWithInformation(Request, STATUS_CANCELLED, 0);
  sx.pendingWait = Request;
}

/** Completes the pending WAIT_ON_MASK (if any) with `events` as its output mask. */
function completePendingWait(sx: SerCx2Device, status: NTSTATUS, events: number): void {
  const r = sx.pendingWait;
  if (!r) return;
  if (WdfRequestUnmarkCancelable(r) === STATUS_CANCELLED) return; // its cancel routine completes it
  sx.pendingWait = null;
  if (status === STATUS_SUCCESS) completeWithOutput(sx, r, S.encodeUlong(events));
  else WdfRequestCompleteWithInformation(r, status, 0);
}

/** SerCx2CompleteWait(Device, Event): an event of the wait mask happened. */
export function SerCx2CompleteWait(Device: WDFDEVICE, Event: number): void {
  const ddi = 'SerCx2CompleteWait';
  const { device, sx } = sercx2Device(Device, ddi);
  if (!sx || !sx.initialized) sercx2Fatal(device, ddi, `${ddi} needs a device SerCx2 manages (SerCx2InitializeDevice).`);
  const events = fxUnsigned(device.globals, ddi, 'Event', 2, Event, 0xffff_ffff, device) & sx.waitMask;
  if (!events) return;
  if (sx.pendingWait) completePendingWait(sx, STATUS_SUCCESS, events);
  else sx.waitHistory |= events;
}

/**
 * Aborts reads and/or writes (running: stopped, completes with what it moved; queued: cancelled), then — for an
 * IOCTL_SERIAL_PURGE with CLEAR bits — EvtSerCx2PurgeFifos, then `done`.
 */
function purge(sx: SerCx2Device, flags: number, clearFifos: boolean, done: () => void): void {
  let waiting = 1;
  const part = () => {
    if (--waiting > 0) return;
    const rx = (flags & S.SERIAL_PURGE_RXCLEAR) !== 0;
    const tx = (flags & S.SERIAL_PURGE_TXCLEAR) !== 0;
    if (rx) sx.savedReceive = [];
    if (clearFifos && (rx || tx)) sx.call('EvtSerCx2PurgeFifos', () => sx.config.EvtSerCx2PurgeFifos!(sx.device.handle, rx, tx));
    done();
  };
  const abort = (queue: typeof sx.readQueue, running: { stop(r: 'cancel'): void } | null) => {
    if (!queue) return;
    waiting++;
    WdfIoQueuePurge(queue, function SerCx2EvtPurgeComplete(Queue) {
      WdfIoQueueStart(Queue);
      part();
    }, null);
    running?.stop('cancel');
  };
  if (flags & S.SERIAL_PURGE_RXABORT) abort(sx.readQueue, sx.reading);
  if (flags & S.SERIAL_PURGE_TXABORT) abort(sx.writeQueue, sx.writing);
  part();
}

/** IRP_MJ_CLEANUP of the port: every read, write and wait of the file ends. */
export function sercx2AbortFileIo(sx: SerCx2Device): void {
  if (!sx.initialized) return;
  completePendingWait(sx, STATUS_CANCELLED, 0);
  sx.waitMask = 0;
  purge(sx, S.SERIAL_PURGE_RXABORT | S.SERIAL_PURGE_TXABORT, false, () => {});
}
