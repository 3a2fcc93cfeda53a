// The WDM DMA structures and constants of the version-3 system-DMA path (wdm.h names and values; DDI pages
// "DEVICE_DESCRIPTION", "DMA_ADAPTER_INFO_V1", "DMA_TRANSFER_INFO_V1", "SCATTER_GATHER_LIST", "DMA_COMPLETION_STATUS",
// "IO_ALLOCATION_ACTION", "AllocateAdapterChannelEx" (DMA_SYNCHRONOUS_CALLBACK)). Structures are classes with the C
// field names so a driver fills them as it would in C; sizes the DDIs take in bytes follow the x64 layouts.

export const DEVICE_DESCRIPTION_VERSION = 0;
export const DEVICE_DESCRIPTION_VERSION1 = 1;
export const DEVICE_DESCRIPTION_VERSION2 = 2;
export const DEVICE_DESCRIPTION_VERSION3 = 3;

/** DMA_WIDTH. TODO(accuracy): Width64Bits/WidthNoWrap positions are from newer wdm.h copies (older ones stop at 32). */
export const Width8Bits = 0;
export const Width16Bits = 1;
export const Width32Bits = 2;
export const Width64Bits = 3;
export const WidthNoWrap = 4;
export const MaximumDmaWidth = 5;

/** DMA_SPEED. */
export const Compatible = 0;
export const TypeA = 1;
export const TypeB = 2;
export const TypeC = 3;
export const TypeF = 4;
export const MaximumDmaSpeed = 5;

/** INTERFACE_TYPE values used here. */
export const InterfaceTypeUndefined = -1;
export const Internal = 0;
export const Isa = 1;

/** IO_ALLOCATION_ACTION. */
export const KeepObject = 1;
export const DeallocateObject = 2;
export const DeallocateObjectKeepRegisters = 3;
export type IO_ALLOCATION_ACTION = 1 | 2 | 3;

/** AllocateAdapterChannelEx Flags. */
export const DMA_SYNCHRONOUS_CALLBACK = 0x01;

/** DMA_COMPLETION_STATUS. */
export const DmaComplete = 0;
export const DmaAborted = 1;
export const DmaError = 2;
export const DmaCancelled = 3;
export type DMA_COMPLETION_STATUS = 0 | 1 | 2 | 3;

export const DMA_ADAPTER_INFO_VERSION1 = 1;
export const ADAPTER_INFO_SYNCHRONOUS_CALLBACK = 0x0001;
export const ADAPTER_INFO_API_BYPASS = 0x0002;
export const DMA_TRANSFER_INFO_VERSION1 = 1;
export const DMA_TRANSFER_CONTEXT_VERSION1 = 1;
export const DMA_TRANSFER_CONTEXT_SIZE_V1 = 128;

/** x64 sizes: SCATTER_GATHER_LIST header (NumberOfElements + Reserved) and one SCATTER_GATHER_ELEMENT. */
export const SCATTER_GATHER_LIST_HEADER_SIZE = 16;
export const SCATTER_GATHER_ELEMENT_SIZE = 24;
export const SCATTER_GATHER_LIST_SIZE = (elements: number): number =>
  SCATTER_GATHER_LIST_HEADER_SIZE + elements * SCATTER_GATHER_ELEMENT_SIZE;

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

export interface SCATTER_GATHER_ELEMENT {
  Address: number;
  Length: number;
}

export class SCATTER_GATHER_LIST {
  NumberOfElements = 0;
  Reserved = 0;
  Elements: SCATTER_GATHER_ELEMENT[] = [];
}

export class DMA_ADAPTER_INFO_V1 {
  ReadDmaCounterAvailable = false;
  ScatterGatherLimit = 0;
  DmaAddressWidth = 0;
  Flags = 0;
  MinimumTransferUnit = 0;
}

export class DMA_ADAPTER_INFO {
  Version = DMA_ADAPTER_INFO_VERSION1;
  V1 = new DMA_ADAPTER_INFO_V1();
}

export class DMA_TRANSFER_INFO_V1 {
  MapRegisterCount = 0;
  ScatterGatherElementCount = 0;
  ScatterGatherListSize = 0;
}

export class DMA_TRANSFER_INFO {
  Version = DMA_TRANSFER_INFO_VERSION1;
  V1 = new DMA_TRANSFER_INFO_V1();
}
