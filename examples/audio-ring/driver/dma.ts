// The audio-ring driver's DMA callbacks (PLX9x5x Read.c / IsrDpc.c shape, looped system-mode version):
// EvtDmaTransactionConfigureDmaChannel (controller watermark, notification threshold = one period, request line,
// through ConfigureAdapterChannel), EvtProgramDma (the controller already runs — MapTransferEx programmed the loop —
// so this unmasks the FIFO-overrun interrupt and turns the receiver and its DMA request on), and
// EvtDmaTransactionDmaTransferComplete. A looped transfer reports every notification as a transfer-complete callback with DmaComplete; those are progress, not the end, so
// the driver reads the position and hands out periods without calling DmaCompleted (KMDF-SYSTEM-DMA.md D.2). The
// only end is the driver's own StopSystemTransfer: DmaCancelled (or a notification that raced the stop) →
// DmaCompletedFinal with the position in the last lap → Release (D.6, B.4).
import type { DMA_ADAPTER } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import { CONFIGURE_FUNCTION } from 'kmdf-dma-sim/hal';
import * as R from '../device/i2s-regs.js';
import { DeviceGetContext, Now } from './context.js';
import { SetCr, SetIer, WriteReg } from './hw.js';
import { AudioRingPeriodsElapsed, AudioRingStreamEnded } from './ring.js';

/** The channel's WDM adapter (simplex: one for both directions). */
export function RingAdapter(Enabler: W.WDFDMAENABLER): DMA_ADAPTER {
  return W.WdfDmaEnablerWdmGetDmaAdapter(Enabler, W.WdfDmaDirectionReadFromDevice)!;
}

// EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL: runs once (the ring is one fragment), with the channel granted.
export const AudioRingEvtDmaTransactionConfigureDmaChannel: W.EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (
  DmaTransaction, Device, _Context, _Mdl, _Offset, _Length,
) => {
  const ctx = DeviceGetContext(Device);
  const adapter = RingAdapter(ctx.Enabler!);
  const ops = adapter.DmaOperations;
  // One FIFO watermark of frames per device request; a notification every period; the firmware's request line.
  let status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([ctx.Parameters.TriggerLevel * 4]));
  if (W.NT_SUCCESS(status)) {
    status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_NOTIFICATION_THRESHOLD, new Uint32Array([ctx.PeriodBytes]));
  }
  if (W.NT_SUCCESS(status)) {
    status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.ACQUIRE_REQUEST_LINE, new Uint32Array([ctx.RequestLine]));
  }
  if (!W.NT_SUCCESS(status)) {
    // Nothing is mapped: end the transaction here (E.4); START fails with the controller's answer.
    ctx.StartStatus = status;
    const final = new W.Out<W.NTSTATUS>(W.STATUS_SUCCESS);
    W.WdfDmaTransactionDmaCompletedFinal(DmaTransaction, 0, final);
    return false;
  }
  return true;
};

// EVT_WDF_PROGRAM_DMA: the loop is programmed and waits for requests (demand mode); start the receiver.
export const AudioRingEvtProgramDma: W.EVT_WDF_PROGRAM_DMA = (_Transaction, Device, _Context, _Direction, _SgList) => {
  const ctx = DeviceGetContext(Device);
  WriteReg(ctx, R.I2S_ICR, R.SR_OVR);
  SetIer(ctx, R.IER_OVR, 0); // a hardware FIFO overrun ends the stream (isr-dpc.ts)
  ctx.StreamStarted = Now();
  SetCr(ctx, R.CR_RXEN | R.CR_DMAEN, 0); // frame 1 of the stream arrives one frame time after this write
  return true;
};

// EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE (DISPATCH_LEVEL, from the HAL's completion DPC).
export const AudioRingEvtDmaTransferComplete: W.EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (
  Transaction, Device, _Context, _Direction, Status,
) => {
  const ctx = DeviceGetContext(Device);
  // No stream is running: a HAL that answers a stop itself may deliver DmaCancelled after the notification that won
  // the race already ended the stream (and the transaction was released). It is not about anything we run: ignore it.
  if (ctx.State !== 'running' && ctx.State !== 'stopping') return;
  const adapter = RingAdapter(ctx.Enabler!);
  const counter = adapter.DmaOperations.ReadDmaCounter(adapter);
  if (Status === W.DmaComplete && ctx.Stop === 'none') {
    // A period notification while streaming: hand out what is complete; the transfer keeps looping.
    AudioRingPeriodsElapsed(ctx);
    ctx.Notifications.push({ cycle: Now(), status: Status, counter, captured: ctx.CapturedPeriods });
    return;
  }
  if (Status === W.DmaError && ctx.Stop === 'none') ctx.Stop = 'error';
  if (ctx.Stop === 'none') ctx.Stop = 'stop'; // DmaCancelled we did not ask for: treat it as a stop
  // The end of the stream. DmaCancelled after our stop, DmaError, or a notification that was already raised when
  // the stop came (B.4: it wins the race and the Cancelled report is dropped after the flush below). Count what
  // reached the ring, give whole periods to waiting readers, then finish with the position in the last lap.
  AudioRingPeriodsElapsed(ctx);
  ctx.Notifications.push({ cycle: Now(), status: Status, counter, captured: ctx.CapturedPeriods });
  const final = new W.Out<W.NTSTATUS>(W.STATUS_SUCCESS);
  W.WdfDmaTransactionDmaCompletedFinal(Transaction, ctx.LapPosition, final);
  ctx.FinalStatus = final.value;
  ctx.FinalBytesTransferred = W.WdfDmaTransactionGetBytesTransferred(Transaction);
  W.WdfDmaTransactionRelease(Transaction);
  SetCr(ctx, 0, R.CR_RXEN | R.CR_DMAEN);
  AudioRingStreamEnded(ctx);
};
