// The audio-ring driver's interrupt (PLX9x5x IsrDpc.c shape). Two conditions: SR.OVR (unmasked while a stream runs)
// — a frame found the RX FIFO full and was lost, the DMA fell behind the codec — and SR.EMPTY (unmasked while a stop
// drains the FIFO). The ISR acknowledges OVR (ICR, W1C) and masks both it (one report per stream: the FIFO stays full
// until the stop, so every further frame would overrun again) and EMPTY (level-sensitive: it stays high while the FIFO
// is empty), and queues the DPC. The DPC turns a hardware overrun into the driver's own overrun stop (ring.ts: reads
// fail with STATUS_DATA_OVERRUN until the next START), and stops the looped transfer once a stop has drained the FIFO.
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../device/i2s-regs.js';
import { DeviceGetContext, Now } from './context.js';
import { ReadReg, SetIer, WriteReg } from './hw.js';
import { AudioRingStopStream } from './ring.js';

// EVT_WDF_INTERRUPT_ISR (DIRQL)
export const AudioRingEvtInterruptIsr: W.EVT_WDF_INTERRUPT_ISR = (Interrupt, _MessageID) => {
  const ctx = DeviceGetContext(W.WdfInterruptGetDevice(Interrupt));
  const sr = ReadReg(ctx, R.I2S_SR);
  let seen = 0;
  if (ctx.Ier & R.IER_OVR && sr & R.SR_OVR) {
    WriteReg(ctx, R.I2S_ICR, R.SR_OVR);
    seen |= R.SR_OVR;
  }
  if (ctx.Ier & R.IER_EMPTY && sr & R.SR_EMPTY) seen |= R.SR_EMPTY;
  if (seen === 0) return false;
  SetIer(ctx, 0, (seen & R.SR_OVR ? R.IER_OVR : 0) | (seen & R.SR_EMPTY ? R.IER_EMPTY : 0));
  ctx.IsrStatus |= seen;
  W.WdfInterruptQueueDpcForIsr(Interrupt);
  return true;
};

// EVT_WDF_INTERRUPT_DPC (DISPATCH)
export const AudioRingEvtInterruptDpc: W.EVT_WDF_INTERRUPT_DPC = (Interrupt, _AssociatedObject) => {
  const ctx = DeviceGetContext(W.WdfInterruptGetDevice(Interrupt));
  W.WdfInterruptAcquireLock(Interrupt);
  const status = ctx.IsrStatus;
  ctx.IsrStatus = 0;
  W.WdfInterruptReleaseLock(Interrupt);
  if (status & R.SR_OVR && ctx.State === 'running') {
    // The FIFO overran: frames are missing from the ring, the stream is no longer continuous. Stop it the way a
    // ring overrun does, so the client learns of the gap (STATUS_DATA_OVERRUN) instead of reading a spliced stream.
    ctx.FifoOverruns.push(Now());
    AudioRingStopStream(ctx, 'overrun');
  }
  if (status & R.SR_EMPTY && ctx.State === 'stopping') {
    // The FIFO has drained into the ring: stop the loop (DmaCancelled follows, dma.ts).
    W.WdfDmaTransactionStopSystemTransfer(ctx.Transaction!);
  }
};
