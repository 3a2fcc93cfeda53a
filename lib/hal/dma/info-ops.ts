// DMA_OPERATIONS for adapter information, common buffers and the adapter's release: GetDmaAdapterInfo (V1:
// ReadDmaCounterAvailable, ScatterGatherLimit = the controller's QueryMaxFragments, DmaAddressWidth, Flags with
// ADAPTER_INFO_SYNCHRONOUS_CALLBACK, MinimumTransferUnit), GetDmaTransferInfo (V1: map registers = page pieces,
// SG elements = physically contiguous runs, SG list size in bytes for x64), AllocateCommonBuffer / FreeCommonBuffer
// (physically contiguous, the logical address is the physical address: no IOMMU), GetDmaAlignment, PutDmaAdapter.
// Behaviour sources: those DDI pages; Driver Verifier 0xE6/0x03, 0x07, 0x08 for common-buffer and release misuse.

import { DMA_VIOLATION } from '../bugcheck.js';
import type { MDL } from '../memory/mdl.js';
import { STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED, STATUS_SUCCESS, type NTSTATUS } from '../ntstatus.js';
import type { Out } from '../out.js';
import { live, type DMA_ADAPTER } from './adapter.js';
import { MDL as MDL_CLASS } from '../memory/mdl.js';
import { argTypeError, checkBoolean, checkInstance, checkOut, checkStruct, checkUnsigned } from '../arguments.js';

/** A versioned info structure (DMA_ADAPTER_INFO, DMA_TRANSFER_INFO) with its V1 part, which the routine writes. */
function infoArgument<T extends { V1: object }>(ddi: string, name: string, value: unknown, typeName: string): T {
  const info = checkStruct<T>(ddi, name, value, typeName);
  if (typeof info.V1 !== 'object' || info.V1 === null) throw argTypeError(ddi, `${name}->V1`, info.V1, `the ${typeName}_V1 the routine fills`);
  return info;
}
import { measureTransfer } from './sg-builder.js';
import {
  ADAPTER_INFO_SYNCHRONOUS_CALLBACK,
  DMA_ADAPTER_INFO_VERSION1,
  DMA_TRANSFER_INFO_VERSION1,
  SCATTER_GATHER_LIST_SIZE,
  type DMA_ADAPTER_INFO,
  type DMA_TRANSFER_INFO,
} from './types.js';
import { dmaViolation } from './verifier.js';

export function GetDmaAdapterInfo(adapter: DMA_ADAPTER, info: DMA_ADAPTER_INFO): NTSTATUS {
  const a = live(adapter, 'GetDmaAdapterInfo');
  infoArgument('GetDmaAdapterInfo', 'AdapterInfo', info, 'DMA_ADAPTER_INFO');
  if (info.Version !== DMA_ADAPTER_INFO_VERSION1) return STATUS_NOT_SUPPORTED;
  info.V1.ReadDmaCounterAvailable = true;
  info.V1.ScatterGatherLimit = a.controller.QueryMaxFragments(a.channel, 0);
  info.V1.DmaAddressWidth = a.controller.options.dmaAddressWidth ?? 32;
  info.V1.Flags = ADAPTER_INFO_SYNCHRONOUS_CALLBACK;
  info.V1.MinimumTransferUnit = a.minimumTransferUnit;
  return STATUS_SUCCESS;
}

