// sercx.h (version 2): the SerCx2 object handles, enumerations, event-callback types, configuration structures and
// their *_INIT functions (their arguments checked as lib/kmdf's WDF_*_INIT are), with the members and parameter order
// of the DDI pages (SERCX2_CONFIG, SERCX2_PIO_RECEIVE_CONFIG,
// SERCX2_SYSTEM_DMA_RECEIVE_CONFIG, SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG, ...). Each *_INIT sets Size and the members it
// names and zeroes the rest, as the pages say. Handles are WDF objects (their attributes give contexts and cleanup).
import type { MDL } from '../hal/memory/mdl.js';
import type { NTSTATUS } from '../hal/ntstatus.js';
import type { Out } from '../hal/out.js';
import type { CM_PARTIAL_RESOURCE_DESCRIPTOR } from '../kmdf/device/resources.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../kmdf/object/attributes.js';
import type { WDFDEVICE, WDFOBJECT, WDFREQUEST } from '../kmdf/object/handles.js';
import { helperCallback, helperNumber, helperPointer, helperStruct } from '../kmdf/verifier/arguments.js';

/** The *_INIT helpers' argument checks (as lib/kmdf's WDF_*_INIT: a coded HalError naming the helper, never a TypeError).
 *  A NULL callback is stored: the *Create DDI that consumes the structure answers a missing required one. */
function initChecks(helper: string, name: string, config: unknown, callbacks: Record<string, [unknown, boolean]> = {}): void {
  helperStruct(helper, name, config);
  for (const [n, [fn, optional]] of Object.entries(callbacks)) helperCallback(helper, n, fn, optional);
}

const isUnsigned = (n: number): boolean => Number.isInteger(n) && n >= 0;

function dmaInitChecks(helper: string, MaximumTransferLength: unknown, Address: unknown, DmaWidth: unknown, DmaDescriptor: unknown): void {
  helperNumber(helper, 'MaximumTransferLength', MaximumTransferLength, isUnsigned, 'a length in bytes');
  helperNumber(helper, 'Address', Address, isUnsigned, 'a PHYSICAL_ADDRESS');
  helperNumber(helper, 'DmaWidth', DmaWidth, Number.isInteger, 'a DMA_WIDTH');
  if (DmaDescriptor !== null && DmaDescriptor !== undefined && typeof DmaDescriptor !== 'object') helperPointer(helper, 'DmaDescriptor', DmaDescriptor);
}

declare const sercx2Brand: unique symbol;
type Sercx2Handle<K extends string> = WDFOBJECT & { readonly [sercx2Brand]: K };
/** A SerCx2 PIO receive object handle. */
export type SERCX2PIORECEIVE = Sercx2Handle<'SERCX2PIORECEIVE'>;
/** A SerCx2 PIO transmit object handle. */
export type SERCX2PIOTRANSMIT = Sercx2Handle<'SERCX2PIOTRANSMIT'>;
/** A SerCx2 system-DMA receive object handle. */
export type SERCX2SYSTEMDMARECEIVE = Sercx2Handle<'SERCX2SYSTEMDMARECEIVE'>;
/** A SerCx2 system-DMA transmit object handle. */
export type SERCX2SYSTEMDMATRANSMIT = Sercx2Handle<'SERCX2SYSTEMDMATRANSMIT'>;
/** A SerCx2 custom receive object handle. */
export type SERCX2CUSTOMRECEIVE = Sercx2Handle<'SERCX2CUSTOMRECEIVE'>;
/** A SerCx2 custom receive transaction handle. */
export type SERCX2CUSTOMRECEIVETRANSACTION = Sercx2Handle<'SERCX2CUSTOMRECEIVETRANSACTION'>;
/** A SerCx2 custom transmit object handle. */
export type SERCX2CUSTOMTRANSMIT = Sercx2Handle<'SERCX2CUSTOMTRANSMIT'>;
/** A SerCx2 custom transmit transaction handle. */
export type SERCX2CUSTOMTRANSMITTRANSACTION = Sercx2Handle<'SERCX2CUSTOMTRANSMITTRANSACTION'>;

/** SERCX2_TRANSACTION_TYPE. */
export type SERCX2_TRANSACTION_TYPE = number;
/** SERCX2_TRANSACTION_TYPE: SerCx2's default choice. */
export const SerCx2TransactionTypeDefault = 0;
/** SERCX2_TRANSACTION_TYPE: a PIO transaction. */
export const SerCx2TransactionTypePio = 1;
/** SERCX2_TRANSACTION_TYPE: a system-DMA transaction. */
export const SerCx2TransactionTypeSystemDma = 2;
/** SERCX2_TRANSACTION_TYPE: a custom transaction. */
export const SerCx2TransactionTypeCustom = 3;

/** SERCX2_CUSTOM_RECEIVE_TRANSACTION_PROGRESS. */
export type SERCX2_CUSTOM_RECEIVE_TRANSACTION_PROGRESS = number;
/** SERCX2_CUSTOM_RECEIVE_TRANSACTION_PROGRESS: nothing received since the last report. */
export const SerCx2CustomReceiveTransactionNoProgress = 0;
/** SERCX2_CUSTOM_RECEIVE_TRANSACTION_PROGRESS: bytes were received. */
export const SerCx2CustomReceiveTransactionBytesTransferred = 1;

