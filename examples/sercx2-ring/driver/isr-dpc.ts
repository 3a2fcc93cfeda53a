// The SerCx2 ring driver's interrupt: the ISR reads the masked status, acknowledges the sticky bits (OE, FE, RT, TXUR),
// masks TXE (level-sensitive: it stays high while the FIFO is empty) and queues the DPC; the DPC finishes a draining
// write on TXE and completes a SERIAL_EV_ERR wait on OE / FE. The receive side needs no interrupt: the looped DMA and
// the progress timer carry it.
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import * as R from '../../uart/device/uart-regs.js';
import { DeviceGetContext } from './context.js';
import { ReadReg, SetImsc, WriteReg } from './hw.js';
import { TxDrained } from './transmit.js';

export const RingEvtInterruptIsr: W.EVT_WDF_INTERRUPT_ISR = (Interrupt) => {
  const ctx = DeviceGetContext(W.WdfInterruptGetDevice(Interrupt));
  const mis = ReadReg(ctx, R.UART_MIS);
  if (mis === 0) return false;
  WriteReg(ctx, R.UART_ICR, mis & (R.INT_OE | R.INT_FE | R.INT_RT | R.INT_TXUR));
  SetImsc(ctx, 0, mis & R.INT_TXE);
  ctx.IsrStatus |= mis;
  W.WdfInterruptQueueDpcForIsr(Interrupt);
  return true;
};

export const RingEvtInterruptDpc: W.EVT_WDF_INTERRUPT_DPC = (Interrupt) => {
  const Device = W.WdfInterruptGetDevice(Interrupt);
  const ctx = DeviceGetContext(Device);
  W.WdfInterruptAcquireLock(Interrupt);
  const status = ctx.IsrStatus;
  ctx.IsrStatus = 0;
  W.WdfInterruptReleaseLock(Interrupt);
  if (status & R.INT_TXE) TxDrained(ctx);
  if (status & (R.INT_OE | R.INT_FE) && ctx.WaitMask & X.SERIAL_EV_ERR) X.SerCx2CompleteWait(Device, X.SERIAL_EV_ERR);
};
