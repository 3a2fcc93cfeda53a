// DMA_OPERATIONS: the function table of every system-DMA adapter (wdm.h member names; each takes the adapter first,
// as in C: `adapter.DmaOperations.MapTransferEx(adapter, ...)`). The routines live in channel-ops.ts,
// transfer-ops.ts and info-ops.ts. Members of the WDM table that the system-DMA path does not use (KMDF-SYSTEM-DMA.md
// B.6: AllocateAdapterChannel, MapTransfer, the scatter/gather-list routines, DMA domains...) are not provided.

import { AllocateAdapterChannelEx, CancelAdapterChannel, FreeAdapterChannel, InitializeDmaTransferContext } from './channel-ops.js';
import {
  AllocateCommonBuffer,
  FreeCommonBuffer,
  GetDmaAdapterInfo,
  GetDmaAlignment,
  GetDmaTransferInfo,
  PutDmaAdapter,
} from './info-ops.js';
import {
  CancelMappedTransfer,
  ConfigureAdapterChannel,
  FlushAdapterBuffersEx,
  MapTransferEx,
  ReadDmaCounter,
} from './transfer-ops.js';

/**
 * The DMA_OPERATIONS table every system-DMA adapter shares (adapter.DmaOperations): the routines of the system-DMA
 * path, with wdm.h's names.
 */
export const dmaOperations = {
  Size: 0x180,
  /** PutDmaAdapter(adapter): releases the adapter (it must hold no channel or common buffer). */
  PutDmaAdapter,
  /**
   * AllocateCommonBuffer(adapter, length, logicalAddress, cacheEnabled): physically contiguous memory both the CPU and
   * the controller reach.
   */
  AllocateCommonBuffer,
  /** FreeCommonBuffer(adapter, length, logicalAddress, virtualAddress, cacheEnabled): frees a common buffer. */
  FreeCommonBuffer,
  /** GetDmaAlignment(adapter): the alignment a DMA buffer needs, in bytes. */
  GetDmaAlignment,
  /** ReadDmaCounter(adapter): bytes of the current transfer not yet written to its destination. */
  ReadDmaCounter,
  /** GetDmaAdapterInfo(adapter, info): the adapter's capabilities (DMA_ADAPTER_INFO). */
  GetDmaAdapterInfo,
  /**
   * GetDmaTransferInfo(adapter, mdl, offset, length, writeOnly, info): map registers and scatter/gather elements a
   * transfer would need.
   */
  GetDmaTransferInfo,
  /** InitializeDmaTransferContext(adapter, context): prepares the transfer context MapTransferEx uses. */
  InitializeDmaTransferContext,
  /**
   * AllocateAdapterChannelEx(adapter, ...): asks for the adapter channel; the execution routine runs when it is granted
   * (at once if free, else when released).
   */
  AllocateAdapterChannelEx,
  /**
   * ConfigureAdapterChannel(adapter, functionNumber, context): calls one of the controller's vendor functions
   * (watermark, request line, burst length, priority, ...).
   */
  ConfigureAdapterChannel,
  /** CancelAdapterChannel(adapter, ...): withdraws a channel request that has not been granted. */
  CancelAdapterChannel,
  /**
   * MapTransferEx(adapter, mdl, ...): builds the scatter/gather list of a fragment and programs the controller channel
   * with it.
   */
  MapTransferEx,
  /** FlushAdapterBuffersEx(adapter, mdl, ...): ends a mapped transfer (required before the next map). */
  FlushAdapterBuffersEx,
  /** FreeAdapterChannel(adapter): releases the adapter channel to the next waiter. */
  FreeAdapterChannel,
  /**
   * CancelMappedTransfer(adapter, context): stops a running mapped transfer; its completion routine then gets
   * DmaCancelled.
   */
  CancelMappedTransfer,
};

/** The type of the DMA_OPERATIONS table (dmaOperations). */
export type DMA_OPERATIONS = typeof dmaOperations;
