// The SPI driver's interrupt: completion by the device (PLX9x5x IsrDpc.c shape; no transfer-complete callback).
// ISR: TC (the frame is over) → stop the bit clock, latch SPI_TXCNT, acknowledge, queue the DPC. DPC: MISO first —
// the bytes that reached memory are CurrentDmaTransferLength − ReadDmaCounter, given to
// WdfDmaTransactionDmaCompletedWithLength (a short frame re-queues the rest of the fragment, KMDF-SYSTEM-DMA.md C.3),
// or to DmaCompletedFinal when the MOSI side is ending (nothing will clock more MISO bytes in). Then MOSI: the frame
// shifted TXCNT bytes; if the controller still has bytes for it (ReadDmaCounter > 0), the TX FIFO ran empty before
// the fragment's end: either the DMA fell behind the bit clock (a busy bus, a late request: its next burst reaches
// the FIFO within microseconds, and the DPC starts the clock again for the rest of the fragment, the frame's count
// carried over) or the DMA has stopped (a bus error: TIMING.md rule 7 — the FIFO stays empty) → DmaCompletedFinal and
// STATUS_DEVICE_DATA_ERROR. Otherwise DmaCompletedWithLength(frame bytes), which stages the next frame
// (EvtProgramDma restarts the clock) or ends the write. (Exploration found the first version, which took every early
// TC for a bus error: under bus load the MOSI DMA misses a byte boundary and a healthy write failed.)
import * as W from 'kmdf-dma-sim/kmdf';
import { KeStallExecutionProcessor } from 'kmdf-dma-sim/hal';
import * as R from '../../../../../examples/spi/device/spi-regs.js';
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

/** How long the DPC waits at most for the MISO DMA to empty the RX FIFO (16 bytes at 25 MHz take 5 µs). */
const RX_DRAIN_LIMIT_US = 20;

/** How long the DPC waits for a DMA that fell behind to refill the TX FIFO before it takes the DMA for stopped. */
const TX_REFILL_WAIT_US = 5;

function TxLevel(ctx: SPI_DEVICE_CONTEXT): number {
  return (ReadReg(ctx, R.SPI_FR) >> R.FR_TXLEVEL_SHIFT) & R.FR_LEVEL_MASK;
}

function RxLevel(ctx: SPI_DEVICE_CONTEXT): number {
  return (ReadReg(ctx, R.SPI_FR) >> R.FR_RXLEVEL_SHIFT) & R.FR_LEVEL_MASK;
}

function counterOf(ctx: SPI_DEVICE_CONTEXT, Direction: number): number {
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(ctx.Enabler!, Direction)!;
  return adapter.DmaOperations.ReadDmaCounter(adapter);
}

export const SpiEvtInterruptDpc: W.EVT_WDF_INTERRUPT_DPC = (Interrupt) => {
  const ctx = SpiGetContext(W.WdfInterruptGetDevice(Interrupt));
  let txFailed = false;
  let txEnding = true;
  // PLANTED: the controller still holding bytes for the frame is taken for a bus error, always (a DMA that only
  // fell behind the bit clock fails a healthy write).
  if (ctx.Tx.Request && counterOf(ctx, W.WdfDmaDirectionWriteToDevice) > 0) txFailed = true;
  const shifted = ctx.FrameBytesBefore + ctx.FrameBytes;
  ctx.FrameBytesBefore = 0;
  if (ctx.Tx.Request) {
    const t = ctx.Tx.Transaction!;
    txEnding = txFailed || W.WdfDmaTransactionGetBytesTransferred(t) + shifted >= ctx.Tx.Length;
  }
  if (ctx.Rx.Request) {
    const r = ctx.Rx.Transaction!;
    // The MISO DMA may still be moving the frame's last bytes (a busy bus): wait, briefly and bounded, until the RX
    // FIFO is empty and the burst that emptied it has landed, so the count below is every byte that came. (Found by
    // exploration: with a short DPC latency and bus load the frame completed a few MISO bytes short.)
    if (RxLevel(ctx) > 0) {
      for (let us = 0; us < RX_DRAIN_LIMIT_US && RxLevel(ctx) > 0; us++) KeStallExecutionProcessor(1);
      KeStallExecutionProcessor(1); // the burst that read the FIFO empty lands in memory
    }
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
