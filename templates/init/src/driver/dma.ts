// The DMA callbacks of a System-profile transaction (KMDF's system-mode DMA flow): before each fragment,
// EvtDmaTransactionConfigureDmaChannel sets the controller channel's watermark and request line through the DMA
// adapter's ConfigureAdapterChannel; EvtProgramDma turns the device's DMA request on (the framework has already
// programmed the controller); EvtDmaTransactionDmaTransferComplete is the controller's completion: DmaCompleted
// stages the next fragment or ends the transaction; a stopped or failed transfer counts what reached the
// destination with ReadDmaCounter and ends with DmaCompletedFinal.
import { CONFIGURE_FUNCTION } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../device/regs.js';
import { ChannelOf, DeviceGetContext } from './context.js';
import { SetCtrl } from './hw.js';
import { SampleTransferDone } from './io.js';

/** Bytes the controller moves per device request: one 4-beat burst of the 8-bit channel (the FIFO's watermark). */
export const BURST_BYTES = 4;

// EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL: before each fragment is mapped, with the channel granted.
export const SampleEvtDmaTransactionConfigureDmaChannel: W.EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (
  DmaTransaction, Device, Context, _Mdl, _Offset, _Length,
) => {
  const ctx = DeviceGetContext(Device);
  const Direction = Context as number;
  const channel = ChannelOf(ctx, Direction);
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(channel.Enabler!, Direction)!;
  const ops = adapter.DmaOperations;
  let status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([BURST_BYTES]));
  if (W.NT_SUCCESS(status)) {
    status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.ACQUIRE_REQUEST_LINE, new Uint32Array([channel.RequestLine]));
  }
  if (!W.NT_SUCCESS(status)) {
    // Nothing is mapped: end the transaction here and fail the request with the controller's answer.
    W.WdfDmaTransactionDmaCompletedFinal(DmaTransaction, 0, new W.Out<W.NTSTATUS>(W.STATUS_SUCCESS));
    SampleTransferDone(ctx, Direction, status);
    return false;
  }
  return true;
};

// EVT_WDF_PROGRAM_DMA: the controller channel is programmed and waits for the request line; let the device ask.
export const SampleEvtProgramDma: W.EVT_WDF_PROGRAM_DMA = (_Transaction, Device, _Context, Direction, _SgList) => {
  const ctx = DeviceGetContext(Device);
  if (Direction === W.WdfDmaDirectionWriteToDevice) SetCtrl(ctx, R.CTRL_TXEN | R.CTRL_TXDMAEN, 0);
  return true;
};

// EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE: the controller finished (or stopped) the current fragment.
export const SampleEvtDmaTransactionDmaTransferComplete: W.EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (
  Transaction, Device, _Context, Direction, Status,
) => {
  const ctx = DeviceGetContext(Device);
  const channel = ChannelOf(ctx, Direction);
  // A DmaCancelled may still arrive for a transaction that has already ended: it is not ours any more.
  if (!channel.Active) return;
  const status = new W.Out<W.NTSTATUS>(W.STATUS_SUCCESS);
  if (Status === W.DmaComplete) {
    if (!W.WdfDmaTransactionDmaCompleted(Transaction, status)) return; // the next fragment is staged
  } else {
    // DmaCancelled (a StopSystemTransfer) or DmaError: count what reached the destination, then end.
    const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(channel.Enabler!, Direction)!;
    const left = adapter.DmaOperations.ReadDmaCounter(adapter);
    const moved = W.WdfDmaTransactionGetCurrentDmaTransferLength(Transaction) - left;
    W.WdfDmaTransactionDmaCompletedFinal(Transaction, moved, status);
    if (Status === W.DmaError) status.value = W.STATUS_DEVICE_DATA_ERROR;
  }
  SampleTransferDone(ctx, Direction, status.value);
};
