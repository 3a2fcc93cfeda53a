// PIO-receive and PIO-transmit transactions ("SerCx2 PIO-Receive Transactions", "SerCx2 PIO-Transmit Transactions";
// the EVT_SERCX2_PIO_* pages) and the SerCx2Pio* methods the driver calls back. Receive: [InitializeTransaction →
// …Complete], then ReadBuffer until the buffer is full; a read that empties the FIFO first enables the one-shot ready
// notification and the next ReadBuffer waits for SerCx2PioReceiveReady; a stop cancels an enabled notification
// (CancelReadyNotification FALSE: SerCx2 waits for the Ready that is on its way); [CleanupTransaction → …Complete].
// Transmit: WriteBuffer until everything is in the FIFO (ready notifications when it fills), then DrainFifo →
// DrainFifoComplete (the last byte has left); a stop cancels the notification or the drain and PurgeFifo(bytes
// loaded) → PurgeFifoComplete(bytes purged) says how many never left. Without DrainFifo a write ends when its last
// byte is in the FIFO. SerCx2 calls ReadBuffer / WriteBuffer with the kernel VA of the request's buffer.
import { STATUS_SUCCESS } from '../hal/ntstatus.js';
import { sercx2Resolve, type FxSerCx2PioReceive, type FxSerCx2PioTransmit, FxSerCx2PioReceive as PioRx, FxSerCx2PioTransmit as PioTx } from './objects.js';
import type { SERCX2PIORECEIVE, SERCX2PIOTRANSMIT } from './sercx2-types.js';
import type { Transaction, TransactionBuffer, TransactionSink } from './transaction.js';
import { sercx2Fatal } from './verifier.js';
import { fxUnsigned } from '../kmdf/verifier/arguments.js';

function checkCount(o: FxSerCx2PioReceive | FxSerCx2PioTransmit, callback: string, n: unknown, max: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max) {
    sercx2Fatal(o, callback, `${callback} must return the number of bytes it moved, 0..${max} (the Length it was given); it returned ${String(n)}.`);
  }
  return n;
}

export class PioReceiveTransaction implements Transaction {
  readonly kind = 'pio';
  private moved = 0;
  private stopping = false;
  private ended = false;

  constructor(
    private readonly o: FxSerCx2PioReceive,
    private readonly b: TransactionBuffer,
    private readonly sink: TransactionSink,
  ) {}

  start(): void {
    const init = this.o.config.EvtSerCx2PioReceiveInitializeTransaction;
    if (!init) return this.read();
    this.o.initialize.begin(
      () => this.o.sercx.call('EvtSerCx2PioReceiveInitializeTransaction', () => init(this.o.handle as SERCX2PIORECEIVE)),
      () => this.read(),
    );
  }

  private read(): void {
    if (this.stopping) return this.end();
    const o = this.o;
    const want = this.b.length - this.moved;
    const readBuffer = o.config.EvtSerCx2PioReceiveReadBuffer!;
    const va = this.b.buffer.va + this.b.offset + this.moved;
    const n = checkCount(o, 'EvtSerCx2PioReceiveReadBuffer', o.sercx.call('EvtSerCx2PioReceiveReadBuffer', () => readBuffer(o.handle as SERCX2PIORECEIVE, va, want)), want);
    this.moved += n;
    if (n > 0) this.sink.data();
    if (this.moved === this.b.length || this.stopping || !this.sink.wantMore(this.moved)) return this.end();
    // The FIFO ran dry first: wait for the driver's ready notification.
    o.ready.enabled = true;
    o.ready.onFire = () => this.read();
    const enable = o.config.EvtSerCx2PioReceiveEnableReadyNotification!;
    o.sercx.call('EvtSerCx2PioReceiveEnableReadyNotification', () => enable(o.handle as SERCX2PIORECEIVE));
  }

  stop(): void {
    if (this.ended || this.stopping) return;
    this.stopping = true;
    const o = this.o;
    if (!o.ready.enabled) return; // inside initialize: read() sees `stopping` when it completes
    const cancel = o.config.EvtSerCx2PioReceiveCancelReadyNotification!;
    if (o.sercx.call('EvtSerCx2PioReceiveCancelReadyNotification', () => cancel(o.handle as SERCX2PIORECEIVE))) {
      o.ready.enabled = false;
      o.ready.onFire = null;
      this.end();
    }
    // FALSE: the driver has called or is about to call SerCx2PioReceiveReady; read() then sees `stopping`.
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    const cleanup = this.o.config.EvtSerCx2PioReceiveCleanupTransaction;
    const finish = () => this.sink.done(this.moved, STATUS_SUCCESS);
    if (!cleanup) return finish();
    this.o.cleanup.begin(() => this.o.sercx.call('EvtSerCx2PioReceiveCleanupTransaction', () => cleanup(this.o.handle as SERCX2PIORECEIVE)), finish);
  }
}

