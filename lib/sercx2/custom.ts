// Custom-receive and custom-transmit transactions ("SerCx2 Custom-Receive Transactions", "…Custom-Transmit…"; the
// EVT_SERCX2_CUSTOM_* pages): the driver moves the data with its own mechanism and owns the transaction's request.
// [Initialize(Mdl, Offset, Length) → …InitializeComplete] → Start(Request, Mdl, Offset, Length): the driver marks the
// request cancelable and completes it (WdfRequestCompleteWithInformation: the bytes it moved) when the transaction is
// done. The Request is one SerCx2 makes for the transaction (with SERCX2_CONFIG.RequestAttributes' context), not the
// client's IRP_MJ_READ / IRP_MJ_WRITE: the driver uses the Mdl/Offset/Length, never the request's buffers. A stop
// (time-out, cancel, purge) is a cancel of that request (the driver's EvtRequestCancel runs). Receive progress:
// SerCx2 calls QueryProgress and the driver answers with SerCx2CustomReceiveTransactionReportProgress (bytes moved
// since its last report, or none); an optional one-shot new-data notification tells SerCx2 the first byte came. Then
// [Cleanup → …CleanupComplete]. A cancelled custom transaction that moved bytes counts them (the request's
// Information); STATUS_CANCELLED from it is not an error.
import { NT_SUCCESS, STATUS_CANCELLED, STATUS_SUCCESS, type NTSTATUS } from '../hal/ntstatus.js';
import { FxRequest } from '../kmdf/io/request.js';
import { IRP_MJ_READ, IRP_MJ_WRITE } from '../kmdf/io/request-types.js';
import { fxCancelRequest } from '../kmdf/pnp/io-manager.js';
import {
  FxSerCx2CustomReceiveTransaction,
  FxSerCx2CustomTransmitTransaction,
  sercx2Resolve,
} from './objects.js';
import {
  SerCx2CustomReceiveTransactionBytesTransferred,
  SerCx2CustomReceiveTransactionNoProgress,
  type SERCX2CUSTOMRECEIVETRANSACTION,
  type SERCX2CUSTOMTRANSMITTRANSACTION,
  type SERCX2_CUSTOM_RECEIVE_TRANSACTION_PROGRESS,
} from './sercx2-types.js';
import type { Transaction, TransactionBuffer, TransactionSink } from './transaction.js';
import { sercx2Fatal } from './verifier.js';

type CustomObject = FxSerCx2CustomReceiveTransaction | FxSerCx2CustomTransmitTransaction;

abstract class CustomTransactionBase implements Transaction {
  readonly kind = 'custom';
  protected request: FxRequest | null = null;
  protected stopping = false;
  private ended = false;

  constructor(
    protected readonly o: CustomObject,
    protected readonly b: TransactionBuffer,
    protected readonly sink: TransactionSink,
    private readonly majorFunction: number,
    private readonly names: { initialize: string; start: string; cleanup: string },
  ) {}

  protected abstract callbacks(): {
    initialize: ((h: unknown, m: TransactionBuffer['buffer']['mdl'], o: number, l: number) => void) | null;
    start: (h: unknown, r: FxRequest['handle'], m: TransactionBuffer['buffer']['mdl'], o: number, l: number) => void;
    cleanup: ((h: unknown) => void) | null;
  };

  start(): void {
    const { initialize } = this.callbacks();
    if (!initialize) return this.begin();
    this.o.initialize.begin(
      () => this.o.sercx.call(this.names.initialize, () => initialize(this.o.handle, this.b.buffer.mdl, this.b.offset, this.b.length)),
      () => this.begin(),
    );
  }

  private begin(): void {
    if (this.stopping) return this.end(0, STATUS_SUCCESS);
    const sercx = this.o.sercx;
    const request = new FxRequest(sercx.device.globals, {
      majorFunction: this.majorFunction,
      length: this.b.length,
      input: null,
      output: null,
      fileObject: null,
      onComplete: (r) => this.requestDone(r),
    });
    request.commit(sercx.requestAttributes, null);
    request.driverOwned = true;
    this.request = request;
    const { start } = this.callbacks();
    sercx.call(this.names.start, () => start(this.o.handle, request.handle, this.b.buffer.mdl, this.b.offset, this.b.length));
  }

