// The audio-ring driver's ring bookkeeping, in the shape of ALSA's period-elapsed / hw_ptr update: the hardware
// position comes from ReadDmaCounter (bytes left in the current lap of the looped transfer, KMDF-SYSTEM-DMA.md B.6),
// a lap is counted when the position goes backwards (the DPC runs at every period notification, so never a whole lap
// apart), and every period wholly in memory is "captured". Captured periods go, oldest first, to the READ_PERIOD
// requests waiting in the manual read queue (retrieved with WdfIoQueueRetrieveNextRequest, copied out of the ring
// with RtlCopyMemory at DISPATCH_LEVEL); the rest wait in the ring for the next read.
//
// Overrun: the ring holds RingPeriods periods. When a notification finds RingPeriods periods captured and unread,
// the DMA has just entered the slot of the oldest of them and will overwrite it within one burst; a looped transfer
// cannot be held off, so that period is lost the moment the notification is seen. The driver declares the overrun
// there (ALSA's avail >= buffer_size rule) and stops the stream, so the client learns of the gap (STATUS_DATA_OVERRUN)
// instead of receiving a spliced stream; it restarts with START.
import { RtlCopyMemory } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../device/i2s-regs.js';
import { Now, StreamBytes, WriteUlonglong, type DEVICE_CONTEXT } from './context.js';
import { RingAdapter } from './dma.js';
import { FifoLevel, SetCr, SetIer } from './hw.js';
import { AUDIO_RING_POSITION_SIZE } from './public.js';

/** Reads the hardware position: LapPosition = RingBytes − ReadDmaCounter, LapBase grows by a ring at each wrap. */
export function AudioRingUpdatePosition(ctx: DEVICE_CONTEXT): void {
  const adapter = RingAdapter(ctx.Enabler!);
  const left = adapter.DmaOperations.ReadDmaCounter(adapter);
  const position = (ctx.RingBytes - left) % ctx.RingBytes; // a fresh lap reads the whole ring left
  if (position < ctx.LapPosition) ctx.LapBase += ctx.RingBytes;
  ctx.LapPosition = position;
}

/** A notification (or the end of the stream): count captured periods, feed waiting readers, detect an overrun. */
export function AudioRingPeriodsElapsed(ctx: DEVICE_CONTEXT): void {
  const ready: [W.WDFREQUEST, number][] = [];
  W.WdfSpinLockAcquire(ctx.Lock!);
  AudioRingUpdatePosition(ctx);
  ctx.CapturedPeriods = Math.floor(StreamBytes(ctx) / ctx.PeriodBytes);
  const next = new W.Out<W.WDFREQUEST | null>(null);
  while (ctx.ConsumedPeriods < ctx.CapturedPeriods && W.NT_SUCCESS(W.WdfIoQueueRetrieveNextRequest(ctx.ReadQueue!, next))) {
    ready.push([next.value!, ctx.ConsumedPeriods++]);
  }
  const overrun = ctx.Stop === 'none' && ctx.CapturedPeriods - ctx.ConsumedPeriods >= ctx.Parameters.RingPeriods;
  W.WdfSpinLockRelease(ctx.Lock!);
  for (const [Request, period] of ready) AudioRingCompleteRead(ctx, Request, period);
  if (overrun) {
    ctx.Overruns.push({ cycle: Now(), captured: ctx.CapturedPeriods, consumed: ctx.ConsumedPeriods });
    AudioRingStopStream(ctx, 'overrun');
  }
}

/** Copies period `period` (counted from START) out of the ring into a READ_PERIOD request and completes it. */
export function AudioRingCompleteRead(ctx: DEVICE_CONTEXT, Request: W.WDFREQUEST, period: number): void {
  const buffer = new W.Out(0);
  const status = W.WdfRequestRetrieveOutputBuffer(Request, ctx.PeriodBytes, buffer, null);
  if (!W.NT_SUCCESS(status)) {
    W.WdfRequestCompleteWithInformation(Request, status, 0);
    return;
  }
  const slot = period % ctx.Parameters.RingPeriods;
  RtlCopyMemory(buffer.value, ctx.RingVa + slot * ctx.PeriodBytes, ctx.PeriodBytes);
  ctx.Deliveries.push({ period, cycle: Now() });
  W.WdfRequestCompleteWithInformation(Request, W.STATUS_SUCCESS, ctx.PeriodBytes);
}

/**
 * Ends the running stream. The receiver stops first; its DMA request stays on so the frames still in the FIFO
 * reach the ring (the aging flush moves a partial FIFO). If the FIFO is already empty the DMA stops now, otherwise
 * when the FIFO-empty interrupt says it drained (isr-dpc.ts). StopSystemTransfer → DmaCancelled → dma.ts.
 */
export function AudioRingStopStream(ctx: DEVICE_CONTEXT, reason: 'stop' | 'overrun'): void {
  if (ctx.State !== 'running') return;
  ctx.State = 'stopping';
  ctx.Stop = reason;
  SetCr(ctx, 0, R.CR_RXEN);
  if (FifoLevel(ctx) === 0) W.WdfDmaTransactionStopSystemTransfer(ctx.Transaction!);
  else SetIer(ctx, R.IER_EMPTY, 0);
}

/** The transaction has ended (DmaCompletedFinal + Release done): settle the state, readers and the STOP request. */
export function AudioRingStreamEnded(ctx: DEVICE_CONTEXT): void {
  SetIer(ctx, 0, R.IER_EMPTY | R.IER_OVR);
  W.WdfSpinLockAcquire(ctx.Lock!);
  const reason = ctx.Stop;
  ctx.LastStop = reason;
  ctx.State = reason === 'overrun' ? 'overrun' : 'idle';
  ctx.Stop = 'none';
  const reads: W.WDFREQUEST[] = [];
  const next = new W.Out<W.WDFREQUEST | null>(null);
  while (W.NT_SUCCESS(W.WdfIoQueueRetrieveNextRequest(ctx.ReadQueue!, next))) reads.push(next.value!);
  const StopRequest = ctx.StopRequest;
  ctx.StopRequest = null;
  W.WdfSpinLockRelease(ctx.Lock!);
  const status = reason === 'overrun' ? W.STATUS_DATA_OVERRUN : reason === 'error' ? W.STATUS_DEVICE_DATA_ERROR : W.STATUS_CANCELLED;
  for (const Request of reads) W.WdfRequestCompleteWithInformation(Request, status, 0);
  if (StopRequest) AudioRingCompletePosition(ctx, StopRequest);
}

/** Completes a STOP / GET_POSITION request with AUDIO_RING_POSITION (the stream's bytes in memory). */
export function AudioRingCompletePosition(ctx: DEVICE_CONTEXT, Request: W.WDFREQUEST): void {
  const buffer = new W.Out(0);
  const status = W.WdfRequestRetrieveOutputBuffer(Request, AUDIO_RING_POSITION_SIZE, buffer, null);
  if (!W.NT_SUCCESS(status)) {
    W.WdfRequestCompleteWithInformation(Request, status, 0);
    return;
  }
  WriteUlonglong(buffer.value, StreamBytes(ctx));
  W.WdfRequestCompleteWithInformation(Request, W.STATUS_SUCCESS, AUDIO_RING_POSITION_SIZE);
}
