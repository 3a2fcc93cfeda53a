// WDFCMRESLIST and CM_PARTIAL_RESOURCE_DESCRIPTOR (wdm.h; DDI pages WdfCmResourceListGetCount,
// WdfCmResourceListGetDescriptor, CM_PARTIAL_RESOURCE_DESCRIPTOR). The DMA descriptor's u.Dma.Channel is the
// controller channel and u.Dma.Port the request line (KMDF-SYSTEM-DMA.md B.1 ConfigureSystemProfile, D.2).
import { FxObject } from '../object/fx-object.js';
import type { FxDriverGlobals } from '../fx/globals.js';
import type { WDFCMRESLIST } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';

export type CM_RESOURCE_TYPE = number;
export const CmResourceTypeNull = 0;
export const CmResourceTypePort = 1;
export const CmResourceTypeInterrupt = 2;
export const CmResourceTypeMemory = 3;
export const CmResourceTypeDma = 4;

export const CmResourceShareUndetermined = 0;
export const CmResourceShareDeviceExclusive = 1;
export const CmResourceShareDriverExclusive = 2;
export const CmResourceShareShared = 3;

/** Interrupt descriptor flags. */
export const CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE = 0x0;
export const CM_RESOURCE_INTERRUPT_LATCHED = 0x1;
/** DMA descriptor flags (CM_RESOURCE_DMA_*). */
export const CM_RESOURCE_DMA_8 = 0x0;
export const CM_RESOURCE_DMA_16 = 0x1;
export const CM_RESOURCE_DMA_32 = 0x2;
export const CM_RESOURCE_DMA_V3 = 0x100;

/** The C union `u`: every member is present; the one `Type` names is meaningful. */
export interface CM_PARTIAL_RESOURCE_DESCRIPTOR {
  Type: CM_RESOURCE_TYPE;
  ShareDisposition: number;
  Flags: number;
  u: {
    Memory: { Start: number; Length: number };
    Port: { Start: number; Length: number };
    Interrupt: { Level: number; Vector: number; Affinity: number };
    /** Channel: the controller channel. Port: the request line. */
    Dma: { Channel: number; Port: number; Reserved1: number };
  };
}
export type PCM_PARTIAL_RESOURCE_DESCRIPTOR = CM_PARTIAL_RESOURCE_DESCRIPTOR;

function blank(type: CM_RESOURCE_TYPE, flags: number): CM_PARTIAL_RESOURCE_DESCRIPTOR {
  return {
    Type: type,
    ShareDisposition: CmResourceShareDeviceExclusive,
    Flags: flags,
    u: {
      Memory: { Start: 0, Length: 0 },
      Port: { Start: 0, Length: 0 },
      Interrupt: { Level: 0, Vector: 0, Affinity: 1 },
      Dma: { Channel: 0, Port: 0, Reserved1: 0 },
    },
  };
}

/** Builders the host uses to describe a device's resources. */
export function CmMemoryDescriptor(start: number, length: number): CM_PARTIAL_RESOURCE_DESCRIPTOR {
  const d = blank(CmResourceTypeMemory, 0);
  d.u.Memory = { Start: start, Length: length };
  return d;
}
export function CmInterruptDescriptor(line: number): CM_PARTIAL_RESOURCE_DESCRIPTOR {
  const d = blank(CmResourceTypeInterrupt, CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE);
  d.u.Interrupt = { Level: line, Vector: line, Affinity: 1 };
  return d;
}
export function CmDmaDescriptor(channel: number, requestLine: number): CM_PARTIAL_RESOURCE_DESCRIPTOR {
  const d = blank(CmResourceTypeDma, CM_RESOURCE_DMA_V3);
  d.u.Dma = { Channel: channel, Port: requestLine, Reserved1: 0 };
  return d;
}

export class FxCmResList extends FxObject {
  readonly typeName = 'WDFCMRESLIST';
  constructor(
    globals: FxDriverGlobals,
    readonly descriptors: readonly CM_PARTIAL_RESOURCE_DESCRIPTOR[],
  ) {
    super(globals);
  }
}

/** WdfCmResourceListGetCount(List). */
export function WdfCmResourceListGetCount(List: WDFCMRESLIST): number {
  return fxResolve(List, FxCmResList, 'WdfCmResourceListGetCount', 'WDFCMRESLIST').descriptors.length;
}

/** WdfCmResourceListGetDescriptor(List, Index): NULL past the end. */
export function WdfCmResourceListGetDescriptor(List: WDFCMRESLIST, Index: number): PCM_PARTIAL_RESOURCE_DESCRIPTOR | null {
  const list = fxResolve(List, FxCmResList, 'WdfCmResourceListGetDescriptor', 'WDFCMRESLIST');
  return list.descriptors[Index] ?? null;
}
