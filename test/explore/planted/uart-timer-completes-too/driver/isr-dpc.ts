// The UART driver's interrupt (PLX9x5x IsrDpc.c shape). The ISR reads the masked status, acknowledges the sticky
// bits (ICR: TXUR, OE, FE, RT), masks TXE (level-sensitive: it stays high while the FIFO is empty), hands the bits to
// the DPC and queues it. The DPC finishes a drained write (transmitter off, request completed), ends a read on the
// receive timeout (INT_RT, the PL011 driver's RX-timeout path: the line has been quiet for UART_RXTO character times,
// so the read completes with what came — a serial read's interval timeout; the UART's flush request has moved a
// partial FIFO to memory in the same cycle the timeout latched, ~20 cycles before the ISR even runs, and
// StopSystemTransfer lets a burst in progress finish), and maps receive errors to request statuses: overrun →
// STATUS_DATA_OVERRUN, framing error → STATUS_DATA_ERROR. A running read is stopped and completes with that status
// and the bytes that reached memory; without a read the error waits for the next one.
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../../../../../examples/uart/device/uart-regs.js';
import { DeviceGetContext } from './context.js';
import { ReadReg, SetCr, SetImsc, WriteReg } from './hw.js';
import { UartCompleteRequest, UartStopTransfer } from './io.js';

// EVT_WDF_INTERRUPT_ISR (DIRQL)
export const UartEvtInterruptIsr: W.EVT_WDF_INTERRUPT_ISR = (Interrupt, _MessageID) => {
  const ctx = DeviceGetContext(W.WdfInterruptGetDevice(Interrupt));
  const mis = ReadReg(ctx, R.UART_MIS);
  if (mis === 0) return false;
  WriteReg(ctx, R.UART_ICR, mis & (R.INT_TXUR | R.INT_OE | R.INT_FE | R.INT_RT));
  if (mis & R.INT_TXE) SetImsc(ctx, 0, R.INT_TXE);
  if (mis & R.INT_RT) ctx.IsrRxRequest = ctx.Rx.Request;
  ctx.IsrStatus |= mis;
  W.WdfInterruptQueueDpcForIsr(Interrupt);
  return true;
};

// EVT_WDF_INTERRUPT_DPC (DISPATCH)
export const UartEvtInterruptDpc: W.EVT_WDF_INTERRUPT_DPC = (Interrupt, _AssociatedObject) => {
  const ctx = DeviceGetContext(W.WdfInterruptGetDevice(Interrupt));
  W.WdfInterruptAcquireLock(Interrupt);
  const status = ctx.IsrStatus;
  const timedOut = ctx.IsrRxRequest;
  ctx.IsrStatus = 0;
  ctx.IsrRxRequest = null;
  W.WdfInterruptReleaseLock(Interrupt);

  if (status & R.INT_TXE && ctx.Tx.Request) {
    // The last character has left the wire: stop the transmitter's character clock, then complete the write.
    SetCr(ctx, 0, R.CR_TXE);
    UartCompleteRequest(ctx, W.WdfDmaDirectionWriteToDevice, ctx.Tx.FinalStatus, ctx.Tx.FinalBytes);
  }
  const error = status & R.INT_OE ? W.STATUS_DATA_OVERRUN : status & R.INT_FE ? W.STATUS_DATA_ERROR : W.STATUS_SUCCESS;
  if (error !== W.STATUS_SUCCESS) {
    ctx.ErrorsSeen++;
    if (ctx.Rx.Request && ctx.Rx.Stop === 'none') {
      ctx.Rx.ErrorStatus = error;
      UartStopTransfer(ctx, W.WdfDmaDirectionReadFromDevice, 'device-error');
    } else if (!ctx.Rx.Request) {
      ctx.PendingRxError = error;
    }
  }
  if (status & R.INT_RT && timedOut && timedOut === ctx.Rx.Request) {
    // A receive error above wins; otherwise the line went quiet during this read: end it with what came
    // (DmaCancelled → DmaCompletedFinal, dma.ts).
    UartStopTransfer(ctx, W.WdfDmaDirectionReadFromDevice, 'idle');
  }
};