// ---- SERCX2_CONFIG ----
/** EvtSerCx2FileOpen: a client opened the serial port; prepare the hardware. */
export type EVT_SERCX2_FILEOPEN = (Device: WDFDEVICE) => NTSTATUS;
/** EvtSerCx2FileClose: the client closed the serial port. */
export type EVT_SERCX2_FILECLOSE = (Device: WDFDEVICE) => void;
/** EvtSerCx2SetWaitMask: IOCTL_SERIAL_SET_WAIT_MASK with the events to watch; complete the request. */
export type EVT_SERCX2_SET_WAIT_MASK = (Device: WDFDEVICE, Request: WDFREQUEST, WaitMask: number) => void;
/** EvtSerCx2PurgeFifos: discard what the receive and / or transmit FIFOs hold. */
export type EVT_SERCX2_PURGE_FIFOS = (Device: WDFDEVICE, PurgeRxFifo: boolean, PurgeTxFifo: boolean) => void;
/**
 * EvtSerCx2Control: a serial IOCTL SerCx2 passes to the controller driver (baud rate, line control, handshake, ...).
 */
export type EVT_SERCX2_CONTROL = (
  Device: WDFDEVICE,
  Request: WDFREQUEST,
  OutputBufferLength: number,
  InputBufferLength: number,
  IoControlCode: number,
) => NTSTATUS;
/** ConnectionParameters: a kernel VA of the connection's (vendor-defined) descriptor bytes, or 0 (NULL) for none. */
export type EVT_SERCX2_APPLY_CONFIG = (Device: WDFDEVICE, ConnectionParameters: number) => NTSTATUS;
/**
 * EvtSerCx2SelectNextReceiveTransactionType: which kind of transaction the next read uses (PIO, system DMA or custom).
 */
export type EVT_SERCX2_SELECT_NEXT_RECEIVE_TRANSACTION_TYPE = (
  Device: WDFDEVICE,
  Mdl: MDL,
  Offset: number,
  RemainingLength: number,
  CustomReceive: Out<SERCX2CUSTOMRECEIVE | null>,
  NextTransactionLength: Out<number>,
) => SERCX2_TRANSACTION_TYPE;
/**
 * EvtSerCx2SelectNextTransmitTransactionType: which kind of transaction the next write uses (PIO, system DMA or
 * custom).
 */
export type EVT_SERCX2_SELECT_NEXT_TRANSMIT_TRANSACTION_TYPE = (
  Device: WDFDEVICE,
  Mdl: MDL,
  Offset: number,
  RemainingLength: number,
  CustomTransmit: Out<SERCX2CUSTOMTRANSMIT | null>,
  NextTransactionLength: Out<number>,
) => SERCX2_TRANSACTION_TYPE;

/** SerCx2InitializeDevice's configuration: the controller driver's callbacks and its options. */
export interface SERCX2_CONFIG {
  Size: number;
  EvtSerCx2FileOpen: EVT_SERCX2_FILEOPEN | null;
  EvtSerCx2FileClose: EVT_SERCX2_FILECLOSE | null;
  EvtSerCx2SetWaitMask: EVT_SERCX2_SET_WAIT_MASK | null;
  EvtSerCx2PurgeFifos: EVT_SERCX2_PURGE_FIFOS | null;
  EvtSerCx2Control: EVT_SERCX2_CONTROL | null;
  EvtSerCx2ApplyConfig: EVT_SERCX2_APPLY_CONFIG | null;
  EvtSerCx2SelectNextReceiveTransactionType: EVT_SERCX2_SELECT_NEXT_RECEIVE_TRANSACTION_TYPE | null;
  EvtSerCx2SelectNextTransmitTransactionType: EVT_SERCX2_SELECT_NEXT_TRANSMIT_TRANSACTION_TYPE | null;
  RequestAttributes: WDF_OBJECT_ATTRIBUTES | null;
}
/** sizeof(SERCX2_CONFIG) in C, for the Size field. */
export const SERCX2_CONFIG_SIZE = 80;

/**
 * Initializes SERCX2_CONFIG with the controller driver's required callbacks (apply configuration, control, purge
 * FIFOs); the optional ones empty.
 */
export function SERCX2_CONFIG_INIT(
  Config: SERCX2_CONFIG,
  EvtSerCx2ApplyConfig: EVT_SERCX2_APPLY_CONFIG,
  EvtSerCx2Control: EVT_SERCX2_CONTROL,
  EvtSerCx2PurgeFifos: EVT_SERCX2_PURGE_FIFOS,
): void {
  initChecks('SERCX2_CONFIG_INIT', 'Config', Config, { EvtSerCx2ApplyConfig: [EvtSerCx2ApplyConfig, true], EvtSerCx2Control: [EvtSerCx2Control, true], EvtSerCx2PurgeFifos: [EvtSerCx2PurgeFifos, true] });
  Object.assign(Config, {
    Size: SERCX2_CONFIG_SIZE,
    EvtSerCx2FileOpen: null,
    EvtSerCx2FileClose: null,
    EvtSerCx2SetWaitMask: null,
    EvtSerCx2PurgeFifos,
    EvtSerCx2Control,
    EvtSerCx2ApplyConfig,
    EvtSerCx2SelectNextReceiveTransactionType: null,
    EvtSerCx2SelectNextTransmitTransactionType: null,
    RequestAttributes: null,
  } satisfies SERCX2_CONFIG);
}

