// The SerCx2 *Create DDIs (SerCx2PioReceiveCreate, SerCx2PioTransmitCreate, SerCx2SystemDmaReceiveCreate,
// SerCx2SystemDmaTransmitCreate, SerCx2CustomReceiveCreate, SerCx2CustomReceiveTransactionCreate,
// SerCx2CustomTransmitCreate, SerCx2CustomTransmitTransactionCreate) with the statuses their pages list: the order
// (after SerCx2InitializeDevice; PIO before DMA or custom; a second object of a kind, or system DMA and custom together
// → STATUS_INVALID_DEVICE_REQUEST), Size (STATUS_INFO_LENGTH_MISMATCH), the required and the all-or-none callbacks,
// Exclusive's zero members, Attributes whose ParentObject / ExecutionLevel / SynchronizationScope were overwritten
// (STATUS_INVALID_PARAMETER). A system-DMA object gets its own WDFDMAENABLER (WdfDmaProfileSystem, MaximumLength =
// MaximumTransferLength), configured from the config's DeviceAddress, DmaWidth and DmaDescriptor in demand mode, and one
// WDFDMATRANSACTION — the framework's public DDIs, as the class extension uses them; defaults as the pages give them
// (MinimumTransactionLength 1, the adapter's MinimumTransferUnit, alignment = that unit).
import { Out } from '../hal/out.js';
import {
  NT_SUCCESS,
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type NTSTATUS,
} from '../hal/ntstatus.js';
import { DMA_ADAPTER_INFO } from '../hal/dma/types.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../kmdf/object/attributes.js';
import { fxRequireNonNull } from '../kmdf/object/resolve.js';
import type { WDFDEVICE, WDFDMAENABLER, WDFDMATRANSACTION } from '../kmdf/object/handles.js';
import {
  WDF_DMA_ENABLER_CONFIG_INIT,
  WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT,
  WdfDmaDirectionReadFromDevice,
  WdfDmaDirectionWriteToDevice,
  WdfDmaProfileSystem,
  type WDF_DMA_ENABLER_CONFIG,
  type WDF_DMA_SYSTEM_PROFILE_CONFIG,
} from '../kmdf/dma/dma-types.js';
import { WdfDmaEnablerConfigureSystemProfile, WdfDmaEnablerCreate, WdfDmaEnablerWdmGetDmaAdapter } from '../kmdf/dma/enabler-api.js';
import { WdfDmaTransactionCreate } from '../kmdf/dma/transaction-api.js';
import { sercx2Device, type SerCx2Device } from './device.js';
import {
  FxSerCx2CustomReceive,
  FxSerCx2CustomReceiveTransaction,
  FxSerCx2CustomTransmit,
  FxSerCx2CustomTransmitTransaction,
  FxSerCx2PioReceive,
  FxSerCx2PioTransmit,
  FxSerCx2SystemDmaReceive,
  FxSerCx2SystemDmaTransmit,
  sercx2Resolve,
} from './objects.js';
import * as T from './sercx2-types.js';

/** The checks every *Create shares: SerCx2 manages the device, it is initialized, Size, Attributes. */
function common(Device: WDFDEVICE, ddi: string, config: { Size: number } | null, size: number, attributes: WDF_OBJECT_ATTRIBUTES | null):
  { sx: SerCx2Device; status: NTSTATUS } {
  const { device, sx } = sercx2Device(Device, ddi);
  fxRequireNonNull(config, ddi, 'the configuration structure', device.globals);
  if (!sx || !sx.initialized) return { sx: sx!, status: STATUS_INVALID_DEVICE_REQUEST };
  if (config!.Size !== size) return { sx, status: STATUS_INFO_LENGTH_MISMATCH };
  if (attributes && (attributes.ParentObject !== null || attributes.ExecutionLevel !== 1 || attributes.SynchronizationScope !== 1)) {
    return { sx, status: STATUS_INVALID_PARAMETER };
  }
  return { sx, status: STATUS_SUCCESS };
}

const allOrNone = (...fns: unknown[]): boolean => fns.every((f) => f) || fns.every((f) => !f);

