// Stop, cancel, reservation and the remaining per-transaction settings (KMDF-SYSTEM-DMA.md A.3, B.2, B.4, D.5,
// D.6; FX-SYS StopTransfer, FX-BASE CancelResourceAllocation / SetImmediateExecution, FX-PKT ReserveAdapter /
// ReleaseAdapter; DDI pages WdfDmaTransactionStopSystemTransfer, WdfDmaTransactionCancel,
// WdfDmaTransactionAllocateResources, WdfDmaTransactionFreeResources, WdfDmaTransactionGetTransferInfo,
// WdfDmaTransactionWdmGetTransferContext, WdfDmaTransactionSetImmediateExecution,
// WdfDmaTransactionSetSingleTransferRequirement).
import { currentTracer, tracedDdi } from '../fx/trace-hooks.js';
import type { WDFCONTEXT, WDFDMATRANSACTION } from '../object/handles.js';
import { fxBoolean, fxCallback, fxOptionalOut, fxUnsigned } from '../verifier/arguments.js';
import {
  DISPATCH_LEVEL,
  NT_SUCCESS,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_INVALID_PARAMETER,
  newDmaTransferInfo,
  type DMA_TRANSFER_CONTEXT,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';
import { FxDmaEnabler } from './enabler.js';
import {
  FxDmaTransactionStateCreated,
  FxDmaTransactionStateDeleted,
  FxDmaTransactionStateInitialized,
  FxDmaTransactionStateInvalid,
  FxDmaTransactionStateReleased,
  FxDmaTransactionStateReserved,
  FxDmaTransactionStateTransfer,
  FxDmaTransactionStateTransferFailed,
} from './transaction.js';
import { requestChannel } from './transaction-staging.js';
import { txnOf } from './transaction-api.js';
import type { EVT_WDF_RESERVE_DMA, WDF_DMA_DIRECTION } from './dma-types.js';

/** WdfDmaTransactionStopSystemTransfer: sets the cancel flag, then HAL CancelMappedTransfer (no state check). */
export function WdfDmaTransactionStopSystemTransfer(DmaTransaction: WDFDMATRANSACTION): void {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionStopSystemTransfer', [DmaTransaction], () => wdfDmaTransactionStopSystemTransferBody(DmaTransaction));
  return wdfDmaTransactionStopSystemTransferBody(DmaTransaction);
}

function wdfDmaTransactionStopSystemTransferBody(DmaTransaction: WDFDMATRANSACTION): void {
  const ddi = 'WdfDmaTransactionStopSystemTransfer';
  const t = txnOf(DmaTransaction, ddi);
  t.cancelFlag = true;
  t.globals.kernel.coverage?.hit(t.mapped ? 'stop: after mapping' : 'stop: before mapping');
  const d = t.desc ?? t.enabler.read;
  if (!d || !t.transferContext) return;
  const status = d.adapter.DmaOperations.CancelMappedTransfer(d.adapter, t.transferContext);
  if (!NT_SUCCESS(status) && t.globals.isVerificationEnabled(11)) {
    t.fatal(ddi, 'The system transfer was already stopped; StopSystemTransfer must be called once per transfer.');
  }
}

/** WdfDmaTransactionCancel: TRUE only if the channel request was still waiting (then TransferFailed). */
export function WdfDmaTransactionCancel(DmaTransaction: WDFDMATRANSACTION): boolean {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionCancel', [DmaTransaction], () => wdfDmaTransactionCancelBody(DmaTransaction));
  return wdfDmaTransactionCancelBody(DmaTransaction);
}

function wdfDmaTransactionCancelBody(DmaTransaction: WDFDMATRANSACTION): boolean {
  const ddi = 'WdfDmaTransactionCancel';
  const t = txnOf(DmaTransaction, ddi);
  const s = t.state;
  if (s === FxDmaTransactionStateCreated || s === FxDmaTransactionStateReleased || s === FxDmaTransactionStateDeleted) {
    t.fatal(ddi, 'Cancel is not allowed in state Created, Released or Deleted.');
  }
  if (s === FxDmaTransactionStateInitialized && t.globals.options.docs.cancelBeforeExecuteReturnsFalse) return false;
  const d = t.channelAdapterDesc ?? t.desc ?? t.enabler.read;
  if (!d || !t.transferContext) return false;
  const cancelled = d.adapter.DmaOperations.CancelAdapterChannel(d.adapter, t.device.deviceObject, t.transferContext);
  t.globals.kernel.coverage?.hit(cancelled ? 'cancel: WdfDmaTransactionCancel returned TRUE' : 'cancel: WdfDmaTransactionCancel returned FALSE');
  if (cancelled) {
    t.channelRequested = false;
    t.state = FxDmaTransactionStateTransferFailed;
    t.releaseRequestReference();
    if (s === FxDmaTransactionStateReserved) {
      t.reservedMapRegisters = 0;
      t.reservedExplicit = false;
    }
  }
  return cancelled;
}

/** WdfDmaTransactionAllocateResources(DmaTransaction, DmaDirection, RequiredMapRegisters, EvtReserveDma, Context). */
export function WdfDmaTransactionAllocateResources(
  DmaTransaction: WDFDMATRANSACTION,
  DmaDirection: WDF_DMA_DIRECTION,
  RequiredMapRegisters: number,
  EvtReserveDma: EVT_WDF_RESERVE_DMA,
  EvtReserveDmaContext: WDFCONTEXT,
): NTSTATUS {
  const ddi = 'WdfDmaTransactionAllocateResources';
  const t = txnOf(DmaTransaction, ddi);
  if (!FxDmaEnabler.isDirection(DmaDirection)) return STATUS_INVALID_PARAMETER;
  RequiredMapRegisters = fxUnsigned(t.globals, ddi, 'RequiredMapRegisters', 3, RequiredMapRegisters, 0xffff_ffff, t);
  fxCallback(t.globals, ddi, 'EvtReserveDma', 4, EvtReserveDma, t);
  if (t.reservedMapRegisters > 0) t.fatal(ddi, 'The transaction already holds a reservation; free it with WdfDmaTransactionFreeResources first.');
  const s = t.state;
  const allowed =
    RequiredMapRegisters === 0
      ? s === FxDmaTransactionStateInitialized
      : s === FxDmaTransactionStateCreated || s === FxDmaTransactionStateInitialized || s === FxDmaTransactionStateReleased;
  if (!allowed) {
    t.fatal(ddi, RequiredMapRegisters === 0
      ? 'AllocateResources with RequiredMapRegisters 0 is allowed only in state Initialized.'
      : 'AllocateResources is allowed only in state Created, Initialized or Released.');
  }
  const d = t.enabler.description(DmaDirection);
  if (!d || !t.transferContext) return STATUS_INVALID_PARAMETER;
  if (RequiredMapRegisters > d.nmr) {
    t.state = FxDmaTransactionStateTransferFailed;
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  t.reservedMapRegisters = RequiredMapRegisters === 0 ? d.nmr : RequiredMapRegisters;
  t.reservedExplicit = RequiredMapRegisters !== 0;
  t.reserveDirection = DmaDirection;
  t.evtReserveDma = EvtReserveDma;
  t.reserveContext = EvtReserveDmaContext;
  // The reservation wipes the initialization (B.4).
  t.startMdl = null;
  t.startOffset = 0;
  t.length = t.remaining = t.transferred = 0;
  d.adapter.DmaOperations.InitializeDmaTransferContext(d.adapter, t.transferContext);
  t.deviceAddressOffset = 0;
  t.cancelFlag = false;
  t.state = FxDmaTransactionStateReserved;
  const status = requestChannel(t, t.reservedMapRegisters);
  if (!NT_SUCCESS(status)) {
    t.state = FxDmaTransactionStateTransferFailed;
    t.reservedMapRegisters = 0;
    t.reservedExplicit = false;
  }
  return status;
}

/** WdfDmaTransactionFreeResources: frees the channel and the reservation; the transaction becomes Released. */
export function WdfDmaTransactionFreeResources(DmaTransaction: WDFDMATRANSACTION): void {
  const ddi = 'WdfDmaTransactionFreeResources';
  const t = txnOf(DmaTransaction, ddi);
  const s = t.state;
  if (s === FxDmaTransactionStateInvalid || s === FxDmaTransactionStateCreated || s === FxDmaTransactionStateTransfer || s === FxDmaTransactionStateDeleted) {
    t.fatal(ddi, 'FreeResources is not allowed in state Invalid, Created, Transfer or Deleted.');
  }
  t.flush();
  t.reservedMapRegisters = 0;
  t.reservedExplicit = false;
  if (t.channelHeld) t.freeChannel();
  else if (t.channelRequested && t.channelAdapterDesc && t.transferContext) {
    const a = t.channelAdapterDesc.adapter;
    a.DmaOperations.CancelAdapterChannel(a, t.device.deviceObject, t.transferContext);
    t.channelRequested = false;
  }
  t.releaseRequestReference();
  t.reset();
  t.state = FxDmaTransactionStateReleased;
}

/** WdfDmaTransactionGetTransferInfo(DmaTransaction, MapRegisterCount, ScatterGatherElementCount). */
export function WdfDmaTransactionGetTransferInfo(
  DmaTransaction: WDFDMATRANSACTION,
  MapRegisterCount: Out<number> | null,
  ScatterGatherElementCount: Out<number> | null,
): void {
  const ddi = 'WdfDmaTransactionGetTransferInfo';
  const t = txnOf(DmaTransaction, ddi);
  MapRegisterCount = fxOptionalOut(t.globals, ddi, 'MapRegisterCount', 2, MapRegisterCount, t);
  ScatterGatherElementCount = fxOptionalOut(t.globals, ddi, 'ScatterGatherElementCount', 3, ScatterGatherElementCount, t);
  if (t.state !== FxDmaTransactionStateInitialized) t.fatal(ddi, 'GetTransferInfo is allowed only in state Initialized.');
  const d = t.desc!;
  const info = newDmaTransferInfo();
  d.adapter.DmaOperations.GetDmaTransferInfo(d.adapter, t.startMdl!, t.startOffset, t.length, t.direction === 1, info);
  if (MapRegisterCount) MapRegisterCount.value = info.V1.MapRegisterCount;
  if (ScatterGatherElementCount) ScatterGatherElementCount.value = info.V1.ScatterGatherElementCount;
}

/** WdfDmaTransactionWdmGetTransferContext: NULL (+ VerifierBreak) in Invalid, Created, Released, Deleted. */
export function WdfDmaTransactionWdmGetTransferContext(DmaTransaction: WDFDMATRANSACTION): DMA_TRANSFER_CONTEXT | null {
  const ddi = 'WdfDmaTransactionWdmGetTransferContext';
  const t = txnOf(DmaTransaction, ddi);
  const s = t.state;
  if (s === FxDmaTransactionStateInvalid || s === FxDmaTransactionStateCreated || s === FxDmaTransactionStateReleased || s === FxDmaTransactionStateDeleted) {
    t.verifierBreak(ddi, 'The transfer context is available only between Initialize and Release.');
    return null;
  }
  return t.transferContext;
}

/** WdfDmaTransactionSetImmediateExecution: kept across Initialize, cleared by Release (D.5). */
export function WdfDmaTransactionSetImmediateExecution(DmaTransaction: WDFDMATRANSACTION, UseImmediateExecution: boolean): void {
  const ddi = 'WdfDmaTransactionSetImmediateExecution';
  const t = txnOf(DmaTransaction, ddi);
  UseImmediateExecution = fxBoolean(t.globals, ddi, 'UseImmediateExecution', 2, UseImmediateExecution, t);
  const s = t.state;
  if (s !== FxDmaTransactionStateCreated && s !== FxDmaTransactionStateInitialized && s !== FxDmaTransactionStateReleased) {
    t.verifierBreak(ddi, 'SetImmediateExecution is meant for state Created, Initialized or Released (the flag is set anyway).');
  }
  t.immediate = UseImmediateExecution;
}

/** WdfDmaTransactionSetSingleTransferRequirement: only in Created, Released, Reserved (otherwise ignored). */
export function WdfDmaTransactionSetSingleTransferRequirement(DmaTransaction: WDFDMATRANSACTION, RequireSingleTransfer: boolean): void {
  const ddi = 'WdfDmaTransactionSetSingleTransferRequirement';
  const t = txnOf(DmaTransaction, ddi);
  RequireSingleTransfer = fxBoolean(t.globals, ddi, 'RequireSingleTransfer', 2, RequireSingleTransfer, t);
  if (t.globals.kernel.irql > DISPATCH_LEVEL && t.globals.options.verifier) {
    t.verifierBreak(ddi, `${ddi} must be called at IRQL <= DISPATCH_LEVEL; the call is ignored.`);
    return;
  }
  const s = t.state;
  if (s !== FxDmaTransactionStateCreated && s !== FxDmaTransactionStateReleased && s !== FxDmaTransactionStateReserved) {
    t.verifierBreak(ddi, 'SetSingleTransferRequirement is allowed only in state Created, Released or Reserved; the call is ignored.');
    return;
  }
  t.singleTransfer = RequireSingleTransfer;
}
