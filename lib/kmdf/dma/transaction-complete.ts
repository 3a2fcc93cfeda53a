// DmaCompleted / DmaCompletedWithLength / DmaCompletedFinal (KMDF-SYSTEM-DMA.md C.3, C.4, E.12–E.17; FX-BASE
// DmaCompleted, FX-PKT TransferCompleted; DDI pages of the three DDIs). Returns TRUE when the transaction is over
// (Status = its final status), FALSE with STATUS_MORE_PROCESSING_REQUIRED when the next fragment was staged.
import {
  NT_SUCCESS,
  STATUS_CANCELLED,
  STATUS_INVALID_PARAMETER,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_SUCCESS,
  STATUS_WDF_TOO_MANY_TRANSFERS,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';
import {
  FxDmaTransactionStateTransfer,
  FxDmaTransactionStateTransferCompleted,
  FxDmaTransactionStateTransferFailed,
  type FxDmaSystemTransaction,
} from './transaction.js';
import { stageTransfer } from './transaction-staging.js';

export type CompletionKind = 'full' | 'length' | 'final';

export function dmaCompleted(
  t: FxDmaSystemTransaction,
  ddi: string,
  kind: CompletionKind,
  length: number,
  status: Out<NTSTATUS>,
): boolean {
  if (t.state !== FxDmaTransactionStateTransfer) {
    t.fatal(ddi, `${ddi} is allowed only in state Transfer (after Execute, before the transaction ends).`);
  }
  if (!t.channelHeld && t.globals.options.verifier) {
    // E.2: the source has no guard here and the outcome is undefined; the simulator flags it (TODO(accuracy)).
    t.fatal(ddi, `${ddi} was called before the adapter channel was granted (before EvtProgramDma for the first fragment).`);
  }
  const g = t.globals;
  if (kind !== 'full' && length > t.curLen) {
    t.verifierBreak(ddi, `The transferred length ${length} exceeds the current fragment (${t.curLen} bytes).`);
    if (g.options.docs.invalidLengthReturnsFalse) {
      status.value = STATUS_INVALID_PARAMETER;
      return false;
    }
    // Source: the flush is skipped, the transaction fails and the channel is released (C.3 step 2).
    return finish(t, STATUS_INVALID_PARAMETER, status);
  }
  if (kind === 'full') {
    t.transferred += t.curLen;
  } else {
    t.transferred += length;
    t.remaining += t.curLen - length;
    t.curLen = length;
  }
  const flushStatus = t.flush();
  if (!NT_SUCCESS(flushStatus)) {
    t.verifierBreak(ddi, 'FlushAdapterBuffersEx failed.');
    return finish(t, flushStatus, status);
  }
  if (t.singleTransfer && t.remaining > 0) return finish(t, STATUS_WDF_TOO_MANY_TRANSFERS, status);
  if (t.remaining === 0 || kind === 'final') return finish(t, STATUS_SUCCESS, status);
  if (t.cancelFlag && !t.completeCallback && g.options.docs.stopDmaCompletedReturnsFalse && !t.staging) {
    // F.2 (docs): after a Stop with no transfer-complete callback, DmaCompleted returns FALSE.
    status.value = STATUS_CANCELLED;
    return false;
  }
  const staged = stageTransfer(t);
  if (NT_SUCCESS(staged)) {
    status.value = STATUS_MORE_PROCESSING_REQUIRED;
    return false;
  }
  return finish(t, staged, status);
}

/** C.3 step 8: the transaction is over. */
export function finish(t: FxDmaSystemTransaction, result: NTSTATUS, status: Out<NTSTATUS>): boolean {
  t.state = NT_SUCCESS(result) ? FxDmaTransactionStateTransferCompleted : FxDmaTransactionStateTransferFailed;
  // An unflushed map (the invalid-length path) is flushed before the channel is reused or freed, so the HAL's
  // Driver Verifier checks hold. TODO(accuracy): the source skips this flush (C.3 step 2).
  t.flush();
  t.curLen = 0;
  t.releaseRequestReference();
  if (t.reservedMapRegisters === 0) t.freeChannel();
  status.value = result;
  return true;
}
