// The callback-then-*Complete pattern SerCx2 uses throughout (EvtSerCx2…InitializeTransaction →
// SerCx2…InitializeTransactionComplete, …CleanupTransaction → …CleanupTransactionComplete, DrainFifo →
// DrainFifoComplete, PurgeFifo → PurgeFifoComplete): SerCx2 calls the driver and does not go on until the driver calls
// the matching *Complete method — inside the callback or later (from a DPC, a timer). A *Complete with nothing pending
// is a verifier stop (verifier.ts).
import type { FxObject } from '../kmdf/object/fx-object.js';
import { sercx2Fatal } from './verifier.js';

export class Handshake<T = void> {
  private next: ((value: T) => void) | null = null;

  constructor(
    private readonly owner: FxObject,
    /** The *Complete DDI that ends it, and the callback it answers (for the verifier's message). */
    private readonly completeDdi: string,
    private readonly callbackName: string,
  ) {}

  get pending(): boolean {
    return this.next !== null;
  }

  /** Calls `callback`, then `then(value)` once the driver calls complete(value). */
  begin(callback: () => void, then: (value: T) => void): void {
    this.next = then;
    callback();
  }

  /** The driver guaranteed it will not complete (a cancelled drain): nothing is pending any more. */
  abandon(): void {
    this.next = null;
  }

  /** The driver's *Complete call. */
  complete(value: T): void {
    const next = this.next;
    if (!next) {
      sercx2Fatal(this.owner, this.completeDdi, `${this.completeDdi} may be called only in response to ${this.callbackName}, once per call; nothing is waiting for it.`);
    }
    this.next = null;
    next(value);
  }
}
