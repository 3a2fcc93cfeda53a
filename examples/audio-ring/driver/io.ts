// The audio-ring driver's I/O path: the capture IOCTLs of public.ts. START initializes the transaction over the ring
// (the common buffer's MDL) and executes it with immediate execution, so the configure callback and EvtProgramDma run
// inside; STOP ends the stream through StopSystemTransfer and completes once DmaCompletedFinal has run; READ_PERIOD
// takes the oldest captured period, or waits in the manual read queue for the next notification; GET_POSITION reads the
// controller's counter. The stream outlives every request, so no request is tied to the transaction.
import * as W from 'kmdf-dma-sim/kmdf';
import { DeviceGetContext, type DEVICE_CONTEXT } from './context.js';
import {
  AudioRingEvtDmaTransactionConfigureDmaChannel,
  AudioRingEvtDmaTransferComplete,
  AudioRingEvtProgramDma,
} from './dma.js';
import { AudioRingCompletePosition, AudioRingCompleteRead, AudioRingStopStream, AudioRingUpdatePosition } from './ring.js';
import {
  AUDIO_RING_POSITION_SIZE,
  IOCTL_AUDIO_RING_GET_POSITION,
  IOCTL_AUDIO_RING_READ_PERIOD,
  IOCTL_AUDIO_RING_START,
  IOCTL_AUDIO_RING_STOP,
} from './public.js';

export const AudioRingEvtIoDeviceControl: W.EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL = (
  Queue, Request, OutputBufferLength, _InputBufferLength, IoControlCode,
) => {
  const ctx = DeviceGetContext(W.WdfIoQueueGetDevice(Queue));
  switch (IoControlCode) {
    case IOCTL_AUDIO_RING_START:
      W.WdfRequestComplete(Request, AudioRingStartStream(ctx));
      return;
    case IOCTL_AUDIO_RING_STOP:
      if (OutputBufferLength < AUDIO_RING_POSITION_SIZE) break;
      AudioRingStop(ctx, Request);
      return;
    case IOCTL_AUDIO_RING_READ_PERIOD:
      if (OutputBufferLength < ctx.PeriodBytes) break;
      AudioRingReadPeriod(ctx, Request);
      return;
    case IOCTL_AUDIO_RING_GET_POSITION:
      if (OutputBufferLength < AUDIO_RING_POSITION_SIZE) break;
      if (ctx.State === 'running') {
        W.WdfSpinLockAcquire(ctx.Lock!);
        AudioRingUpdatePosition(ctx);
        W.WdfSpinLockRelease(ctx.Lock!);
      }
      AudioRingCompletePosition(ctx, Request);
      return;
    default:
      W.WdfRequestComplete(Request, W.STATUS_INVALID_DEVICE_REQUEST);
      return;
  }
  W.WdfRequestComplete(Request, W.STATUS_BUFFER_TOO_SMALL);
};

/** START: a fresh stream over the whole ring, looping until STOP or an overrun. */
function AudioRingStartStream(ctx: DEVICE_CONTEXT): W.NTSTATUS {
  if (ctx.State === 'running' || ctx.State === 'stopping') return W.STATUS_DEVICE_BUSY;
  const Transaction = ctx.Transaction!;
  let status = W.WdfDmaTransactionInitialize(
    Transaction, AudioRingEvtProgramDma, W.WdfDmaDirectionReadFromDevice, ctx.RingMdl!, ctx.RingVa, ctx.RingBytes,
  );
  if (!W.NT_SUCCESS(status)) return status;
  // Per-transaction settings go after Initialize (Release clears them in the documented behaviour, F.1).
  W.WdfDmaTransactionSetChannelConfigurationCallback(Transaction, AudioRingEvtDmaTransactionConfigureDmaChannel, null);
  W.WdfDmaTransactionSetTransferCompleteCallback(Transaction, AudioRingEvtDmaTransferComplete, null);
  W.WdfDmaTransactionSetImmediateExecution(Transaction, true);
  W.WdfSpinLockAcquire(ctx.Lock!);
  ctx.State = 'running';
  ctx.Stop = 'none';
  ctx.LapBase = ctx.LapPosition = 0;
  ctx.CapturedPeriods = ctx.ConsumedPeriods = 0;
  ctx.StartStatus = W.STATUS_SUCCESS;
  W.WdfSpinLockRelease(ctx.Lock!);
  // Immediate execution: the channel is ours (one transaction on the adapter), so the configure callback, the
  // MapTransferEx that starts the loop, and EvtProgramDma all run before Execute returns.
  status = W.WdfDmaTransactionExecute(Transaction, null);
  if (W.NT_SUCCESS(status)) status = ctx.StartStatus;
  if (!W.NT_SUCCESS(status)) {
    W.WdfDmaTransactionRelease(Transaction);
    ctx.State = 'idle';
  }
  return status;
}

/** STOP: ends a running stream (the request completes from the DmaCancelled path); otherwise answers at once. */
function AudioRingStop(ctx: DEVICE_CONTEXT, Request: W.WDFREQUEST): void {
  if (ctx.State === 'stopping' && ctx.StopRequest) {
    W.WdfRequestComplete(Request, W.STATUS_DEVICE_BUSY);
    return;
  }
  if (ctx.State !== 'running' && ctx.State !== 'stopping') {
    AudioRingCompletePosition(ctx, Request); // nothing runs: the last stream's position
    return;
  }
  ctx.StopRequest = Request; // an overrun stop already on its way also completes this one
  AudioRingStopStream(ctx, 'stop');
}

/** READ_PERIOD: the oldest captured period now, or when the next notification brings one. */
function AudioRingReadPeriod(ctx: DEVICE_CONTEXT, Request: W.WDFREQUEST): void {
  const overrun = ctx.State === 'overrun' || (ctx.State === 'stopping' && ctx.Stop === 'overrun');
  if (overrun || ctx.State !== 'running') {
    W.WdfRequestComplete(Request, overrun ? W.STATUS_DATA_OVERRUN : W.STATUS_DEVICE_NOT_READY);
    return;
  }
  // Under the stream lock: a period captured and unread goes out now; otherwise the request waits in the read queue,
  // which the notification path empties oldest first under the same lock (so a waiting read is never overtaken).
  W.WdfSpinLockAcquire(ctx.Lock!);
  let period = -1;
  let status = W.STATUS_SUCCESS;
  if (ctx.ConsumedPeriods < ctx.CapturedPeriods) period = ctx.ConsumedPeriods++;
  else status = W.WdfRequestForwardToIoQueue(Request, ctx.ReadQueue!);
  W.WdfSpinLockRelease(ctx.Lock!);
  if (period >= 0) {
    AudioRingCompleteRead(ctx, Request, period);
  } else if (!W.NT_SUCCESS(status)) {
    W.WdfRequestComplete(Request, status);
  }
}
