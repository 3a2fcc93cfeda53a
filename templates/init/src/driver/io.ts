// The I/O path (the shape of PLX9x5x Read.c): EvtIoWrite turns a request into a DMA transaction and executes it;
// the end of the transaction (SampleTransferDone) releases it and completes the request with the bytes moved.
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../device/regs.js';
import { ChannelOf, DeviceGetContext, type DEVICE_CONTEXT } from './context.js';
import { SampleEvtDmaTransactionConfigureDmaChannel, SampleEvtDmaTransactionDmaTransferComplete, SampleEvtProgramDma } from './dma.js';
import { SetCtrl } from './hw.js';

// EVT_WDF_IO_QUEUE_IO_WRITE
export const SampleEvtIoWrite: W.EVT_WDF_IO_QUEUE_IO_WRITE = (Queue, Request, _Length) => {
  SampleStartTransfer(W.WdfIoQueueGetDevice(Queue), Request, W.WdfDmaDirectionWriteToDevice);
};

/** Initializes the direction's transaction from the request and executes it (EvtProgramDma runs inside). */
export function SampleStartTransfer(Device: W.WDFDEVICE, Request: W.WDFREQUEST, Direction: number): void {
  const ctx = DeviceGetContext(Device);
  const channel = ChannelOf(ctx, Direction);
  const Transaction = channel.Transaction!;
  const status = W.WdfDmaTransactionInitializeUsingRequest(Transaction, Request, SampleEvtProgramDma, Direction);
  if (!W.NT_SUCCESS(status)) {
    W.WdfRequestCompleteWithInformation(Request, status, 0);
    return;
  }
  // Per-transaction settings go after Initialize (Release clears them).
  W.WdfDmaTransactionSetChannelConfigurationCallback(Transaction, SampleEvtDmaTransactionConfigureDmaChannel, Direction);
  W.WdfDmaTransactionSetTransferCompleteCallback(Transaction, SampleEvtDmaTransactionDmaTransferComplete, null);
  // The channel is this transaction's alone, so EvtProgramDma runs inside WdfDmaTransactionExecute.
  W.WdfDmaTransactionSetImmediateExecution(Transaction, true);
  channel.Request = Request;
  channel.Active = true;
  const executed = W.WdfDmaTransactionExecute(Transaction, null);
  if (!W.NT_SUCCESS(executed)) SampleTransferDone(ctx, Direction, executed, /* executed */ false);
}

/** The direction's transaction has ended with `status`: stop the device's DMA request, release, complete. */
export function SampleTransferDone(ctx: DEVICE_CONTEXT, Direction: number, status: W.NTSTATUS, executed = true): void {
  const channel = ChannelOf(ctx, Direction);
  const Transaction = channel.Transaction!;
  const bytes = executed ? W.WdfDmaTransactionGetBytesTransferred(Transaction) : 0;
  channel.Active = false;
  W.WdfDmaTransactionRelease(Transaction);
  if (Direction === W.WdfDmaDirectionWriteToDevice) SetCtrl(ctx, 0, R.CTRL_TXDMAEN);
  const Request = channel.Request!;
  channel.Request = null;
  W.WdfRequestCompleteWithInformation(Request, status, bytes);
}
