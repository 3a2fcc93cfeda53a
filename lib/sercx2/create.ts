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
import { fxCallbackFields, fxOptionalStruct, fxOut, fxStruct, fxUnsigned } from '../kmdf/verifier/arguments.js';
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

/** What a *Create DDI works on once its arguments are checked: copies of the configuration and attributes. */
interface Checked<C> {
  sx: SerCx2Device;
  status: NTSTATUS;
  config: C;
  attributes: WDF_OBJECT_ATTRIBUTES | null;
  out: Out<unknown>;
}

/**
 * The checks every *Create shares. First the argument types (KMDF's: a NULL configuration or out-parameter 0x10D / 0x4;
 * a primitive where a structure goes, a callback member that is not a function, a count that is not an unsigned integer
 * 0x10D / WDF_VERIFIER_FATAL_ERROR — verifier/arguments.ts), on a copy of the configuration made once; then the page's
 * statuses: SerCx2 manages the device and it is initialized, Size, Attributes.
 */
function common<C extends { Size: number }>(
  Device: WDFDEVICE,
  ddi: string,
  configName: string,
  config: C | null,
  size: number,
  attributes: WDF_OBJECT_ATTRIBUTES | null,
  out: Out<unknown> | null,
  callbacks: readonly string[],
  counts: readonly string[],
): Checked<C> {
  const { device, sx } = sercx2Device(Device, ddi);
  const g = device.globals;
  const c = { ...fxStruct(g, ddi, configName, 2, config, device) } as C;
  const o = fxOut(g, ddi, 'the out-parameter', 4, out, device);
  const given = fxOptionalStruct(g, ddi, 'Attributes', 3, attributes, device);
  const a = given ? { ...given } : null;
  const fields = c as unknown as Record<string, unknown>;
  fxCallbackFields(g, ddi, configName, 2, c, callbacks, device);
  for (const f of callbacks) fields[f] ??= null;
  for (const f of counts) fields[f] = fxUnsigned(g, ddi, `${configName}->${f}`, 2, fields[f] ?? 0, Number.MAX_SAFE_INTEGER, device);
  if ('Exclusive' in fields) fields.Exclusive = !!fields.Exclusive;
  if (a) fxCallbackFields(g, ddi, 'Attributes', 3, a, ['EvtCleanupCallback', 'EvtDestroyCallback'], device);
  const result = (status: NTSTATUS): Checked<C> => ({ sx: sx!, status, config: c, attributes: a, out: o });
  if (!sx || !sx.initialized) return result(STATUS_INVALID_DEVICE_REQUEST);
  if (c.Size !== size) return result(STATUS_INFO_LENGTH_MISMATCH);
  if (a && (a.ParentObject !== null || a.ExecutionLevel !== 1 || a.SynchronizationScope !== 1)) return result(STATUS_INVALID_PARAMETER);
  return result(STATUS_SUCCESS);
}

const allOrNone = (...fns: unknown[]): boolean => fns.every((f) => f) || fns.every((f) => !f);

const PIO_RECEIVE_CALLBACKS = [
  'EvtSerCx2PioReceiveInitializeTransaction',
  'EvtSerCx2PioReceiveCleanupTransaction',
  'EvtSerCx2PioReceiveReadBuffer',
  'EvtSerCx2PioReceiveEnableReadyNotification',
  'EvtSerCx2PioReceiveCancelReadyNotification',
];
const PIO_TRANSMIT_CALLBACKS = [
  'EvtSerCx2PioTransmitInitializeTransaction',
  'EvtSerCx2PioTransmitCleanupTransaction',
  'EvtSerCx2PioTransmitWriteBuffer',
  'EvtSerCx2PioTransmitEnableReadyNotification',
  'EvtSerCx2PioTransmitCancelReadyNotification',
  'EvtSerCx2PioTransmitDrainFifo',
  'EvtSerCx2PioTransmitCancelDrainFifo',
  'EvtSerCx2PioTransmitPurgeFifo',
];
const DMA_RECEIVE_CALLBACKS = [
  'EvtSerCx2SystemDmaReceiveInitializeTransaction',
  'EvtSerCx2SystemDmaReceiveCleanupTransaction',
  'EvtSerCx2SystemDmaReceiveConfigureDmaChannel',
  'EvtSerCx2SystemDmaReceiveEnableNewDataNotification',
  'EvtSerCx2SystemDmaReceiveCancelNewDataNotification',
];
const DMA_TRANSMIT_CALLBACKS = [
  'EvtSerCx2SystemDmaTransmitInitializeTransaction',
  'EvtSerCx2SystemDmaTransmitCleanupTransaction',
  'EvtSerCx2SystemDmaTransmitConfigureDmaChannel',
  'EvtSerCx2SystemDmaTransmitDrainFifo',
  'EvtSerCx2SystemDmaTransmitCancelDrainFifo',
  'EvtSerCx2SystemDmaTransmitPurgeFifo',
];
/** The counts of a system-DMA configuration (DmaWidth and DeviceAddress are integers too). */
const DMA_COUNTS = ['MaximumTransferLength', 'MinimumTransactionLength', 'DmaAlignment', 'MaximumScatterGatherFragments', 'MinimumTransferUnitOverride', 'DmaWidth', 'DeviceAddress'];
const CUSTOM_COUNTS = ['Alignment', 'MinimumTransactionLength', 'MaximumTransactionLength', 'MinimumTransferUnit'];

