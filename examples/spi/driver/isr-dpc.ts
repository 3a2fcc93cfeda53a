// The SPI driver's interrupt: completion by the device (PLX9x5x IsrDpc.c shape; no transfer-complete callback).
// ISR: TC (the frame is over) → stop the bit clock, latch SPI_TXCNT, acknowledge, queue the DPC. DPC: MISO first —
// the bytes that reached memory are CurrentDmaTransferLength − ReadDmaCounter, given to
// WdfDmaTransactionDmaCompletedWithLength (a short frame re-queues the rest of the fragment, KMDF-SYSTEM-DMA.md C.3),
// or to DmaCompletedFinal when the MOSI side is ending (nothing will clock more MISO bytes in). Then MOSI: the frame
// shifted TXCNT bytes; if the controller still had bytes for it (ReadDmaCounter > 0) the DMA stopped early (a bus
// error: TIMING.md rule 7) → DmaCompletedFinal(TXCNT) and STATUS_DEVICE_DATA_ERROR; otherwise
// DmaCompletedWithLength(TXCNT), which stages the next frame (EvtProgramDma restarts the clock) or ends the write.
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../device/spi-regs.js';
import { SpiGetContext, type SPI_DEVICE_CONTEXT } from './context.js';
import { ReadReg, WriteReg } from './hw.js';
import { SpiFinish, SpiNoteFragmentDone } from './io.js';

export const SpiEvtInterruptIsr: W.EVT_WDF_INTERRUPT_ISR = (Interrupt) => {
  const ctx = SpiGetContext(W.WdfInterruptGetDevice(Interrupt));
  if ((ReadReg(ctx, R.SPI_SR) & R.INT_TC) === 0) return false;
  ctx.Cr = 0;
  WriteReg(ctx, R.SPI_CR, 0);
  ctx.FrameBytes = ReadReg(ctx, R.SPI_TXCNT);
  WriteReg(ctx, R.SPI_ICR, R.INT_TC);
  W.WdfInterruptQueueDpcForIsr(Interrupt);
  return true;
};

function counterOf(ctx: SPI_DEVICE_CONTEXT, Direction: number): number {
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(ctx.Enabler!, Direction)!;
  return adapter.DmaOperations.ReadDmaCounter(adapter);
}

export const SpiEvtInterruptDpc: W.EVT_WDF_INTERRUPT_DPC = (Interrupt) => {
  const ctx = SpiGetContext(W.WdfInterruptGetDevice(Interrupt));
  const shifted = ctx.FrameBytes;
  let txFailed = false;
  let txEnding = true;
  if (ctx.Tx.Request) {
    const t = ctx.Tx.Transaction!;
    txFailed = counterOf(ctx, W.WdfDmaDirectionWriteToDevice) > 0;
    txEnding = txFailed || W.WdfDmaTransactionGetBytesTransferred(t) + shifted >= ctx.Tx.Length;
  }
  if (ctx.Rx.Request) {
    const r = ctx.Rx.Transaction!;
    const moved = W.WdfDmaTransactionGetCurrentDmaTransferLength(r) - counterOf(ctx, W.WdfDmaDirectionReadFromDevice);
    SpiNoteFragmentDone(ctx, W.WdfDmaDirectionReadFromDevice, moved);
    const status = new W.Out<W.NTSTATUS>(0);
    const done = txEnding
      ? W.WdfDmaTransactionDmaCompletedFinal(r, moved, status)
      : W.WdfDmaTransactionDmaCompletedWithLength(r, moved, status);
    if (done) SpiFinish(ctx, W.WdfDmaDirectionReadFromDevice, status.value);
  }
  if (ctx.Tx.Request) {
    const t = ctx.Tx.Transaction!;
    SpiNoteFragmentDone(ctx, W.WdfDmaDirectionWriteToDevice, shifted);
    const status = new W.Out<W.NTSTATUS>(0);
    if (txFailed) {
      W.WdfDmaTransactionDmaCompletedFinal(t, shifted, status);
      SpiFinish(ctx, W.WdfDmaDirectionWriteToDevice, W.STATUS_DEVICE_DATA_ERROR);
    } else if (W.WdfDmaTransactionDmaCompletedWithLength(t, shifted, status)) {
      SpiFinish(ctx, W.WdfDmaDirectionWriteToDevice, status.value);
    }
  }
};
