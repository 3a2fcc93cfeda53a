// The SerCx2 ring driver's receive side: a looped system-DMA transfer (KMDF: WdfDmaTransactionInitialize on the
// common buffer's MDL with a LoopedTransfer enabler) fills the ring while the port is open, and reads are
// custom-receive transactions served from the ring — the shape of an SoC UART driver that keeps its RX DMA running and
// copies out of a ring. The position: ReadDmaCounter is the bytes left in the current lap, so Produced = laps ×
// RingBytes + (RingBytes − counter); a lap is counted when the position goes backwards, so it is read at least twice a
// lap: at the loop's notifications (every half ring, SET_NOTIFICATION_THRESHOLD — at the wraps alone a read would find
// the position back where the last one left it) and at every progress tick. The progress timer (one-shot,
// restarted every ProgressMicroseconds while a read waits) copies new ring bytes into the read (RtlCopyMemory at
// DISPATCH_LEVEL), completes it when full, fires the armed new-data and PIO-ready notifications, and remembers that
// bytes moved, for EvtSerCx2CustomReceiveTransactionQueryProgress. The read's cancel (SerCx2's time-out, a purge or the
// client's cancel) copies what has come and completes with it. PIO reads (SerCx2's MAXULONG forms) read the ring too:
// here the ring is the receive FIFO the CPU sees.
import { CONFIGURE_FUNCTION, MmGetSystemAddressForMdlSafe, NormalPagePriority, RtlCopyMemory } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import * as R from '../../uart/device/uart-regs.js';
import { ContextOf, DeviceGetContext, RequestGetContext, type DEVICE_CONTEXT } from './context.js';
import { SetDmacr, Trace } from './hw.js';

// ---- the looped RX transfer ----
const RingProgramDma: W.EVT_WDF_PROGRAM_DMA = (Transaction) => {
  const ctx = DeviceGetContext(W.WdfDmaTransactionGetDevice(Transaction));
  SetDmacr(ctx, R.DMACR_RXDMAE, 0); // the loop is mapped: let the UART ask for it
  return true;
};

const RingConfigureDmaChannel: W.EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (_Transaction, Device) => {
  const ctx = DeviceGetContext(Device);
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(ctx.RingEnabler!, W.WdfDmaDirectionReadFromDevice)!;
  const ops = adapter.DmaOperations;
  let status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([ctx.Parameters.TriggerLevel]));
  if (W.NT_SUCCESS(status)) {
    status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_NOTIFICATION_THRESHOLD, new Uint32Array([ctx.Parameters.RingBytes / 2]));
  }
  if (W.NT_SUCCESS(status)) status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.ACQUIRE_REQUEST_LINE, new Uint32Array([ctx.RxRequestLine]));
  return W.NT_SUCCESS(status);
};

const RingTransferComplete: W.EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (Transaction, Device, _Context, _Direction, Status) => {
  const ctx = DeviceGetContext(Device);
  if (!ctx.RingActive) return; // a late DmaCancelled for a loop that has already ended
  RingUpdatePosition(ctx);
  if (Status === W.DmaComplete && !ctx.RingStopping) return; // a notification: the position read above counts laps
  // The loop's end: DmaCancelled after our stop (or a wrap that raced it), or a bus error. The ring keeps its bytes.
  const final = new W.Out<W.NTSTATUS>(0);
  W.WdfDmaTransactionDmaCompletedFinal(Transaction, ctx.LapPosition, final);
  W.WdfDmaTransactionRelease(Transaction);
  ctx.RingActive = ctx.RingStopping = false;
  Trace(ctx, Status === W.DmaError ? 'RingError' : 'RingStopped');
  if (ctx.RingRestart) {
    ctx.RingRestart = false;
    const status = RingStart(ctx);
    if (!W.NT_SUCCESS(status)) Trace(ctx, `RingRestartFailed(${status >>> 0})`);
  }
};

/** Starts the loop over the whole ring (EvtSerCx2FileOpen). A port reopened before the last close's stop has ended
 *  (its DmaCancelled is still on the way) restarts the loop when it ends. */