// ---- PIO receive / transmit ----
/**
 * EvtSerCx2PioReceiveInitializeTransaction: a PIO receive begins; prepare the hardware and call
 * SerCx2PioReceiveInitializeTransactionComplete.
 */
export type EVT_SERCX2_PIO_RECEIVE_INITIALIZE_TRANSACTION = (PioReceive: SERCX2PIORECEIVE) => void;
/**
 * EvtSerCx2PioReceiveCleanupTransaction: a PIO receive ended; call SerCx2PioReceiveCleanupTransactionComplete when
 * done.
 */
export type EVT_SERCX2_PIO_RECEIVE_CLEANUP_TRANSACTION = (PioReceive: SERCX2PIORECEIVE) => void;
/** Buffer: the kernel VA to fill; returns the bytes moved from the receive FIFO. */
export type EVT_SERCX2_PIO_RECEIVE_READ_BUFFER = (PioReceive: SERCX2PIORECEIVE, Buffer: number, Length: number) => number;
/**
 * EvtSerCx2PioReceiveEnableReadyNotification: interrupt when the receive FIFO has data, then call
 * SerCx2PioReceiveReady.
 */
export type EVT_SERCX2_PIO_RECEIVE_ENABLE_READY_NOTIFICATION = (PioReceive: SERCX2PIORECEIVE) => void;
/** EvtSerCx2PioReceiveCancelReadyNotification: stop that notification; true if it had not fired. */
export type EVT_SERCX2_PIO_RECEIVE_CANCEL_READY_NOTIFICATION = (PioReceive: SERCX2PIORECEIVE) => boolean;

/** SerCx2PioReceiveCreate's configuration: the read-buffer, transaction and ready-notification callbacks. */
export interface SERCX2_PIO_RECEIVE_CONFIG {
  Size: number;
  EvtSerCx2PioReceiveInitializeTransaction: EVT_SERCX2_PIO_RECEIVE_INITIALIZE_TRANSACTION | null;
  EvtSerCx2PioReceiveCleanupTransaction: EVT_SERCX2_PIO_RECEIVE_CLEANUP_TRANSACTION | null;
  EvtSerCx2PioReceiveReadBuffer: EVT_SERCX2_PIO_RECEIVE_READ_BUFFER | null;
  EvtSerCx2PioReceiveEnableReadyNotification: EVT_SERCX2_PIO_RECEIVE_ENABLE_READY_NOTIFICATION | null;
  EvtSerCx2PioReceiveCancelReadyNotification: EVT_SERCX2_PIO_RECEIVE_CANCEL_READY_NOTIFICATION | null;
}
/** sizeof(SERCX2_PIO_RECEIVE_CONFIG) in C, for the Size field. */
export const SERCX2_PIO_RECEIVE_CONFIG_SIZE = 48;

/** Initializes SERCX2_PIO_RECEIVE_CONFIG with the read-buffer and the ready-notification callbacks. */
export function SERCX2_PIO_RECEIVE_CONFIG_INIT(
  PioReceiveConfig: SERCX2_PIO_RECEIVE_CONFIG,
  EvtSerCx2PioReceiveReadBuffer: EVT_SERCX2_PIO_RECEIVE_READ_BUFFER,
  EvtSerCx2PioReceiveEnableReadyNotification: EVT_SERCX2_PIO_RECEIVE_ENABLE_READY_NOTIFICATION,
  EvtSerCx2PioReceiveCancelReadyNotification: EVT_SERCX2_PIO_RECEIVE_CANCEL_READY_NOTIFICATION,
): void {
  initChecks('SERCX2_PIO_RECEIVE_CONFIG_INIT', 'PioReceiveConfig', PioReceiveConfig, {
    EvtSerCx2PioReceiveReadBuffer: [EvtSerCx2PioReceiveReadBuffer, true],
    EvtSerCx2PioReceiveEnableReadyNotification: [EvtSerCx2PioReceiveEnableReadyNotification, true],
    EvtSerCx2PioReceiveCancelReadyNotification: [EvtSerCx2PioReceiveCancelReadyNotification, true],
  });
  Object.assign(PioReceiveConfig, {
    Size: SERCX2_PIO_RECEIVE_CONFIG_SIZE,
    EvtSerCx2PioReceiveInitializeTransaction: null,
    EvtSerCx2PioReceiveCleanupTransaction: null,
    EvtSerCx2PioReceiveReadBuffer,
    EvtSerCx2PioReceiveEnableReadyNotification,
    EvtSerCx2PioReceiveCancelReadyNotification,
  } satisfies SERCX2_PIO_RECEIVE_CONFIG);
}

/**
 * EvtSerCx2PioTransmitInitializeTransaction: a PIO transmit begins; prepare the hardware and call
 * SerCx2PioTransmitInitializeTransactionComplete.
 */
