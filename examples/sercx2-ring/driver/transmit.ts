// The SerCx2 ring driver's transmit side: custom-transmit transactions the driver runs on its own KMDF DMA transaction
// (WdfDmaTransactionInitialize on the transaction's MDL at its offset, system profile, demand mode, the TX request
// line). Start marks SerCx2's request cancelable and executes the DMA; EvtProgramDma turns the TX DMA request and the
// transmitter on; the transfer-complete callback finishes each fragment (DmaCompleted) and, after the last one, turns
// the request off and waits for the TX-empty interrupt (the last character has left the FIFO: the write is on the
// line) before completing the request with its length. The cancel routine (SerCx2's write time-out or purge, or the
// client's cancel) stops the DMA — its DmaCancelled counts what reached the FIFO from ReadDmaCounter and ends with
// DmaCompletedFinal — or, during the drain, stops waiting: those bytes are already in the FIFO and still go out
// (TODO(accuracy): the example UART has no TX FIFO flush). A DmaCancelled that comes after the transaction ended (a
// HAL that answers stops late, docs/hal-contract.md "Late completions") finds no transfer and is ignored.
import { CONFIGURE_FUNCTION, MmGetMdlVirtualAddress } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import type * as X from 'kmdf-dma-sim/sercx2';
import * as R from '../../uart/device/uart-regs.js';
import { ContextOf, DeviceGetContext, RequestGetContext, type DEVICE_CONTEXT } from './context.js';
import { SetCr, SetDmacr, SetImsc, Trace } from './hw.js';

const TxProgramDma: W.EVT_WDF_PROGRAM_DMA = (Transaction) => {
  const ctx = DeviceGetContext(W.WdfDmaTransactionGetDevice(Transaction));
  SetDmacr(ctx, R.DMACR_TXDMAE, 0);
  SetCr(ctx, R.CR_TXE, 0); // a no-op once on: the transmitter keeps its character clock
  return true;
};

const TxConfigureDmaChannel: W.EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (_Transaction, Device) => {
  const ctx = DeviceGetContext(Device);
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(ctx.TxEnabler!, W.WdfDmaDirectionWriteToDevice)!;
  const ops = adapter.DmaOperations;
  let status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([ctx.Parameters.TriggerLevel]));
  if (W.NT_SUCCESS(status)) status = ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.ACQUIRE_REQUEST_LINE, new Uint32Array([ctx.TxRequestLine]));
  return W.NT_SUCCESS(status);
};

const TxTransferComplete: W.EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (Transaction, Device, _Context, _Direction, Status) => {
  const ctx = DeviceGetContext(Device);
  const tx = ctx.Tx;
  if (!tx || tx.Phase !== 'dma') return; // a late DmaCancelled: the transaction it was about has ended
  const status = new W.Out<W.NTSTATUS>(W.STATUS_SUCCESS);
  if (Status === W.DmaComplete) {
    if (!W.WdfDmaTransactionDmaCompleted(Transaction, status)) return; // the next fragment is staged
  } else {
    const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(ctx.TxEnabler!, W.WdfDmaDirectionWriteToDevice)!;
    const left = adapter.DmaOperations.ReadDmaCounter(adapter);
    W.WdfDmaTransactionDmaCompletedFinal(Transaction, W.WdfDmaTransactionGetCurrentDmaTransferLength(Transaction) - left, status);
  }
  tx.Moved = W.WdfDmaTransactionGetBytesTransferred(Transaction);
  W.WdfDmaTransactionRelease(Transaction);
  SetDmacr(ctx, 0, R.DMACR_TXDMAE); // nothing more to fetch: a free-running character clock would count an underrun
  if (tx.Cancelled || Status === W.DmaError) {
    TxComplete(ctx, Status === W.DmaError ? W.STATUS_DEVICE_DATA_ERROR : W.STATUS_CANCELLED);
    return;
  }
  tx.Phase = 'drain';
  Trace(ctx, 'TxDrain');
  SetImsc(ctx, R.INT_TXE, 0); // an already empty FIFO interrupts at once
};

function TxComplete(ctx: DEVICE_CONTEXT, status: W.NTSTATUS): void {
  const tx = ctx.Tx!;
  ctx.Tx = null;
  Trace(ctx, `TxComplete(${tx.Moved})`);
  W.WdfRequestCompleteWithInformation(tx.Request, status, tx.Moved);
}

/** The DPC's TXE: the write has left the FIFO. */
export function TxDrained(ctx: DEVICE_CONTEXT): void {
  const tx = ctx.Tx;
  if (!tx || tx.Phase !== 'drain') return;
  if (W.NT_SUCCESS(W.WdfRequestUnmarkCancelable(tx.Request))) TxComplete(ctx, W.STATUS_SUCCESS);
}

const TxCancel: W.EVT_WDF_REQUEST_CANCEL = (Request) => {
  const ctx = DeviceGetContext(RequestGetContext(Request).Device!);
  const tx = ctx.Tx;
  if (!tx || tx.Request !== Request) return;
  Trace(ctx, `TxCancel(${tx.Phase})`);
  tx.Cancelled = true;
  if (tx.Phase === 'dma') {
    W.WdfDmaTransactionStopSystemTransfer(ctx.TxTransaction!); // its DmaCancelled completes the request
    return;
  }
  SetImsc(ctx, 0, R.INT_TXE);
  TxComplete(ctx, W.STATUS_CANCELLED);
}

export const TxStart: X.EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_START = (CustomTransmitTransaction, Request, Mdl, Offset, Length) => {
  const ctx = ContextOf(CustomTransmitTransaction);
  Trace(ctx, `TxStart(${Length})`);
  RequestGetContext(Request).Device = ctx.Device;
  ctx.Tx = { Request, Length, Phase: 'dma', Moved: 0, Cancelled: false };
  const t = ctx.TxTransaction!;
  let status = W.WdfDmaTransactionInitialize(t, TxProgramDma, W.WdfDmaDirectionWriteToDevice, Mdl, MmGetMdlVirtualAddress(Mdl) + Offset, Length);
  if (W.NT_SUCCESS(status)) {
    W.WdfDmaTransactionSetChannelConfigurationCallback(t, TxConfigureDmaChannel, null);
    W.WdfDmaTransactionSetTransferCompleteCallback(t, TxTransferComplete, null);
    W.WdfDmaTransactionSetImmediateExecution(t, true);
    status = W.WdfRequestMarkCancelableEx(Request, TxCancel);
    if (!W.NT_SUCCESS(status)) W.WdfDmaTransactionRelease(t);
  }
  if (W.NT_SUCCESS(status)) {
    status = W.WdfDmaTransactionExecute(t, null);
    if (!W.NT_SUCCESS(status)) {
      W.WdfDmaTransactionRelease(t);
      if (!W.NT_SUCCESS(W.WdfRequestUnmarkCancelable(Request))) return; // the cancel routine completes it
    }
  }
  if (!W.NT_SUCCESS(status)) TxComplete(ctx, status);
};