export function RingStart(ctx: DEVICE_CONTEXT): W.NTSTATUS {
  if (ctx.RingActive) {
    ctx.RingRestart = ctx.RingStopping;
    ctx.Produced = ctx.Consumed = ctx.LapPosition = ctx.LostBytes = 0;
    return W.STATUS_SUCCESS;
  }
  const t = ctx.RingTransaction!;
  let status = W.WdfDmaTransactionInitialize(t, RingProgramDma, W.WdfDmaDirectionReadFromDevice, ctx.RingMdl!, ctx.RingVa, ctx.Parameters.RingBytes);
  if (!W.NT_SUCCESS(status)) return status;
  W.WdfDmaTransactionSetChannelConfigurationCallback(t, RingConfigureDmaChannel, null);
  W.WdfDmaTransactionSetTransferCompleteCallback(t, RingTransferComplete, null);
  W.WdfDmaTransactionSetImmediateExecution(t, true);
  ctx.Produced = ctx.Consumed = ctx.LapPosition = ctx.LostBytes = 0;
  ctx.RingActive = true;
  ctx.RingStopping = false;
  status = W.WdfDmaTransactionExecute(t, null);
  if (!W.NT_SUCCESS(status)) {
    ctx.RingActive = false;
    W.WdfDmaTransactionRelease(t);
  }
  return status;
}

/** Stops the loop (EvtSerCx2FileClose): its DmaCancelled ends it in RingTransferComplete. */
export function RingStop(ctx: DEVICE_CONTEXT): void {
  SetDmacr(ctx, 0, R.DMACR_RXDMAE);
  ctx.RingRestart = false;
  if (!ctx.RingActive || ctx.RingStopping) return;
  ctx.RingStopping = true;
  W.WdfDmaTransactionStopSystemTransfer(ctx.RingTransaction!);
}

/** Reads the DMA position into Produced; an overrun (the DMA lapped the reader) drops the oldest bytes. */
export function RingUpdatePosition(ctx: DEVICE_CONTEXT): void {
  if (!ctx.RingActive || ctx.RingStopping) return; // a stopping loop is not this open's data
  const ring = ctx.Parameters.RingBytes;
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(ctx.RingEnabler!, W.WdfDmaDirectionReadFromDevice)!;
  const position = (ring - adapter.DmaOperations.ReadDmaCounter(adapter)) % ring;
  const lapBase = ctx.Produced - ctx.LapPosition;
  ctx.Produced = (position < ctx.LapPosition ? lapBase + ring : lapBase) + position;
  ctx.LapPosition = position;
  if (ctx.Produced - ctx.Consumed > ring) {
    ctx.LostBytes += ctx.Produced - ctx.Consumed - ring;
    ctx.Consumed = ctx.Produced - ring;
    if (ctx.WaitMask & X.SERIAL_EV_ERR) X.SerCx2CompleteWait(ctx.Device!, X.SERIAL_EV_ERR);
  }
}

/** Copies up to `length` bytes out of the ring to `va` (both wrap-around pieces); returns how many. */
export function RingRead(ctx: DEVICE_CONTEXT, va: number, length: number): number {
  RingUpdatePosition(ctx);
  const ring = ctx.Parameters.RingBytes;
  const total = Math.min(length, ctx.Produced - ctx.Consumed);
  for (let n = total; n > 0; ) {
    const at = ctx.Consumed % ring;
    const chunk = Math.min(n, ring - at);
    RtlCopyMemory(va + (total - n), ctx.RingVa + at, chunk);
    ctx.Consumed += chunk;
    n -= chunk;
  }
  return total;
}

/** Drops what the ring holds (EvtSerCx2PurgeFifos with PurgeRxFifo). */
export function RingPurge(ctx: DEVICE_CONTEXT): void {
  RingUpdatePosition(ctx);
  ctx.Consumed = ctx.Produced;
}

// ---- the progress timer ----
/** EvtTimerFunc: moves ring data into the waiting read, fires the armed notifications, re-arms while needed. */
export const RingProgressTimer: W.EVT_WDF_TIMER = (Timer) => {
  const ctx = DeviceGetContext(W.WdfTimerGetParentObject(Timer) as W.WDFDEVICE);
  RingPump(ctx);
  if (ctx.Rx || ctx.PioReadyArmed) W.WdfTimerStart(Timer, W.WDF_REL_TIMEOUT_IN_US(ctx.Parameters.ProgressMicroseconds));
};

