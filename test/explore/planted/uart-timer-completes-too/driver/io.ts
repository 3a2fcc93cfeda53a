// The UART driver's I/O path (PLX9x5x Read.c shape): EvtIoRead / EvtIoWrite turn a request into a DMA transaction
// and execute it; the end of a transaction (UartTransferDone) releases it and completes the request — a write only
// once the TX FIFO has drained (the TXE interrupt, isr-dpc.ts), so the caller knows every byte left the wire.
// EvtRequestCancel: WdfDmaTransactionCancel while the channel is not granted yet, otherwise
// WdfDmaTransactionStopSystemTransfer; the request then completes with the bytes that reached the destination
// (KMDF-SYSTEM-DMA.md D.6). One request per direction runs at a time: each direction has its own sequential queue
// (driver.ts), so the next request is presented when this one completes. The cancel routine finds its device and
// direction from the queue that delivered the request (WdfRequestGetIoQueue, WdfIoQueueGetDevice). A read unmasks
// the UART's receive timeout (INT_RT) while it runs: the line falling quiet ends it with what came (isr-dpc.ts).
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../../../../../examples/uart/device/uart-regs.js';
import { ChannelOf, DeviceGetContext, type DEVICE_CONTEXT } from './context.js';
import { UartEvtDmaTransactionConfigureDmaChannel, UartEvtDmaTransferComplete, UartEvtProgramDma } from './dma.js';
import { ReadReg, RxLevel, SetDmacr, SetImsc, WriteReg } from './hw.js';

export const UartEvtIoWrite: W.EVT_WDF_IO_QUEUE_IO_WRITE = (Queue, Request, _Length) => {
  UartStartTransfer(W.WdfIoQueueGetDevice(Queue), Request, W.WdfDmaDirectionWriteToDevice);
};

export const UartEvtIoRead: W.EVT_WDF_IO_QUEUE_IO_READ = (Queue, Request, _Length) => {
  const Device = W.WdfIoQueueGetDevice(Queue);
  const ctx = DeviceGetContext(Device);
  if (ctx.PendingRxError !== W.STATUS_SUCCESS) {
    // The receiver lost data while nobody was reading: report it on this read (SERIAL_ERROR_ABORT style).
    const status = ctx.PendingRxError;
    ctx.PendingRxError = W.STATUS_SUCCESS;
    W.WdfRequestCompleteWithInformation(Request, status, 0);
    return;
  }
  UartStartTransfer(Device, Request, W.WdfDmaDirectionReadFromDevice);
};

function UartStartTransfer(Device: W.WDFDEVICE, Request: W.WDFREQUEST, Direction: number): void {
  const ctx = DeviceGetContext(Device);
  const channel = ChannelOf(ctx, Direction);
  const Transaction = channel.Transaction!;
  let status = W.WdfDmaTransactionInitializeUsingRequest(Transaction, Request, UartEvtProgramDma, Direction);
  if (!W.NT_SUCCESS(status)) {
    W.WdfRequestCompleteWithInformation(Request, status, 0);
    return;
  }
  // Per-transaction settings go after Initialize (Release clears them in the documented behaviour, F.1).
  W.WdfDmaTransactionSetChannelConfigurationCallback(Transaction, UartEvtDmaTransactionConfigureDmaChannel, Direction);
  W.WdfDmaTransactionSetTransferCompleteCallback(Transaction, UartEvtDmaTransferComplete, null);
  W.WdfDmaTransactionSetImmediateExecution(Transaction, true);
  status = W.WdfRequestMarkCancelableEx(Request, UartEvtRequestCancel);
  if (!W.NT_SUCCESS(status)) {
    W.WdfDmaTransactionRelease(Transaction);
    W.WdfRequestCompleteWithInformation(Request, status, 0);
    return;
  }
  channel.Request = Request;
  channel.Stop = 'none';
  channel.ErrorStatus = W.STATUS_SUCCESS;
  if (Direction === W.WdfDmaDirectionReadFromDevice) {
    // A receive timeout latched while no read ran: with characters still in the FIFO it ends this read with them
    // (they wait for it, the flush request asserts once RXDMAE is set); with the FIFO empty an earlier read took
    // them, so it is stale: clear it. Then route the receive timeout to the line for this read.
    if (ReadReg(ctx, R.UART_RIS) & R.INT_RT && RxLevel(ctx) === 0) WriteReg(ctx, R.UART_ICR, R.INT_RT);
    SetImsc(ctx, R.INT_RT, 0);
  }
  // Immediate execution: the channel is ours (one transaction per direction, one request per direction from its
  // sequential queue), so EvtProgramDma runs inside.
  channel.Active = true;
  status = W.WdfDmaTransactionExecute(Transaction, null);
  if (!W.NT_SUCCESS(status)) {
    UartTransferDone(ctx, Direction, status, /* released */ false);
    return;
  }
  if (Direction === W.WdfDmaDirectionReadFromDevice && ctx.Parameters.ReadTotalTimeoutMicroseconds > 0 && channel.Request === Request) {
    W.WdfTimerStart(ctx.ReadTimer!, W.WDF_REL_TIMEOUT_IN_US(ctx.Parameters.ReadTotalTimeoutMicroseconds));
  }
}

/** EvtTimerFunc: the read's total time-out. A read still running is stopped; its DmaCancelled completes it with
 *  STATUS_TIMEOUT and the bytes that reached memory. */