export type EVT_SERCX2_PIO_TRANSMIT_INITIALIZE_TRANSACTION = (PioTransmit: SERCX2PIOTRANSMIT) => void;
/**
 * EvtSerCx2PioTransmitCleanupTransaction: a PIO transmit ended; call SerCx2PioTransmitCleanupTransactionComplete when
 * done.
 */
export type EVT_SERCX2_PIO_TRANSMIT_CLEANUP_TRANSACTION = (PioTransmit: SERCX2PIOTRANSMIT) => void;
/** Buffer: the kernel VA of the data; returns the bytes moved into the transmit FIFO. */
export type EVT_SERCX2_PIO_TRANSMIT_WRITE_BUFFER = (PioTransmit: SERCX2PIOTRANSMIT, Buffer: number, Length: number) => number;
/**
 * EvtSerCx2PioTransmitEnableReadyNotification: interrupt when the transmit FIFO has room, then call
 * SerCx2PioTransmitReady.
 */
export type EVT_SERCX2_PIO_TRANSMIT_ENABLE_READY_NOTIFICATION = (PioTransmit: SERCX2PIOTRANSMIT) => void;
/** EvtSerCx2PioTransmitCancelReadyNotification: stop that notification; true if it had not fired. */
export type EVT_SERCX2_PIO_TRANSMIT_CANCEL_READY_NOTIFICATION = (PioTransmit: SERCX2PIOTRANSMIT) => boolean;
/** EvtSerCx2PioTransmitDrainFifo: tell SerCx2 (SerCx2PioTransmitDrainFifoComplete) once the transmit FIFO is empty. */
export type EVT_SERCX2_PIO_TRANSMIT_DRAIN_FIFO = (PioTransmit: SERCX2PIOTRANSMIT) => void;
/** EvtSerCx2PioTransmitCancelDrainFifo: stop waiting for the drain; true if it had not completed. */
export type EVT_SERCX2_PIO_TRANSMIT_CANCEL_DRAIN_FIFO = (PioTransmit: SERCX2PIOTRANSMIT) => boolean;
/**
 * EvtSerCx2PioTransmitPurgeFifo: discard the transmit FIFO's bytes and report them with
 * SerCx2PioTransmitPurgeFifoComplete.
 */
export type EVT_SERCX2_PIO_TRANSMIT_PURGE_FIFO = (PioTransmit: SERCX2PIOTRANSMIT, BytesAlreadyTransmittedToHardware: number) => void;

/**
 * SerCx2PioTransmitCreate's configuration: the write-buffer, transaction, ready-notification, drain and purge
 * callbacks.
 */
export interface SERCX2_PIO_TRANSMIT_CONFIG {
  Size: number;
  EvtSerCx2PioTransmitInitializeTransaction: EVT_SERCX2_PIO_TRANSMIT_INITIALIZE_TRANSACTION | null;
  EvtSerCx2PioTransmitCleanupTransaction: EVT_SERCX2_PIO_TRANSMIT_CLEANUP_TRANSACTION | null;
  EvtSerCx2PioTransmitWriteBuffer: EVT_SERCX2_PIO_TRANSMIT_WRITE_BUFFER | null;
  EvtSerCx2PioTransmitEnableReadyNotification: EVT_SERCX2_PIO_TRANSMIT_ENABLE_READY_NOTIFICATION | null;
  EvtSerCx2PioTransmitCancelReadyNotification: EVT_SERCX2_PIO_TRANSMIT_CANCEL_READY_NOTIFICATION | null;
  EvtSerCx2PioTransmitDrainFifo: EVT_SERCX2_PIO_TRANSMIT_DRAIN_FIFO | null;
  EvtSerCx2PioTransmitCancelDrainFifo: EVT_SERCX2_PIO_TRANSMIT_CANCEL_DRAIN_FIFO | null;
  EvtSerCx2PioTransmitPurgeFifo: EVT_SERCX2_PIO_TRANSMIT_PURGE_FIFO | null;
}
/** sizeof(SERCX2_PIO_TRANSMIT_CONFIG) in C, for the Size field. */
export const SERCX2_PIO_TRANSMIT_CONFIG_SIZE = 72;

/** Initializes SERCX2_PIO_TRANSMIT_CONFIG with the write-buffer and the ready-notification callbacks. */
export function SERCX2_PIO_TRANSMIT_CONFIG_INIT(
  PioTransmitConfig: SERCX2_PIO_TRANSMIT_CONFIG,
  EvtSerCx2PioTransmitWriteBuffer: EVT_SERCX2_PIO_TRANSMIT_WRITE_BUFFER,
  EvtSerCx2PioTransmitEnableReadyNotification: EVT_SERCX2_PIO_TRANSMIT_ENABLE_READY_NOTIFICATION,
  EvtSerCx2PioTransmitCancelReadyNotification: EVT_SERCX2_PIO_TRANSMIT_CANCEL_READY_NOTIFICATION,
): void {
  initChecks('SERCX2_PIO_TRANSMIT_CONFIG_INIT', 'PioTransmitConfig', PioTransmitConfig, {
    EvtSerCx2PioTransmitWriteBuffer: [EvtSerCx2PioTransmitWriteBuffer, true],
    EvtSerCx2PioTransmitEnableReadyNotification: [EvtSerCx2PioTransmitEnableReadyNotification, true],
    EvtSerCx2PioTransmitCancelReadyNotification: [EvtSerCx2PioTransmitCancelReadyNotification, true],
  });
  Object.assign(PioTransmitConfig, {
    Size: SERCX2_PIO_TRANSMIT_CONFIG_SIZE,
    EvtSerCx2PioTransmitInitializeTransaction: null,
    EvtSerCx2PioTransmitCleanupTransaction: null,
    EvtSerCx2PioTransmitWriteBuffer,
    EvtSerCx2PioTransmitEnableReadyNotification,
    EvtSerCx2PioTransmitCancelReadyNotification,
    EvtSerCx2PioTransmitDrainFifo: null,
    EvtSerCx2PioTransmitCancelDrainFifo: null,
    EvtSerCx2PioTransmitPurgeFifo: null,
  } satisfies SERCX2_PIO_TRANSMIT_CONFIG);
}