  stop(): void {
    if (this.ended || this.stopping) return;
    this.stopping = true;
    const r = this.request;
    if (r && !r.completed) fxCancelRequest(r);
  }

  private requestDone(r: FxRequest): void {
    const moved = Math.max(0, Math.min(this.b.length, Math.floor(r.information)));
    this.onRequestDone();
    const status: NTSTATUS = r.status === STATUS_CANCELLED || NT_SUCCESS(r.status) ? STATUS_SUCCESS : r.status;
    this.end(moved, status);
  }

  /** The request is completed: receive drops its notification and progress hooks. */
  protected onRequestDone(): void {}

  private end(moved: number, status: NTSTATUS): void {
    if (this.ended) return;
    this.ended = true;
    const { cleanup } = this.callbacks();
    const done = () => this.sink.done(moved, status);
    if (!cleanup) return done();
    this.o.cleanup.begin(() => this.o.sercx.call(this.names.cleanup, () => cleanup(this.o.handle)), done);
  }
}

export class CustomReceiveTransaction extends CustomTransactionBase {
  constructor(private readonly rx: FxSerCx2CustomReceiveTransaction, b: TransactionBuffer, sink: TransactionSink) {
    super(rx, b, sink, IRP_MJ_READ, {
      initialize: 'EvtSerCx2CustomReceiveTransactionInitialize',
      start: 'EvtSerCx2CustomReceiveTransactionStart',
      cleanup: 'EvtSerCx2CustomReceiveTransactionCleanup',
    });
  }

  protected callbacks() {
    const c = this.rx.config;
    return {
      initialize: c.EvtSerCx2CustomReceiveTransactionInitialize as never,
      start: c.EvtSerCx2CustomReceiveTransactionStart as never,
      cleanup: c.EvtSerCx2CustomReceiveTransactionCleanup as never,
    };
  }

  /** Asks the driver for progress; its SerCx2CustomReceiveTransactionReportProgress answers through sink.progress. */
  poll(): void {
    if (!this.request || this.request.completed) return;
    const query = this.rx.config.EvtSerCx2CustomReceiveTransactionQueryProgress!;
    this.rx.onProgress = (p) => this.sink.progress(p === SerCx2CustomReceiveTransactionBytesTransferred);
    this.rx.sercx.call('EvtSerCx2CustomReceiveTransactionQueryProgress', () => query(this.rx.handle as SERCX2CUSTOMRECEIVETRANSACTION));
  }

  enableNewData(): boolean {
    const enable = this.rx.config.EvtSerCx2CustomReceiveTransactionEnableNewDataNotification;
    if (!enable) return false;
    if (this.rx.newData.enabled || !this.request || this.request.completed) return true;
    this.rx.newData.enabled = true;
    this.rx.newData.onFire = () => this.sink.data();
    this.rx.sercx.call('EvtSerCx2CustomReceiveTransactionEnableNewDataNotification', () => enable(this.rx.handle as SERCX2CUSTOMRECEIVETRANSACTION));
    return true;
  }

  protected override onRequestDone(): void {
    // "The driver must never call SerCx2CustomReceiveTransactionNewDataNotification after the request is completed."
    this.rx.newData.enabled = false;
    this.rx.newData.onFire = null;
    this.rx.onProgress = null;
  }
}

export class CustomTransmitTransaction extends CustomTransactionBase {
  constructor(private readonly tx: FxSerCx2CustomTransmitTransaction, b: TransactionBuffer, sink: TransactionSink) {
    super(tx, b, sink, IRP_MJ_WRITE, {
      initialize: 'EvtSerCx2CustomTransmitTransactionInitialize',
      start: 'EvtSerCx2CustomTransmitTransactionStart',
      cleanup: 'EvtSerCx2CustomTransmitTransactionCleanup',
    });
  }

  protected callbacks() {
    const c = this.tx.config;
    return {
      initialize: c.EvtSerCx2CustomTransmitTransactionInitialize as never,
      start: c.EvtSerCx2CustomTransmitTransactionStart as never,
      cleanup: c.EvtSerCx2CustomTransmitTransactionCleanup as never,
    };
  }
}