/** Creates the device's PIO receive object (SerCx2's reads by programmed I/O). */
export function SerCx2PioReceiveCreate(
  Device: WDFDEVICE,
  PioReceiveConfig: T.SERCX2_PIO_RECEIVE_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  PioReceive: Out<T.SERCX2PIORECEIVE | null>,
): NTSTATUS {
  const ddi = 'SerCx2PioReceiveCreate';
  const { sx, status, config: c, attributes, out } = common(Device, ddi, 'PioReceiveConfig', PioReceiveConfig, T.SERCX2_PIO_RECEIVE_CONFIG_SIZE, Attributes, PioReceive, PIO_RECEIVE_CALLBACKS, []);
  if (!NT_SUCCESS(status)) return status;
  if (sx.pioReceive) return STATUS_INVALID_DEVICE_REQUEST;
  if (!c.EvtSerCx2PioReceiveReadBuffer || !c.EvtSerCx2PioReceiveEnableReadyNotification || !c.EvtSerCx2PioReceiveCancelReadyNotification) {
    return STATUS_INVALID_PARAMETER;
  }
  const o = new FxSerCx2PioReceive(sx, c);
  o.commit(attributes, sx.device);
  sx.pioReceive = o;
  out.value = o.handle as T.SERCX2PIORECEIVE;
  return STATUS_SUCCESS;
}

