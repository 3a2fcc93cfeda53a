// DMA enumerations, configuration structures, their *_INIT helpers and the driver callback types (public KMDF
// headers wdfdmaenabler.h, wdfdmatransaction.h, wdfcommonbuffer.h; KMDF-SYSTEM-DMA.md B.1, B.5).
import type { WDFCOMMONBUFFER, WDFCONTEXT, WDFDEVICE, WDFDMAENABLER, WDFDMATRANSACTION } from '../object/handles.js';
import type { CM_PARTIAL_RESOURCE_DESCRIPTOR } from '../device/resources.js';
import type { DMA_COMPLETION_STATUS, MDL, NTSTATUS, SCATTER_GATHER_LIST } from '../fx/hal.js';
import { helperNumber, helperPointer, helperStruct } from '../verifier/arguments.js';

const isUnsigned = (n: number): boolean => Number.isInteger(n) && n >= 0;

/** WDF_DMA_PROFILE: the kind of DMA an enabler does. */
export type WDF_DMA_PROFILE = number;
/** WDF_DMA_PROFILE: not valid. */
export const WdfDmaProfileInvalid = 0;
/** WDF_DMA_PROFILE: a bus master with 32-bit addresses and no scatter/gather. */
export const WdfDmaProfilePacket = 1;
/** WDF_DMA_PROFILE: a bus master with 32-bit scatter/gather. */
export const WdfDmaProfileScatterGather = 2;
/** WDF_DMA_PROFILE: a bus master with 64-bit addresses and no scatter/gather. */
export const WdfDmaProfilePacket64 = 3;
/** WDF_DMA_PROFILE: a bus master with 64-bit scatter/gather. */
export const WdfDmaProfileScatterGather64 = 4;
/** WDF_DMA_PROFILE: 32-bit scatter/gather, reads and writes at once. */
export const WdfDmaProfileScatterGatherDuplex = 5;
/** WDF_DMA_PROFILE: 64-bit scatter/gather, reads and writes at once. */
export const WdfDmaProfileScatterGather64Duplex = 6;
/** WDF_DMA_PROFILE: system-mode DMA (a shared DMA controller moves the data), one direction per enabler. */
export const WdfDmaProfileSystem = 7;
/** WDF_DMA_PROFILE: system-mode DMA with a channel for each direction. */
export const WdfDmaProfileSystemDuplex = 8;
/** WDF_DMA_PROFILE: one past the last value. */
export const WdfDmaProfileMaximum = 9;

/** WDF_DMA_DIRECTION: which way a transaction moves data. */
export type WDF_DMA_DIRECTION = number;
/** WDF_DMA_DIRECTION: from the device to memory (a read). */
export const WdfDmaDirectionReadFromDevice = 0;
/** WDF_DMA_DIRECTION: from memory to the device (a write). */
export const WdfDmaDirectionWriteToDevice = 1;

/** WDF_DMA_ENABLER_CONFIG.MaximumScatterGatherElements: no limit. */
export const WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS = 0xffffffff;
/** WDF_DMA_ENABLER_CONFIG flag: do not preallocate scatter/gather lists. */
export const WDF_DMA_ENABLER_CONFIG_NO_SGLIST_PREALLOCATION = 0x1;
/** WDF_DMA_ENABLER_CONFIG flag: every transaction must move in one transfer (no fragments). */
export const WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER = 0x2;

/** EvtDmaEnablerFill: the enabler is starting; allocate its resources. */
export type EVT_WDF_DMA_ENABLER_FILL = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
/** EvtDmaEnablerFlush: the enabler is stopping; free what Fill allocated. */
export type EVT_WDF_DMA_ENABLER_FLUSH = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
/** EvtDmaEnablerEnable: the device entered D0; enable its DMA. */
export type EVT_WDF_DMA_ENABLER_ENABLE = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
/** EvtDmaEnablerDisable: the device is leaving D0; disable its DMA. */
export type EVT_WDF_DMA_ENABLER_DISABLE = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
/** EvtDmaEnablerSelfManagedIoStart: start the enabler's self-managed I/O. */
export type EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
/** EvtDmaEnablerSelfManagedIoStop: stop the enabler's self-managed I/O. */
export type EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;