// ---- the methods the driver calls ----
const crx = (h: SERCX2CUSTOMRECEIVETRANSACTION, ddi: string) =>
  sercx2Resolve(h, FxSerCx2CustomReceiveTransaction, ddi, 'SERCX2CUSTOMRECEIVETRANSACTION');
const ctx = (h: SERCX2CUSTOMTRANSMITTRANSACTION, ddi: string) =>
  sercx2Resolve(h, FxSerCx2CustomTransmitTransaction, ddi, 'SERCX2CUSTOMTRANSMITTRANSACTION');

/** The driver finished EvtSerCx2CustomReceiveTransactionInitialize: SerCx2 starts the custom receive. */
export function SerCx2CustomReceiveTransactionInitializeComplete(CustomReceiveTransaction: SERCX2CUSTOMRECEIVETRANSACTION): void {
  crx(CustomReceiveTransaction, 'SerCx2CustomReceiveTransactionInitializeComplete').initialize.complete();
}
/** The driver finished EvtSerCx2CustomReceiveTransactionCleanup: the custom receive is over. */
export function SerCx2CustomReceiveTransactionCleanupComplete(CustomReceiveTransaction: SERCX2CUSTOMRECEIVETRANSACTION): void {
  crx(CustomReceiveTransaction, 'SerCx2CustomReceiveTransactionCleanupComplete').cleanup.complete();
}
/**
 * New data arrived (after EvtSerCx2CustomReceiveTransactionEnableNewDataNotification): SerCx2 resumes the custom
 * receive.
 */
export function SerCx2CustomReceiveTransactionNewDataNotification(CustomReceiveTransaction: SERCX2CUSTOMRECEIVETRANSACTION): void {
  const ddi = 'SerCx2CustomReceiveTransactionNewDataNotification';
  const o = crx(CustomReceiveTransaction, ddi);
  if (!o.newData.enabled) {
    sercx2Fatal(o, ddi, `${ddi} may be called only after EvtSerCx2CustomReceiveTransactionEnableNewDataNotification, once per notification, and never after the transaction's request is completed.`);
  }
  o.newData.enabled = false;
  const next = o.newData.onFire;
  o.newData.onFire = null;
  next?.();
}
/** Answers EvtSerCx2CustomReceiveTransactionQueryProgress: the bytes received so far, or no progress. */
export function SerCx2CustomReceiveTransactionReportProgress(
  CustomReceiveTransaction: SERCX2CUSTOMRECEIVETRANSACTION,
  Progress: SERCX2_CUSTOM_RECEIVE_TRANSACTION_PROGRESS,
): void {
  const ddi = 'SerCx2CustomReceiveTransactionReportProgress';
  const o = crx(CustomReceiveTransaction, ddi);
  const answer = o.onProgress;
  if (!answer) sercx2Fatal(o, ddi, `${ddi} may be called only in response to EvtSerCx2CustomReceiveTransactionQueryProgress, once per query.`);
  if (Progress !== SerCx2CustomReceiveTransactionNoProgress && Progress !== SerCx2CustomReceiveTransactionBytesTransferred) {
    sercx2Fatal(o, ddi, `Progress ${String(Progress)} is not a SERCX2_CUSTOM_RECEIVE_TRANSACTION_PROGRESS value.`);
  }
  o.onProgress = null;
  answer(Progress);
}
/** The driver finished EvtSerCx2CustomTransmitTransactionInitialize: SerCx2 starts the custom transmit. */
export function SerCx2CustomTransmitTransactionInitializeComplete(CustomTransmitTransaction: SERCX2CUSTOMTRANSMITTRANSACTION): void {
  ctx(CustomTransmitTransaction, 'SerCx2CustomTransmitTransactionInitializeComplete').initialize.complete();
}
/** The driver finished EvtSerCx2CustomTransmitTransactionCleanup: the custom transmit is over. */
export function SerCx2CustomTransmitTransactionCleanupComplete(CustomTransmitTransaction: SERCX2CUSTOMTRANSMITTRANSACTION): void {
  ctx(CustomTransmitTransaction, 'SerCx2CustomTransmitTransactionCleanupComplete').cleanup.complete();
}
