// WDFDMATRANSACTION DDIs: create, initialize, execute, complete, release, and the per-transaction settings
// (KMDF-SYSTEM-DMA.md A.3, B.2, B.3; FX-API fxdmatransactionapi.cpp, FX-BASE Initialize / Execute /
// ReleaseForReuse; DDI pages of each WdfDmaTransaction* routine).
import { currentTracer, tracedDdi } from '../fx/trace-hooks.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFCONTEXT, WDFDEVICE, WDFDMAENABLER, WDFDMATRANSACTION, WDFREQUEST } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { fxCallback, fxInteger, fxNullParameter, fxOptionalCallback, fxOut, fxUnsigned, fxWrongType } from '../verifier/arguments.js';
import {
  MDL as MdlClass,
  MmGetMdlByteCount,
  MmGetMdlVirtualAddress,
  NT_SUCCESS,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  allocateTransferContext,
  type MDL,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';
import { FxDmaEnabler } from './enabler.js';
import {
  FxDmaSystemTransaction,
  FxDmaTransactionStateCreated,
  FxDmaTransactionStateInitialized,
  FxDmaTransactionStateReleased,
  FxDmaTransactionStateReserved,
  FxDmaTransactionStateTransfer,
  FxDmaTransactionStateTransferFailed,
} from './transaction.js';
import { startTransfer } from './transaction-staging.js';
import { dmaCompleted } from './transaction-complete.js';
import { singleTransferChecks, requestDmaSource } from './transaction-init.js';
import type {
  EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL,
  EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE,
  EVT_WDF_PROGRAM_DMA,
  WDF_DMA_DIRECTION,
} from './dma-types.js';
import { FxRequest } from '../io/request.js';

export const txnOf = (h: WDFDMATRANSACTION, ddi: string): FxDmaSystemTransaction =>
  fxResolve(h, FxDmaSystemTransaction, ddi, 'WDFDMATRANSACTION');

/** WdfDmaTransactionCreate(DmaEnabler, Attributes, DmaTransaction). The enabler is always the parent. */
export function WdfDmaTransactionCreate(
  DmaEnabler: WDFDMAENABLER,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  DmaTransaction: Out<WDFDMATRANSACTION | null>,
): NTSTATUS {
  const ddi = 'WdfDmaTransactionCreate';
  const e = fxResolve(DmaEnabler, FxDmaEnabler, ddi, 'WDFDMAENABLER');
  const out = fxOut(e.globals, ddi, 'DmaTransaction', 3, DmaTransaction, e);
  const { status, attributes } = fxObjectAttributes(e.globals, ddi, 2, Attributes, e, { parent: 'not-allowed' });
  if (!NT_SUCCESS(status)) return status;
  // A.1 [inferred]: the transfer context is decided now, by the (read-direction) description's DMA version.
  const tc = e.read ? allocateTransferContext() : null;
  const t = new FxDmaSystemTransaction(e, tc);
  t.commit(attributes, e);
  out.value = t.handle;
  return STATUS_SUCCESS;
}

/** The MDL parameter of an Initialize DDI: NULL → 0x10D / 0x4, anything but an MDL → 0x10D / WDF_VERIFIER_FATAL_ERROR. */
function mdlArgument(t: FxDmaSystemTransaction, ddi: string, mdl: unknown, position: number): MDL {
  if (mdl instanceof MdlClass) return mdl;
  if (mdl === null || mdl === undefined) fxNullParameter(t.globals, ddi, 'Mdl', t);
  return fxWrongType(t.globals, ddi, 'Mdl', position, mdl, 'an MDL (IoAllocateMdl, WdfRequestRetrieve*WdmMdl)', t);
}

function initializeCommon(
  t: FxDmaSystemTransaction,
  ddi: string,
  evtProgramDma: EVT_WDF_PROGRAM_DMA | null,
  direction: WDF_DMA_DIRECTION,
  mdl: MDL | null,
  offset: number,
  length: number,
  request: FxRequest | null,
): NTSTATUS {
  const s = t.state;
  if (s !== FxDmaTransactionStateCreated && s !== FxDmaTransactionStateReserved && s !== FxDmaTransactionStateReleased) {
    t.fatal(ddi, 'Initialize is allowed only in state Created, Reserved or Released (call WdfDmaTransactionRelease first).');
  }
  const fail = (status: NTSTATUS, rule?: string): NTSTATUS => {
    if (rule) t.verifierBreak(ddi, rule);
    t.reset();
    t.state = FxDmaTransactionStateReleased;
    return status;
  };
  if (length === 0) return fail(STATUS_INVALID_PARAMETER);
  if (!FxDmaEnabler.isDirection(direction)) return fail(STATUS_INVALID_PARAMETER);
  if (offset < 0 || offset >= MmGetMdlByteCount(mdl!)) return fail(STATUS_INVALID_PARAMETER);
  if (!t.transferContext) {
    return fail(STATUS_INVALID_DEVICE_STATE, 'The transaction was created before WdfDmaEnablerConfigureSystemProfile, so it has no DMA transfer context; create transactions after configuring.');
  }
  const desc = t.enabler.description(direction);
  if (!desc) return fail(STATUS_INVALID_DEVICE_STATE, `Direction ${direction} of the enabler is not configured.`);
  if (t.reservedMapRegisters > 0 && direction !== t.reserveDirection) {
    t.verifierBreak(ddi, 'The transaction is initialized for a direction other than the one its reservation was made for.');
  }
  desc.adapter.DmaOperations.InitializeDmaTransferContext(desc.adapter, t.transferContext);
  t.desc = desc;
  t.direction = direction;
  t.startMdl = mdl;
  t.startOffset = offset;
  t.length = length;
  t.remaining = length;
  t.transferred = 0;
  t.curLen = 0;
  t.curOffset = offset;
  t.maxFrag = desc.maximumFragmentLength;
  t.evtProgramDma = evtProgramDma;
  t.deviceAddressOffset = 0;
  t.cancelFlag = false;
  t.request = request;
  if (t.singleTransfer) {
    const status = singleTransferChecks(t);
    if (!NT_SUCCESS(status)) return fail(status);
  }
  t.state = FxDmaTransactionStateInitialized;
  return STATUS_SUCCESS;
}

/** WdfDmaTransactionInitialize(DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, VirtualAddress, Length). */
export function WdfDmaTransactionInitialize(
  DmaTransaction: WDFDMATRANSACTION,
  EvtProgramDmaFunction: EVT_WDF_PROGRAM_DMA,
  DmaDirection: WDF_DMA_DIRECTION,
  Mdl: MDL,
  VirtualAddress: number,
  Length: number,
): NTSTATUS {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionInitialize', [DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, VirtualAddress, Length], () => wdfDmaTransactionInitializeBody(DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, VirtualAddress, Length));
  return wdfDmaTransactionInitializeBody(DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, VirtualAddress, Length);
}

function wdfDmaTransactionInitializeBody(
  DmaTransaction: WDFDMATRANSACTION,
  EvtProgramDmaFunction: EVT_WDF_PROGRAM_DMA,
  DmaDirection: WDF_DMA_DIRECTION,
  Mdl: MDL,
  VirtualAddress: number,
  Length: number,
): NTSTATUS {
  const ddi = 'WdfDmaTransactionInitialize';
  const t = txnOf(DmaTransaction, ddi);
  const g = t.globals;
  fxCallback(g, ddi, 'EvtProgramDmaFunction', 2, EvtProgramDmaFunction, t);
  const mdl = mdlArgument(t, ddi, Mdl, 4);
  const va = fxInteger(g, ddi, 'VirtualAddress', 5, VirtualAddress, t);
  const length = fxUnsigned(g, ddi, 'Length', 6, Length, Number.MAX_SAFE_INTEGER, t);
  return initializeCommon(t, ddi, EvtProgramDmaFunction, DmaDirection, mdl, va - MmGetMdlVirtualAddress(mdl), length, null);
}

/** WdfDmaTransactionInitializeUsingOffset(DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, Offset, Length). */
export function WdfDmaTransactionInitializeUsingOffset(
  DmaTransaction: WDFDMATRANSACTION,
  EvtProgramDmaFunction: EVT_WDF_PROGRAM_DMA,
  DmaDirection: WDF_DMA_DIRECTION,
  Mdl: MDL,
  Offset: number,
  Length: number,
): NTSTATUS {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionInitializeUsingOffset', [DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, Offset, Length], () => wdfDmaTransactionInitializeUsingOffsetBody(DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, Offset, Length));
  return wdfDmaTransactionInitializeUsingOffsetBody(DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, Offset, Length);
}

function wdfDmaTransactionInitializeUsingOffsetBody(
  DmaTransaction: WDFDMATRANSACTION,
  EvtProgramDmaFunction: EVT_WDF_PROGRAM_DMA,
  DmaDirection: WDF_DMA_DIRECTION,
  Mdl: MDL,
  Offset: number,
  Length: number,
): NTSTATUS {
  const ddi = 'WdfDmaTransactionInitializeUsingOffset';
  const t = txnOf(DmaTransaction, ddi);
  const g = t.globals;
  fxCallback(g, ddi, 'EvtProgramDmaFunction', 2, EvtProgramDmaFunction, t);
  const mdl = mdlArgument(t, ddi, Mdl, 4);
  const offset = fxUnsigned(g, ddi, 'Offset', 5, Offset, Number.MAX_SAFE_INTEGER, t);
  const length = fxUnsigned(g, ddi, 'Length', 6, Length, Number.MAX_SAFE_INTEGER, t);
  return initializeCommon(t, ddi, EvtProgramDmaFunction, DmaDirection, mdl, offset, length, null);
}

/** WdfDmaTransactionInitializeUsingRequest(DmaTransaction, Request, EvtProgramDmaFunction, DmaDirection). */
export function WdfDmaTransactionInitializeUsingRequest(
  DmaTransaction: WDFDMATRANSACTION,
  Request: WDFREQUEST,
  EvtProgramDmaFunction: EVT_WDF_PROGRAM_DMA,
  DmaDirection: WDF_DMA_DIRECTION,
): NTSTATUS {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionInitializeUsingRequest', [DmaTransaction, Request, EvtProgramDmaFunction, DmaDirection], () => wdfDmaTransactionInitializeUsingRequestBody(DmaTransaction, Request, EvtProgramDmaFunction, DmaDirection));
  return wdfDmaTransactionInitializeUsingRequestBody(DmaTransaction, Request, EvtProgramDmaFunction, DmaDirection);
}

function wdfDmaTransactionInitializeUsingRequestBody(
  DmaTransaction: WDFDMATRANSACTION,
  Request: WDFREQUEST,
  EvtProgramDmaFunction: EVT_WDF_PROGRAM_DMA,
  DmaDirection: WDF_DMA_DIRECTION,
): NTSTATUS {
  const ddi = 'WdfDmaTransactionInitializeUsingRequest';
  const t = txnOf(DmaTransaction, ddi);
  const r = fxResolve(Request, FxRequest, ddi, 'WDFREQUEST');
  fxCallback(t.globals, ddi, 'EvtProgramDmaFunction', 3, EvtProgramDmaFunction, t);
  const s = t.state;
  if (s !== FxDmaTransactionStateCreated && s !== FxDmaTransactionStateReserved && s !== FxDmaTransactionStateReleased) {
    t.fatal(ddi, 'Initialize is allowed only in state Created, Reserved or Released (call WdfDmaTransactionRelease first).');
  }
  if (!FxDmaEnabler.isDirection(DmaDirection)) {
    t.reset();
    t.state = FxDmaTransactionStateReleased;
    return STATUS_INVALID_PARAMETER;
  }
  const source = requestDmaSource(r, DmaDirection);
  if (typeof source === 'number') {
    t.reset();
    t.state = FxDmaTransactionStateReleased;
    return source;
  }
  return initializeCommon(t, ddi, EvtProgramDmaFunction, DmaDirection, source.mdl, 0, source.length, r);
}

/** WdfDmaTransactionExecute(DmaTransaction, Context). */
export function WdfDmaTransactionExecute(DmaTransaction: WDFDMATRANSACTION, Context: WDFCONTEXT): NTSTATUS {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionExecute', [DmaTransaction, Context], () => wdfDmaTransactionExecuteBody(DmaTransaction, Context));
  return wdfDmaTransactionExecuteBody(DmaTransaction, Context);
}

function wdfDmaTransactionExecuteBody(DmaTransaction: WDFDMATRANSACTION, Context: WDFCONTEXT): NTSTATUS {
  const ddi = 'WdfDmaTransactionExecute';
  const t = txnOf(DmaTransaction, ddi);
  if (t.state !== FxDmaTransactionStateInitialized) {
    if (t.globals.options.docs.executeReturnsInvalidDeviceRequest) return STATUS_INVALID_DEVICE_REQUEST;
    t.fatal(ddi, 'Execute is allowed only in state Initialized (call WdfDmaTransactionInitialize* first).');
  }
  t.referenceRequest();
  t.state = FxDmaTransactionStateTransfer;
  t.executeContext = Context;
  const status = startTransfer(t);
  if (!NT_SUCCESS(status)) {
    // Only a refused channel request gets here (for example immediate execution with a busy channel).
    t.state = FxDmaTransactionStateTransferFailed;
    t.executeContext = null;
    t.releaseRequestReference();
    return status;
  }
  return STATUS_SUCCESS;
}

/**
 * From EvtDmaTransactionDmaTransferComplete or the DPC: the current fragment is done. Returns false while more
 * fragments follow (the next is staged); true when the transaction is over, with its final status in `Status`.
 */
export function WdfDmaTransactionDmaCompleted(DmaTransaction: WDFDMATRANSACTION, Status: Out<NTSTATUS>): boolean {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionDmaCompleted', [DmaTransaction, Status], () => wdfDmaTransactionDmaCompletedBody(DmaTransaction, Status));
  return wdfDmaTransactionDmaCompletedBody(DmaTransaction, Status);
}

function wdfDmaTransactionDmaCompletedBody(DmaTransaction: WDFDMATRANSACTION, Status: Out<NTSTATUS>): boolean {
  const ddi = 'WdfDmaTransactionDmaCompleted';
  const t = txnOf(DmaTransaction, ddi);
  return dmaCompleted(t, ddi, 'full', 0, fxOut(t.globals, ddi, 'Status', 2, Status, t));
}

/**
 * WdfDmaTransactionDmaCompleted for a fragment of which only `TransferredLength` bytes moved (the device stopped
 * early); true when the transaction is over.
 */
export function WdfDmaTransactionDmaCompletedWithLength(
  DmaTransaction: WDFDMATRANSACTION,
  TransferredLength: number,
  Status: Out<NTSTATUS>,
): boolean {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionDmaCompletedWithLength', [DmaTransaction, TransferredLength, Status], () => wdfDmaTransactionDmaCompletedWithLengthBody(DmaTransaction, TransferredLength, Status));
  return wdfDmaTransactionDmaCompletedWithLengthBody(DmaTransaction, TransferredLength, Status);
}

function wdfDmaTransactionDmaCompletedWithLengthBody(
  DmaTransaction: WDFDMATRANSACTION,
  TransferredLength: number,
  Status: Out<NTSTATUS>,
): boolean {
  const ddi = 'WdfDmaTransactionDmaCompletedWithLength';
  const t = txnOf(DmaTransaction, ddi);
  const length = fxUnsigned(t.globals, ddi, 'TransferredLength', 2, TransferredLength, Number.MAX_SAFE_INTEGER, t);
  return dmaCompleted(t, ddi, 'length', length, fxOut(t.globals, ddi, 'Status', 3, Status, t));
}

/**
 * Ends the transaction after a fragment of which `FinalTransferredLength` bytes moved, whatever is left (a stopped or
 * failed transfer); true when it is over.
 */
export function WdfDmaTransactionDmaCompletedFinal(
  DmaTransaction: WDFDMATRANSACTION,
  FinalTransferredLength: number,
  Status: Out<NTSTATUS>,
): boolean {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionDmaCompletedFinal', [DmaTransaction, FinalTransferredLength, Status], () => wdfDmaTransactionDmaCompletedFinalBody(DmaTransaction, FinalTransferredLength, Status));
  return wdfDmaTransactionDmaCompletedFinalBody(DmaTransaction, FinalTransferredLength, Status);
}

function wdfDmaTransactionDmaCompletedFinalBody(
  DmaTransaction: WDFDMATRANSACTION,
  FinalTransferredLength: number,
  Status: Out<NTSTATUS>,
): boolean {
  const ddi = 'WdfDmaTransactionDmaCompletedFinal';
  const t = txnOf(DmaTransaction, ddi);
  const length = fxUnsigned(t.globals, ddi, 'FinalTransferredLength', 2, FinalTransferredLength, Number.MAX_SAFE_INTEGER, t);
  return dmaCompleted(t, ddi, 'final', length, fxOut(t.globals, ddi, 'Status', 3, Status, t));
}

/** WdfDmaTransactionRelease: Released; a second Release is a benign no-op (F.5). */
export function WdfDmaTransactionRelease(DmaTransaction: WDFDMATRANSACTION): NTSTATUS {
  const tracer = currentTracer();
  if (tracer !== null) return tracedDdi(tracer, 'WdfDmaTransactionRelease', [DmaTransaction], () => wdfDmaTransactionReleaseBody(DmaTransaction));
  return wdfDmaTransactionReleaseBody(DmaTransaction);
}

function wdfDmaTransactionReleaseBody(DmaTransaction: WDFDMATRANSACTION): NTSTATUS {
  const ddi = 'WdfDmaTransactionRelease';
  const t = txnOf(DmaTransaction, ddi);
  if (t.state === FxDmaTransactionStateReleased) {
    return t.globals.options.docs.doubleReleaseFails ? STATUS_INVALID_DEVICE_STATE : STATUS_SUCCESS;
  }
  if (t.state === FxDmaTransactionStateTransfer && t.globals.isVerificationEnabled(11)) {
    t.fatal(ddi, 'Release is not allowed in state Transfer; finish the transaction with DmaCompleted* first.');
  }
  t.flush();
  if (t.reservedMapRegisters === 0) {
    if (t.channelHeld) t.freeChannel();
    else if (t.channelRequested && t.channelAdapterDesc) {
      const a = t.channelAdapterDesc.adapter;
      a.DmaOperations.CancelAdapterChannel(a, t.device.deviceObject, t.transferContext!);
      t.channelRequested = false;
    }
  }
  t.releaseRequestReference();
  t.reset();
  t.state = FxDmaTransactionStateReleased;
  return STATUS_SUCCESS;
}

/** Bytes the transaction has moved so far (all completed fragments). */
export function WdfDmaTransactionGetBytesTransferred(DmaTransaction: WDFDMATRANSACTION): number {
  return txnOf(DmaTransaction, 'WdfDmaTransactionGetBytesTransferred').transferred;
}

/** The length of the fragment being transferred now (EvtProgramDma's, or the one just completed). */
export function WdfDmaTransactionGetCurrentDmaTransferLength(DmaTransaction: WDFDMATRANSACTION): number {
  return txnOf(DmaTransaction, 'WdfDmaTransactionGetCurrentDmaTransferLength').curLen;
}

/** WdfDmaTransactionSetMaximumLength: only a value below the adapter's fragment limit takes effect. */
export function WdfDmaTransactionSetMaximumLength(DmaTransaction: WDFDMATRANSACTION, MaximumLength: number): void {
  const ddi = 'WdfDmaTransactionSetMaximumLength';
  const t = txnOf(DmaTransaction, ddi);
  fxUnsigned(t.globals, ddi, 'MaximumLength', 2, MaximumLength, Number.MAX_SAFE_INTEGER, t);
  const limit = (t.desc ?? t.enabler.read)?.maximumFragmentLength ?? 0;
  if (MaximumLength > 0 && MaximumLength < limit) t.maxFrag = MaximumLength;
}

/**
 * Sets EvtDmaTransactionConfigureDmaChannel (and its context) for the transaction: called before each fragment is
 * mapped.
 */
export function WdfDmaTransactionSetChannelConfigurationCallback(
  DmaTransaction: WDFDMATRANSACTION,
  ConfigureRoutine: EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL | null,
  ConfigureContext: WDFCONTEXT,
): void {
  const ddi = 'WdfDmaTransactionSetChannelConfigurationCallback';
  const t = txnOf(DmaTransaction, ddi);
  t.configureCallback = fxOptionalCallback(t.globals, ddi, 'ConfigureRoutine', 2, ConfigureRoutine, t);
  t.configureContext = ConfigureContext;
}

/**
 * Sets EvtDmaTransactionDmaTransferComplete (and its context): the HAL's completion of each fragment of a
 * System-profile transaction.
 */
export function WdfDmaTransactionSetTransferCompleteCallback(
  DmaTransaction: WDFDMATRANSACTION,
  DmaCompletionRoutine: EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE | null,
  DmaCompletionContext: WDFCONTEXT,
): void {
  const ddi = 'WdfDmaTransactionSetTransferCompleteCallback';
  const t = txnOf(DmaTransaction, ddi);
  t.completeCallback = fxOptionalCallback(t.globals, ddi, 'DmaCompletionRoutine', 2, DmaCompletionRoutine, t);
  t.completeContext = DmaCompletionContext;
}

/** WdfDmaTransactionSetDeviceAddressOffset: Initialize resets it, so call it after Initialize (E.11). */
export function WdfDmaTransactionSetDeviceAddressOffset(DmaTransaction: WDFDMATRANSACTION, Offset: number): void {
  const ddi = 'WdfDmaTransactionSetDeviceAddressOffset';
  const t = txnOf(DmaTransaction, ddi);
  t.deviceAddressOffset = fxUnsigned(t.globals, ddi, 'Offset', 2, Offset, 0xffff_ffff, t);
}

/** The request a transaction was initialized from (WdfDmaTransactionInitializeUsingRequest), or null. */
export function WdfDmaTransactionGetRequest(DmaTransaction: WDFDMATRANSACTION): WDFREQUEST | null {
  const t = txnOf(DmaTransaction, 'WdfDmaTransactionGetRequest');
  return t.request && !t.request.deleted ? t.request.handle : null;
}

/** The device a transaction belongs to. */
export function WdfDmaTransactionGetDevice(DmaTransaction: WDFDMATRANSACTION): WDFDEVICE {
  return txnOf(DmaTransaction, 'WdfDmaTransactionGetDevice').device.handle;
}
