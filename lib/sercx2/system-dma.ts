// System-DMA-receive and -transmit transactions ("SerCx2 System-DMA-Receive Transactions", "…-Transmit Transactions";
// the EVT_SERCX2_SYSTEM_DMA_* pages): SerCx2 itself runs the WDFDMATRANSACTION of the object (made at *Create on the
// controller's DMA resource, system profile, demand mode) through the framework's public DDIs, as the class extension
// does: [InitializeTransaction(Length) → …Complete(InitSuccess)] → WdfDmaTransactionInitialize (the request's MDL at
// the transaction's offset) with SerCx2's configure-channel callback (→ EvtSerCx2SystemDma…ConfigureDmaChannel) and
// transfer-complete callback → Execute. DmaComplete → DmaCompleted (KMDF stages the next fragment); DmaCancelled /
// DmaError (a stop, a bus error) → ReadDmaCounter, DmaCompletedFinal with what reached the destination. Then Release,
// [the new-data notification settled: CancelNewDataNotification, or waiting for the one on its way], transmit:
// DrainFifo → DrainFifoComplete (or, stopped: PurgeFifo(bytes in the FIFO) → PurgeFifoComplete(bytes purged)), and
// [CleanupTransaction → …Complete]. A stop is WdfDmaTransactionStopSystemTransfer. A completion that comes for a
// transaction SerCx2 has already ended (a HAL that delivers DmaCancelled late, lib/hal late cancellation) is ignored.
// Interval time-outs: poll() reads ReadDmaCounter (SerCx2 polls it, the page's note says, so the HAL's must work).
import { Out } from '../hal/out.js';
import { NT_SUCCESS, STATUS_DEVICE_DATA_ERROR, STATUS_SUCCESS, STATUS_UNSUCCESSFUL, type NTSTATUS } from '../hal/ntstatus.js';
import { DmaComplete, DmaError } from '../hal/dma/types.js';
import type { WDFDMAENABLER } from '../kmdf/object/handles.js';
import {
  WdfDmaTransactionDmaCompleted,
  WdfDmaTransactionDmaCompletedFinal,
  WdfDmaTransactionExecute,
  WdfDmaTransactionGetBytesTransferred,
  WdfDmaTransactionGetCurrentDmaTransferLength,
  WdfDmaTransactionInitialize,
  WdfDmaTransactionRelease,
  WdfDmaTransactionSetChannelConfigurationCallback,
  WdfDmaTransactionSetTransferCompleteCallback,
} from '../kmdf/dma/transaction-api.js';
import { WdfDmaTransactionStopSystemTransfer } from '../kmdf/dma/transaction-control.js';
import {
  WdfDmaDirectionReadFromDevice,
  WdfDmaDirectionWriteToDevice,
  type EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL,
  type EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE,
  type EVT_WDF_PROGRAM_DMA,
} from '../kmdf/dma/dma-types.js';
import {
  FxSerCx2SystemDmaReceive,
  FxSerCx2SystemDmaTransmit,
  sercx2Resolve,
} from './objects.js';
import type { SERCX2SYSTEMDMARECEIVE, SERCX2SYSTEMDMATRANSMIT } from './sercx2-types.js';
import type { Transaction, TransactionBuffer, TransactionSink } from './transaction.js';
import { sercx2Fatal } from './verifier.js';
import { fxBoolean, fxUnsigned } from '../kmdf/verifier/arguments.js';

type DmaObject = FxSerCx2SystemDmaReceive | FxSerCx2SystemDmaTransmit;

/** SerCx2's EvtProgramDma: the controller is programmed by MapTransferEx; the driver's InitializeTransaction already
 *  enabled the controller's DMA request (demand mode), so there is nothing left to do here. */
const SerCx2ProgramDma: EVT_WDF_PROGRAM_DMA = () => true;

/** What both directions share: run the WDFDMATRANSACTION once, finish with the bytes that reached the destination. */
abstract class DmaTransactionBase implements Transaction {
  readonly kind = 'dma';
  protected active = false;
  protected stopping = false;
  protected ended = false;
  private stopIssued = false;
  private configureError: NTSTATUS = STATUS_SUCCESS;

