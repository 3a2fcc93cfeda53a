// The UART driver's RX idle timeout. The UART flushes a partly filled RX FIFO to memory by itself once the line has
// been quiet for UART_RXTO character times (its DMA request asserts for the remaining level); the driver cannot see
// that moment, so while a read runs a one-shot WDF timer polls the channel's ReadDmaCounter every
// RxIdlePollMicroseconds. When some bytes have arrived, nothing moved since the previous poll and the RX FIFO is
// empty, the line is idle: the read is stopped (StopSystemTransfer) and completes with what it has (a serial read's
// interval timeout, SERIAL_TIMEOUTS.ReadIntervalTimeout).
import * as W from 'kmdf-dma-sim/kmdf';
import { DeviceGetContext, type DEVICE_CONTEXT } from './context.js';
import { RxLevel } from './hw.js';
import { UartStopTransfer } from './io.js';

export function UartStartRxIdleTimer(ctx: DEVICE_CONTEXT): void {
  W.WdfTimerStart(ctx.RxIdleTimer!, W.WDF_REL_TIMEOUT_IN_US(ctx.Parameters.RxIdlePollMicroseconds));
}

/** Bytes of the running read that are in memory now: the finished fragments plus the current one's progress. */
export function UartRxBytesInMemory(ctx: DEVICE_CONTEXT): number {
  const Transaction = ctx.Rx.Transaction!;
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(ctx.Rx.Enabler!, W.WdfDmaDirectionReadFromDevice)!;
  const current = W.WdfDmaTransactionGetCurrentDmaTransferLength(Transaction);
  const left = current === 0 ? 0 : adapter.DmaOperations.ReadDmaCounter(adapter);
  return W.WdfDmaTransactionGetBytesTransferred(Transaction) + current - left;
}

// EVT_WDF_TIMER (parent: the device)
export const UartEvtRxIdleTimer: W.EVT_WDF_TIMER = (Timer) => {
  const ctx = DeviceGetContext(W.WdfTimerGetParentObject(Timer) as W.WDFDEVICE);
  const rx = ctx.Rx;
  if (!rx.Request || rx.Stop !== 'none') return;
  const moved = UartRxBytesInMemory(ctx);
  if (moved > 0 && moved === rx.LastMoved && RxLevel(ctx) === 0) {
    UartStopTransfer(ctx, W.WdfDmaDirectionReadFromDevice, 'idle');
    return;
  }
  rx.LastMoved = moved;
  UartStartRxIdleTimer(ctx);
};