/** Creates the device's PIO receive object (SerCx2's reads by programmed I/O). */
export function SerCx2PioReceiveCreate(
  Device: WDFDEVICE,
  PioReceiveConfig: T.SERCX2_PIO_RECEIVE_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  PioReceive: Out<T.SERCX2PIORECEIVE | null>,
): NTSTATUS {
  const { sx, status } = common(Device, 'SerCx2PioReceiveCreate', PioReceiveConfig, T.SERCX2_PIO_RECEIVE_CONFIG_SIZE, Attributes);
  if (!NT_SUCCESS(status)) return status;
  if (sx.pioReceive) return STATUS_INVALID_DEVICE_REQUEST;
  const c = PioReceiveConfig;
  if (!c.EvtSerCx2PioReceiveReadBuffer || !c.EvtSerCx2PioReceiveEnableReadyNotification || !c.EvtSerCx2PioReceiveCancelReadyNotification) {
    return STATUS_INVALID_PARAMETER;
  }
  const o = new FxSerCx2PioReceive(sx, { ...c });
  o.commit(Attributes, sx.device);
  sx.pioReceive = o;
  PioReceive.value = o.handle as T.SERCX2PIORECEIVE;
  return STATUS_SUCCESS;
}

/** Creates the device's PIO transmit object (SerCx2's writes by programmed I/O). */
export function SerCx2PioTransmitCreate(
  Device: WDFDEVICE,
  PioTransmitConfig: T.SERCX2_PIO_TRANSMIT_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  PioTransmit: Out<T.SERCX2PIOTRANSMIT | null>,
): NTSTATUS {
  const { sx, status } = common(Device, 'SerCx2PioTransmitCreate', PioTransmitConfig, T.SERCX2_PIO_TRANSMIT_CONFIG_SIZE, Attributes);
  if (!NT_SUCCESS(status)) return status;
  if (sx.pioTransmit) return STATUS_INVALID_DEVICE_REQUEST;
  const c = PioTransmitConfig;
  if (!c.EvtSerCx2PioTransmitWriteBuffer || !c.EvtSerCx2PioTransmitEnableReadyNotification || !c.EvtSerCx2PioTransmitCancelReadyNotification) {
    return STATUS_INVALID_PARAMETER;
  }
  if (!allOrNone(c.EvtSerCx2PioTransmitDrainFifo, c.EvtSerCx2PioTransmitCancelDrainFifo, c.EvtSerCx2PioTransmitPurgeFifo)) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2PioTransmit(sx, { ...c });
  o.commit(Attributes, sx.device);
  sx.pioTransmit = o;
  PioTransmit.value = o.handle as T.SERCX2PIOTRANSMIT;
  return STATUS_SUCCESS;
}

interface DmaConfig {
  MaximumTransferLength: number;
  MinimumTransactionLength: number;
  DmaAlignment: number;
  DmaWidth: number;
  DeviceAddress: number;
  DmaDescriptor: T.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG['DmaDescriptor'];
  MinimumTransferUnitOverride: number;
  Exclusive: boolean;
}

/** The enabler, transaction and adapter of a system-DMA object (or a failure status). */
function createDma(sx: SerCx2Device, c: DmaConfig, direction: number): NTSTATUS | FxSerCx2SystemDmaReceive['dma'] {
  if (!c.DmaDescriptor || !(c.MaximumTransferLength > 0)) return STATUS_INVALID_PARAMETER;
  if (c.Exclusive && (c.MinimumTransferUnitOverride || c.DmaAlignment || c.MinimumTransactionLength)) return STATUS_INVALID_PARAMETER;
  const ec = {} as WDF_DMA_ENABLER_CONFIG;
  WDF_DMA_ENABLER_CONFIG_INIT(ec, WdfDmaProfileSystem, c.MaximumTransferLength);
  const enabler = new Out<WDFDMAENABLER | null>(null);
  let status = WdfDmaEnablerCreate(sx.device.handle, ec, null, enabler);
  if (!NT_SUCCESS(status)) return status;
  const pc = {} as WDF_DMA_SYSTEM_PROFILE_CONFIG;
  WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(pc, c.DeviceAddress, c.DmaWidth, c.DmaDescriptor);
  pc.DemandMode = true;
  status = WdfDmaEnablerConfigureSystemProfile(enabler.value!, pc, direction);
  if (!NT_SUCCESS(status)) return status;
  const transaction = new Out<WDFDMATRANSACTION | null>(null);
  status = WdfDmaTransactionCreate(enabler.value!, null, transaction);
  if (!NT_SUCCESS(status)) return status;
  const adapter = WdfDmaEnablerWdmGetDmaAdapter(enabler.value!, direction)!;
  const info = new DMA_ADAPTER_INFO();
  adapter.DmaOperations.GetDmaAdapterInfo(adapter, info);
  const mtu = c.MinimumTransferUnitOverride || info.V1.MinimumTransferUnit || 1;
  return {
    enabler: enabler.value!,
    transaction: transaction.value!,
    adapter,
    minimumTransferUnit: mtu,
    alignmentMask: c.DmaAlignment ? c.DmaAlignment : mtu - 1,
  };
}

