// One controller channel as the HAL sees it: who holds it (the adapter channel of AllocateAdapterChannelEx), who
// waits for it, and the transfer currently mapped on it. Adapters bound to the same controller channel share this
// state, so their requests queue behind each other (standard adapter-object semantics; KMDF-SYSTEM-DMA.md D.3, E.22).
// HAL decisions (UNCONFIRMED in KMDF-SYSTEM-DMA.md A.4 / D.3 / D.5, documented here):
//  - a request for a FREE channel (no holder, nobody waiting) is granted synchronously, inside
//    AllocateAdapterChannelEx, with or without DMA_SYNCHRONOUS_CALLBACK; the execution routine runs at DISPATCH_LEVEL
//    before the call returns;
//  - a request for a busy channel waits in FIFO order (or fails with STATUS_INSUFFICIENT_RESOURCES when it carries
//    DMA_SYNCHRONOUS_CALLBACK); queued requests are granted synchronously inside FreeAdapterChannel, at
//    DISPATCH_LEVEL, one after the other while the routines return DeallocateObject (an iterative loop, never
//    recursion: a FreeAdapterChannel made by a routine that is being granted lets the loop go on);
//  - CancelAdapterChannel removes a waiting request (TRUE; its routine never runs) and otherwise returns FALSE with
//    no effect — it does not pre-cancel a context that has not asked yet (F.6's recommendation).

import { DISPATCH_LEVEL } from '../irql.js';
import { KDPC } from '../interrupts/dpc.js';
import type { Kernel } from '../kernel.js';
import type { Out } from '../out.js';
import type { DMA_ADAPTER, DMA_TRANSFER_CONTEXT } from './adapter.js';
import { DeallocateObject, DeallocateObjectKeepRegisters, type DMA_COMPLETION_STATUS, type IO_ALLOCATION_ACTION } from './types.js';

/** PDRIVER_CONTROL: the execution routine of AllocateAdapterChannelEx. */
export type PDRIVER_CONTROL = (
  deviceObject: unknown,
  irp: unknown,
  mapRegisterBase: MapRegisterBase,
  context: unknown,
) => IO_ALLOCATION_ACTION;

/** PDMA_COMPLETION_ROUTINE. */
export type PDMA_COMPLETION_ROUTINE = (
  dmaAdapter: DMA_ADAPTER,
  deviceObject: unknown,
  completionContext: unknown,
  status: DMA_COMPLETION_STATUS,
) => void;

/** The opaque MapRegisterBase handed to the execution routine and passed back to MapTransferEx / Flush. */
export class MapRegisterBase {
  constructor(
    readonly adapter: DMA_ADAPTER,
    readonly transferContext: DMA_TRANSFER_CONTEXT,
    readonly mapRegisters: number,
  ) {}
}

export interface GrantRequest {
  adapter: DMA_ADAPTER;
  tc: DMA_TRANSFER_CONTEXT;
  deviceObject: unknown;
  mapRegisters: number;
  routine: PDRIVER_CONTROL | null;
  context: unknown;
  mapRegisterBaseOut: Out<MapRegisterBase | null> | null;
  base?: MapRegisterBase;
}

export interface MappedTransfer {
  adapter: DMA_ADAPTER;
  tc: DMA_TRANSFER_CONTEXT;
  deviceObject: unknown;
  routine: PDMA_COMPLETION_ROUTINE | null;
  context: unknown;
  length: number;
  flushed: boolean;
  /** Late-cancellation mode (HalDmaOptions.lateCancellation): the HAL itself answers this transfer's stop with a
   *  late DmaCancelled, so the controller's own Cancelled report for it is not delivered. */
  halCancels: boolean;
}

export class ChannelState {
  owner: GrantRequest | null = null;
  readonly waiters: GrantRequest[] = [];
  granting = false;
  mapped: MappedTransfer | null = null;
  /** Completion reports the controller ISR queued for the completion DPC: entries [deliveryHead, deliveryCount) of
   *  two parallel arrays, the transfer and its status (no report object per fragment). The arrays are written by
   *  index and never shortened, so their backing stores are kept (setting length = 0 frees them, and the next push
   *  allocates again); a delivered entry's transfer is cleared so it does not stay alive. */
  readonly deliveryTransfers: (MappedTransfer | null)[] = [];
  readonly deliveryStatuses: DMA_COMPLETION_STATUS[] = [];
  deliveryHead = 0;
  deliveryCount = 0;

  /** Queues a completion report for the completion DPC. */
  queueDelivery(transfer: MappedTransfer, status: DMA_COMPLETION_STATUS): void {
    const i = this.deliveryCount++;
    if (i < this.deliveryTransfers.length) {
      this.deliveryTransfers[i] = transfer;
      this.deliveryStatuses[i] = status;
    } else {
      this.deliveryTransfers.push(transfer);
      this.deliveryStatuses.push(status);
    }
  }
  readonly completionDpc = new KDPC();

  constructor(
    readonly kernel: Kernel,
    readonly channel: number,
  ) {
    this.completionDpc.costKey = 'HalDmaDpc';
    this.completionDpc.name = `the HAL DMA completion DPC of controller channel ${channel}`;
  }

  get busy(): boolean {
    return this.owner !== null || this.waiters.length > 0 || this.granting;
  }

  /** Grants `req` now: records the holder and runs its execution routine at DISPATCH_LEVEL. */
  grant(req: GrantRequest): void {
    this.owner = req;
    req.tc.state = 'owner';
    req.base = new MapRegisterBase(req.adapter, req.tc, req.mapRegisters);
    this.kernel.stats.dma.grants++;
    if (req.mapRegisterBaseOut) req.mapRegisterBaseOut.value = req.base;
    if (!req.routine) return;
    const routine = req.routine;
    const action = this.kernel.runAt(Math.max(this.kernel.irql, DISPATCH_LEVEL), () => {
      this.kernel.chargeCallback('ExecutionRoutine');
      return routine(req.deviceObject, null, req.base!, req.context);
    });
    if ((action === DeallocateObject || action === DeallocateObjectKeepRegisters) && this.owner === req) {
      this.release();
    }
  }

  /** Frees the channel and grants waiting requests in order. */
  release(): void {
    if (this.owner) this.owner.tc.state = 'idle';
    this.owner = null;
    if (this.granting) return; // the outer grant loop continues
    this.granting = true;
    try {
      while (!this.owner && this.waiters.length > 0) this.grant(this.waiters.shift()!);
    } finally {
      this.granting = false;
    }
  }
}