  constructor(
    protected readonly o: DmaObject,
    protected readonly b: TransactionBuffer,
    protected readonly sink: TransactionSink,
    private readonly direction: number,
  ) {}

  protected abstract initializeCallback(): ((length: number) => void) | null;
  protected abstract configureCallback(): ((mdl: TransactionBuffer['buffer']['mdl'], offset: number, length: number) => NTSTATUS) | null;
  /** The WDFDMATRANSACTION has ended with `bytes` moved: what this direction does next. */
  protected abstract afterDma(bytes: number, status: NTSTATUS, stopped: boolean): void;

  start(): void {
    const init = this.initializeCallback();
    if (!init) return this.execute();
    (this.o.initialize as FxSerCx2SystemDmaReceive['initialize']).begin(() => init(this.b.length), (ok) =>
      ok ? this.execute() : this.finish(0, STATUS_UNSUCCESSFUL),
    );
  }

  private execute(): void {
    if (this.stopping) return this.finish(0, STATUS_SUCCESS);
    const t = this.o.dma.transaction;
    let s = WdfDmaTransactionInitialize(t, SerCx2ProgramDma, this.direction, this.b.buffer.mdl, this.b.buffer.va + this.b.offset, this.b.length);
    if (!NT_SUCCESS(s)) return this.finish(0, s);
    WdfDmaTransactionSetChannelConfigurationCallback(t, this.configureCallback() ? configureDmaChannel : null, this);
    WdfDmaTransactionSetTransferCompleteCallback(t, transferComplete, this);
    this.active = true;
    s = WdfDmaTransactionExecute(t, this);
    if (!NT_SUCCESS(s)) {
      this.active = false;
      WdfDmaTransactionRelease(t);
      return this.finish(0, s);
    }
  }

  /** Bytes moved so far (ReadDmaCounter of the running fragment). */
  poll(): number {
    if (!this.active) return 0;
    const t = this.o.dma.transaction;
    const a = this.o.dma.adapter;
    const current = WdfDmaTransactionGetCurrentDmaTransferLength(t);
    const left = current > 0 ? a.DmaOperations.ReadDmaCounter(a) : 0;
    return WdfDmaTransactionGetBytesTransferred(t) + current - left;
  }

  stop(): void {
    if (this.ended || this.stopping) return;
    this.stopping = true;
    this.stopRunning();
  }

  protected stopRunning(): void {
    if (this.active && !this.stopIssued) {
      this.stopIssued = true;
      WdfDmaTransactionStopSystemTransfer(this.o.dma.transaction);
    }
  }

  /** @internal the configure-channel callback for this transaction. */
  onConfigure(offset: number, length: number): boolean {
    const status = this.configureCallback()!(this.b.buffer.mdl, offset, length);
    if (NT_SUCCESS(status)) return true;
    // Nothing is mapped: end the transaction here (KMDF E.4) and fail the request with the driver's answer.
    this.configureError = status >>> 0;
    const st = new Out(0);
    WdfDmaTransactionDmaCompletedFinal(this.o.dma.transaction, 0, st);
    this.dmaEnded(STATUS_SUCCESS);
    return false;
  }

  /** @internal the transfer-complete callback for this transaction. */
  onTransferComplete(status: number): void {
    if (!this.active) return; // a completion for a transaction SerCx2 already ended: a late DmaCancelled
    const t = this.o.dma.transaction;
    const st = new Out(0);
    if (status === DmaComplete) {
      if (WdfDmaTransactionDmaCompleted(t, st)) this.dmaEnded(st.value);
      return;
    }
    const a = this.o.dma.adapter;
    const moved = WdfDmaTransactionGetCurrentDmaTransferLength(t) - a.DmaOperations.ReadDmaCounter(a);
    WdfDmaTransactionDmaCompletedFinal(t, Math.max(0, moved), st);
    this.dmaEnded(status === DmaError ? STATUS_DEVICE_DATA_ERROR : st.value);
  }