// ---- system DMA receive / transmit ----
/**
 * EvtSerCx2SystemDmaReceiveInitializeTransaction: a DMA receive of `Length` bytes begins; call
 * SerCx2SystemDmaReceiveInitializeTransactionComplete.
 */
export type EVT_SERCX2_SYSTEM_DMA_RECEIVE_INITIALIZE_TRANSACTION = (SystemDmaReceive: SERCX2SYSTEMDMARECEIVE, Length: number) => void;
/**
 * EvtSerCx2SystemDmaReceiveCleanupTransaction: a DMA receive ended; call
 * SerCx2SystemDmaReceiveCleanupTransactionComplete.
 */
export type EVT_SERCX2_SYSTEM_DMA_RECEIVE_CLEANUP_TRANSACTION = (SystemDmaReceive: SERCX2SYSTEMDMARECEIVE) => void;
/**
 * EvtSerCx2SystemDmaReceiveConfigureDmaChannel: configure the controller channel before a receive fragment (its
 * EvtDmaTransactionConfigureDmaChannel).
 */
export type EVT_SERCX2_SYSTEM_DMA_RECEIVE_CONFIGURE_DMA_CHANNEL = (
  SystemDmaReceive: SERCX2SYSTEMDMARECEIVE,
  Mdl: MDL,
  Offset: number,
  Length: number,
) => NTSTATUS;
/**
 * EvtSerCx2SystemDmaReceiveEnableNewDataNotification: interrupt when data arrives, then call
 * SerCx2SystemDmaReceiveNewDataNotification.
 */
export type EVT_SERCX2_SYSTEM_DMA_RECEIVE_ENABLE_NEW_DATA_NOTIFICATION = (SystemDmaReceive: SERCX2SYSTEMDMARECEIVE) => void;
/** EvtSerCx2SystemDmaReceiveCancelNewDataNotification: stop that notification; true if it had not fired. */
export type EVT_SERCX2_SYSTEM_DMA_RECEIVE_CANCEL_NEW_DATA_NOTIFICATION = (SystemDmaReceive: SERCX2SYSTEMDMARECEIVE) => boolean;

/**
 * SerCx2SystemDmaReceiveCreate's configuration: the DMA channel (address, width, descriptor, lengths) and the
 * transaction and notification callbacks.
 */
export interface SERCX2_SYSTEM_DMA_RECEIVE_CONFIG {
  Size: number;
  MaximumTransferLength: number;
  MinimumTransactionLength: number;
  /** FILE_*_ALIGNMENT (a mask: 1 = word, 3 = long, ...); 0 = the minimum transfer unit. */
  DmaAlignment: number;
  MaximumScatterGatherFragments: number;
  DmaWidth: number;
  /** PHYSICAL_ADDRESS of the receive data register. */
  DeviceAddress: number;
  DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR | null;
  MinimumTransferUnitOverride: number;
  Exclusive: boolean;
  EvtSerCx2SystemDmaReceiveInitializeTransaction: EVT_SERCX2_SYSTEM_DMA_RECEIVE_INITIALIZE_TRANSACTION | null;
  EvtSerCx2SystemDmaReceiveCleanupTransaction: EVT_SERCX2_SYSTEM_DMA_RECEIVE_CLEANUP_TRANSACTION | null;
  EvtSerCx2SystemDmaReceiveConfigureDmaChannel: EVT_SERCX2_SYSTEM_DMA_RECEIVE_CONFIGURE_DMA_CHANNEL | null;
  EvtSerCx2SystemDmaReceiveEnableNewDataNotification: EVT_SERCX2_SYSTEM_DMA_RECEIVE_ENABLE_NEW_DATA_NOTIFICATION | null;
  EvtSerCx2SystemDmaReceiveCancelNewDataNotification: EVT_SERCX2_SYSTEM_DMA_RECEIVE_CANCEL_NEW_DATA_NOTIFICATION | null;
}
/** sizeof(SERCX2_SYSTEM_DMA_RECEIVE_CONFIG) in C, for the Size field. */
export const SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_SIZE = 112;

function dmaConfigBase(MaximumTransferLength: number, Address: number, DmaWidth: number, DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR) {
  return {
    MaximumTransferLength,
    MinimumTransactionLength: 0,
    DmaAlignment: 0,
    MaximumScatterGatherFragments: 0,
    DmaWidth,
    DeviceAddress: Address,
    DmaDescriptor,
    MinimumTransferUnitOverride: 0,
    Exclusive: false,
  };
}

