// The SerCx2 UART driver's interrupt: the ISR reads the masked status, acknowledges the sticky bits (OE, FE, RT),
// masks the level-sensitive ones that fired (RX, TXE) and queues the DPC; the DPC turns them into SerCx2 calls —
// RX (the receive FIFO is not empty) → SerCx2SystemDmaReceiveNewDataNotification, TXE (the last character has left) →
// SerCx2SystemDmaTransmitDrainFifoComplete, OE / FE → SerCx2CompleteWait(SERIAL_EV_ERR).
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import * as R from '../../uart/device/uart-regs.js';
import { DeviceGetContext } from './context.js';
import { ReadReg, SetImsc, Trace, WriteReg } from './hw.js';

export const UartEvtInterruptIsr: W.EVT_WDF_INTERRUPT_ISR = (Interrupt) => {
  const ctx = DeviceGetContext(W.WdfInterruptGetDevice(Interrupt));
  const mis = ReadReg(ctx, R.UART_MIS);
  if (mis === 0) return false;
  WriteReg(ctx, R.UART_ICR, mis & (R.INT_OE | R.INT_FE | R.INT_RT | R.INT_TXUR));
  SetImsc(ctx, 0, mis & (R.INT_RX | R.INT_TXE));
  ctx.IsrStatus |= mis;
  W.WdfInterruptQueueDpcForIsr(Interrupt);
  return true;
};

export const UartEvtInterruptDpc: W.EVT_WDF_INTERRUPT_DPC = (Interrupt) => {
  const Device = W.WdfInterruptGetDevice(Interrupt);
  const ctx = DeviceGetContext(Device);
  W.WdfInterruptAcquireLock(Interrupt);
  const status = ctx.IsrStatus;
  ctx.IsrStatus = 0;
  W.WdfInterruptReleaseLock(Interrupt);
  if (status & R.INT_RX && ctx.NewDataArmed) {
    ctx.NewDataArmed = false;
    Trace(ctx, 'NewDataNotification');
    X.SerCx2SystemDmaReceiveNewDataNotification(ctx.DmaReceive!);
  }
  if (status & R.INT_TXE && ctx.DrainArmed) {
    ctx.DrainArmed = false;
    Trace(ctx, 'DrainFifoComplete');
    X.SerCx2SystemDmaTransmitDrainFifoComplete(ctx.DmaTransmit!);
  }
  if (status & (R.INT_OE | R.INT_FE)) X.SerCx2CompleteWait(Device, X.SERIAL_EV_ERR);
};
