// DMA_ADAPTER for a system-DMA (version 3) adapter, and DMA_TRANSFER_CONTEXT. An adapter is bound to one controller
// channel and request line (DEVICE_DESCRIPTION v3 DmaChannel / DmaRequestLine) and carries the description it was
// created from; its DmaOperations table is the same for every adapter (operations.ts). Behaviour sources:
// "IoGetDmaAdapter", "DMA_ADAPTER", "DMA_OPERATIONS", "InitializeDmaTransferContext" (DMA_TRANSFER_CONTEXT_SIZE_V1).

import { PAGE_SIZE } from '../memory/physical.js';
import type { Kernel } from '../kernel.js';
import { DMA_VIOLATION } from '../bugcheck.js';
import type { HalDmaController } from './controller.js';
import type { DMA_OPERATIONS } from './operations.js';
import { DMA_TRANSFER_CONTEXT_VERSION1, type DEVICE_DESCRIPTION } from './types.js';
import { dmaViolation } from './verifier.js';
import { argTypeError } from '../arguments.js';

export type DmaBeatWidth = 1 | 2 | 4 | 8;

export interface AdapterState {
  kernel: Kernel;
  controller: HalDmaController;
  description: Readonly<DEVICE_DESCRIPTION>;
  channel: number;
  requestLine: number;
  width: DmaBeatWidth;
  numberOfMapRegisters: number;
  minimumTransferUnit: number;
  deviceObject: unknown;
  released: boolean;
  commonBuffers: Map<number, { length: number; logicalAddress: number }>;
  /** The reason of the last failed call (an engine error code and message, or the HAL's own), for debugging. */
  lastError: string | null;
}

/**
 * A system-DMA adapter (IoGetDmaAdapter): the device description it was made from, its DmaOperations table, and the
 * adapter channel and transfer it holds.
 */
export class DMA_ADAPTER {
  Version = 3;
  Size = 16;
  constructor(
    readonly DmaOperations: DMA_OPERATIONS,
    /** @internal */ readonly hal: AdapterState,
  ) {}

  /** Why the last failed operation on this adapter failed (not a WDM field; for test messages). */
  get lastError(): string | null {
    return this.hal.lastError;
  }
  /** The controller channel this adapter drives (not a WDM field). */
  get channel(): number {
    return this.hal.channel;
  }
}

export type TransferContextState = 'idle' | 'waiting' | 'owner';

/** DMA_TRANSFER_CONTEXT: opaque per-transaction HAL state (the caller allocates it, the HAL initializes it). */
export class DMA_TRANSFER_CONTEXT {
  Version = DMA_TRANSFER_CONTEXT_VERSION1;
  /** @internal */ adapter: DMA_ADAPTER | null = null;
  /** @internal */ state: TransferContextState = 'idle';
  /** @internal CancelMappedTransfer was called since the last InitializeDmaTransferContext. */
  cancelled = false;
  /** @internal InitializeDmaTransferContext calls so far (a late completion for an older use is dropped). */
  generation = 0;
}

/** The adapter's state, checking it is a live adapter (0xE6/0x18 after PutDmaAdapter). */
export function live(adapter: DMA_ADAPTER, ddi: string): AdapterState {
  if (!(adapter instanceof DMA_ADAPTER)) throw argTypeError(ddi, 'DmaAdapter', adapter, 'a DMA_ADAPTER (from IoGetDmaAdapter)');
  const a = adapter.hal;
  a.kernel.assertRunning();
  if (a.released) {
    dmaViolation(a.kernel, DMA_VIOLATION.ADAPTER_ALREADY_RELEASED, ddi, 'the DMA adapter was already released by PutDmaAdapter', adapter);
  }
  return a;
}

export function defaultMapRegisters(maximumLength: number): number {
  return Math.max(1, Math.ceil(maximumLength / PAGE_SIZE)) + 1;
}
