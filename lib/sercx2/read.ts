// One IRP_MJ_READ as SerCx2 handles it ("SerCx2 Handling of Read and Write Requests", SERIAL_TIMEOUTS, timeouts.ts):
// bytes saved from the receive FIFO at the last D0 exit first, then transactions in turn (select.ts) until the buffer
// is full. The total time-out runs from the start of the first transaction; the interval time-out is armed by the
// first byte — PIO restarts an interval timer at every read that returns bytes (it fires after ReadIntervalTimeout of
// silence); system DMA and custom transactions are polled every ReadIntervalTimeout (DMA: ReadDmaCounter; custom:
// EvtSerCx2CustomReceiveTransactionQueryProgress) and time out at the first poll that finds no progress since the
// one before, after a first byte came (with a new-data notification the polls only begin once it fires) [ours:
// SerCx2's own polling schedule is not public; this one detects an interval time-out between one and two intervals
// after the last byte]. Immediate and first-data reads (the two MAXULONG forms) are PIO. Completion: every byte →
// STATUS_SUCCESS; a time-out → STATUS_TIMEOUT; a cancel (the client's, a purge, the file's cleanup) → STATUS_CANCELLED
// with nothing moved, else STATUS_SUCCESS; a transaction that failed → its status. Information: the bytes moved.
import { NT_SUCCESS, STATUS_CANCELLED, STATUS_SUCCESS, STATUS_TIMEOUT, type NTSTATUS } from '../hal/ntstatus.js';
import type { FxRequest, FxRequestBuffer } from '../kmdf/io/request.js';
import { WdfRequestCompleteWithInformation, WdfRequestUnmarkCancelable } from '../kmdf/io/request-api.js';
import { CustomReceiveTransaction } from './custom.js';
import type { SerCx2Device } from './device.js';
import { PioReceiveTransaction } from './pio.js';
import { selectReceive } from './select.js';
import { DmaReceiveTransaction } from './system-dma.js';
import type { ReadTimeoutPolicy } from './timeouts.js';
import type { Transaction, TransactionSink } from './transaction.js';

export type StopReason = 'timeout' | 'cancel';

export class ReadOperation implements TransactionSink {
  private transferred = 0;
  private current: Transaction | null = null;
  private stopReason: StopReason | null = null;
  private error: NTSTATUS = STATUS_SUCCESS;
  private finished = false;
  /** A byte of this read has arrived (arms the interval time-out). */
  private seenData = false;
  /** Bytes seen at the last interval poll. */
  private lastPolled = 0;
  private polling = false;

  constructor(
    readonly sx: SerCx2Device,
    readonly request: FxRequest,
    readonly buffer: FxRequestBuffer,
    readonly policy: ReadTimeoutPolicy,
  ) {}

  get isFinished(): boolean {
    return this.finished;
  }

  begin(): void {
    this.transferred = this.sx.takeSavedReceive(this.buffer.va, this.buffer.length);
    this.seenData = this.transferred > 0;
    if (this.transferred === this.buffer.length || (this.policy.firstData && this.seenData)) return this.finish();
    if (this.policy.totalMs > 0) this.sx.timers.start('rxTotal', this.policy.totalMs, () => this.stop('timeout'));
    this.next();
  }

  private next(): void {
    if (this.finished) return;
    if (this.stopReason || this.error !== STATUS_SUCCESS) return this.finish();
    const remaining = this.buffer.length - this.transferred;
    if (remaining === 0) return this.finish();
    const sel = this.policy.immediate || this.policy.firstData ? { kind: 'pio' as const, length: remaining } : selectReceive(this.sx, this.buffer, this.transferred, remaining);
    const b = { buffer: this.buffer, offset: this.transferred, length: sel.length };
    const sx = this.sx;
    const t: Transaction =
      sel.kind === 'pio' ? new PioReceiveTransaction(sx.pioReceive!, b, this)
      : sel.kind === 'dma' ? new DmaReceiveTransaction(sx.dmaReceive!, b, this)
      : new CustomReceiveTransaction(sx.customReceive!.transaction!, b, this);
    this.current = t;
    t.start();
    if (this.current === t && t.kind !== 'pio' && this.policy.intervalMs > 0) {
      // Polled interval detection; with a new-data notification the first poll waits for the first byte.
      if (this.seenData || !t.enableNewData?.()) this.startPolling();
    }
  }

  // ---- TransactionSink ----
  done(moved: number, status: NTSTATUS): void {
    this.current = null;
    this.transferred += moved;
    if (moved > 0) this.seenData = true;
    if (!NT_SUCCESS(status)) this.error = status;
    if (this.policy.immediate || (this.policy.firstData && this.transferred > 0)) return this.finish();
    this.next();
  }

  data(): void {
    this.seenData = true;
    if (this.finished || this.policy.intervalMs === 0) return;
    if (this.current?.kind === 'pio') {
      // PIO: the interval runs from the last read that returned bytes.
      this.sx.timers.start('rxInterval', this.policy.intervalMs, () => this.stop('timeout'));
    } else if (!this.polling) {
      this.startPolling();
    }
  }

  progress(moved: boolean): void {
    if (this.finished || !this.polling) return;
    this.evaluate(moved);
  }

  wantMore(moved: number): boolean {
    if (this.policy.immediate) return false;
    if (this.policy.firstData) return this.transferred + moved === 0;
    return true;
  }

  // ---- interval polling (DMA, custom) ----
  private startPolling(): void {
    this.polling = true;
    this.lastPolled = this.transferred + this.pollNow();
    this.sx.timers.start('rxInterval', this.policy.intervalMs, () => this.poll());
  }

  private pollNow(): number {
    const t = this.current;
    if (!t || t.kind !== 'dma') return 0;
    return (t.poll?.() as number) ?? 0;
  }

  private poll(): void {
    const t = this.current;
    if (this.finished || !t) return;
    if (t.kind === 'custom') {
      t.poll?.(); // the driver answers with ReportProgress → progress()
      return;
    }
    const now = this.transferred + this.pollNow();
    this.evaluate(now > this.lastPolled);
    this.lastPolled = now;
  }

  private evaluate(moved: boolean): void {
    if (moved) this.seenData = true;
    else if (this.seenData) return this.stop('timeout');
    this.sx.timers.start('rxInterval', this.policy.intervalMs, () => this.poll());
  }

  // ---- the end ----
  /** Time-out or cancel: the running transaction stops and reports what it moved. */
  stop(reason: StopReason): void {
    if (this.finished) return;
    this.stopReason ??= reason;
    this.sx.timers.cancel('rxTotal');
    this.sx.timers.cancel('rxInterval');
    if (this.current) this.current.stop();
    else this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.sx.timers.cancel('rxTotal');
    this.sx.timers.cancel('rxInterval');
    let status: NTSTATUS = STATUS_SUCCESS;
    if (this.error !== STATUS_SUCCESS) status = this.error;
    else if (this.stopReason === 'timeout') status = STATUS_TIMEOUT;
    else if (this.stopReason === 'cancel' && this.transferred === 0) status = STATUS_CANCELLED;
    this.sx.readDone(this);
    WdfRequestUnmarkCancelable(this.request.handle);
    WdfRequestCompleteWithInformation(this.request.handle, status, this.transferred);
  }
}
