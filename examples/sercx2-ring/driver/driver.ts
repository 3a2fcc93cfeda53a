// The SerCx2 ring driver's DriverEntry and device set-up: EvtDriverDeviceAdd — SerCx2InitializeDeviceInit,
// WdfDeviceCreate, SerCx2InitializeDevice (SERCX2_CONFIG with a request context for the custom transactions' requests),
// the PIO-receive object (reads the ring) and PIO-transmit object SerCx2 requires first, the custom-receive and
// custom-transmit objects (Exclusive: every read and write is a custom transaction, except SerCx2's PIO-only forms)
// with their transaction objects (each SerCx2 object gets a SERCX2_OBJECT_CONTEXT pointing back at the device), the
// progress timer and the interrupt; EvtDevicePrepareHardware — the registers, the ring (a looped, demand-mode system
// DMA enabler on the RX resource, a WdfCommonBuffer described by an MDL, its DMA transaction) and the TX DMA enabler
// and transaction (demand mode, on the TX resource); EvtDeviceD0Entry — trigger levels and the RX aging timeout.
import {
  IoAllocateMdl,
  IoFreeMdl,
  MmBuildMdlForNonPagedPool,
  MmMapIoSpaceEx,
  MmUnmapIoSpace,
  PAGE_NOCACHE,
  PAGE_READWRITE,
} from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import * as R from '../../uart/device/uart-regs.js';
import {
  DEFAULT_RING_PARAMETERS,
  DeviceGetContext,
  ObjectGetContext,
  REQUEST_CONTEXT_TYPE_INFO,
  SERCX2_OBJECT_CONTEXT_TYPE_INFO,
  WDF_DEVICE_CONTEXT_TYPE_INFO,
  type DEVICE_CONTEXT,
  type RING_PARAMETERS,
} from './context.js';
import { WriteReg } from './hw.js';
import { RingEvtInterruptDpc, RingEvtInterruptIsr } from './isr-dpc.js';
import { RingPioCancelReady, RingPioEnableReady, RingPioReadBuffer, RingProgressTimer, RingRxEnableNewData, RingRxQueryProgress, RingRxStart } from './ring.js';
import { RingApplyConfig, RingControl, RingFileClose, RingFileOpen, RingPurgeFifos, RingSetWaitMask } from './serial.js';
import { TxStart } from './transmit.js';

/** Bytes per TX DMA fragment (the TX enabler's MaximumLength). */
const TX_MAXIMUM_LENGTH = 1024;

export function SerCx2RingDriverEntryWith(parameters: Partial<RING_PARAMETERS> = {}): W.DRIVER_INITIALIZE {
  const Parameters = { ...DEFAULT_RING_PARAMETERS, ...parameters };
  return function SerCx2RingDriverEntry(DriverObject, RegistryPath) {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, (Driver, DeviceInit) => RingEvtDeviceAdd(Driver, DeviceInit, Parameters));
    return W.WdfDriverCreate(DriverObject, RegistryPath, W.WDF_NO_OBJECT_ATTRIBUTES, config, null);
  };
}

/** Attributes with the back-pointer context every SerCx2 object of this driver carries. */
function sercx2ObjectAttributes(): W.WDF_OBJECT_ATTRIBUTES {
  const attributes = W.newObjectAttributes();
  W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(attributes, SERCX2_OBJECT_CONTEXT_TYPE_INFO);
  return attributes;
}