/** sizeof(WDF_DMA_ENABLER_CONFIG) in this framework version; a different Size is STATUS_INFO_LENGTH_MISMATCH. */
export const WDF_DMA_ENABLER_CONFIG_SIZE = 88;
/** sizeof(WDF_DMA_SYSTEM_PROFILE_CONFIG) in C, for the Size field. */
export const WDF_DMA_SYSTEM_PROFILE_CONFIG_SIZE = 40;
/** sizeof(WDF_COMMON_BUFFER_CONFIG) in C, for the Size field. */
export const WDF_COMMON_BUFFER_CONFIG_SIZE = 16;

/**
 * WdfDmaEnablerCreate's configuration: the profile, the largest transfer, the enabler callbacks, flags and the
 * scatter/gather limit.
 */
export interface WDF_DMA_ENABLER_CONFIG {
  Size: number;
  Profile: WDF_DMA_PROFILE;
  MaximumLength: number;
  EvtDmaEnablerFill: EVT_WDF_DMA_ENABLER_FILL | null;
  EvtDmaEnablerFlush: EVT_WDF_DMA_ENABLER_FLUSH | null;
  EvtDmaEnablerDisable: EVT_WDF_DMA_ENABLER_DISABLE | null;
  EvtDmaEnablerEnable: EVT_WDF_DMA_ENABLER_ENABLE | null;
  EvtDmaEnablerSelfManagedIoStart: EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START | null;
  EvtDmaEnablerSelfManagedIoStop: EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP | null;
  AddressWidthOverride: number;
  WdmDmaVersionOverride: number;
  Flags: number;
}

/** Initializes WDF_DMA_ENABLER_CONFIG with a DMA profile and the largest transfer (fragment) length. */
export function WDF_DMA_ENABLER_CONFIG_INIT(Config: WDF_DMA_ENABLER_CONFIG, Profile: WDF_DMA_PROFILE, MaximumLength: number): void {
  const helper = 'WDF_DMA_ENABLER_CONFIG_INIT';
  helperStruct(helper, 'Config', Config);
  helperNumber(helper, 'Profile', Profile, Number.isInteger, 'a WDF_DMA_PROFILE');
  helperNumber(helper, 'MaximumLength', MaximumLength, isUnsigned, 'a length in bytes (size_t)');
  Config.Size = WDF_DMA_ENABLER_CONFIG_SIZE;
  Config.Profile = Profile;
  Config.MaximumLength = MaximumLength;
  Config.EvtDmaEnablerFill = null;
  Config.EvtDmaEnablerFlush = null;
  Config.EvtDmaEnablerDisable = null;
  Config.EvtDmaEnablerEnable = null;
  Config.EvtDmaEnablerSelfManagedIoStart = null;
  Config.EvtDmaEnablerSelfManagedIoStop = null;
  Config.AddressWidthOverride = 0;
  Config.WdmDmaVersionOverride = 0;
  Config.Flags = 0;
}

/** DMA_WIDTH (wdm.h): the device register width (Width8Bits … from lib/hal). */
export type DMA_WIDTH = number;

/**
 * A System-profile enabler's configuration (WdfDmaEnablerConfigureSystemProfile): the device address, width, CM DMA
 * descriptor, demand mode and looped transfers.
 */
export interface WDF_DMA_SYSTEM_PROFILE_CONFIG {
  Size: number;
  DemandMode: boolean;
  LoopedTransfer: boolean;
  DmaWidth: DMA_WIDTH;
  /** PHYSICAL_ADDRESS of the device data register / FIFO. */
  DeviceAddress: number;
  DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR | null;
}