  private dmaEnded(status: NTSTATUS): void {
    const t = this.o.dma.transaction;
    const bytes = WdfDmaTransactionGetBytesTransferred(t);
    this.active = false;
    WdfDmaTransactionRelease(t);
    const final = this.configureError !== STATUS_SUCCESS ? this.configureError : status;
    this.afterDma(bytes, final, this.stopping);
  }

  /** The transaction is over: [CleanupTransaction → …Complete], then the sink. */
  protected finish(moved: number, status: NTSTATUS): void {
    if (this.ended) return;
    this.ended = true;
    const o = this.o;
    const cleanup =
      o instanceof FxSerCx2SystemDmaReceive
        ? o.config.EvtSerCx2SystemDmaReceiveCleanupTransaction
        : o.config.EvtSerCx2SystemDmaTransmitCleanupTransaction;
    const done = () => this.sink.done(moved, status);
    if (!cleanup) return done();
    const name = o instanceof FxSerCx2SystemDmaReceive ? 'EvtSerCx2SystemDmaReceiveCleanupTransaction' : 'EvtSerCx2SystemDmaTransmitCleanupTransaction';
    o.cleanup.begin(() => o.sercx.call(name, () => (cleanup as (h: unknown) => void)(o.handle)), done);
  }
}

const configureDmaChannel: EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (_t, _d, Context, _Mdl, Offset, Length) =>
  (Context as DmaTransactionBase).onConfigure(Offset, Length);
const transferComplete: EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (_t, _d, Context, _Dir, Status) =>
  (Context as DmaTransactionBase).onTransferComplete(Status);

export class DmaReceiveTransaction extends DmaTransactionBase {
  constructor(private readonly rx: FxSerCx2SystemDmaReceive, b: TransactionBuffer, sink: TransactionSink) {
    super(rx, b, sink, WdfDmaDirectionReadFromDevice);
  }

  protected initializeCallback() {
    const cb = this.rx.config.EvtSerCx2SystemDmaReceiveInitializeTransaction;
    const h = this.rx.handle as SERCX2SYSTEMDMARECEIVE;
    return cb ? (length: number) => this.rx.sercx.call('EvtSerCx2SystemDmaReceiveInitializeTransaction', () => cb(h, length)) : null;
  }

  protected configureCallback() {
    const cb = this.rx.config.EvtSerCx2SystemDmaReceiveConfigureDmaChannel;
    const h = this.rx.handle as SERCX2SYSTEMDMARECEIVE;
    return cb ? (mdl: TransactionBuffer['buffer']['mdl'], offset: number, length: number) =>
      this.rx.sercx.call('EvtSerCx2SystemDmaReceiveConfigureDmaChannel', () => cb(h, mdl, offset, length)) : null;
  }

  enableNewData(): boolean {
    const enable = this.rx.config.EvtSerCx2SystemDmaReceiveEnableNewDataNotification;
    if (!enable || this.rx.newData.enabled) return enable !== null;
    this.rx.newData.enabled = true;
    this.rx.newData.onFire = () => this.sink.data();
    this.rx.sercx.call('EvtSerCx2SystemDmaReceiveEnableNewDataNotification', () => enable(this.rx.handle as SERCX2SYSTEMDMARECEIVE));
    return true;
  }

  protected afterDma(bytes: number, status: NTSTATUS): void {
    // An enabled new-data notification is settled before the cleanup (the Cancel page's rule).
    const n = this.rx.newData;
    if (n.enabled) {
      const cancel = this.rx.config.EvtSerCx2SystemDmaReceiveCancelNewDataNotification!;
      if (this.rx.sercx.call('EvtSerCx2SystemDmaReceiveCancelNewDataNotification', () => cancel(this.rx.handle as SERCX2SYSTEMDMARECEIVE))) {
        n.enabled = false;
        n.onFire = null;
      } else {
        n.onFire = () => this.finish(bytes, status);
        return;
      }
    }
    this.finish(bytes, status);
  }
}

