// The UART driver's DMA callbacks (PLX9x5x Read.c / IsrDpc.c shape, system-mode version): the per-fragment
// EvtDmaTransactionConfigureDmaChannel (controller watermark + request line, through ConfigureAdapterChannel),
// EvtProgramDma (the controller is already programmed by the framework's MapTransferEx; this enables the UART's DMA
// request, and the transmitter for the first TX fragment), and EvtDmaTransactionDmaTransferComplete (the HAL's
// completion: DmaCompleted for the next fragment or the end; a stopped transfer counts the bytes that reached the
// destination from ReadDmaCounter and ends with DmaCompletedFinal; a late DmaCancelled for a transaction that has
// already ended is ignored). KMDF-SYSTEM-DMA.md A.4, C.5, D.1, D.2, D.6; docs/hal-contract.md "Late completions".
import * as W from 'kmdf-dma-sim/kmdf';
import { CONFIGURE_FUNCTION } from 'kmdf-dma-sim/hal';
import * as R from '../../../../../examples/uart/device/uart-regs.js';
import { ChannelOf, DeviceGetContext, Now } from './context.js';
import { SetCr, SetDmacr } from './hw.js';
import { UartTransferDone } from './io.js';

// EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL: runs before each fragment is mapped, with the channel granted.
export const UartEvtDmaTransactionConfigureDmaChannel: W.EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (
  DmaTransaction, Device, Context, _Mdl, _Offset, _Length,
) => {
  const ctx = DeviceGetContext(Device);
  const direction = Context as number;
  const channel = ChannelOf(ctx, direction);
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(channel.Enabler!, direction)!;
  const ops = adapter.DmaOperations;
  // One trigger level of bytes per device request, then the request line the firmware gave this direction.
  let status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([ctx.Parameters.TriggerLevel]));
  if (W.NT_SUCCESS(status)) {
    status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.ACQUIRE_REQUEST_LINE, new Uint32Array([channel.RequestLine]));
  }
  if (!W.NT_SUCCESS(status)) {
    // Nothing is mapped: end the transaction here (E.4) and fail the request with the controller's answer.
    channel.Stop = 'device-error';
    channel.ErrorStatus = status;
    const final = new W.Out<W.NTSTATUS>(W.STATUS_SUCCESS);
    W.WdfDmaTransactionDmaCompletedFinal(DmaTransaction, 0, final);
    UartTransferDone(ctx, direction, status);
    return false;
  }
  return true;
};

// EVT_WDF_PROGRAM_DMA: the channel is running in demand mode; let the UART ask for data.
export const UartEvtProgramDma: W.EVT_WDF_PROGRAM_DMA = (Transaction, Device, _Context, Direction, _SgList) => {
  const ctx = DeviceGetContext(Device);
  ctx.Fragments.push({
    direction: Direction,
    length: W.WdfDmaTransactionGetCurrentDmaTransferLength(Transaction),
    programmed: Now(),
    completed: -1,
  });
  if (Direction === W.WdfDmaDirectionWriteToDevice) {
    SetDmacr(ctx, R.DMACR_TXDMAE, 0);
    SetCr(ctx, R.CR_TXE, 0); // no-op after the first fragment: the transmitter keeps its character clock
  } else {
    SetDmacr(ctx, R.DMACR_RXDMAE, 0);
  }
  return true;
};

// EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE: the controller finished (or stopped) the current fragment.
export const UartEvtDmaTransferComplete: W.EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (
  Transaction, Device, _Context, Direction, Status,
) => {
  const ctx = DeviceGetContext(Device);
  // A HAL may answer a stop with DmaCancelled after the transaction has already ended (a terminal count that raced
  // the stop was completed first) and even after Release: that transaction is not ours any more — ignore it.
  if (!ChannelOf(ctx, Direction).Active) return;
  for (let i = ctx.Fragments.length - 1; i >= 0; i--) {
    const f = ctx.Fragments[i]!;
    if (f.direction === Direction && f.completed < 0) {
      f.completed = Now();
      break;
    }
  }
  const status = new W.Out<W.NTSTATUS>(W.STATUS_SUCCESS);
  if (Status === W.DmaComplete) {
    if (!W.WdfDmaTransactionDmaCompleted(Transaction, status)) return; // the next fragment is staged
  } else {
    // DmaCancelled (our StopSystemTransfer) or DmaError: count what reached the destination, then stop.
    const channel = ChannelOf(ctx, Direction);
    const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(channel.Enabler!, Direction)!;
    const left = adapter.DmaOperations.ReadDmaCounter(adapter);
    const moved = W.WdfDmaTransactionGetCurrentDmaTransferLength(Transaction) - left;
    W.WdfDmaTransactionDmaCompletedFinal(Transaction, moved, status);
    if (Status === W.DmaError && W.NT_SUCCESS(status.value)) status.value = W.STATUS_DEVICE_DATA_ERROR;
  }
  UartTransferDone(ctx, Direction, status.value);
};
