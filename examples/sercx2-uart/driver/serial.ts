// The SerCx2 UART driver's SERCX2_CONFIG callbacks (EVT_SERCX2_* pages): ApplyConfig (the connection's vendor data: a
// ULONG BaudRate this UART must match), Control (the hardware IOCTLs SerCx2 hands over: SET/GET_BAUD_RATE — this
// UART's clock gives 3 Mbaud only — SET/GET_LINE_CONTROL for 8N1, the rest STATUS_NOT_SUPPORTED), PurgeFifos,
// SetWaitMask (SERIAL_EV_ERR: overrun and framing errors, from the UART's OE / FE interrupts), FileOpen / FileClose
// (the receiver on and off).
import { currentKernel } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import * as R from '../../uart/device/uart-regs.js';
import { DeviceGetContext, UART_BAUD } from './context.js';
import { SetCr, SetImsc, Trace, WriteReg } from './hw.js';

export const UartApplyConfig: X.EVT_SERCX2_APPLY_CONFIG = (Device, ConnectionParameters) => {
  const ctx = DeviceGetContext(Device);
  Trace(ctx, 'ApplyConfig');
  if (!ConnectionParameters) return W.STATUS_SUCCESS; // no connection descriptor: the defaults
  const baud = X.decodeUlong(currentKernel().memory.read(ConnectionParameters, 4));
  return baud === UART_BAUD ? W.STATUS_SUCCESS : W.STATUS_DEVICE_CONFIGURATION_ERROR;
};

export const UartFileOpen: X.EVT_SERCX2_FILEOPEN = (Device) => {
  const ctx = DeviceGetContext(Device);
  Trace(ctx, 'FileOpen');
  SetCr(ctx, R.CR_RXE, 0);
  return W.STATUS_SUCCESS;
};

export const UartFileClose: X.EVT_SERCX2_FILECLOSE = (Device) => {
  const ctx = DeviceGetContext(Device);
  Trace(ctx, 'FileClose');
  SetCr(ctx, 0, R.CR_RXE);
  SetImsc(ctx, 0, R.INT_OE | R.INT_FE);
  ctx.WaitMask = 0;
};

export const UartPurgeFifos: X.EVT_SERCX2_PURGE_FIFOS = (Device, PurgeRxFifo, PurgeTxFifo) => {
  const ctx = DeviceGetContext(Device);
  Trace(ctx, `PurgeFifos(${PurgeRxFifo},${PurgeTxFifo})`);
  // TODO(accuracy): the example UART's FIFOs have no flush bit (they are engine ports the CPU cannot empty); what a
  // purge can clear here is the receiver's sticky status (overrun, framing error, receive timeout).
  if (PurgeRxFifo) WriteReg(ctx, R.UART_ICR, R.INT_OE | R.INT_FE | R.INT_RT);
};

export const UartSetWaitMask: X.EVT_SERCX2_SET_WAIT_MASK = (Device, Request, WaitMask) => {
  const ctx = DeviceGetContext(Device);
  if (WaitMask & ~X.SERIAL_EV_ERR) return W.WdfRequestComplete(Request, W.STATUS_INVALID_PARAMETER);
  ctx.WaitMask = WaitMask;
  if (WaitMask & X.SERIAL_EV_ERR) SetImsc(ctx, R.INT_OE | R.INT_FE, 0);
  else SetImsc(ctx, 0, R.INT_OE | R.INT_FE);
  W.WdfRequestComplete(Request, W.STATUS_SUCCESS);
};

function inputUlong(Request: W.WDFREQUEST, size: number): Uint8Array | null {
  const buffer = new W.Out(0);
  if (!W.NT_SUCCESS(W.WdfRequestRetrieveInputBuffer(Request, size, buffer, null))) return null;
  return currentKernel().memory.read(buffer.value, size);
}

function completeWith(Request: W.WDFREQUEST, bytes: Uint8Array): W.NTSTATUS {
  const buffer = new W.Out(0);
  const status = W.WdfRequestRetrieveOutputBuffer(Request, bytes.length, buffer, null);
  if (W.NT_SUCCESS(status)) currentKernel().memory.write(buffer.value, bytes);
  W.WdfRequestCompleteWithInformation(Request, status, W.NT_SUCCESS(status) ? bytes.length : 0);
  return status;
}

export const UartControl: X.EVT_SERCX2_CONTROL = (Device, Request, _OutputBufferLength, _InputBufferLength, IoControlCode) => {
  const ctx = DeviceGetContext(Device);
  let status: W.NTSTATUS = W.STATUS_NOT_SUPPORTED;
  switch (IoControlCode) {
    case X.IOCTL_SERIAL_SET_BAUD_RATE: {
      const b = inputUlong(Request, X.SERIAL_BAUD_RATE_SIZE);
      status = !b ? W.STATUS_BUFFER_TOO_SMALL : X.decodeUlong(b) === UART_BAUD ? W.STATUS_SUCCESS : W.STATUS_INVALID_PARAMETER;
      break;
    }
    case X.IOCTL_SERIAL_GET_BAUD_RATE:
      return completeWith(Request, X.encodeUlong(UART_BAUD));
    case X.IOCTL_SERIAL_SET_LINE_CONTROL: {
      const b = inputUlong(Request, X.SERIAL_LINE_CONTROL_SIZE);
      if (!b) status = W.STATUS_BUFFER_TOO_SMALL;
      else {
        const l = X.decodeLineControl(b);
        // 8 data bits, no parity, one stop bit: what the UART's fixed frame is.
        status = l.WordLength === 8 && l.Parity === X.NO_PARITY && l.StopBits === X.STOP_BIT_1 ? W.STATUS_SUCCESS : W.STATUS_NOT_SUPPORTED;
        if (W.NT_SUCCESS(status)) ctx.LineControl = l;
      }
      break;
    }
    case X.IOCTL_SERIAL_GET_LINE_CONTROL:
      return completeWith(Request, X.encodeLineControl(ctx.LineControl));
    default:
      break;
  }
  Trace(ctx, `Control(${(IoControlCode >>> 2) & 0xfff})`);
  W.WdfRequestComplete(Request, status);
  return status;
};