/**
 * Initializes WDF_DMA_SYSTEM_PROFILE_CONFIG: the device's FIFO address, the transfer width and the CM DMA descriptor
 * (channel and request line); demand mode and looping off.
 */
export function WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(
  DmaConfig: WDF_DMA_SYSTEM_PROFILE_CONFIG,
  Address: number,
  DmaWidth: DMA_WIDTH,
  DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR | null,
): void {
  const helper = 'WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT';
  helperStruct(helper, 'DmaConfig', DmaConfig);
  helperNumber(helper, 'Address', Address, isUnsigned, 'a PHYSICAL_ADDRESS');
  helperNumber(helper, 'DmaWidth', DmaWidth, Number.isInteger, 'a DMA_WIDTH');
  if (DmaDescriptor !== null && DmaDescriptor !== undefined && typeof DmaDescriptor !== 'object') helperPointer(helper, 'DmaDescriptor', DmaDescriptor);
  DmaConfig.Size = WDF_DMA_SYSTEM_PROFILE_CONFIG_SIZE;
  DmaConfig.DemandMode = false;
  DmaConfig.LoopedTransfer = false;
  DmaConfig.DeviceAddress = Address;
  DmaConfig.DmaWidth = DmaWidth;
  DmaConfig.DmaDescriptor = DmaDescriptor;
}

/** WdfCommonBufferCreateWithConfig's configuration: the alignment requirement. */
export interface WDF_COMMON_BUFFER_CONFIG {
  Size: number;
  AlignmentRequirement: number;
}

/** Initializes WDF_COMMON_BUFFER_CONFIG with an alignment requirement. */
export function WDF_COMMON_BUFFER_CONFIG_INIT(Config: WDF_COMMON_BUFFER_CONFIG, AlignmentRequirement: number): void {
  const helper = 'WDF_COMMON_BUFFER_CONFIG_INIT';
  helperStruct(helper, 'Config', Config);
  helperNumber(helper, 'AlignmentRequirement', AlignmentRequirement, isUnsigned, 'an alignment mask (a ULONG)');
  Config.Size = WDF_COMMON_BUFFER_CONFIG_SIZE;
  Config.AlignmentRequirement = AlignmentRequirement;
}

// ---- driver callbacks (B.5) ----
/**
 * EvtProgramDma: a fragment is mapped (its scatter/gather list given); start the device's side of it. For a System
 * profile the controller is already programmed.
 */
export type EVT_WDF_PROGRAM_DMA = (
  Transaction: WDFDMATRANSACTION,
  Device: WDFDEVICE,
  Context: WDFCONTEXT,
  Direction: WDF_DMA_DIRECTION,
  SgList: SCATTER_GATHER_LIST,
) => boolean;

/**
 * EvtDmaTransactionConfigureDmaChannel: before each fragment of a System-profile transaction is mapped; configure the
 * controller channel. Return false to stop.
 */
export type EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (
  DmaTransaction: WDFDMATRANSACTION,
  Device: WDFDEVICE,
  Context: WDFCONTEXT,
  Mdl: MDL | null,
  Offset: number,
  Length: number,
) => boolean;

/**
 * EvtDmaTransactionDmaTransferComplete: the HAL finished (or stopped) a fragment of a System-profile transaction, with
 * its DMA_COMPLETION_STATUS.
 */
export type EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (
  Transaction: WDFDMATRANSACTION,
  Device: WDFDEVICE,
  Context: WDFCONTEXT,
  Direction: WDF_DMA_DIRECTION,
  Status: DMA_COMPLETION_STATUS,
) => void;

/** EvtReserveDma: the enabler's reserved channel is granted (WdfDmaTransactionAllocateResources). */
export type EVT_WDF_RESERVE_DMA = (DmaTransaction: WDFDMATRANSACTION, Context: WDFCONTEXT) => void;

export type { WDFCOMMONBUFFER };
