// The audio-ring driver's interrupt (PLX9x5x IsrDpc.c shape). The receiver interrupts only while a stop drains its
// FIFO: the ISR sees SR.EMPTY with IER.EMPTY set, masks it (level-sensitive: it stays high while the FIFO is empty)
// and queues the DPC, which stops the looped transfer now that the last frames are in the ring.
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../device/i2s-regs.js';
import { DeviceGetContext } from './context.js';
import { ReadReg, SetIer } from './hw.js';

// EVT_WDF_INTERRUPT_ISR (DIRQL)
export const AudioRingEvtInterruptIsr: W.EVT_WDF_INTERRUPT_ISR = (Interrupt, _MessageID) => {
  const ctx = DeviceGetContext(W.WdfInterruptGetDevice(Interrupt));
  const sr = ReadReg(ctx, R.I2S_SR);
  if (!(ctx.Ier & R.IER_EMPTY && sr & R.SR_EMPTY)) return false;
  SetIer(ctx, 0, R.IER_EMPTY);
  ctx.IsrStatus |= R.SR_EMPTY;
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
  if (status & R.SR_EMPTY && ctx.State === 'stopping') {
    // The FIFO has drained into the ring: stop the loop (DmaCancelled follows, dma.ts).
    W.WdfDmaTransactionStopSystemTransfer(ctx.Transaction!);
  }
};
