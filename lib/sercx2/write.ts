// One IRP_MJ_WRITE as SerCx2 handles it ("SerCx2 Handling of Read and Write Requests", SERIAL_TIMEOUTS): transactions
// in turn (select.ts) until every byte has been handed to the hardware and — with a DrainFifo callback — has left the
// transmit FIFO. The total write time-out (N × WriteTotalTimeoutMultiplier + WriteTotalTimeoutConstant ms) runs from
// the start of the first transaction. Completion: every byte → STATUS_SUCCESS; a time-out → STATUS_TIMEOUT; a cancel
// (the client's, a purge, the file's cleanup) → STATUS_CANCELLED with nothing written, else STATUS_SUCCESS; a failed
// transaction → its status. Information: the bytes that were sent (a stopped transaction's purge tells how many of
// those in the FIFO never left).
import { NT_SUCCESS, STATUS_CANCELLED, STATUS_SUCCESS, STATUS_TIMEOUT, type NTSTATUS } from '../hal/ntstatus.js';
import type { FxRequest, FxRequestBuffer } from '../kmdf/io/request.js';
import { WdfRequestCompleteWithInformation, WdfRequestUnmarkCancelable } from '../kmdf/io/request-api.js';
import { CustomTransmitTransaction } from './custom.js';
import type { SerCx2Device } from './device.js';
import { PioTransmitTransaction } from './pio.js';
import type { StopReason } from './read.js';
import { selectTransmit } from './select.js';
import { DmaTransmitTransaction } from './system-dma.js';
import type { Transaction, TransactionSink } from './transaction.js';

export class WriteOperation implements TransactionSink {
  private transferred = 0;
  private current: Transaction | null = null;
  private stopReason: StopReason | null = null;
  private error: NTSTATUS = STATUS_SUCCESS;
  private finished = false;

  constructor(
    readonly sx: SerCx2Device,
    readonly request: FxRequest,
    readonly buffer: FxRequestBuffer,
    readonly totalMs: number,
  ) {}

  get isFinished(): boolean {
    return this.finished;
  }

  begin(): void {
    if (this.totalMs > 0) this.sx.timers.start('txTotal', this.totalMs, () => this.stop('timeout'));
    this.next();
  }

  private next(): void {
    if (this.finished) return;
    if (this.stopReason || this.error !== STATUS_SUCCESS) return this.finish();
    const remaining = this.buffer.length - this.transferred;
    if (remaining === 0) return this.finish();
    const sel = selectTransmit(this.sx, this.buffer, this.transferred, remaining);
    const b = { buffer: this.buffer, offset: this.transferred, length: sel.length };
    const sx = this.sx;
    const t: Transaction =
      sel.kind === 'pio' ? new PioTransmitTransaction(sx.pioTransmit!, b, this)
      : sel.kind === 'dma' ? new DmaTransmitTransaction(sx.dmaTransmit!, b, this)
      : new CustomTransmitTransaction(sx.customTransmit!.transaction!, b, this);
    this.current = t;
    t.start();
  }

  done(moved: number, status: NTSTATUS): void {
    this.current = null;
    this.transferred += moved;
    if (!NT_SUCCESS(status)) this.error = status;
    this.next();
  }

  data(): void {}
  progress(): void {}
  wantMore(): boolean {
    return true;
  }

  stop(reason: StopReason): void {
    if (this.finished) return;
    this.stopReason ??= reason;
    this.sx.timers.cancel('txTotal');
    if (this.current) this.current.stop();
    else this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.sx.timers.cancel('txTotal');
    let status: NTSTATUS = STATUS_SUCCESS;
    if (this.error !== STATUS_SUCCESS) status = this.error;
    else if (this.stopReason === 'timeout') status = STATUS_TIMEOUT;
    else if (this.stopReason === 'cancel' && this.transferred === 0) status = STATUS_CANCELLED;
    this.sx.writeDone(this);
    WdfRequestUnmarkCancelable(this.request.handle);
    WdfRequestCompleteWithInformation(this.request.handle, status, this.transferred);
  }
}
