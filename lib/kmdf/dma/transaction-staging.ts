// Execute's path for a system transaction (KMDF-SYSTEM-DMA.md A.4 steps 2–6, C.2; FX-PKT StartTransfer /
// _AdapterControl / StageTransfer, FX-SYS PreMapTransfer / _SystemDmaCompletion). Ordering kept: configure channel →
// MapTransferEx (the HAL programs and starts the controller) → EvtProgramDma → transfer complete, and the transfer
// complete for a fragment is never delivered before EvtProgramDma for it returns (deferral). EvtProgramDma is never
// re-entered: a DmaCompleted* during staging only sets the re-stage flag and the loop below runs the next fragment.
import {
  DeallocateObject,
  DmaCancelled,
  DmaError,
  KeepObject,
  NT_SUCCESS,
  PAGE_SIZE,
  DMA_SYNCHRONOUS_CALLBACK,
  STATUS_CANCELLED,
  STATUS_SUCCESS,
  type DMA_ADAPTER,
  type DMA_COMPLETION_STATUS,
  type IO_ALLOCATION_ACTION,
  type MapRegisterBase,
  type NTSTATUS,
} from '../fx/hal.js';
import {
  FxDmaTransactionStateReleased,
  FxDmaTransactionStateReserved,
  FxDmaTransactionStateTransfer,
  FxDmaTransactionStateTransferCompleted,
  FxDmaTransactionStateTransferFailed,
  type FxDmaSystemTransaction,
} from './transaction.js';

/** A.4 step 2–3: size the first fragment and ask for the adapter channel (or use the reservation). */
export function startTransfer(t: FxDmaSystemTransaction): NTSTATUS {
  t.curOffset = t.startOffset;
  t.curLen = Math.min(t.remaining, t.maxFrag);
  if (t.reservedMapRegisters > 0 && t.channelHeld) {
    // The reservation holds the channel: AdapterControl runs directly and synchronously (FX-PKT StartTransfer).
    adapterControl(t, t.mapRegisterBase);
    return STATUS_SUCCESS;
  }
  return requestChannel(t, t.desc!.nmr);
}

/** AllocateAdapterChannelEx for Execute or AllocateResources (system DMA asks for all its map registers). */
export function requestChannel(t: FxDmaSystemTransaction, mapRegisters: number): NTSTATUS {
  const d = t.state === FxDmaTransactionStateReserved ? t.enabler.description(t.reserveDirection)! : t.desc!;
  t.channelAdapterDesc = d;
  t.channelRequested = true;
  const status = d.adapter.DmaOperations.AllocateAdapterChannelEx(
    d.adapter,
    t.device.deviceObject,
    t.transferContext!,
    mapRegisters,
    t.immediate ? DMA_SYNCHRONOUS_CALLBACK : 0,
    (_deviceObject: unknown, _irp: unknown, mapRegisterBase: MapRegisterBase, _context: unknown) =>
      adapterControl(t, mapRegisterBase),
    t,
    null,
  );
  if (!NT_SUCCESS(status)) t.channelRequested = false;
  return status;
}

/** FX-PKT _AdapterControl: the channel is granted. */
export function adapterControl(t: FxDmaSystemTransaction, mapRegisterBase: MapRegisterBase | null): IO_ALLOCATION_ACTION {
  t.channelRequested = false;
  if (t.state !== FxDmaTransactionStateReserved && t.state !== FxDmaTransactionStateTransfer) {
    // The transaction ended before the grant (only possible after misuse): give the channel straight back.
    return DeallocateObject;
  }
  t.channelHeld = true;
  t.mapRegisterBase = mapRegisterBase;
  if (t.state === FxDmaTransactionStateReserved) {
    const cb = t.evtReserveDma!;
    t.globals.callDriver('EvtReserveDma', () => cb(t.handle, t.reserveContext));
    return KeepObject;
  }
  const status = stageTransfer(t);
  if (!NT_SUCCESS(status) && t.state === FxDmaTransactionStateTransfer) {
    // Nobody to return the status to: synthesize the transfer-complete callback (C.5).
    deliverTransferComplete(t, status === STATUS_CANCELLED ? DmaCancelled : DmaError);
  }
  return KeepObject;
}

/** FX-PKT StageTransfer with its re-stage loop. Called from AdapterControl and from DmaCompleted*. */
export function stageTransfer(t: FxDmaSystemTransaction): NTSTATUS {
  if (t.staging) {
    // Nested or concurrent request for the next fragment: the running loop stages it after EvtProgramDma returns.
    t.rerunStaging = true;
    return STATUS_SUCCESS;
  }
  t.staging = true;
  let status: NTSTATUS = STATUS_SUCCESS;
  try {
    do {
      t.rerunStaging = false;
      status = stageOneFragment(t);
      if (!NT_SUCCESS(status)) break;
      if (t.completionPending && t.state === FxDmaTransactionStateTransfer) {
        // The HAL completion arrived during staging: deliver it now, on this thread (A.4 step 5f).
        t.completionPending = false;
        deliverTransferComplete(t, t.savedCompletionStatus);
      }
    } while (t.rerunStaging && t.state === FxDmaTransactionStateTransfer);
  } finally {
    t.staging = false;
    t.completionPending = false;
  }
  return status;
}