function RingPump(ctx: DEVICE_CONTEXT): void {
  RingUpdatePosition(ctx);
  if (ctx.PioReadyArmed && ctx.Produced > ctx.Consumed) {
    ctx.PioReadyArmed = false;
    X.SerCx2PioReceiveReady(ctx.PioReceive!);
  }
  const rx = ctx.Rx;
  if (!rx) return;
  const n = RingRead(ctx, rx.Buffer + rx.Copied, rx.Length - rx.Copied);
  if (n > 0) {
    rx.Copied += n;
    rx.Moved = true;
    if (ctx.NewDataArmed) {
      ctx.NewDataArmed = false;
      Trace(ctx, 'NewDataNotification');
      X.SerCx2CustomReceiveTransactionNewDataNotification(ctx.CustomReceive!);
    }
  }
  if (rx.Copied === rx.Length && W.NT_SUCCESS(W.WdfRequestUnmarkCancelable(rx.Request))) RingCompleteRead(ctx, W.STATUS_SUCCESS);
  // (STATUS_CANCELLED from the unmark: the cancel routine owns the request and completes it.)
}

function RingCompleteRead(ctx: DEVICE_CONTEXT, status: W.NTSTATUS): void {
  const rx = ctx.Rx!;
  ctx.Rx = null;
  ctx.NewDataArmed = false;
  Trace(ctx, `RxComplete(${rx.Copied})`);
  W.WdfRequestCompleteWithInformation(rx.Request, status, rx.Copied);
}

// ---- custom receive ----
/** The read's cancel (SerCx2 stops the transaction, the client cancels): what has come is the read's. */
const RingRxCancel: W.EVT_WDF_REQUEST_CANCEL = (Request) => {
  const ctx = DeviceGetContext(RequestGetContext(Request).Device!);
  const rx = ctx.Rx;
  if (!rx || rx.Request !== Request) return;
  rx.Copied += RingRead(ctx, rx.Buffer + rx.Copied, rx.Length - rx.Copied);
  RingCompleteRead(ctx, W.STATUS_CANCELLED);
};

export const RingRxStart: X.EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_START = (CustomReceiveTransaction, Request, Mdl, Offset, Length) => {
  const ctx = ContextOf(CustomReceiveTransaction);
  Trace(ctx, `RxStart(${Length})`);
  RequestGetContext(Request).Device = ctx.Device;
  const va = MmGetSystemAddressForMdlSafe(Mdl, NormalPagePriority);
  ctx.Rx = { Request, Buffer: va + Offset, Length, Copied: 0, Moved: false };
  if (!W.NT_SUCCESS(W.WdfRequestMarkCancelableEx(Request, RingRxCancel))) {
    RingCompleteRead(ctx, W.STATUS_CANCELLED);
    return;
  }
  RingPump(ctx);
  if (ctx.Rx) W.WdfTimerStart(ctx.ProgressTimer!, W.WDF_REL_TIMEOUT_IN_US(ctx.Parameters.ProgressMicroseconds));
};

export const RingRxQueryProgress: X.EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_QUERY_PROGRESS = (CustomReceiveTransaction) => {
  const ctx = ContextOf(CustomReceiveTransaction);
  if (ctx.Rx) RingPump(ctx);
  const moved = ctx.Rx ? ctx.Rx.Moved : true;
  if (ctx.Rx) ctx.Rx.Moved = false;
  X.SerCx2CustomReceiveTransactionReportProgress(
    CustomReceiveTransaction,
    moved ? X.SerCx2CustomReceiveTransactionBytesTransferred : X.SerCx2CustomReceiveTransactionNoProgress,
  );
};

export const RingRxEnableNewData: X.EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_ENABLE_NEW_DATA_NOTIFICATION = (CustomReceiveTransaction) => {
  const ctx = ContextOf(CustomReceiveTransaction);
  Trace(ctx, 'RxEnableNewData');
  ctx.NewDataArmed = true; // the next progress tick that copies a byte fires it
};

// ---- PIO receive: the ring is the FIFO the CPU reads ----
export const RingPioReadBuffer: X.EVT_SERCX2_PIO_RECEIVE_READ_BUFFER = (PioReceive, Buffer, Length) =>
  RingRead(ContextOf(PioReceive), Buffer, Length);

export const RingPioEnableReady: X.EVT_SERCX2_PIO_RECEIVE_ENABLE_READY_NOTIFICATION = (PioReceive) => {
  const ctx = ContextOf(PioReceive);
  ctx.PioReadyArmed = true;
  W.WdfTimerStart(ctx.ProgressTimer!, W.WDF_REL_TIMEOUT_IN_US(ctx.Parameters.ProgressMicroseconds));
};

export const RingPioCancelReady: X.EVT_SERCX2_PIO_RECEIVE_CANCEL_READY_NOTIFICATION = (PioReceive) => {
  const ctx = ContextOf(PioReceive);
  if (!ctx.PioReadyArmed) return false;
  ctx.PioReadyArmed = false;
  return true;
};