export function GetDmaTransferInfo(
  adapter: DMA_ADAPTER,
  mdl: MDL,
  offset: number,
  length: number,
  _writeOnly: boolean,
  info: DMA_TRANSFER_INFO,
): NTSTATUS {
  live(adapter, 'GetDmaTransferInfo');
  const ddi = 'GetDmaTransferInfo';
  checkInstance(ddi, 'Mdl', mdl, MDL_CLASS, 'MDL');
  checkUnsigned(ddi, 'Offset', offset);
  checkUnsigned(ddi, 'Length', length);
  checkBoolean(ddi, 'WriteOnly', _writeOnly);
  infoArgument(ddi, 'TransferInfo', info, 'DMA_TRANSFER_INFO');
  if (info.Version !== DMA_TRANSFER_INFO_VERSION1) return STATUS_NOT_SUPPORTED;
  if (!(length > 0)) return STATUS_INVALID_PARAMETER;
  const m = measureTransfer(mdl, offset, length);
  info.V1.MapRegisterCount = m.mapRegisters;
  info.V1.ScatterGatherElementCount = m.elements;
  info.V1.ScatterGatherListSize = SCATTER_GATHER_LIST_SIZE(m.elements);
  return STATUS_SUCCESS;
}

/** Returns the buffer's kernel VA, or 0 (NULL) when no contiguous run is free; LogicalAddress gets its address. */
export function AllocateCommonBuffer(
  adapter: DMA_ADAPTER,
  length: number,
  logicalAddress: Out<number>,
  _cacheEnabled: boolean,
): number {
  const a = live(adapter, 'AllocateCommonBuffer');
  checkUnsigned('AllocateCommonBuffer', 'Length', length);
  checkOut('AllocateCommonBuffer', 'LogicalAddress', logicalAddress);
  checkBoolean('AllocateCommonBuffer', 'CacheEnabled', _cacheEnabled);
  if (!(length > 0)) return 0;
  const va = a.kernel.memory.allocateContiguous(length, 0x434d4d42);
  if (!va) return 0;
  logicalAddress.value = a.kernel.memory.physicalAddressOf(va);
  a.commonBuffers.set(va, { length, logicalAddress: logicalAddress.value });
  return va;
}

export function FreeCommonBuffer(
  adapter: DMA_ADAPTER,
  _length: number,
  _logicalAddress: number,
  virtualAddress: number,
  _cacheEnabled: boolean,
): void {
  const a = live(adapter, 'FreeCommonBuffer');
  checkUnsigned('FreeCommonBuffer', 'Length', _length);
  checkUnsigned('FreeCommonBuffer', 'LogicalAddress', _logicalAddress);
  checkUnsigned('FreeCommonBuffer', 'VirtualAddress', virtualAddress);
  checkBoolean('FreeCommonBuffer', 'CacheEnabled', _cacheEnabled);
  if (!a.commonBuffers.delete(virtualAddress)) {
    if (a.controller.verifier) {
      dmaViolation(
        a.kernel,
        DMA_VIOLATION.TOO_MANY_COMMON_BUFFERS_FREED,
        'FreeCommonBuffer',
        `0x${virtualAddress.toString(16)} is not a common buffer of this adapter (freed twice?)`,
        adapter,
        1,
      );
    }
    return;
  }
  a.kernel.memory.free(virtualAddress, 'FreeCommonBuffer');
}

export function GetDmaAlignment(adapter: DMA_ADAPTER): number {
  return live(adapter, 'GetDmaAlignment').width;
}

export function PutDmaAdapter(adapter: DMA_ADAPTER): void {
  const a = live(adapter, 'PutDmaAdapter');
  const ch = a.controller.channel(a.channel);
  if (a.controller.verifier) {
    if (ch.owner?.adapter === adapter) {
      dmaViolation(a.kernel, DMA_VIOLATION.ADAPTER_RELEASED_WITH_CHANNEL, 'PutDmaAdapter', 'the adapter is released while it still holds its adapter channel', adapter, 0, 1);
    }
    if (a.commonBuffers.size > 0) {
      dmaViolation(a.kernel, DMA_VIOLATION.ADAPTER_RELEASED_WITH_COMMON_BUFFERS, 'PutDmaAdapter', `the adapter is released with ${a.commonBuffers.size} common buffer(s) not freed`, adapter, 0, a.commonBuffers.size);
    }
  }
  for (let i = ch.waiters.length - 1; i >= 0; i--) if (ch.waiters[i]!.adapter === adapter) ch.waiters.splice(i, 1);
  a.released = true;
}
