// WDFCMRESLIST and CM_PARTIAL_RESOURCE_DESCRIPTOR (wdm.h; DDI pages WdfCmResourceListGetCount,
// WdfCmResourceListGetDescriptor, CM_PARTIAL_RESOURCE_DESCRIPTOR). A DMA descriptor (CmResourceTypeDma) carries the
// union members u.Dma {Channel, Port, Reserved1} and u.DmaV3 {Channel, RequestLine, TransferWidth, Reserved1..3}
// over the same storage, as in C: Dma.Channel is DmaV3.Channel, Dma.Port is DmaV3.RequestLine, and the low byte of
// Dma.Reserved1 is DmaV3.TransferWidth. A version-3 resource (an ACPI FixedDMA descriptor on an SoC) has
// CM_RESOURCE_DMA_V3 in Flags. KMDF reads u.Dma.Channel → the controller channel and u.Dma.Port → the request line
// (KMDF-SYSTEM-DMA.md B.1 ConfigureSystemProfile, D.2); SoC drivers read u.DmaV3.
import { FxObject } from '../object/fx-object.js';
import type { FxDriverGlobals } from '../fx/globals.js';
import type { WDFCMRESLIST } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxUnsigned } from '../verifier/arguments.js';

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
export const CM_RESOURCE_DMA_8 = 0x0000;
export const CM_RESOURCE_DMA_16 = 0x0001;
export const CM_RESOURCE_DMA_32 = 0x0002;
export const CM_RESOURCE_DMA_8_AND_16 = 0x0004;
export const CM_RESOURCE_DMA_BUS_MASTER = 0x0008;
export const CM_RESOURCE_DMA_TYPE_A = 0x0010;
export const CM_RESOURCE_DMA_TYPE_B = 0x0020;
export const CM_RESOURCE_DMA_TYPE_F = 0x0040;
export const CM_RESOURCE_DMA_V3 = 0x0100;

/** u.DmaV3.TransferWidth values (DMAV3_TRANSFER_WIDTH_*): the device's data width. */
export const DMAV3_TRANSFER_WIDTH_8 = 0x00;
export const DMAV3_TRANSFER_WIDTH_16 = 0x01;
export const DMAV3_TRANSFER_WIDTH_32 = 0x02;
export const DMAV3_TRANSFER_WIDTH_64 = 0x03;
export const DMAV3_TRANSFER_WIDTH_128 = 0x04;
export const DMAV3_TRANSFER_WIDTH_256 = 0x05;

/** The storage the u.Dma and u.DmaV3 views share (the C union's three ULONGs). */
class DmaUnionStorage {
  channel = 0;
  port = 0;
  reserved = 0;
}

/** u.Dma: { Channel, Port, Reserved1 } (ULONGs). */
export interface CM_DMA {
  Channel: number;
  /** The request line (DmaRequestLine of the adapter KMDF builds from it). */
  Port: number;
  Reserved1: number;
}

/** u.DmaV3: { Channel, RequestLine, TransferWidth, Reserved1..3 } (ULONG, ULONG, 4 × UCHAR). */
export interface CM_DMA_V3 {
  Channel: number;
  RequestLine: number;
  TransferWidth: number;
  Reserved1: number;
  Reserved2: number;
  Reserved3: number;
}

function u32(v: number): number {
  return Number(v) >>> 0;
}

function dmaView(st: DmaUnionStorage): CM_DMA {
  return Object.defineProperties({} as CM_DMA, {
    Channel: { enumerable: true, get: () => st.channel, set: (v: number) => void (st.channel = u32(v)) },
    Port: { enumerable: true, get: () => st.port, set: (v: number) => void (st.port = u32(v)) },
    Reserved1: { enumerable: true, get: () => st.reserved, set: (v: number) => void (st.reserved = u32(v)) },
  });
}

