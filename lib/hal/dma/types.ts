// The WDM DMA structures and constants of the version-3 system-DMA path (wdm.h names and values; DDI pages
// "DEVICE_DESCRIPTION", "DMA_ADAPTER_INFO_V1", "DMA_TRANSFER_INFO_V1", "SCATTER_GATHER_LIST", "DMA_COMPLETION_STATUS",
// "IO_ALLOCATION_ACTION", "AllocateAdapterChannelEx" (DMA_SYNCHRONOUS_CALLBACK)). Structures are classes with the C
// field names so a driver fills them as it would in C; sizes the DDIs take in bytes follow the x64 layouts.

import { checkUnsigned } from '../arguments.js';

/** DEVICE_DESCRIPTION.Version 0. */
export const DEVICE_DESCRIPTION_VERSION = 0;
/** DEVICE_DESCRIPTION.Version 1. */
export const DEVICE_DESCRIPTION_VERSION1 = 1;
/** DEVICE_DESCRIPTION.Version 2. */
export const DEVICE_DESCRIPTION_VERSION2 = 2;
/**
 * DEVICE_DESCRIPTION.Version 3: the version with DmaRequestLine and DmaControllerInstance, which system DMA on an SoC
 * uses.
 */
export const DEVICE_DESCRIPTION_VERSION3 = 3;

/** DMA_WIDTH. TODO(accuracy): Width64Bits/WidthNoWrap positions are from newer wdm.h copies (older ones stop at 32). */
export const Width8Bits = 0;
/** DMA_WIDTH: 16-bit transfers. */
export const Width16Bits = 1;
/** DMA_WIDTH: 32-bit transfers. */
export const Width32Bits = 2;
/** DMA_WIDTH: 64-bit transfers. */
export const Width64Bits = 3;
/** DMA_WIDTH: no address wrap (bus-master devices). */
export const WidthNoWrap = 4;
/** DMA_WIDTH: one past the last value. */
export const MaximumDmaWidth = 5;

/** DMA_SPEED. */
export const Compatible = 0;
/** DMA_SPEED: ISA type A timing. */
export const TypeA = 1;
/** DMA_SPEED: ISA type B timing. */
export const TypeB = 2;
/** DMA_SPEED: ISA type C timing. */
export const TypeC = 3;
/** DMA_SPEED: ISA type F timing. */
export const TypeF = 4;
/** DMA_SPEED: one past the last value. */
export const MaximumDmaSpeed = 5;

/** INTERFACE_TYPE values used here. */
export const InterfaceTypeUndefined = -1;
/** INTERFACE_TYPE: an internal (SoC) bus. */
export const Internal = 0;
/** INTERFACE_TYPE: an ISA bus. */
export const Isa = 1;

/** IO_ALLOCATION_ACTION. */
export const KeepObject = 1;
/** IO_ALLOCATION_ACTION: the execution routine is done with the adapter channel; free it. */
export const DeallocateObject = 2;
/** IO_ALLOCATION_ACTION: free the adapter channel but keep the map registers. */
export const DeallocateObjectKeepRegisters = 3;
/** What an adapter-channel execution routine returns: KeepObject, DeallocateObject or DeallocateObjectKeepRegisters. */
export type IO_ALLOCATION_ACTION = 1 | 2 | 3;

/** AllocateAdapterChannelEx Flags. */
export const DMA_SYNCHRONOUS_CALLBACK = 0x01;

/** DMA_COMPLETION_STATUS. */
export const DmaComplete = 0;
/** DMA_COMPLETION_STATUS: the transfer was aborted. */
export const DmaAborted = 1;
/** DMA_COMPLETION_STATUS: the transfer ended with an error (a bus error, a device fault). */
export const DmaError = 2;
/** DMA_COMPLETION_STATUS: the transfer was cancelled (CancelMappedTransfer) and stopped. */
export const DmaCancelled = 3;
/**
 * How a mapped transfer ended, as its completion routine receives it: DmaComplete, DmaAborted, DmaError or
 * DmaCancelled.
 */
export type DMA_COMPLETION_STATUS = 0 | 1 | 2 | 3;