export class PioTransmitTransaction implements Transaction {
  readonly kind = 'pio';
  private loaded = 0;
  private stopping = false;
  private ended = false;
  private draining = false;

  constructor(
    private readonly o: FxSerCx2PioTransmit,
    private readonly b: TransactionBuffer,
    private readonly sink: TransactionSink,
  ) {}

  start(): void {
    const init = this.o.config.EvtSerCx2PioTransmitInitializeTransaction;
    if (!init) return this.write();
    this.o.initialize.begin(
      () => this.o.sercx.call('EvtSerCx2PioTransmitInitializeTransaction', () => init(this.o.handle as SERCX2PIOTRANSMIT)),
      () => this.write(),
    );
  }

  private write(): void {
    if (this.stopping) return this.purge();
    const o = this.o;
    const want = this.b.length - this.loaded;
    const writeBuffer = o.config.EvtSerCx2PioTransmitWriteBuffer!;
    const va = this.b.buffer.va + this.b.offset + this.loaded;
    this.loaded += checkCount(o, 'EvtSerCx2PioTransmitWriteBuffer', o.sercx.call('EvtSerCx2PioTransmitWriteBuffer', () => writeBuffer(o.handle as SERCX2PIOTRANSMIT, va, want)), want);
    if (this.loaded === this.b.length) return this.drain();
    o.ready.enabled = true;
    o.ready.onFire = () => this.write();
    const enable = o.config.EvtSerCx2PioTransmitEnableReadyNotification!;
    o.sercx.call('EvtSerCx2PioTransmitEnableReadyNotification', () => enable(o.handle as SERCX2PIOTRANSMIT));
  }

  private drain(): void {
    const o = this.o;
    const drain = o.config.EvtSerCx2PioTransmitDrainFifo;
    if (!drain) return this.end(this.loaded);
    this.draining = true;
    o.drain.begin(() => o.sercx.call('EvtSerCx2PioTransmitDrainFifo', () => drain(o.handle as SERCX2PIOTRANSMIT)), () => {
      this.draining = false;
      this.end(this.loaded);
    });
  }

  stop(): void {
    if (this.ended || this.stopping) return;
    this.stopping = true;
    const o = this.o;
    if (o.ready.enabled) {
      const cancel = o.config.EvtSerCx2PioTransmitCancelReadyNotification!;
      if (o.sercx.call('EvtSerCx2PioTransmitCancelReadyNotification', () => cancel(o.handle as SERCX2PIOTRANSMIT))) {
        o.ready.enabled = false;
        o.ready.onFire = null;
        this.purge();
      }
      return; // FALSE: write() runs on the Ready that is coming and purges
    }
    if (this.draining) {
      const cancel = o.config.EvtSerCx2PioTransmitCancelDrainFifo!;
      if (o.sercx.call('EvtSerCx2PioTransmitCancelDrainFifo', () => cancel(o.handle as SERCX2PIOTRANSMIT))) {
        this.draining = false;
        o.drain.abandon();
        this.purge();
      }
      // FALSE: the drain completes (everything left) and ends the transaction.
    }
  }

  private purge(): void {
    const o = this.o;
    const purge = o.config.EvtSerCx2PioTransmitPurgeFifo;
    if (!purge) return this.end(this.loaded);
    o.purge.begin(() => o.sercx.call('EvtSerCx2PioTransmitPurgeFifo', () => purge(o.handle as SERCX2PIOTRANSMIT, this.loaded)), (purged) => {
      this.end(this.loaded - Math.min(purged, this.loaded));
    });
  }

  private end(written: number): void {
    if (this.ended) return;
    this.ended = true;
    const cleanup = this.o.config.EvtSerCx2PioTransmitCleanupTransaction;
    const finish = () => this.sink.done(written, STATUS_SUCCESS);
    if (!cleanup) return finish();
    this.o.cleanup.begin(() => this.o.sercx.call('EvtSerCx2PioTransmitCleanupTransaction', () => cleanup(this.o.handle as SERCX2PIOTRANSMIT)), finish);
  }
}