function dmaV3View(st: DmaUnionStorage): CM_DMA_V3 {
  const byte = (shift: number) => ({
    enumerable: true,
    get: () => (st.reserved >>> shift) & 0xff,
    set: (v: number) => void (st.reserved = ((st.reserved & ~(0xff << shift)) | ((Number(v) & 0xff) << shift)) >>> 0),
  });
  return Object.defineProperties({} as CM_DMA_V3, {
    Channel: { enumerable: true, get: () => st.channel, set: (v: number) => void (st.channel = u32(v)) },
    RequestLine: { enumerable: true, get: () => st.port, set: (v: number) => void (st.port = u32(v)) },
    TransferWidth: byte(0),
    Reserved1: byte(8),
    Reserved2: byte(16),
    Reserved3: byte(24),
  });
}

/** The C union `u`: every member is present; the one `Type` names is meaningful. Dma and DmaV3 share storage. */
export interface CM_PARTIAL_RESOURCE_DESCRIPTOR {
  Type: CM_RESOURCE_TYPE;
  ShareDisposition: number;
  Flags: number;
  u: {
    Memory: { Start: number; Length: number };
    Port: { Start: number; Length: number };
    Interrupt: { Level: number; Vector: number; Affinity: number };
    /** Channel: the controller channel. Port: the request line. */
    readonly Dma: CM_DMA;
    /** The version-3 view of the same bytes (Flags & CM_RESOURCE_DMA_V3). */
    readonly DmaV3: CM_DMA_V3;
  };
}
export type PCM_PARTIAL_RESOURCE_DESCRIPTOR = CM_PARTIAL_RESOURCE_DESCRIPTOR;

function blank(type: CM_RESOURCE_TYPE, flags: number): CM_PARTIAL_RESOURCE_DESCRIPTOR {
  const dma = new DmaUnionStorage();
  return {
    Type: type,
    ShareDisposition: CmResourceShareDeviceExclusive,
    Flags: flags,
    u: {
      Memory: { Start: 0, Length: 0 },
      Port: { Start: 0, Length: 0 },
      Interrupt: { Level: 0, Vector: 0, Affinity: 1 },
      Dma: dmaView(dma),
      DmaV3: dmaV3View(dma),
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
/** The bytes of a DMAV3_TRANSFER_WIDTH_* value (8-bit → 1, ..., 256-bit → 32). */
export function DMAV3_TRANSFER_WIDTH_BYTES(transferWidth: number): number {
  return 1 << transferWidth;
}

/** A DMA resource as an SoC's ACPI FixedDMA descriptor gives it: version 3, channel, request line, transfer width. */
export function CmDmaDescriptor(channel: number, requestLine: number, transferWidth = DMAV3_TRANSFER_WIDTH_8): CM_PARTIAL_RESOURCE_DESCRIPTOR {
  const widthFlag = [CM_RESOURCE_DMA_8, CM_RESOURCE_DMA_16, CM_RESOURCE_DMA_32][transferWidth] ?? CM_RESOURCE_DMA_32;
  const d = blank(CmResourceTypeDma, CM_RESOURCE_DMA_V3 | widthFlag);
  d.u.DmaV3.Channel = channel;
  d.u.DmaV3.RequestLine = requestLine;
  d.u.DmaV3.TransferWidth = transferWidth;
  return d;
}

export class FxCmResList extends FxObject {
  readonly typeName = 'WDFCMRESLIST';
  constructor(
    globals: FxDriverGlobals,
    readonly descriptors: readonly CM_PARTIAL_RESOURCE_DESCRIPTOR[],
  ) {
    super(globals);
    this.noDeleteDdi = true;
  }
}

/** WdfCmResourceListGetCount(List). */
export function WdfCmResourceListGetCount(List: WDFCMRESLIST): number {
  return fxResolve(List, FxCmResList, 'WdfCmResourceListGetCount', 'WDFCMRESLIST').descriptors.length;
}

/** WdfCmResourceListGetDescriptor(List, Index): NULL past the end. */
export function WdfCmResourceListGetDescriptor(List: WDFCMRESLIST, Index: number): PCM_PARTIAL_RESOURCE_DESCRIPTOR | null {
  const ddi = 'WdfCmResourceListGetDescriptor';
  const list = fxResolve(List, FxCmResList, ddi, 'WDFCMRESLIST');
  const i = fxUnsigned(list.globals, ddi, 'Index', 2, Index, 0xffff_ffff, list);
  return i < list.descriptors.length ? list.descriptors[i]! : null;
}