function RingEvtDeviceAdd(_Driver: W.WDFDRIVER, DeviceInit: W.PWDFDEVICE_INIT, Parameters: RING_PARAMETERS): W.NTSTATUS {
  let status = X.SerCx2InitializeDeviceInit(DeviceInit);
  if (!W.NT_SUCCESS(status)) return status;
  const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
  W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
  pnp.EvtDevicePrepareHardware = RingEvtDevicePrepareHardware;
  pnp.EvtDeviceReleaseHardware = RingEvtDeviceReleaseHardware;
  pnp.EvtDeviceD0Entry = RingEvtDeviceD0Entry;
  W.WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, pnp);

  const attributes = W.newObjectAttributes();
  W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(attributes, WDF_DEVICE_CONTEXT_TYPE_INFO);
  const device = new W.Out<W.WDFDEVICE | null>(null);
  status = W.WdfDeviceCreate(DeviceInit, attributes, device);
  if (!W.NT_SUCCESS(status)) return status;
  const Device = device.value!;
  const ctx = DeviceGetContext(Device);
  ctx.Parameters = Parameters;
  ctx.Device = Device;

  const config = {} as X.SERCX2_CONFIG;
  X.SERCX2_CONFIG_INIT(config, RingApplyConfig, RingControl, RingPurgeFifos);
  config.EvtSerCx2FileOpen = RingFileOpen;
  config.EvtSerCx2FileClose = RingFileClose;
  config.EvtSerCx2SetWaitMask = RingSetWaitMask;
  config.RequestAttributes = W.newObjectAttributes();
  W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(config.RequestAttributes, REQUEST_CONTEXT_TYPE_INFO);
  status = X.SerCx2InitializeDevice(Device, config);
  if (!W.NT_SUCCESS(status)) return status;

  status = CreateSerCx2Objects(Device, ctx);
  if (!W.NT_SUCCESS(status)) return status;

  const timerConfig = {} as W.WDF_TIMER_CONFIG;
  W.WDF_TIMER_CONFIG_INIT(timerConfig, RingProgressTimer);
  const timerAttributes = W.newObjectAttributes();
  timerAttributes.ParentObject = Device;
  const timer = new W.Out<W.WDFTIMER | null>(null);
  status = W.WdfTimerCreate(timerConfig, timerAttributes, timer);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.ProgressTimer = timer.value;

  const interruptConfig = {} as W.WDF_INTERRUPT_CONFIG;
  W.WDF_INTERRUPT_CONFIG_INIT(interruptConfig, RingEvtInterruptIsr, RingEvtInterruptDpc);
  const interrupt = new W.Out<W.WDFINTERRUPT | null>(null);
  status = W.WdfInterruptCreate(Device, interruptConfig, W.WDF_NO_OBJECT_ATTRIBUTES, interrupt);
  ctx.Interrupt = interrupt.value;
  return status;
}

