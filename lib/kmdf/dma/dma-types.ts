// DMA enumerations, configuration structures, their *_INIT helpers and the driver callback types (public KMDF
// headers wdfdmaenabler.h, wdfdmatransaction.h, wdfcommonbuffer.h; KMDF-SYSTEM-DMA.md B.1, B.5).
import type { WDFCOMMONBUFFER, WDFCONTEXT, WDFDEVICE, WDFDMAENABLER, WDFDMATRANSACTION } from '../object/handles.js';
import type { CM_PARTIAL_RESOURCE_DESCRIPTOR } from '../device/resources.js';
import type { DMA_COMPLETION_STATUS, MDL, NTSTATUS, SCATTER_GATHER_LIST } from '../fx/hal.js';
import { helperNumber, helperPointer, helperStruct } from '../verifier/arguments.js';

const isUnsigned = (n: number): boolean => Number.isInteger(n) && n >= 0;

export type WDF_DMA_PROFILE = number;
export const WdfDmaProfileInvalid = 0;
export const WdfDmaProfilePacket = 1;
export const WdfDmaProfileScatterGather = 2;
export const WdfDmaProfilePacket64 = 3;
export const WdfDmaProfileScatterGather64 = 4;
export const WdfDmaProfileScatterGatherDuplex = 5;
export const WdfDmaProfileScatterGather64Duplex = 6;
export const WdfDmaProfileSystem = 7;
export const WdfDmaProfileSystemDuplex = 8;
export const WdfDmaProfileMaximum = 9;

export type WDF_DMA_DIRECTION = number;
export const WdfDmaDirectionReadFromDevice = 0;
export const WdfDmaDirectionWriteToDevice = 1;

export const WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS = 0xffffffff;
export const WDF_DMA_ENABLER_CONFIG_NO_SGLIST_PREALLOCATION = 0x1;
export const WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER = 0x2;

export type EVT_WDF_DMA_ENABLER_FILL = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
export type EVT_WDF_DMA_ENABLER_FLUSH = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
export type EVT_WDF_DMA_ENABLER_ENABLE = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
export type EVT_WDF_DMA_ENABLER_DISABLE = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
export type EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;
export type EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP = (DmaEnabler: WDFDMAENABLER) => NTSTATUS;

/** sizeof(WDF_DMA_ENABLER_CONFIG) in this framework version; a different Size is STATUS_INFO_LENGTH_MISMATCH. */
export const WDF_DMA_ENABLER_CONFIG_SIZE = 88;
export const WDF_DMA_SYSTEM_PROFILE_CONFIG_SIZE = 40;
export const WDF_COMMON_BUFFER_CONFIG_SIZE = 16;

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

export interface WDF_DMA_SYSTEM_PROFILE_CONFIG {
  Size: number;
  DemandMode: boolean;
  LoopedTransfer: boolean;
  DmaWidth: DMA_WIDTH;
  /** PHYSICAL_ADDRESS of the device data register / FIFO. */
  DeviceAddress: number;
  DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR | null;
}

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

export interface WDF_COMMON_BUFFER_CONFIG {
  Size: number;
  AlignmentRequirement: number;
}

export function WDF_COMMON_BUFFER_CONFIG_INIT(Config: WDF_COMMON_BUFFER_CONFIG, AlignmentRequirement: number): void {
  const helper = 'WDF_COMMON_BUFFER_CONFIG_INIT';
  helperStruct(helper, 'Config', Config);
  helperNumber(helper, 'AlignmentRequirement', AlignmentRequirement, isUnsigned, 'an alignment mask (a ULONG)');
  Config.Size = WDF_COMMON_BUFFER_CONFIG_SIZE;
  Config.AlignmentRequirement = AlignmentRequirement;
}

// ---- driver callbacks (B.5) ----
export type EVT_WDF_PROGRAM_DMA = (
  Transaction: WDFDMATRANSACTION,
  Device: WDFDEVICE,
  Context: WDFCONTEXT,
  Direction: WDF_DMA_DIRECTION,
  SgList: SCATTER_GATHER_LIST,
) => boolean;

export type EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (
  DmaTransaction: WDFDMATRANSACTION,
  Device: WDFDEVICE,
  Context: WDFCONTEXT,
  Mdl: MDL | null,
  Offset: number,
  Length: number,
) => boolean;

export type EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (
  Transaction: WDFDMATRANSACTION,
  Device: WDFDEVICE,
  Context: WDFCONTEXT,
  Direction: WDF_DMA_DIRECTION,
  Status: DMA_COMPLETION_STATUS,
) => void;

export type EVT_WDF_RESERVE_DMA = (DmaTransaction: WDFDMATRANSACTION, Context: WDFCONTEXT) => void;

export type { WDFCOMMONBUFFER };
