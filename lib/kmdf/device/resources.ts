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

/** CM_RESOURCE_TYPE: the kind of a CM_PARTIAL_RESOURCE_DESCRIPTOR. */
export type CM_RESOURCE_TYPE = number;
/** CM_RESOURCE_TYPE: no resource. */
export const CmResourceTypeNull = 0;
/** CM_RESOURCE_TYPE: an I/O port range. */
export const CmResourceTypePort = 1;
/** CM_RESOURCE_TYPE: an interrupt. */
export const CmResourceTypeInterrupt = 2;
/** CM_RESOURCE_TYPE: a memory (register) range. */
export const CmResourceTypeMemory = 3;
/** CM_RESOURCE_TYPE: a DMA channel (and, in version 3, its request line). */
export const CmResourceTypeDma = 4;

/** ShareDisposition: not determined. */
export const CmResourceShareUndetermined = 0;
/** ShareDisposition: the device's alone. */
export const CmResourceShareDeviceExclusive = 1;
/** ShareDisposition: the driver's alone. */
export const CmResourceShareDriverExclusive = 2;
/** ShareDisposition: shared with other devices. */
export const CmResourceShareShared = 3;

/** Interrupt descriptor flags. */
export const CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE = 0x0;
/** Interrupt descriptor flag: edge-triggered (latched); level-sensitive otherwise. */
export const CM_RESOURCE_INTERRUPT_LATCHED = 0x1;
/** DMA descriptor flags (CM_RESOURCE_DMA_*). */
export const CM_RESOURCE_DMA_8 = 0x0000;
/** DMA descriptor flag: 16-bit transfers. */
export const CM_RESOURCE_DMA_16 = 0x0001;
/** DMA descriptor flag: 32-bit transfers. */
export const CM_RESOURCE_DMA_32 = 0x0002;
/** DMA descriptor flag: 8- and 16-bit transfers. */
export const CM_RESOURCE_DMA_8_AND_16 = 0x0004;
/** DMA descriptor flag: a bus-master device. */
export const CM_RESOURCE_DMA_BUS_MASTER = 0x0008;
/** DMA descriptor flag: ISA type A timing. */
export const CM_RESOURCE_DMA_TYPE_A = 0x0010;
/** DMA descriptor flag: ISA type B timing. */
export const CM_RESOURCE_DMA_TYPE_B = 0x0020;
/** DMA descriptor flag: ISA type F timing. */
export const CM_RESOURCE_DMA_TYPE_F = 0x0040;
/** DMA descriptor flag: a version-3 descriptor (u.DmaV3: channel, request line, transfer width). */
export const CM_RESOURCE_DMA_V3 = 0x0100;

/** u.DmaV3.TransferWidth values (DMAV3_TRANSFER_WIDTH_*): the device's data width. */
export const DMAV3_TRANSFER_WIDTH_8 = 0x00;
/** u.DmaV3.TransferWidth: 16 bits. */
export const DMAV3_TRANSFER_WIDTH_16 = 0x01;
/** u.DmaV3.TransferWidth: 32 bits. */
export const DMAV3_TRANSFER_WIDTH_32 = 0x02;
/** u.DmaV3.TransferWidth: 64 bits. */
export const DMAV3_TRANSFER_WIDTH_64 = 0x03;
/** u.DmaV3.TransferWidth: 128 bits. */
export const DMAV3_TRANSFER_WIDTH_128 = 0x04;
/** u.DmaV3.TransferWidth: 256 bits. */
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
/** A pointer to a CM_PARTIAL_RESOURCE_DESCRIPTOR (the same object here). */
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
/** A CmResourceTypeInterrupt descriptor for an interrupt line. */
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

/** The framework's object behind a WDFCMRESLIST handle: the descriptors in order. */
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