/**
 * Creates the device's system-DMA receive object: SerCx2 runs reads as System-profile DMA transactions on its enabler.
 */
export function SerCx2SystemDmaReceiveCreate(
  Device: WDFDEVICE,
  SystemDmaReceiveConfig: T.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  SystemDmaReceive: Out<T.SERCX2SYSTEMDMARECEIVE | null>,
): NTSTATUS {
  const c = SystemDmaReceiveConfig;
  const { sx, status } = common(Device, 'SerCx2SystemDmaReceiveCreate', c, T.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_SIZE, Attributes);
  if (!NT_SUCCESS(status)) return status;
  if (sx.dmaReceive || sx.customReceive || sx.customTransmit || !sx.pioReceive) return STATUS_INVALID_DEVICE_REQUEST;
  if (!allOrNone(c.EvtSerCx2SystemDmaReceiveEnableNewDataNotification, c.EvtSerCx2SystemDmaReceiveCancelNewDataNotification)) return STATUS_INVALID_PARAMETER;
  const dma = createDma(sx, c, WdfDmaDirectionReadFromDevice);
  if (typeof dma === 'number') return dma;
  const o = new FxSerCx2SystemDmaReceive(sx, { ...c });
  o.dma = dma;
  o.commit(Attributes, sx.device);
  sx.dmaReceive = o;
  SystemDmaReceive.value = o.handle as T.SERCX2SYSTEMDMARECEIVE;
  return STATUS_SUCCESS;
}

/**
 * Creates the device's system-DMA transmit object: SerCx2 runs writes as System-profile DMA transactions on its
 * enabler.
 */
export function SerCx2SystemDmaTransmitCreate(
  Device: WDFDEVICE,
  SystemDmaTransmitConfig: T.SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  SystemDmaTransmit: Out<T.SERCX2SYSTEMDMATRANSMIT | null>,
): NTSTATUS {
  const c = SystemDmaTransmitConfig;
  const { sx, status } = common(Device, 'SerCx2SystemDmaTransmitCreate', c, T.SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_SIZE, Attributes);
  if (!NT_SUCCESS(status)) return status;
  if (sx.dmaTransmit || sx.customTransmit || sx.customReceive || !sx.pioTransmit) return STATUS_INVALID_DEVICE_REQUEST;
  if (!allOrNone(c.EvtSerCx2SystemDmaTransmitDrainFifo, c.EvtSerCx2SystemDmaTransmitCancelDrainFifo, c.EvtSerCx2SystemDmaTransmitPurgeFifo)) {
    return STATUS_INVALID_PARAMETER;
  }
  const dma = createDma(sx, c, WdfDmaDirectionWriteToDevice);
  if (typeof dma === 'number') return dma;
  const o = new FxSerCx2SystemDmaTransmit(sx, { ...c });
  o.dma = dma;
  o.commit(Attributes, sx.device);
  sx.dmaTransmit = o;
  SystemDmaTransmit.value = o.handle as T.SERCX2SYSTEMDMATRANSMIT;
  return STATUS_SUCCESS;
}

function customConfigValid(c: T.SERCX2_CUSTOM_RECEIVE_CONFIG): boolean {
  return !(c.Exclusive && (c.MinimumTransferUnit || c.Alignment || c.MinimumTransactionLength));
}

/** Creates the device's custom receive object (reads the driver carries out its own way). */
export function SerCx2CustomReceiveCreate(
  Device: WDFDEVICE,
  CustomReceiveConfig: T.SERCX2_CUSTOM_RECEIVE_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  CustomReceive: Out<T.SERCX2CUSTOMRECEIVE | null>,
): NTSTATUS {
  const c = CustomReceiveConfig;
  const { sx, status } = common(Device, 'SerCx2CustomReceiveCreate', c, T.SERCX2_CUSTOM_RECEIVE_CONFIG_SIZE, Attributes);
  if (!NT_SUCCESS(status)) return status;
  if (sx.customReceive || sx.dmaReceive || sx.dmaTransmit || !sx.pioReceive) return STATUS_INVALID_DEVICE_REQUEST;
  if (!customConfigValid(c)) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2CustomReceive(sx, { ...c });
  o.commit(Attributes, sx.device);
  sx.customReceive = o;
  CustomReceive.value = o.handle as T.SERCX2CUSTOMRECEIVE;
  return STATUS_SUCCESS;
}