/**
 * Initializes SERCX2_SYSTEM_DMA_RECEIVE_CONFIG: the largest transfer, the FIFO's DMA address, width and CM DMA
 * descriptor.
 */
export function SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT(
  Config: SERCX2_SYSTEM_DMA_RECEIVE_CONFIG,
  MaximumTransferLength: number,
  Address: number,
  DmaWidth: number,
  DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR,
): void {
  initChecks('SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT', 'Config', Config);
  dmaInitChecks('SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT', MaximumTransferLength, Address, DmaWidth, DmaDescriptor);
  Object.assign(Config, {
    Size: SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_SIZE,
    ...dmaConfigBase(MaximumTransferLength, Address, DmaWidth, DmaDescriptor),
    EvtSerCx2SystemDmaReceiveInitializeTransaction: null,
    EvtSerCx2SystemDmaReceiveCleanupTransaction: null,
    EvtSerCx2SystemDmaReceiveConfigureDmaChannel: null,
    EvtSerCx2SystemDmaReceiveEnableNewDataNotification: null,
    EvtSerCx2SystemDmaReceiveCancelNewDataNotification: null,
  } satisfies SERCX2_SYSTEM_DMA_RECEIVE_CONFIG);
}

/** SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT plus the new-data notification callbacks. */
export function SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT_NEW_DATA_NOTIFICATION(
  Config: SERCX2_SYSTEM_DMA_RECEIVE_CONFIG,
  MaximumTransferLength: number,
  Address: number,
  DmaWidth: number,
  DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR,
  EvtSerCx2SystemDmaReceiveEnableNewDataNotification: EVT_SERCX2_SYSTEM_DMA_RECEIVE_ENABLE_NEW_DATA_NOTIFICATION,
  EvtSerCx2SystemDmaReceiveCancelNewDataNotification: EVT_SERCX2_SYSTEM_DMA_RECEIVE_CANCEL_NEW_DATA_NOTIFICATION,
): void {
  initChecks('SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT_NEW_DATA_NOTIFICATION', 'Config', Config, {
    EvtSerCx2SystemDmaReceiveEnableNewDataNotification: [EvtSerCx2SystemDmaReceiveEnableNewDataNotification, true],
    EvtSerCx2SystemDmaReceiveCancelNewDataNotification: [EvtSerCx2SystemDmaReceiveCancelNewDataNotification, true],
  });
  SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT(Config, MaximumTransferLength, Address, DmaWidth, DmaDescriptor);
  Config.EvtSerCx2SystemDmaReceiveEnableNewDataNotification = EvtSerCx2SystemDmaReceiveEnableNewDataNotification;
  Config.EvtSerCx2SystemDmaReceiveCancelNewDataNotification = EvtSerCx2SystemDmaReceiveCancelNewDataNotification;
}

/**
 * EvtSerCx2SystemDmaTransmitInitializeTransaction: a DMA transmit of `Length` bytes begins; call
 * SerCx2SystemDmaTransmitInitializeTransactionComplete.
 */
export type EVT_SERCX2_SYSTEM_DMA_TRANSMIT_INITIALIZE_TRANSACTION = (SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT, Length: number) => void;
/**
 * EvtSerCx2SystemDmaTransmitCleanupTransaction: a DMA transmit ended; call
 * SerCx2SystemDmaTransmitCleanupTransactionComplete.
 */
export type EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CLEANUP_TRANSACTION = (SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT) => void;
/** EvtSerCx2SystemDmaTransmitConfigureDmaChannel: configure the controller channel before a transmit fragment. */
export type EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CONFIGURE_DMA_CHANNEL = (
  SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT,
  Mdl: MDL,
  Offset: number,
  Length: number,
) => NTSTATUS;
/**
 * EvtSerCx2SystemDmaTransmitDrainFifo: tell SerCx2 (SerCx2SystemDmaTransmitDrainFifoComplete) once the transmit FIFO is
 * empty.
 */
export type EVT_SERCX2_SYSTEM_DMA_TRANSMIT_DRAIN_FIFO = (SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT) => void;
/** EvtSerCx2SystemDmaTransmitCancelDrainFifo: stop waiting for the drain; true if it had not completed. */
export type EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CANCEL_DRAIN_FIFO = (SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT) => boolean;
/**
 * EvtSerCx2SystemDmaTransmitPurgeFifo: discard the transmit FIFO's bytes and report them with
 * SerCx2SystemDmaTransmitPurgeFifoComplete.
 */
export type EVT_SERCX2_SYSTEM_DMA_TRANSMIT_PURGE_FIFO = (SystemDmaTransmit: SERCX2SYSTEMDMATRANSMIT, BytesAlreadyTransmittedToHardware: number) => void;

/**
 * SerCx2SystemDmaTransmitCreate's configuration: the DMA channel (address, width, descriptor, lengths) and the
 * transaction, drain and purge callbacks.
 */
