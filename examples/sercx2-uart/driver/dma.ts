// The SerCx2 UART driver's system-DMA callbacks (EVT_SERCX2_SYSTEM_DMA_RECEIVE_* / _TRANSMIT_* pages). SerCx2 runs the
// DMA transaction itself; the controller driver only gets the UART ready for it and cleans up:
//  receive — InitializeTransaction: the RX DMA request on; ConfigureDmaChannel: the controller watermark (one trigger
//    level of bytes per request) and the RX request line, through ConfigureAdapterChannel on the adapter of
//    SerCx2SystemDmaReceiveGetDmaEnabler; EnableNewDataNotification: the RX interrupt (FIFO not empty), which the DPC
//    turns into SerCx2SystemDmaReceiveNewDataNotification; CleanupTransaction: the RX DMA request off.
//  transmit — InitializeTransaction: the transmitter and the TX DMA request on; DrainFifo: the DMA has written the last
//    byte, so the request goes off and the TX-empty interrupt tells the DPC when the last character has left
//    (SerCx2SystemDmaTransmitDrainFifoComplete); PurgeFifo: this UART cannot discard its TX FIFO (no flush bit), so
//    nothing is purged and what is in it still goes out — BytesPurged 0 says so; CleanupTransaction: request off.
import { CONFIGURE_FUNCTION } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import * as R from '../../uart/device/uart-regs.js';
import { ContextOf } from './context.js';
import { SetCr, SetDmacr, SetImsc, Trace } from './hw.js';

/** Watermark, then the request line: the two controller functions each fragment needs. */
function ConfigureChannel(enabler: W.WDFDMAENABLER, direction: number, watermark: number, requestLine: number): W.NTSTATUS {
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(enabler, direction)!;
  const ops = adapter.DmaOperations;
  let status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([watermark]));
  if (W.NT_SUCCESS(status)) status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.ACQUIRE_REQUEST_LINE, new Uint32Array([requestLine]));
  return status;
}

// ---- receive ----
export const UartRxInitializeTransaction: X.EVT_SERCX2_SYSTEM_DMA_RECEIVE_INITIALIZE_TRANSACTION = (SystemDmaReceive, Length) => {
  const ctx = ContextOf(SystemDmaReceive);
  Trace(ctx, `RxInitialize(${Length})`);
  SetDmacr(ctx, R.DMACR_RXDMAE, 0);
  X.SerCx2SystemDmaReceiveInitializeTransactionComplete(SystemDmaReceive, true);
};

export const UartRxConfigureDmaChannel: X.EVT_SERCX2_SYSTEM_DMA_RECEIVE_CONFIGURE_DMA_CHANNEL = (SystemDmaReceive, _Mdl, _Offset, _Length) => {
  const ctx = ContextOf(SystemDmaReceive);
  return ConfigureChannel(X.SerCx2SystemDmaReceiveGetDmaEnabler(SystemDmaReceive), W.WdfDmaDirectionReadFromDevice, ctx.Parameters.TriggerLevel, ctx.RxRequestLine);
};

export const UartRxEnableNewData: X.EVT_SERCX2_SYSTEM_DMA_RECEIVE_ENABLE_NEW_DATA_NOTIFICATION = (SystemDmaReceive) => {
  const ctx = ContextOf(SystemDmaReceive);
  Trace(ctx, 'RxEnableNewData');
  ctx.NewDataArmed = true;
  SetImsc(ctx, R.INT_RX, 0); // a FIFO that already holds a character interrupts at once
};

export const UartRxCancelNewData: X.EVT_SERCX2_SYSTEM_DMA_RECEIVE_CANCEL_NEW_DATA_NOTIFICATION = (SystemDmaReceive) => {
  const ctx = ContextOf(SystemDmaReceive);
  if (!ctx.NewDataArmed) return false; // the ISR took it: the DPC will call SerCx2SystemDmaReceiveNewDataNotification
  ctx.NewDataArmed = false;
  SetImsc(ctx, 0, R.INT_RX);
  return true;
};

export const UartRxCleanupTransaction: X.EVT_SERCX2_SYSTEM_DMA_RECEIVE_CLEANUP_TRANSACTION = (SystemDmaReceive) => {
  const ctx = ContextOf(SystemDmaReceive);
  Trace(ctx, 'RxCleanup');
  SetDmacr(ctx, 0, R.DMACR_RXDMAE);
  X.SerCx2SystemDmaReceiveCleanupTransactionComplete(SystemDmaReceive);
};

// ---- transmit ----
export const UartTxInitializeTransaction: X.EVT_SERCX2_SYSTEM_DMA_TRANSMIT_INITIALIZE_TRANSACTION = (SystemDmaTransmit, Length) => {
  const ctx = ContextOf(SystemDmaTransmit);
  Trace(ctx, `TxInitialize(${Length})`);
  SetDmacr(ctx, R.DMACR_TXDMAE, 0);
  SetCr(ctx, R.CR_TXE, 0); // a no-op once on: the transmitter keeps its character clock
  X.SerCx2SystemDmaTransmitInitializeTransactionComplete(SystemDmaTransmit, true);
};

export const UartTxConfigureDmaChannel: X.EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CONFIGURE_DMA_CHANNEL = (SystemDmaTransmit, _Mdl, _Offset, _Length) => {
  const ctx = ContextOf(SystemDmaTransmit);
  return ConfigureChannel(X.SerCx2SystemDmaTransmitGetDmaEnabler(SystemDmaTransmit), W.WdfDmaDirectionWriteToDevice, ctx.Parameters.TriggerLevel, ctx.TxRequestLine);
};

export const UartTxDrainFifo: X.EVT_SERCX2_SYSTEM_DMA_TRANSMIT_DRAIN_FIFO = (SystemDmaTransmit) => {
  const ctx = ContextOf(SystemDmaTransmit);
  Trace(ctx, 'TxDrainFifo');
  // Nothing more to fetch: a free-running character clock would count the empty FIFO as an underrun.
  SetDmacr(ctx, 0, R.DMACR_TXDMAE);
  ctx.DrainArmed = true;
  SetImsc(ctx, R.INT_TXE, 0);
};

export const UartTxCancelDrainFifo: X.EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CANCEL_DRAIN_FIFO = (SystemDmaTransmit) => {
  const ctx = ContextOf(SystemDmaTransmit);
  Trace(ctx, 'TxCancelDrainFifo');
  if (!ctx.DrainArmed) return false;
  ctx.DrainArmed = false;
  SetImsc(ctx, 0, R.INT_TXE);
  return true;
};

export const UartTxPurgeFifo: X.EVT_SERCX2_SYSTEM_DMA_TRANSMIT_PURGE_FIFO = (SystemDmaTransmit, BytesAlreadyTransmittedToHardware) => {
  const ctx = ContextOf(SystemDmaTransmit);
  Trace(ctx, `TxPurgeFifo(${BytesAlreadyTransmittedToHardware})`);
  SetDmacr(ctx, 0, R.DMACR_TXDMAE);
  // TODO(accuracy): the example UART has no TX FIFO flush; its characters leave anyway, so none are purged.
  X.SerCx2SystemDmaTransmitPurgeFifoComplete(SystemDmaTransmit, 0);
};

export const UartTxCleanupTransaction: X.EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CLEANUP_TRANSACTION = (SystemDmaTransmit) => {
  const ctx = ContextOf(SystemDmaTransmit);
  Trace(ctx, 'TxCleanup');
  SetDmacr(ctx, 0, R.DMACR_TXDMAE);
  X.SerCx2SystemDmaTransmitCleanupTransactionComplete(SystemDmaTransmit);
};