/** C.2 for one fragment. */
function stageOneFragment(t: FxDmaSystemTransaction): NTSTATUS {
  const d = t.desc!;
  let len = Math.min(t.remaining, t.maxFrag);
  t.curOffset = t.startOffset + t.transferred;
  if (t.reservedExplicit) {
    // C.1: a reservation smaller than needed clips the fragment to the reserved pages.
    const va = t.startMdl!.StartVa + t.startMdl!.ByteOffset + t.curOffset;
    const clip = PAGE_SIZE * (t.reservedMapRegisters - 1) + (PAGE_SIZE - (va % PAGE_SIZE));
    if (len > clip) len = clip;
  }
  t.curLen = len;
  t.remaining -= len;
  if (t.cancelFlag) {
    t.remaining += len;
    t.curLen = 0;
    return STATUS_CANCELLED;
  }
  const configure = t.configureCallback;
  if (configure) {
    const proceed = t.globals.callDriver('EvtDmaTransactionConfigureDmaChannel', () =>
      configure(t.handle, t.device.handle, t.configureContext, t.startMdl, t.curOffset, len),
    );
    // FALSE: nothing is mapped, EvtProgramDma is not called, and staging counts as successful (FX-SYS PreMapTransfer).
    if (!proceed) return STATUS_SUCCESS;
  }
  const box = t.lengthBox;
  box.value = len;
  const completion = t.completeCallback ? systemDmaCompletion : null;
  const adapter: DMA_ADAPTER = d.adapter;
  const status = adapter.DmaOperations.MapTransferEx(
    adapter,
    t.startMdl!,
    t.mapRegisterBase!,
    t.curOffset,
    t.deviceAddressOffset,
    box,
    t.direction === 1,
    t.enabler.sgList!,
    t.enabler.sgListSize,
    completion,
    t,
  );
  if (!NT_SUCCESS(status)) {
    t.remaining += len;
    t.curLen = 0;
    return status;
  }
  t.mapped = true;
  if (box.value < len) {
    // The HAL mapped less (QueryMaxFragments, MinimumTransferUnit): the rest goes back to `remaining`.
    t.remaining += len - box.value;
    t.curLen = box.value;
  }
  const program = t.evtProgramDma!;
  // The return value is ignored (B.5).
  t.globals.callDriver5('EvtProgramDma', program, t.handle, t.device.handle, t.executeContext, t.direction, t.enabler.sgList!);
  return STATUS_SUCCESS;
}

/** FX-SYS _SystemDmaCompletion: the HAL's DMA completion routine (at DISPATCH). */
export function systemDmaCompletion(
  _adapter: unknown,
  _deviceObject: unknown,
  context: unknown,
  status: DMA_COMPLETION_STATUS,
): void {
  const t = context as FxDmaSystemTransaction;
  // The source calls the driver without looking at the transaction's state: a completion the HAL delivers late
  // (after DmaCompletedFinal or Release; lib/hal late cancellation) reaches EvtDmaTransactionDmaTransferComplete as
  // long as it is registered, and a driver must guard against it. Only a deleted object (freed memory in C) is
  // left alone here.
  if (t.deleted) return;
  const coverage = t.globals.kernel.coverage;
  if (coverage !== null) {
    if (t.state === FxDmaTransactionStateReleased) coverage.hit('race: transfer complete after Release');
    else if (t.state === FxDmaTransactionStateTransferCompleted || t.state === FxDmaTransactionStateTransferFailed) coverage.hit('race: transfer complete after DmaCompletedFinal');
  }
  if (t.staging && t.state === FxDmaTransactionStateTransfer) {
    // At most one deferred completion is kept (A.4).
    t.globals.kernel.coverage?.hit('race: completion during EvtProgramDma');
    t.completionPending = true;
    t.savedCompletionStatus = status;
    return;
  }
  deliverTransferComplete(t, status);
}

/** EvtDmaTransactionDmaTransferComplete, if one is registered now. The status is passed on uninterpreted (C.5). */
export function deliverTransferComplete(t: FxDmaSystemTransaction, status: DMA_COMPLETION_STATUS): void {
  const cb = t.completeCallback;
  if (!cb) return;
  t.globals.callDriver5('EvtDmaTransactionDmaTransferComplete', cb, t.handle, t.device.handle, t.completeContext, t.direction, status);
}