export interface SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG {
  Size: number;
  MaximumTransferLength: number;
  MinimumTransactionLength: number;
  DmaAlignment: number;
  MaximumScatterGatherFragments: number;
  DmaWidth: number;
  DeviceAddress: number;
  DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR | null;
  MinimumTransferUnitOverride: number;
  Exclusive: boolean;
  EvtSerCx2SystemDmaTransmitInitializeTransaction: EVT_SERCX2_SYSTEM_DMA_TRANSMIT_INITIALIZE_TRANSACTION | null;
  EvtSerCx2SystemDmaTransmitCleanupTransaction: EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CLEANUP_TRANSACTION | null;
  EvtSerCx2SystemDmaTransmitConfigureDmaChannel: EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CONFIGURE_DMA_CHANNEL | null;
  EvtSerCx2SystemDmaTransmitDrainFifo: EVT_SERCX2_SYSTEM_DMA_TRANSMIT_DRAIN_FIFO | null;
  EvtSerCx2SystemDmaTransmitCancelDrainFifo: EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CANCEL_DRAIN_FIFO | null;
  EvtSerCx2SystemDmaTransmitPurgeFifo: EVT_SERCX2_SYSTEM_DMA_TRANSMIT_PURGE_FIFO | null;
}
/** sizeof(SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG) in C, for the Size field. */
export const SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_SIZE = 120;

/**
 * Initializes SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG: the largest transfer, the FIFO's DMA address, width and CM DMA
 * descriptor.
 */
export function SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_INIT(
  Config: SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG,
  MaximumTransferLength: number,
  Address: number,
  DmaWidth: number,
  DmaDescriptor: CM_PARTIAL_RESOURCE_DESCRIPTOR,
): void {
  initChecks('SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_INIT', 'Config', Config);
  dmaInitChecks('SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_INIT', MaximumTransferLength, Address, DmaWidth, DmaDescriptor);
  Object.assign(Config, {
    Size: SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_SIZE,
    ...dmaConfigBase(MaximumTransferLength, Address, DmaWidth, DmaDescriptor),
    EvtSerCx2SystemDmaTransmitInitializeTransaction: null,
    EvtSerCx2SystemDmaTransmitCleanupTransaction: null,
    EvtSerCx2SystemDmaTransmitConfigureDmaChannel: null,
    EvtSerCx2SystemDmaTransmitDrainFifo: null,
    EvtSerCx2SystemDmaTransmitCancelDrainFifo: null,
    EvtSerCx2SystemDmaTransmitPurgeFifo: null,
  } satisfies SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG);
}

// ---- custom receive / transmit ----
/** SerCx2CustomReceiveCreate's configuration. */
export interface SERCX2_CUSTOM_RECEIVE_CONFIG {
  Size: number;
  Alignment: number;
  MinimumTransactionLength: number;
  MaximumTransactionLength: number;
  MinimumTransferUnit: number;
  Exclusive: boolean;
}
/** sizeof(SERCX2_CUSTOM_RECEIVE_CONFIG) in C, for the Size field. */
export const SERCX2_CUSTOM_RECEIVE_CONFIG_SIZE = 24;
/** SerCx2CustomTransmitCreate's configuration (the same shape as the receive one). */
export type SERCX2_CUSTOM_TRANSMIT_CONFIG = SERCX2_CUSTOM_RECEIVE_CONFIG;
/** sizeof(SERCX2_CUSTOM_TRANSMIT_CONFIG) in C, for the Size field. */
export const SERCX2_CUSTOM_TRANSMIT_CONFIG_SIZE = 24;

function customConfig(Size: number): SERCX2_CUSTOM_RECEIVE_CONFIG {
  return { Size, Alignment: 0, MinimumTransactionLength: 0, MaximumTransactionLength: 0, MinimumTransferUnit: 0, Exclusive: false };
}
/** Initializes SERCX2_CUSTOM_RECEIVE_CONFIG (its Size, no callbacks). */
export function SERCX2_CUSTOM_RECEIVE_CONFIG_INIT(Config: SERCX2_CUSTOM_RECEIVE_CONFIG): void {
  initChecks('SERCX2_CUSTOM_RECEIVE_CONFIG_INIT', 'Config', Config);
  Object.assign(Config, customConfig(SERCX2_CUSTOM_RECEIVE_CONFIG_SIZE));
}
/** Initializes SERCX2_CUSTOM_TRANSMIT_CONFIG (its Size, no callbacks). */
export function SERCX2_CUSTOM_TRANSMIT_CONFIG_INIT(Config: SERCX2_CUSTOM_TRANSMIT_CONFIG): void {
  initChecks('SERCX2_CUSTOM_TRANSMIT_CONFIG_INIT', 'Config', Config);
  Object.assign(Config, customConfig(SERCX2_CUSTOM_TRANSMIT_CONFIG_SIZE));
}

type CustomRx = SERCX2CUSTOMRECEIVETRANSACTION;
/**
 * EvtSerCx2CustomReceiveTransactionInitialize: a custom receive into `Mdl` from `Offset` begins; call
 * SerCx2CustomReceiveTransactionInitializeComplete.
 */
export type EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_INITIALIZE = (CustomReceiveTransaction: CustomRx, Mdl: MDL, Offset: number, Length: number) => void;
/** EvtSerCx2CustomReceiveTransactionStart: start receiving into the request's buffer (the driver's own DMA or PIO). */
export type EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_START = (
  CustomReceiveTransaction: CustomRx,
  Request: WDFREQUEST,
  Mdl: MDL,
  Offset: number,
  Length: number,
) => void;
/**
 * EvtSerCx2CustomReceiveTransactionCleanup: a custom receive ended; call SerCx2CustomReceiveTransactionCleanupComplete.
 */