/** PIO receive and transmit first (SerCx2 requires them), then the custom objects and their transactions. */
function CreateSerCx2Objects(Device: W.WDFDEVICE, ctx: DEVICE_CONTEXT): W.NTSTATUS {
  const pioRx = {} as X.SERCX2_PIO_RECEIVE_CONFIG;
  X.SERCX2_PIO_RECEIVE_CONFIG_INIT(pioRx, RingPioReadBuffer, RingPioEnableReady, RingPioCancelReady);
  const rx = new W.Out<X.SERCX2PIORECEIVE | null>(null);
  let status = X.SerCx2PioReceiveCreate(Device, pioRx, sercx2ObjectAttributes(), rx);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.PioReceive = rx.value;
  ObjectGetContext(rx.value!).Device = Device;

  // The CPU cannot reach the TX FIFO (TODO(accuracy): engine ports have no CPU data register): a PIO write moves
  // nothing. The custom transmit object is Exclusive, so SerCx2 sends every write through it.
  const pioTx = {} as X.SERCX2_PIO_TRANSMIT_CONFIG;
  X.SERCX2_PIO_TRANSMIT_CONFIG_INIT(pioTx, () => 0, () => {}, () => true);
  const tx = new W.Out<X.SERCX2PIOTRANSMIT | null>(null);
  status = X.SerCx2PioTransmitCreate(Device, pioTx, W.WDF_NO_OBJECT_ATTRIBUTES, tx);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.PioTransmit = tx.value;

  const crc = {} as X.SERCX2_CUSTOM_RECEIVE_CONFIG;
  X.SERCX2_CUSTOM_RECEIVE_CONFIG_INIT(crc);
  crc.Exclusive = true;
  const customRx = new W.Out<X.SERCX2CUSTOMRECEIVE | null>(null);
  status = X.SerCx2CustomReceiveCreate(Device, crc, W.WDF_NO_OBJECT_ATTRIBUTES, customRx);
  if (!W.NT_SUCCESS(status)) return status;
  const crtc = {} as X.SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG;
  X.SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_INIT(crtc, RingRxStart, RingRxEnableNewData, RingRxQueryProgress);
  const rxTransaction = new W.Out<X.SERCX2CUSTOMRECEIVETRANSACTION | null>(null);
  status = X.SerCx2CustomReceiveTransactionCreate(customRx.value!, crtc, sercx2ObjectAttributes(), rxTransaction);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.CustomReceive = rxTransaction.value;
  ObjectGetContext(rxTransaction.value!).Device = Device;

  const ctc = {} as X.SERCX2_CUSTOM_TRANSMIT_CONFIG;
  X.SERCX2_CUSTOM_TRANSMIT_CONFIG_INIT(ctc);
  ctc.Exclusive = true;
  const customTx = new W.Out<X.SERCX2CUSTOMTRANSMIT | null>(null);
  status = X.SerCx2CustomTransmitCreate(Device, ctc, W.WDF_NO_OBJECT_ATTRIBUTES, customTx);
  if (!W.NT_SUCCESS(status)) return status;
  const cttc = {} as X.SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG;
  X.SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_INIT(cttc, TxStart);
  const txTransaction = new W.Out<X.SERCX2CUSTOMTRANSMITTRANSACTION | null>(null);
  status = X.SerCx2CustomTransmitTransactionCreate(customTx.value!, cttc, sercx2ObjectAttributes(), txTransaction);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.CustomTransmit = txTransaction.value;
  ObjectGetContext(txTransaction.value!).Device = Device;
  return W.STATUS_SUCCESS;
}

function CreateSystemEnabler(
  Device: W.WDFDEVICE, MaximumLength: number, Address: number, Descriptor: W.CM_PARTIAL_RESOURCE_DESCRIPTOR,
  Direction: W.WDF_DMA_DIRECTION, Looped: boolean, Enabler: W.Out<W.WDFDMAENABLER | null>,
): W.NTSTATUS {
  const enablerConfig = {} as W.WDF_DMA_ENABLER_CONFIG;
  W.WDF_DMA_ENABLER_CONFIG_INIT(enablerConfig, W.WdfDmaProfileSystem, MaximumLength);
  let status = W.WdfDmaEnablerCreate(Device, enablerConfig, W.WDF_NO_OBJECT_ATTRIBUTES, Enabler);
  if (!W.NT_SUCCESS(status)) return status;
  const system = {} as W.WDF_DMA_SYSTEM_PROFILE_CONFIG;
  W.WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(system, Address, W.Width8Bits, Descriptor);
  system.DemandMode = true;
  system.LoopedTransfer = Looped;
  status = W.WdfDmaEnablerConfigureSystemProfile(Enabler.value!, system, Direction);
  return status;
}

