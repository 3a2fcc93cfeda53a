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

export const dmaOperations = {
  Size: 0x180,
  PutDmaAdapter,
  AllocateCommonBuffer,
  FreeCommonBuffer,
  GetDmaAlignment,
  ReadDmaCounter,
  GetDmaAdapterInfo,
  GetDmaTransferInfo,
  InitializeDmaTransferContext,
  AllocateAdapterChannelEx,
  ConfigureAdapterChannel,
  CancelAdapterChannel,
  MapTransferEx,
  FlushAdapterBuffersEx,
  FreeAdapterChannel,
  CancelMappedTransfer,
};

export type DMA_OPERATIONS = typeof dmaOperations;