export class DmaTransmitTransaction extends DmaTransactionBase {
  private draining = false;

  constructor(private readonly tx: FxSerCx2SystemDmaTransmit, b: TransactionBuffer, sink: TransactionSink) {
    super(tx, b, sink, WdfDmaDirectionWriteToDevice);
  }

  protected initializeCallback() {
    const cb = this.tx.config.EvtSerCx2SystemDmaTransmitInitializeTransaction;
    const h = this.tx.handle as SERCX2SYSTEMDMATRANSMIT;
    return cb ? (length: number) => this.tx.sercx.call('EvtSerCx2SystemDmaTransmitInitializeTransaction', () => cb(h, length)) : null;
  }

  protected configureCallback() {
    const cb = this.tx.config.EvtSerCx2SystemDmaTransmitConfigureDmaChannel;
    const h = this.tx.handle as SERCX2SYSTEMDMATRANSMIT;
    return cb ? (mdl: TransactionBuffer['buffer']['mdl'], offset: number, length: number) =>
      this.tx.sercx.call('EvtSerCx2SystemDmaTransmitConfigureDmaChannel', () => cb(h, mdl, offset, length)) : null;
  }

  protected afterDma(bytes: number, status: NTSTATUS, stopped: boolean): void {
    if (!NT_SUCCESS(status)) return this.finish(bytes, status);
    if (stopped || bytes < this.b.length) return this.purge(bytes);
    const drain = this.tx.config.EvtSerCx2SystemDmaTransmitDrainFifo;
    if (!drain) return this.finish(bytes, status);
    this.draining = true;
    this.tx.drain.begin(() => this.tx.sercx.call('EvtSerCx2SystemDmaTransmitDrainFifo', () => drain(this.tx.handle as SERCX2SYSTEMDMATRANSMIT)), () => {
      this.draining = false;
      this.finish(bytes, STATUS_SUCCESS);
    });
  }

  protected override stopRunning(): void {
    super.stopRunning();
    if (!this.draining) return;
    const cancel = this.tx.config.EvtSerCx2SystemDmaTransmitCancelDrainFifo!;
    if (this.tx.sercx.call('EvtSerCx2SystemDmaTransmitCancelDrainFifo', () => cancel(this.tx.handle as SERCX2SYSTEMDMATRANSMIT))) {
      this.draining = false;
      this.tx.drain.abandon();
      this.purge(this.b.length);
    }
    // FALSE: the drain is completing; the write ends with every byte sent.
  }

  /** Stopped with `loaded` bytes written to the FIFO: PurgeFifo says how many of them never left. */
  private purge(loaded: number): void {
    const purge = this.tx.config.EvtSerCx2SystemDmaTransmitPurgeFifo;
    if (!purge) return this.finish(loaded, STATUS_SUCCESS);
    this.tx.purge.begin(() => this.tx.sercx.call('EvtSerCx2SystemDmaTransmitPurgeFifo', () => purge(this.tx.handle as SERCX2SYSTEMDMATRANSMIT, loaded)), (purged) =>
      this.finish(loaded - Math.min(purged, loaded), STATUS_SUCCESS),
    );
  }
}

// ---- the methods the driver calls ----
const rx = (h: SERCX2SYSTEMDMARECEIVE, ddi: string) => sercx2Resolve(h, FxSerCx2SystemDmaReceive, ddi, 'SERCX2SYSTEMDMARECEIVE');
const tx = (h: SERCX2SYSTEMDMATRANSMIT, ddi: string) => sercx2Resolve(h, FxSerCx2SystemDmaTransmit, ddi, 'SERCX2SYSTEMDMATRANSMIT');