const RingEvtDevicePrepareHardware: W.EVT_WDF_DEVICE_PREPARE_HARDWARE = (Device, _ResourcesRaw, ResourcesTranslated) => {
  const ctx = DeviceGetContext(Device);
  const dma: W.CM_PARTIAL_RESOURCE_DESCRIPTOR[] = [];
  let base = 0;
  for (let i = 0; i < W.WdfCmResourceListGetCount(ResourcesTranslated); i++) {
    const d = W.WdfCmResourceListGetDescriptor(ResourcesTranslated, i)!;
    if (d.Type === W.CmResourceTypeMemory && !ctx.Registers) {
      base = d.u.Memory.Start;
      ctx.Registers = MmMapIoSpaceEx(base, d.u.Memory.Length, PAGE_READWRITE | PAGE_NOCACHE);
    } else if (d.Type === W.CmResourceTypeDma) {
      dma.push(d);
    }
  }
  if (!ctx.Registers || dma.length < 2) return W.STATUS_DEVICE_CONFIGURATION_ERROR;
  const [txDescriptor, rxDescriptor] = dma as [W.CM_PARTIAL_RESOURCE_DESCRIPTOR, W.CM_PARTIAL_RESOURCE_DESCRIPTOR];
  ctx.TxRequestLine = txDescriptor.u.DmaV3.RequestLine;
  ctx.RxRequestLine = rxDescriptor.u.DmaV3.RequestLine;
  const ring = ctx.Parameters.RingBytes;

  // The ring: one fragment is the whole ring, looped (the controller wraps to its start by itself).
  const ringEnabler = new W.Out<W.WDFDMAENABLER | null>(null);
  let status = CreateSystemEnabler(Device, ring, base + R.UART_RXDR, rxDescriptor, W.WdfDmaDirectionReadFromDevice, true, ringEnabler);
  ctx.RingEnabler = ringEnabler.value;
  if (!W.NT_SUCCESS(status)) return status;
  const commonBuffer = new W.Out<W.WDFCOMMONBUFFER | null>(null);
  status = W.WdfCommonBufferCreate(ctx.RingEnabler!, ring, W.WDF_NO_OBJECT_ATTRIBUTES, commonBuffer);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.CommonBuffer = commonBuffer.value;
  ctx.RingVa = W.WdfCommonBufferGetAlignedVirtualAddress(ctx.CommonBuffer!);
  ctx.RingMdl = IoAllocateMdl(ctx.RingVa, ring, false, false, null);
  if (!ctx.RingMdl) return W.STATUS_INSUFFICIENT_RESOURCES;
  MmBuildMdlForNonPagedPool(ctx.RingMdl);
  const ringTransaction = new W.Out<W.WDFDMATRANSACTION | null>(null);
  status = W.WdfDmaTransactionCreate(ctx.RingEnabler!, W.WDF_NO_OBJECT_ATTRIBUTES, ringTransaction);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.RingTransaction = ringTransaction.value;

  const txEnabler = new W.Out<W.WDFDMAENABLER | null>(null);
  status = CreateSystemEnabler(Device, TX_MAXIMUM_LENGTH, base + R.UART_TXDR, txDescriptor, W.WdfDmaDirectionWriteToDevice, false, txEnabler);
  ctx.TxEnabler = txEnabler.value;
  if (!W.NT_SUCCESS(status)) return status;
  const txTransaction = new W.Out<W.WDFDMATRANSACTION | null>(null);
  status = W.WdfDmaTransactionCreate(ctx.TxEnabler!, W.WDF_NO_OBJECT_ATTRIBUTES, txTransaction);
  ctx.TxTransaction = txTransaction.value;
  return status;
};

const RingEvtDeviceReleaseHardware: W.EVT_WDF_DEVICE_RELEASE_HARDWARE = (Device) => {
  const ctx = DeviceGetContext(Device);
  if (ctx.RingMdl) IoFreeMdl(ctx.RingMdl);
  ctx.RingMdl = null;
  // Deleting an enabler deletes its transaction and common buffer.
  for (const enabler of [ctx.RingEnabler, ctx.TxEnabler]) if (enabler) W.WdfObjectDelete(enabler);
  ctx.RingEnabler = ctx.TxEnabler = null;
  ctx.RingTransaction = ctx.TxTransaction = null;
  ctx.CommonBuffer = null;
  ctx.RingVa = 0;
  if (ctx.Registers) MmUnmapIoSpace(ctx.Registers, 0x1000);
  ctx.Registers = 0;
  return W.STATUS_SUCCESS;
};

const RingEvtDeviceD0Entry: W.EVT_WDF_DEVICE_D0_ENTRY = (Device) => {
  const ctx = DeviceGetContext(Device);
  const level = ctx.Parameters.TriggerLevel;
  WriteReg(ctx, R.UART_IFLS, (level << R.IFLS_TX_SHIFT) | (level << R.IFLS_RX_SHIFT));
  WriteReg(ctx, R.UART_RXTO, ctx.Parameters.RxIdleCharacters);
  return W.STATUS_SUCCESS;
};