export const UartEvtReadTimeout: W.EVT_WDF_TIMER = (Timer) => {
  const ctx = DeviceGetContext(W.WdfTimerGetParentObject(Timer) as W.WDFDEVICE);
  const channel = ctx.Rx;
  if (!channel.Request || !channel.Active) return;
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(channel.Enabler!, W.WdfDmaDirectionReadFromDevice)!;
  if (adapter.DmaOperations.ReadDmaCounter(adapter) === 0) {
    // PLANTED: the controller has moved every byte of the (single-fragment) read, so the timer takes the transfer
    // for finished and completes the request itself. The terminal count's DPC is already on its way and completes
    // the same request again.
    W.WdfRequestUnmarkCancelable(channel.Request);
    W.WdfRequestCompleteWithInformation(channel.Request, W.STATUS_SUCCESS, W.WdfDmaTransactionGetCurrentDmaTransferLength(channel.Transaction!));
    return;
  }
  UartStopTransfer(ctx, W.WdfDmaDirectionReadFromDevice, 'timeout');
};

/**
 * The transaction of `Direction` has finished with `status` (DmaCompleted* returned TRUE, or Execute failed). Stops
 * the device's DMA request, releases the transaction, and completes the request — a write after the TX FIFO drains.
 */
export function UartTransferDone(ctx: DEVICE_CONTEXT, Direction: number, status: W.NTSTATUS, executed = true): void {
  const channel = ChannelOf(ctx, Direction);
  const Transaction = channel.Transaction!;
  const bytes = executed ? W.WdfDmaTransactionGetBytesTransferred(Transaction) : 0;
  channel.Active = false;
  W.WdfDmaTransactionRelease(Transaction);
  if (channel.Stop === 'cancel') status = W.STATUS_CANCELLED;
  else if (channel.Stop === 'device-error') status = channel.ErrorStatus;
  else if (channel.Stop === 'timeout') status = W.STATUS_TIMEOUT;
  else if (channel.Stop === 'idle' && status === W.STATUS_CANCELLED) status = W.STATUS_SUCCESS;
  if (Direction === W.WdfDmaDirectionWriteToDevice) {
    SetDmacr(ctx, 0, R.DMACR_TXDMAE);
    channel.FinalStatus = status;
    channel.FinalBytes = bytes;
    SetImsc(ctx, R.INT_TXE, 0); // the ISR fires once the last character has left
    return;
  }
  SetDmacr(ctx, 0, R.DMACR_RXDMAE);
  SetImsc(ctx, 0, R.INT_RT);
  UartCompleteRequest(ctx, Direction, status, bytes);
}

/** Completes the direction's request (it is no longer cancelable) and frees the direction for the next one. */
export function UartCompleteRequest(ctx: DEVICE_CONTEXT, Direction: number, status: W.NTSTATUS, bytes: number): void {
  const channel = ChannelOf(ctx, Direction);
  const Request = channel.Request!;
  channel.Request = null;
  if (Direction === W.WdfDmaDirectionReadFromDevice && ctx.ReadTimer) W.WdfTimerStop(ctx.ReadTimer, false);
  channel.Stop = 'none';
  if (W.WdfRequestUnmarkCancelable(Request) === W.STATUS_CANCELLED && W.NT_SUCCESS(status)) status = W.STATUS_CANCELLED;
  W.WdfRequestCompleteWithInformation(Request, status, bytes);
}

/** Stops the running transfer of `channel` once; the transfer-complete callback (DmaCancelled) finishes it. */
export function UartStopTransfer(ctx: DEVICE_CONTEXT, Direction: number, reason: 'cancel' | 'idle' | 'device-error' | 'timeout'): void {
  const channel = ChannelOf(ctx, Direction);
  if (!channel.Request || channel.Stop !== 'none') return;
  channel.Stop = reason;
  W.WdfDmaTransactionStopSystemTransfer(channel.Transaction!);
}

// EVT_WDF_REQUEST_CANCEL
const UartEvtRequestCancel: W.EVT_WDF_REQUEST_CANCEL = (Request) => {
  const Queue = W.WdfRequestGetIoQueue(Request)!;
  const ctx = DeviceGetContext(W.WdfIoQueueGetDevice(Queue));
  const Direction = Queue === ctx.Tx.Queue ? W.WdfDmaDirectionWriteToDevice : W.WdfDmaDirectionReadFromDevice;
  const channel = ChannelOf(ctx, Direction);
  if (channel.Request !== Request) return;
  if (!channel.Active) {
    // The transfer already ended and released its transaction: a write is only waiting for the TX FIFO to drain,
    // and the drain's TXE interrupt completes it (UartCompleteRequest sees the cancel through
    // WdfRequestUnmarkCancelable). Found by exploration: a cancel in that window called WdfDmaTransactionCancel on a
    // released transaction (WDF_VIOLATION 0x8).
    return;
  }
  if (W.WdfDmaTransactionCancel(channel.Transaction!)) {
    // The channel was never granted: nothing moved, nothing more will be called back.
    channel.Stop = 'cancel';
    UartTransferDone(ctx, Direction, W.STATUS_CANCELLED, false);
    return;
  }
  if (channel.Stop === 'none') {
    channel.Stop = 'cancel';
    W.WdfDmaTransactionStopSystemTransfer(channel.Transaction!);
  } else {
    channel.Stop = 'cancel'; // already stopping (idle or error): the completion reports the cancel instead
  }
};