/** Creates the device's PIO transmit object (SerCx2's writes by programmed I/O). */
export function SerCx2PioTransmitCreate(
  Device: WDFDEVICE,
  PioTransmitConfig: T.SERCX2_PIO_TRANSMIT_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  PioTransmit: Out<T.SERCX2PIOTRANSMIT | null>,
): NTSTATUS {
  const ddi = 'SerCx2PioTransmitCreate';
  const { sx, status, config: c, attributes, out } = common(Device, ddi, 'PioTransmitConfig', PioTransmitConfig, T.SERCX2_PIO_TRANSMIT_CONFIG_SIZE, Attributes, PioTransmit, PIO_TRANSMIT_CALLBACKS, []);
  if (!NT_SUCCESS(status)) return status;
  if (sx.pioTransmit) return STATUS_INVALID_DEVICE_REQUEST;
  if (!c.EvtSerCx2PioTransmitWriteBuffer || !c.EvtSerCx2PioTransmitEnableReadyNotification || !c.EvtSerCx2PioTransmitCancelReadyNotification) {
    return STATUS_INVALID_PARAMETER;
  }
  if (!allOrNone(c.EvtSerCx2PioTransmitDrainFifo, c.EvtSerCx2PioTransmitCancelDrainFifo, c.EvtSerCx2PioTransmitPurgeFifo)) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2PioTransmit(sx, c);
  o.commit(attributes, sx.device);
  sx.pioTransmit = o;
  out.value = o.handle as T.SERCX2PIOTRANSMIT;
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
function createDma(sx: SerCx2Device, ddi: string, c: DmaConfig, direction: number): NTSTATUS | FxSerCx2SystemDmaReceive['dma'] {
  const descriptor = fxOptionalStruct(sx.device.globals, ddi, 'DmaDescriptor', 2, c.DmaDescriptor, sx.device);
  if (!descriptor || !(c.MaximumTransferLength > 0)) return STATUS_INVALID_PARAMETER;
  if (c.Exclusive && (c.MinimumTransferUnitOverride || c.DmaAlignment || c.MinimumTransactionLength)) return STATUS_INVALID_PARAMETER;
  const ec = {} as WDF_DMA_ENABLER_CONFIG;
  WDF_DMA_ENABLER_CONFIG_INIT(ec, WdfDmaProfileSystem, c.MaximumTransferLength);
  const enabler = new Out<WDFDMAENABLER | null>(null);
  let status = WdfDmaEnablerCreate(sx.device.handle, ec, null, enabler);
  if (!NT_SUCCESS(status)) return status;
  const pc = {} as WDF_DMA_SYSTEM_PROFILE_CONFIG;
  WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(pc, c.DeviceAddress, c.DmaWidth, descriptor);
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
  const ddi = 'SerCx2SystemDmaReceiveCreate';
  const { sx, status, config: c, attributes, out } = common(Device, ddi, 'SystemDmaReceiveConfig', SystemDmaReceiveConfig, T.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_SIZE, Attributes, SystemDmaReceive, DMA_RECEIVE_CALLBACKS, DMA_COUNTS);
  if (!NT_SUCCESS(status)) return status;
  if (sx.dmaReceive || sx.customReceive || sx.customTransmit || !sx.pioReceive) return STATUS_INVALID_DEVICE_REQUEST;
  if (!allOrNone(c.EvtSerCx2SystemDmaReceiveEnableNewDataNotification, c.EvtSerCx2SystemDmaReceiveCancelNewDataNotification)) return STATUS_INVALID_PARAMETER;
  const dma = createDma(sx, ddi, c, WdfDmaDirectionReadFromDevice);
  if (typeof dma === 'number') return dma;
  const o = new FxSerCx2SystemDmaReceive(sx, c);
  o.dma = dma;
  o.commit(attributes, sx.device);
  sx.dmaReceive = o;
  out.value = o.handle as T.SERCX2SYSTEMDMARECEIVE;
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
  const ddi = 'SerCx2SystemDmaTransmitCreate';
  const { sx, status, config: c, attributes, out } = common(Device, ddi, 'SystemDmaTransmitConfig', SystemDmaTransmitConfig, T.SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_SIZE, Attributes, SystemDmaTransmit, DMA_TRANSMIT_CALLBACKS, DMA_COUNTS);
  if (!NT_SUCCESS(status)) return status;
  if (sx.dmaTransmit || sx.customTransmit || sx.customReceive || !sx.pioTransmit) return STATUS_INVALID_DEVICE_REQUEST;
  if (!allOrNone(c.EvtSerCx2SystemDmaTransmitDrainFifo, c.EvtSerCx2SystemDmaTransmitCancelDrainFifo, c.EvtSerCx2SystemDmaTransmitPurgeFifo)) {
    return STATUS_INVALID_PARAMETER;
  }
  const dma = createDma(sx, ddi, c, WdfDmaDirectionWriteToDevice);
  if (typeof dma === 'number') return dma;
  const o = new FxSerCx2SystemDmaTransmit(sx, c);
  o.dma = dma;
  o.commit(attributes, sx.device);
  sx.dmaTransmit = o;
  out.value = o.handle as T.SERCX2SYSTEMDMATRANSMIT;
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
  const ddi = 'SerCx2CustomReceiveCreate';
  const { sx, status, config: c, attributes, out } = common(Device, ddi, 'CustomReceiveConfig', CustomReceiveConfig, T.SERCX2_CUSTOM_RECEIVE_CONFIG_SIZE, Attributes, CustomReceive, [], CUSTOM_COUNTS);
  if (!NT_SUCCESS(status)) return status;
  if (sx.customReceive || sx.dmaReceive || sx.dmaTransmit || !sx.pioReceive) return STATUS_INVALID_DEVICE_REQUEST;
  if (!customConfigValid(c)) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2CustomReceive(sx, c);
  o.commit(attributes, sx.device);
  sx.customReceive = o;
  out.value = o.handle as T.SERCX2CUSTOMRECEIVE;
  return STATUS_SUCCESS;
}

/** Creates the device's custom transmit object (writes the driver carries out its own way). */
export function SerCx2CustomTransmitCreate(
  Device: WDFDEVICE,
  CustomTransmitConfig: T.SERCX2_CUSTOM_TRANSMIT_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  CustomTransmit: Out<T.SERCX2CUSTOMTRANSMIT | null>,
): NTSTATUS {
  const ddi = 'SerCx2CustomTransmitCreate';
  const { sx, status, config: c, attributes, out } = common(Device, ddi, 'CustomTransmitConfig', CustomTransmitConfig, T.SERCX2_CUSTOM_TRANSMIT_CONFIG_SIZE, Attributes, CustomTransmit, [], CUSTOM_COUNTS);
  if (!NT_SUCCESS(status)) return status;
  if (sx.customTransmit || sx.dmaTransmit || sx.dmaReceive || !sx.pioTransmit) return STATUS_INVALID_DEVICE_REQUEST;
  if (!customConfigValid(c)) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2CustomTransmit(sx, c);
  o.commit(attributes, sx.device);
  sx.customTransmit = o;
  out.value = o.handle as T.SERCX2CUSTOMTRANSMIT;
  return STATUS_SUCCESS;
}

/** A custom transaction's *Create: its configuration and attributes copied and checked as common() does. */
function transactionArguments<C extends object>(
  parent: FxSerCx2CustomReceive | FxSerCx2CustomTransmit,
  ddi: string,
  configName: string,
  config: C | null,
  attributes: WDF_OBJECT_ATTRIBUTES | null,
  out: Out<unknown> | null,
  callbacks: readonly string[],
): { config: C; attributes: WDF_OBJECT_ATTRIBUTES | null; out: Out<unknown>; valid: boolean } {
  const g = parent.globals;
  const c = { ...fxStruct(g, ddi, configName, 2, config, parent) } as C;
  const o = fxOut(g, ddi, 'the out-parameter', 4, out, parent);
  const given = fxOptionalStruct(g, ddi, 'Attributes', 3, attributes, parent);
  const a = given ? { ...given } : null;
  fxCallbackFields(g, ddi, configName, 2, c, callbacks, parent);
  for (const f of callbacks) (c as Record<string, unknown>)[f] ??= null;
  if (a) fxCallbackFields(g, ddi, 'Attributes', 3, a, ['EvtCleanupCallback', 'EvtDestroyCallback'], parent);
  const valid = !a || (a.ParentObject === null && a.ExecutionLevel === 1 && a.SynchronizationScope === 1);
  return { config: c, attributes: a, out: o, valid };
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
  const { config: c, attributes, out, valid } = transactionArguments(parent, ddi, 'CustomReceiveTransactionConfig', CustomReceiveTransactionConfig, Attributes, CustomReceiveTransaction, [
    'EvtSerCx2CustomReceiveTransactionInitialize',
    'EvtSerCx2CustomReceiveTransactionStart',
    'EvtSerCx2CustomReceiveTransactionCleanup',
    'EvtSerCx2CustomReceiveTransactionEnableNewDataNotification',
    'EvtSerCx2CustomReceiveTransactionQueryProgress',
  ]);
  if (parent.transaction) return STATUS_INVALID_DEVICE_REQUEST;
  if (c.Size !== T.SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  if (!c.EvtSerCx2CustomReceiveTransactionStart || !c.EvtSerCx2CustomReceiveTransactionQueryProgress) return STATUS_INVALID_PARAMETER;
  if (!valid) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2CustomReceiveTransaction(parent.sercx, parent, c);
  o.commit(attributes, parent);
  parent.transaction = o;
  out.value = o.handle as T.SERCX2CUSTOMRECEIVETRANSACTION;
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
  const { config: c, attributes, out, valid } = transactionArguments(parent, ddi, 'CustomTransmitTransactionConfig', CustomTransmitTransactionConfig, Attributes, CustomTransmitTransaction, [
    'EvtSerCx2CustomTransmitTransactionInitialize',
    'EvtSerCx2CustomTransmitTransactionStart',
    'EvtSerCx2CustomTransmitTransactionCleanup',
  ]);
  if (parent.transaction) return STATUS_INVALID_DEVICE_REQUEST;
  if (c.Size !== T.SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  if (!c.EvtSerCx2CustomTransmitTransactionStart) return STATUS_INVALID_PARAMETER;
  if (!valid) return STATUS_INVALID_PARAMETER;
  const o = new FxSerCx2CustomTransmitTransaction(parent.sercx, parent, c);
  o.commit(attributes, parent);
  parent.transaction = o;
  out.value = o.handle as T.SERCX2CUSTOMTRANSMITTRANSACTION;
  return STATUS_SUCCESS;
}