// ---- the methods the driver calls ----
function fire(o: FxSerCx2PioReceive | FxSerCx2PioTransmit, ddi: string, enabler: string): void {
  if (!o.ready.enabled) {
    sercx2Fatal(o, ddi, `${ddi} may be called only after ${enabler} enabled the ready notification, once per notification.`);
  }
  o.ready.enabled = false;
  const next = o.ready.onFire;
  o.ready.onFire = null;
  next?.();
}

/**
 * Tells SerCx2 the receive FIFO has data (after EvtSerCx2PioReceiveEnableReadyNotification): it resumes reading with
 * EvtSerCx2PioReceiveReadBuffer.
 */
export function SerCx2PioReceiveReady(PioReceive: SERCX2PIORECEIVE): void {
  fire(sercx2Resolve(PioReceive, PioRx, 'SerCx2PioReceiveReady', 'SERCX2PIORECEIVE'), 'SerCx2PioReceiveReady', 'EvtSerCx2PioReceiveEnableReadyNotification');
}
/**
 * Tells SerCx2 the transmit FIFO has room (after EvtSerCx2PioTransmitEnableReadyNotification): it resumes writing with
 * EvtSerCx2PioTransmitWriteBuffer.
 */
export function SerCx2PioTransmitReady(PioTransmit: SERCX2PIOTRANSMIT): void {
  fire(sercx2Resolve(PioTransmit, PioTx, 'SerCx2PioTransmitReady', 'SERCX2PIOTRANSMIT'), 'SerCx2PioTransmitReady', 'EvtSerCx2PioTransmitEnableReadyNotification');
}
/** The driver finished EvtSerCx2PioReceiveInitializeTransaction: SerCx2 starts the PIO receive. */
export function SerCx2PioReceiveInitializeTransactionComplete(PioReceive: SERCX2PIORECEIVE): void {
  sercx2Resolve(PioReceive, PioRx, 'SerCx2PioReceiveInitializeTransactionComplete', 'SERCX2PIORECEIVE').initialize.complete();
}
/** The driver finished EvtSerCx2PioReceiveCleanupTransaction: the PIO receive is over. */
export function SerCx2PioReceiveCleanupTransactionComplete(PioReceive: SERCX2PIORECEIVE): void {
  sercx2Resolve(PioReceive, PioRx, 'SerCx2PioReceiveCleanupTransactionComplete', 'SERCX2PIORECEIVE').cleanup.complete();
}
/** The driver finished EvtSerCx2PioTransmitInitializeTransaction: SerCx2 starts the PIO transmit. */
export function SerCx2PioTransmitInitializeTransactionComplete(PioTransmit: SERCX2PIOTRANSMIT): void {
  sercx2Resolve(PioTransmit, PioTx, 'SerCx2PioTransmitInitializeTransactionComplete', 'SERCX2PIOTRANSMIT').initialize.complete();
}
/** The driver finished EvtSerCx2PioTransmitCleanupTransaction: the PIO transmit is over. */
export function SerCx2PioTransmitCleanupTransactionComplete(PioTransmit: SERCX2PIOTRANSMIT): void {
  sercx2Resolve(PioTransmit, PioTx, 'SerCx2PioTransmitCleanupTransactionComplete', 'SERCX2PIOTRANSMIT').cleanup.complete();
}
/** The transmit FIFO has drained (after EvtSerCx2PioTransmitDrainFifo): the write can complete. */
export function SerCx2PioTransmitDrainFifoComplete(PioTransmit: SERCX2PIOTRANSMIT): void {
  sercx2Resolve(PioTransmit, PioTx, 'SerCx2PioTransmitDrainFifoComplete', 'SERCX2PIOTRANSMIT').drain.complete();
}
/** The transmit FIFO was purged (after EvtSerCx2PioTransmitPurgeFifo), with how many bytes it threw away. */
export function SerCx2PioTransmitPurgeFifoComplete(PioTransmit: SERCX2PIOTRANSMIT, BytesPurged: number): void {
  const ddi = 'SerCx2PioTransmitPurgeFifoComplete';
  const o = sercx2Resolve(PioTransmit, PioTx, ddi, 'SERCX2PIOTRANSMIT');
  o.purge.complete(fxUnsigned(o.globals, ddi, 'BytesPurged', 2, BytesPurged, 0xffff_ffff, o));
}