export type EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_CLEANUP = (CustomReceiveTransaction: CustomRx) => void;
/**
 * EvtSerCx2CustomReceiveTransactionEnableNewDataNotification: call SerCx2CustomReceiveTransactionNewDataNotification
 * when data arrives.
 */
export type EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_ENABLE_NEW_DATA_NOTIFICATION = (CustomReceiveTransaction: CustomRx) => void;
/**
 * EvtSerCx2CustomReceiveTransactionQueryProgress: report progress with SerCx2CustomReceiveTransactionReportProgress.
 */
export type EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_QUERY_PROGRESS = (CustomReceiveTransaction: CustomRx) => void;

/** SerCx2CustomReceiveTransactionCreate's configuration: the transaction's callbacks. */
export interface SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG {
  Size: number;
  EvtSerCx2CustomReceiveTransactionInitialize: EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_INITIALIZE | null;
  EvtSerCx2CustomReceiveTransactionStart: EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_START | null;
  EvtSerCx2CustomReceiveTransactionCleanup: EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_CLEANUP | null;
  EvtSerCx2CustomReceiveTransactionEnableNewDataNotification: EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_ENABLE_NEW_DATA_NOTIFICATION | null;
  EvtSerCx2CustomReceiveTransactionQueryProgress: EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_QUERY_PROGRESS | null;
}
/** sizeof(SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG) in C, for the Size field. */
export const SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_SIZE = 48;

/**
 * Initializes SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG with the start, new-data notification and query-progress
 * callbacks.
 */
export function SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_INIT(
  Config: SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG,
  EvtSerCx2CustomReceiveTransactionStart: EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_START,
  EvtSerCx2CustomReceiveTransactionEnableNewDataNotification: EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_ENABLE_NEW_DATA_NOTIFICATION | null,
  EvtSerCx2CustomReceiveTransactionQueryProgress: EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_QUERY_PROGRESS,
): void {
  initChecks('SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_INIT', 'Config', Config, {
    EvtSerCx2CustomReceiveTransactionStart: [EvtSerCx2CustomReceiveTransactionStart, true],
    EvtSerCx2CustomReceiveTransactionEnableNewDataNotification: [EvtSerCx2CustomReceiveTransactionEnableNewDataNotification, true],
    EvtSerCx2CustomReceiveTransactionQueryProgress: [EvtSerCx2CustomReceiveTransactionQueryProgress, true],
  });
  Object.assign(Config, {
    Size: SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_SIZE,
    EvtSerCx2CustomReceiveTransactionInitialize: null,
    EvtSerCx2CustomReceiveTransactionStart,
    EvtSerCx2CustomReceiveTransactionCleanup: null,
    EvtSerCx2CustomReceiveTransactionEnableNewDataNotification,
    EvtSerCx2CustomReceiveTransactionQueryProgress,
  } satisfies SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG);
}

type CustomTx = SERCX2CUSTOMTRANSMITTRANSACTION;
/**
 * EvtSerCx2CustomTransmitTransactionInitialize: a custom transmit from `Mdl` at `Offset` begins; call
 * SerCx2CustomTransmitTransactionInitializeComplete.
 */
export type EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_INITIALIZE = (CustomTransmitTransaction: CustomTx, Mdl: MDL, Offset: number, Length: number) => void;
/** EvtSerCx2CustomTransmitTransactionStart: start transmitting the request's buffer (the driver's own DMA or PIO). */
export type EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_START = (
  CustomTransmitTransaction: CustomTx,
  Request: WDFREQUEST,
  Mdl: MDL,
  Offset: number,
  Length: number,
) => void;
/**
 * EvtSerCx2CustomTransmitTransactionCleanup: a custom transmit ended; call
 * SerCx2CustomTransmitTransactionCleanupComplete.
 */
export type EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CLEANUP = (CustomTransmitTransaction: CustomTx) => void;

/** SerCx2CustomTransmitTransactionCreate's configuration: the transaction's callbacks. */
export interface SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG {
  Size: number;
  EvtSerCx2CustomTransmitTransactionInitialize: EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_INITIALIZE | null;
  EvtSerCx2CustomTransmitTransactionStart: EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_START | null;
  EvtSerCx2CustomTransmitTransactionCleanup: EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CLEANUP | null;
}
/** sizeof(SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG) in C, for the Size field. */
export const SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_SIZE = 32;

/** Initializes SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG with the transaction's start callback. */
export function SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_INIT(
  Config: SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG,
  EvtSerCx2CustomTransmitTransactionStart: EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_START,
): void {
  initChecks('SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_INIT', 'Config', Config, {
    EvtSerCx2CustomTransmitTransactionStart: [EvtSerCx2CustomTransmitTransactionStart, true],
  });
  Object.assign(Config, {
    Size: SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_SIZE,
    EvtSerCx2CustomTransmitTransactionInitialize: null,
    EvtSerCx2CustomTransmitTransactionStart,
    EvtSerCx2CustomTransmitTransactionCleanup: null,
  } satisfies SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG);
}
