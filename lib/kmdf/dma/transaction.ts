// FxDmaSystemTransaction: the state and bookkeeping of a system-profile WDFDMATRANSACTION (KMDF-SYSTEM-DMA.md A.1,
// A.2; FX-BASE-H fxdmatransactionbase.hpp, FX-PKT-H, FX-SYS-H). The algorithms that move it are in
// transaction-staging.ts (A.4, C.2), transaction-complete.ts (C.3) and the DDI files.
import { coverTransition } from '../fx/coverage-points.js';
import { FxDmaTransactionStateCreated, FxDmaTransactionStateDeleted, FxDmaTransactionStateTransfer, TRANSACTION_STATE_NAMES } from './transaction-states.js';
import { FxObject } from '../object/fx-object.js';
import type { WDFCONTEXT, WDFDMATRANSACTION } from '../object/handles.js';
import { WDF_DMA_FATAL_ERROR, WDF_VIOLATION } from '../verifier/bugcheck.js';
import { Out, type DMA_COMPLETION_STATUS, type MapRegisterBase, type DMA_TRANSFER_CONTEXT, type MDL, type NTSTATUS } from '../fx/hal.js';
import type { FxRequest } from '../io/request.js';
import type { FxDmaDescription, FxDmaEnabler } from './enabler.js';
import type {
  EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL,
  EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE,
  EVT_WDF_PROGRAM_DMA,
  EVT_WDF_RESERVE_DMA,
  WDF_DMA_DIRECTION,
} from './dma-types.js';

export {
  FxDmaTransactionStateInvalid, FxDmaTransactionStateCreated, FxDmaTransactionStateReserved,
  FxDmaTransactionStateInitialized, FxDmaTransactionStateTransfer, FxDmaTransactionStateTransferCompleted,
  FxDmaTransactionStateTransferFailed, FxDmaTransactionStateReleased, FxDmaTransactionStateDeleted,
  TRANSACTION_STATE_NAMES,
} from './transaction-states.js';

export class FxDmaSystemTransaction extends FxObject {
  readonly typeName = 'WDFDMATRANSACTION';
  #state = FxDmaTransactionStateCreated;

  /** The transaction state (A.2); every change is counted while the machine is explored (coverage-points.ts). */
  get state(): number {
    return this.#state;
  }
  set state(to: number) {
    const from = this.#state;
    const globals = this.globals;
    if (globals.kernel.coverage !== null) coverTransition(globals.kernel, from, to);
    // how many of the driver's transactions are in Transfer (the coverage of timers and cancels asks)
    if (to === FxDmaTransactionStateTransfer && from !== to) globals.transfersRunning++;
    else if (from === FxDmaTransactionStateTransfer && to !== from) globals.transfersRunning--;
    this.#state = to;
  }

  // ---- per-Initialize ----
  direction: WDF_DMA_DIRECTION = 0;
  desc: FxDmaDescription | null = null;
  startMdl: MDL | null = null;
  startOffset = 0;
  length = 0;
  remaining = 0;
  transferred = 0;
  curLen = 0;
  curOffset = 0;
  maxFrag = 0;
  evtProgramDma: EVT_WDF_PROGRAM_DMA | null = null;
  executeContext: WDFCONTEXT = null;
  deviceAddressOffset = 0;
  cancelFlag = false;
  request: FxRequest | null = null;
  /** Execute took a reference on the request; dropped when the transaction ends. */
  requestReferenced = false;

  // ---- survive Initialize ----
  immediate = false;
  singleTransfer: boolean;
  configureCallback: EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL | null = null;
  configureContext: WDFCONTEXT = null;
  completeCallback: EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE | null = null;
  completeContext: WDFCONTEXT = null;

  // ---- reservation ----
  /** Map registers reserved by AllocateResources (0 = none). */
  reservedMapRegisters = 0;
  /** The reservation named an explicit count (only then fragments are clipped to it, C.1). */
  reservedExplicit = false;
  reserveDirection: WDF_DMA_DIRECTION = 0;
  evtReserveDma: EVT_WDF_RESERVE_DMA | null = null;
  reserveContext: WDFCONTEXT = null;

  // ---- the adapter channel ----
  /** The HAL transfer context (DMA v3 TC); null if created before ConfigureSystemProfile (A.1). */
  readonly transferContext: DMA_TRANSFER_CONTEXT | null;
  /** The adapter whose channel this transaction asked for or holds. */
  channelAdapterDesc: FxDmaDescription | null = null;
  channelRequested = false;
  channelHeld = false;
  mapRegisterBase: MapRegisterBase | null = null;
  /** A MapTransferEx has not been flushed yet. */
  mapped = false;
  readonly lengthBox = new Out(0);

