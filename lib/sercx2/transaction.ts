// What a read or write operation (read.ts, write.ts) needs from one SerCx2 I/O transaction, whatever moves the data —
// PIO (pio.ts), system DMA (system-dma.ts) or the driver's custom mechanism (custom.ts). A transaction moves up to
// `length` bytes between the request's buffer (at `offset`) and the controller, in one direction and one mode
// ("Overview of SerCx2 I/O Transactions"), and ends exactly once through `sink.done(moved, status)`: when it has moved
// everything, when it fails, or after stop() (a time-out, a cancel, a purge) with what it moved until then.
import type { NTSTATUS } from '../hal/ntstatus.js';
import type { FxRequestBuffer } from '../kmdf/io/request.js';

export type TransactionKind = 'pio' | 'dma' | 'custom';

export interface TransactionSink {
  /** The transaction has ended; `moved` bytes reached their destination. */
  done(moved: number, status: NTSTATUS): void;
  /** Receive: bytes arrived (PIO: a read returned some; DMA/custom: a new-data notification fired). */
  data(): void;
  /** Receive, custom: the driver's answer to a progress query (true = bytes moved since the last one). */
  progress(moved: boolean): void;
  /** Receive, PIO: whether to wait for more after a read left `moved` bytes in this transaction (false: an
   *  immediate read returns what was there; a first-data read has its data). */
  wantMore(moved: number): boolean;
}

export interface Transaction {
  readonly kind: TransactionKind;
  start(): void;
  /** End early; sink.done follows (at once or when the hardware has stopped). */
  stop(): void;
  /** Receive, DMA: bytes moved so far (ReadDmaCounter); custom: asks the driver (sink.progress answers). */
  poll?(): number | void;
  /** Receive: enables a one-shot new-data notification if the driver implements one (false: it does not). */
  enableNewData?(): boolean;
}

/** The buffer a transaction works on: the request's buffer and the part of it this transaction covers. */
export interface TransactionBuffer {
  buffer: FxRequestBuffer;
  offset: number;
  length: number;
}