/** DMA_ADAPTER_INFO.Version 1. */
export const DMA_ADAPTER_INFO_VERSION1 = 1;
/** DMA_ADAPTER_INFO_V1 flag: the completion routine may be called synchronously, inside MapTransferEx. */
export const ADAPTER_INFO_SYNCHRONOUS_CALLBACK = 0x0001;
/** DMA_ADAPTER_INFO_V1 flag: API bypass (the adapter lets a driver skip some of the calls of the DMA path). */
export const ADAPTER_INFO_API_BYPASS = 0x0002;
/** DMA_TRANSFER_INFO.Version 1. */
export const DMA_TRANSFER_INFO_VERSION1 = 1;
/** The version InitializeDmaTransferContext takes. */
export const DMA_TRANSFER_CONTEXT_VERSION1 = 1;
/** Bytes of a version-1 DMA transfer context. */
export const DMA_TRANSFER_CONTEXT_SIZE_V1 = 128;

/** x64 sizes: SCATTER_GATHER_LIST header (NumberOfElements + Reserved) and one SCATTER_GATHER_ELEMENT. */
export const SCATTER_GATHER_LIST_HEADER_SIZE = 16;
/** Bytes of one SCATTER_GATHER_ELEMENT in C (address, length, reserved). */
export const SCATTER_GATHER_ELEMENT_SIZE = 24;
/** Bytes of a SCATTER_GATHER_LIST with `elements` elements, in C. */
export const SCATTER_GATHER_LIST_SIZE = (elements: number): number =>
  SCATTER_GATHER_LIST_HEADER_SIZE + checkUnsigned('SCATTER_GATHER_LIST_SIZE', 'elements', elements) * SCATTER_GATHER_ELEMENT_SIZE;

/**
 * IoGetDmaAdapter's description of the device: version, DMA channel and request line, width, maximum length, demand
 * mode, auto-initialize and the rest (wdm.h DEVICE_DESCRIPTION).
 */
export class DEVICE_DESCRIPTION {
  Version = DEVICE_DESCRIPTION_VERSION3;
  Master = false;
  ScatterGather = false;
  DemandMode = false;
  AutoInitialize = false;
  Dma32BitAddresses = false;
  IgnoreCount = false;
  Reserved1 = false;
  Dma64BitAddresses = false;
  BusNumber = 0;
  DmaChannel = 0;
  InterfaceType = Internal;
  DmaWidth = Width8Bits;
  DmaSpeed = Compatible;
  MaximumLength = 0;
  DmaPort = 0;
  DmaAddressWidth = 0;
  DmaControllerInstance = 0;
  DmaRequestLine = 0;
  /** PHYSICAL_ADDRESS of the device's data register / FIFO. */
  DeviceAddress = 0;
}

/** One scatter/gather element: a physical (logical) address and a length. */
export interface SCATTER_GATHER_ELEMENT {
  Address: number;
  Length: number;
}

/**
 * A scatter/gather list: its elements, as MapTransferEx hands them to the controller and EvtProgramDma receives them.
 */
export class SCATTER_GATHER_LIST {
  NumberOfElements = 0;
  Reserved = 0;
  Elements: SCATTER_GATHER_ELEMENT[] = [];
}

/** Version 1 of DMA_ADAPTER_INFO: map registers, minimum transfer unit and flags. */
export class DMA_ADAPTER_INFO_V1 {
  ReadDmaCounterAvailable = false;
  ScatterGatherLimit = 0;
  DmaAddressWidth = 0;
  Flags = 0;
  MinimumTransferUnit = 0;
}

/** GetDmaAdapterInfo's output: its version and the V1 fields. */
export class DMA_ADAPTER_INFO {
  Version = DMA_ADAPTER_INFO_VERSION1;
  V1 = new DMA_ADAPTER_INFO_V1();
}

/** Version 1 of DMA_TRANSFER_INFO: the map registers and scatter/gather elements a transfer needs. */
export class DMA_TRANSFER_INFO_V1 {
  MapRegisterCount = 0;
  ScatterGatherElementCount = 0;
  ScatterGatherListSize = 0;
}

/** GetDmaTransferInfo's output: its version and the V1 fields. */
export class DMA_TRANSFER_INFO {
  Version = DMA_TRANSFER_INFO_VERSION1;
  V1 = new DMA_TRANSFER_INFO_V1();
}