/** Creates the device's custom transmit object (writes the driver carries out its own way). */
export function SerCx2CustomTransmitCreate(
  Device: WDFDEVICE,
  CustomTransmitConfig: T.SERCX2_CUSTOM_TRANSMIT_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  CustomTransmit: Out<T.SERCX2CUSTOMTRANSMIT | null>,
): NTSTATUS {
  const c = CustomTransmitConfig;
  const { sx, status } = common(Device, 'SerCx2CustomTransmitCreate', c, T.SERCX2_CUSTOM_TRANSMIT_CONFIG_SIZE, Attributes);
  if (!NT_SUCCESS(status)) return status;
  if (sx.customTransmit || sx.dmaTransmit || sx.dmaReceive || !sx.pioTransmit) return STATUS_INVALID_DEVICE_REQUEST;
  if (!customConfigValid(c)) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2CustomTransmit(sx, { ...c });
  o.commit(Attributes, sx.device);
  sx.customTransmit = o;
  CustomTransmit.value = o.handle as T.SERCX2CUSTOMTRANSMIT;
  return STATUS_SUCCESS;
}

function transactionAttributesValid(a: WDF_OBJECT_ATTRIBUTES | null): boolean {
  return !a || (a.ParentObject === null && a.ExecutionLevel === 1 && a.SynchronizationScope === 1);
}

/** Creates a custom receive transaction on a custom receive object. */
export function SerCx2CustomReceiveTransactionCreate(
  CustomReceive: T.SERCX2CUSTOMRECEIVE,
  CustomReceiveTransactionConfig: T.SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  CustomReceiveTransaction: Out<T.SERCX2CUSTOMRECEIVETRANSACTION | null>,
): NTSTATUS {
  const ddi = 'SerCx2CustomReceiveTransactionCreate';
  const parent = sercx2Resolve(CustomReceive, FxSerCx2CustomReceive, ddi, 'SERCX2CUSTOMRECEIVE');
  const c = fxRequireNonNull(CustomReceiveTransactionConfig, ddi, 'CustomReceiveTransactionConfig', parent.globals);
  if (parent.transaction) return STATUS_INVALID_DEVICE_REQUEST;
  if (c.Size !== T.SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  if (!c.EvtSerCx2CustomReceiveTransactionStart || !c.EvtSerCx2CustomReceiveTransactionQueryProgress) return STATUS_INVALID_PARAMETER;
  if (!transactionAttributesValid(Attributes)) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2CustomReceiveTransaction(parent.sercx, parent, { ...c });
  o.commit(Attributes, parent);
  parent.transaction = o;
  CustomReceiveTransaction.value = o.handle as T.SERCX2CUSTOMRECEIVETRANSACTION;
  return STATUS_SUCCESS;
}

/** Creates a custom transmit transaction on a custom transmit object. */
export function SerCx2CustomTransmitTransactionCreate(
  CustomTransmit: T.SERCX2CUSTOMTRANSMIT,
  CustomTransmitTransactionConfig: T.SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  CustomTransmitTransaction: Out<T.SERCX2CUSTOMTRANSMITTRANSACTION | null>,
): NTSTATUS {
  const ddi = 'SerCx2CustomTransmitTransactionCreate';
  const parent = sercx2Resolve(CustomTransmit, FxSerCx2CustomTransmit, ddi, 'SERCX2CUSTOMTRANSMIT');
  const c = fxRequireNonNull(CustomTransmitTransactionConfig, ddi, 'CustomTransmitTransactionConfig', parent.globals);
  if (parent.transaction) return STATUS_INVALID_DEVICE_REQUEST;
  if (c.Size !== T.SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  if (!c.EvtSerCx2CustomTransmitTransactionStart) return STATUS_INVALID_PARAMETER;
  if (!transactionAttributesValid(Attributes)) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2CustomTransmitTransaction(parent.sercx, parent, { ...c });
  o.commit(Attributes, parent);
  parent.transaction = o;
  CustomTransmitTransaction.value = o.handle as T.SERCX2CUSTOMTRANSMITTRANSACTION;
  return STATUS_SUCCESS;
}