  // ---- staging (FX-PKT m_TransferState) ----
  staging = false;
  rerunStaging = false;
  completionPending = false;
  savedCompletionStatus: DMA_COMPLETION_STATUS = 0;

  constructor(
    readonly enabler: FxDmaEnabler,
    transferContext: DMA_TRANSFER_CONTEXT | null,
  ) {
    super(enabler.globals);
    this.transferContext = transferContext;
    this.singleTransfer = enabler.requireSingleTransfer;
  }

  override get handle(): WDFDMATRANSACTION {
    return this as unknown as WDFDMATRANSACTION;
  }

  get stateInfo(): { name: string; number: number } {
    return { name: TRANSACTION_STATE_NAMES[this.state]!, number: this.state };
  }

  get device() {
    return this.enabler.device;
  }

  /** Bugcheck(8): KeBugCheckEx(0x10D, WDF_DMA_FATAL_ERROR, transaction, state). */
  fatal(ddi: string, rule: string): never {
    return this.globals.fatal(WDF_VIOLATION, WDF_DMA_FATAL_ERROR, this.handleValue, this.state, {
      ddi,
      object: this.describe(),
      state: this.stateInfo,
      rule,
    });
  }

  verifierBreak(ddi: string, rule: string): void {
    this.globals.verifierBreak(ddi, this.describe(), this.stateInfo, rule);
  }

  /** Execute's request reference (FX-BASE): taken at Execute, dropped when the transaction ends or fails. */
  referenceRequest(): void {
    if (this.request && !this.requestReferenced) {
      this.request.dmaReferences++;
      this.requestReferenced = true;
    }
  }

  releaseRequestReference(): void {
    if (this.request && this.requestReferenced) {
      this.request.dmaReferences--;
      this.requestReferenced = false;
    }
  }

  /** FlushAdapterBuffersEx for the mapped fragment, if one is outstanding. */
  flush(): NTSTATUS {
    if (!this.mapped) return 0;
    this.mapped = false;
    const d = this.desc!;
    return d.adapter.DmaOperations.FlushAdapterBuffersEx(
      d.adapter,
      this.startMdl!,
      this.mapRegisterBase!,
      this.curOffset,
      this.curLen,
      this.direction === 1,
    );
  }

  /** FreeAdapterChannel if this transaction holds the channel (KeepObject semantics, FX-SYS). */
  freeChannel(): void {
    if (!this.channelHeld) return;
    this.channelHeld = false;
    this.channelRequested = false;
    this.mapRegisterBase = null;
    const d = this.channelAdapterDesc!;
    d.adapter.DmaOperations.FreeAdapterChannel(d.adapter);
  }

  /** WdfObjectDelete in Transfer: Bugcheck(8) [verifier, 1.9+] (FX-BASE Dispose). */
  protected override validateDelete(): void {
    if (this.state === FxDmaTransactionStateTransfer && this.globals.isVerificationEnabled(9)) {
      this.fatal('WdfObjectDelete', 'A DMA transaction must not be deleted while in Transfer; finish it with DmaCompleted* first.');
    }
  }

  /** FX-BASE Dispose: forces release of everything, the reservation included. */
  protected override dispose(): void {
    this.flush();
    if (this.channelHeld) this.freeChannel();
    else if (this.channelRequested && this.channelAdapterDesc) {
      const a = this.channelAdapterDesc.adapter;
      a.DmaOperations.CancelAdapterChannel(a, this.device.deviceObject, this.transferContext!);
      this.channelRequested = false;
    }
    this.reservedMapRegisters = 0;
    this.reservedExplicit = false;
    this.releaseRequestReference();
    this.request = null;
    this.state = FxDmaTransactionStateDeleted;
  }

  /** FX-BASE Reset: what Release and FreeResources wipe (not the reservation, device offset or, in code, callbacks). */
  reset(): void {
    this.desc = null;
    this.startMdl = null;
    this.startOffset = 0;
    this.length = 0;
    this.remaining = 0;
    this.transferred = 0;
    this.curLen = 0;
    this.curOffset = 0;
    this.maxFrag = 0;
    this.evtProgramDma = null;
    this.executeContext = null;
    this.singleTransfer = this.enabler.requireSingleTransfer;
    this.immediate = false;
    this.request = null;
    this.requestReferenced = false;
    this.rerunStaging = false;
    this.completionPending = false;
    if (this.globals.options.docs.releaseClearsCallbacks) {
      this.configureCallback = null;
      this.configureContext = null;
      this.completeCallback = null;
      this.completeContext = null;
    }
  }
}