/** The driver finished EvtSerCx2SystemDmaReceiveInitializeTransaction (false: it failed and SerCx2 ends the read). */
export function SerCx2SystemDmaReceiveInitializeTransactionComplete(SystemDmaReceive: SERCX2SYSTEMDMARECEIVE, InitSuccess: boolean): void {
  const ddi = 'SerCx2SystemDmaReceiveInitializeTransactionComplete';
  const o = rx(SystemDmaReceive, ddi);
  o.initialize.complete(fxBoolean(o.globals, ddi, 'InitSuccess', 2, InitSuccess, o));
}
/** The driver finished EvtSerCx2SystemDmaReceiveCleanupTransaction: the DMA receive is over. */
export function SerCx2SystemDmaReceiveCleanupTransactionComplete(SystemDmaReceive: SERCX2SYSTEMDMARECEIVE): void {
  rx(SystemDmaReceive, 'SerCx2SystemDmaReceiveCleanupTransactionComplete').cleanup.complete();
}
/**
 * New data arrived in the receive FIFO (after EvtSerCx2SystemDmaReceiveEnableNewDataNotification): SerCx2 starts or
 * resumes the DMA receive.
 */
export function SerCx2SystemDmaReceiveNewDataNotification(SystemDmaReceive: SERCX2SYSTEMDMARECEIVE): void {
  const ddi = 'SerCx2SystemDmaReceiveNewDataNotification';
  const o = rx(SystemDmaReceive, ddi);
  if (!o.newData.enabled) {
    sercx2Fatal(o, ddi, `${ddi} may be called only after EvtSerCx2SystemDmaReceiveEnableNewDataNotification, once per notification.`);
  }
  o.newData.enabled = false;
  const next = o.newData.onFire;
  o.newData.onFire = null;
  next?.();
}
/** The DMA enabler SerCx2 created for the system-DMA receive object. */
export function SerCx2SystemDmaReceiveGetDmaEnabler(SystemDmaReceive: SERCX2SYSTEMDMARECEIVE): WDFDMAENABLER {
  return rx(SystemDmaReceive, 'SerCx2SystemDmaReceiveGetDmaEnabler').dma.enabler;
}
/** The driver finished EvtSerCx2SystemDmaTransmitInitializeTransaction (false: it failed and SerCx2 ends the write). */
export function SerCx2SystemDmaTransmitInitializeTransactionComplete(SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT, InitSuccess: boolean): void {
  const ddi = 'SerCx2SystemDmaTransmitInitializeTransactionComplete';
  const o = tx(SystemDmaTransmit, ddi);
  o.initialize.complete(fxBoolean(o.globals, ddi, 'InitSuccess', 2, InitSuccess, o));
}
/** The driver finished EvtSerCx2SystemDmaTransmitCleanupTransaction: the DMA transmit is over. */
export function SerCx2SystemDmaTransmitCleanupTransactionComplete(SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT): void {
  tx(SystemDmaTransmit, 'SerCx2SystemDmaTransmitCleanupTransactionComplete').cleanup.complete();
}
/** The transmit FIFO has drained (after EvtSerCx2SystemDmaTransmitDrainFifo): the write can complete. */
export function SerCx2SystemDmaTransmitDrainFifoComplete(SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT): void {
  tx(SystemDmaTransmit, 'SerCx2SystemDmaTransmitDrainFifoComplete').drain.complete();
}
/** The transmit FIFO was purged (after EvtSerCx2SystemDmaTransmitPurgeFifo), with how many bytes it threw away. */
export function SerCx2SystemDmaTransmitPurgeFifoComplete(SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT, BytesPurged: number): void {
  const ddi = 'SerCx2SystemDmaTransmitPurgeFifoComplete';
  const o = tx(SystemDmaTransmit, ddi);
  o.purge.complete(fxUnsigned(o.globals, ddi, 'BytesPurged', 2, BytesPurged, 0xffff_ffff, o));
}
/** The DMA enabler SerCx2 created for the system-DMA transmit object. */
export function SerCx2SystemDmaTransmitGetDmaEnabler(SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT): WDFDMAENABLER {
  return tx(SystemDmaTransmit, 'SerCx2SystemDmaTransmitGetDmaEnabler').dma.enabler;
}
