// The SerCx2 UART driver's DriverEntry and device set-up, as a SerCx2 controller driver is written:
// EvtDriverDeviceAdd — SerCx2InitializeDeviceInit, WdfDeviceCreate (typed DEVICE_CONTEXT), SerCx2InitializeDevice with
// SERCX2_CONFIG, the PIO-receive and PIO-transmit objects SerCx2 requires, the interrupt; EvtDevicePrepareHardware —
// the registers (MmMapIoSpaceEx), and the system-DMA-transmit and -receive objects on the TX and RX DMA resources
// (u.DmaV3 of the CM descriptors: channel, request line), Exclusive (this UART's DMA takes any length at any address:
// 8-bit, minimum transfer unit 1); EvtDeviceD0Entry — trigger levels and the RX aging timeout. SerCx2 owns every
// request; this driver never creates a queue or a DMA transaction of its own.
import { MmMapIoSpaceEx, MmUnmapIoSpace, PAGE_NOCACHE, PAGE_READWRITE } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as X from 'kmdf-dma-sim/sercx2';
import * as R from '../../uart/device/uart-regs.js';
import {
  DEFAULT_SERCX2_UART_PARAMETERS,
  DeviceGetContext,
  ObjectGetContext,
  SERCX2_OBJECT_CONTEXT_TYPE_INFO,
  WDF_DEVICE_CONTEXT_TYPE_INFO,
  type SERCX2_UART_PARAMETERS,
} from './context.js';
import * as D from './dma.js';
import { WriteReg } from './hw.js';
import { UartEvtInterruptDpc, UartEvtInterruptIsr } from './isr-dpc.js';
import { UartPioCancelReady, UartPioEnableReady, UartPioReadBuffer, UartPioWriteBuffer } from './pio.js';
import { UartApplyConfig, UartControl, UartFileClose, UartFileOpen, UartPurgeFifos, UartSetWaitMask } from './serial.js';

export function SerCx2UartDriverEntryWith(parameters: Partial<SERCX2_UART_PARAMETERS> = {}): W.DRIVER_INITIALIZE {
  const Parameters = { ...DEFAULT_SERCX2_UART_PARAMETERS, ...parameters };
  return function SerCx2UartDriverEntry(DriverObject, RegistryPath) {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, (Driver, DeviceInit) => UartEvtDeviceAdd(Driver, DeviceInit, Parameters));
    return W.WdfDriverCreate(DriverObject, RegistryPath, W.WDF_NO_OBJECT_ATTRIBUTES, config, null);
  };
}

/** Attributes with the back-pointer context every SerCx2 object of this driver carries (set after each create). */
function sercx2ObjectAttributes(): W.WDF_OBJECT_ATTRIBUTES {
  const attributes = W.newObjectAttributes();
  W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(attributes, SERCX2_OBJECT_CONTEXT_TYPE_INFO);
  return attributes;
}

function UartEvtDeviceAdd(_Driver: W.WDFDRIVER, DeviceInit: W.PWDFDEVICE_INIT, Parameters: SERCX2_UART_PARAMETERS): W.NTSTATUS {
  let status = X.SerCx2InitializeDeviceInit(DeviceInit);
  if (!W.NT_SUCCESS(status)) return status;
  const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
  W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
  pnp.EvtDevicePrepareHardware = UartEvtDevicePrepareHardware;
  pnp.EvtDeviceReleaseHardware = UartEvtDeviceReleaseHardware;
  pnp.EvtDeviceD0Entry = UartEvtDeviceD0Entry;
  W.WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, pnp);

  const attributes = W.newObjectAttributes();
  W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(attributes, WDF_DEVICE_CONTEXT_TYPE_INFO);
  const device = new W.Out<W.WDFDEVICE | null>(null);
  status = W.WdfDeviceCreate(DeviceInit, attributes, device);
  if (!W.NT_SUCCESS(status)) return status;
  const Device = device.value!;
  const ctx = DeviceGetContext(Device);
  ctx.Parameters = Parameters;

  const config = {} as X.SERCX2_CONFIG;
  X.SERCX2_CONFIG_INIT(config, UartApplyConfig, UartControl, UartPurgeFifos);
  config.EvtSerCx2FileOpen = UartFileOpen;
  config.EvtSerCx2FileClose = UartFileClose;
  config.EvtSerCx2SetWaitMask = UartSetWaitMask;
  status = X.SerCx2InitializeDevice(Device, config);
  if (!W.NT_SUCCESS(status)) return status;

  const pioRx = {} as X.SERCX2_PIO_RECEIVE_CONFIG;
  X.SERCX2_PIO_RECEIVE_CONFIG_INIT(pioRx, UartPioReadBuffer, UartPioEnableReady, UartPioCancelReady);
  const rx = new W.Out<X.SERCX2PIORECEIVE | null>(null);
  status = X.SerCx2PioReceiveCreate(Device, pioRx, sercx2ObjectAttributes(), rx);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.PioReceive = rx.value;
  ObjectGetContext(rx.value!).Device = Device;
  const pioTx = {} as X.SERCX2_PIO_TRANSMIT_CONFIG;
  X.SERCX2_PIO_TRANSMIT_CONFIG_INIT(pioTx, UartPioWriteBuffer, UartPioEnableReady, UartPioCancelReady);
  const tx = new W.Out<X.SERCX2PIOTRANSMIT | null>(null);
  status = X.SerCx2PioTransmitCreate(Device, pioTx, sercx2ObjectAttributes(), tx);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.PioTransmit = tx.value;
  ObjectGetContext(tx.value!).Device = Device;

  const interruptConfig = {} as W.WDF_INTERRUPT_CONFIG;
  W.WDF_INTERRUPT_CONFIG_INIT(interruptConfig, UartEvtInterruptIsr, UartEvtInterruptDpc);
  const interrupt = new W.Out<W.WDFINTERRUPT | null>(null);
  status = W.WdfInterruptCreate(Device, interruptConfig, W.WDF_NO_OBJECT_ATTRIBUTES, interrupt);
  ctx.Interrupt = interrupt.value;
  return status;
}

const UartEvtDevicePrepareHardware: W.EVT_WDF_DEVICE_PREPARE_HARDWARE = (Device, _ResourcesRaw, ResourcesTranslated) => {
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

  const txc = {} as X.SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG;
  X.SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_INIT(txc, ctx.Parameters.MaximumTransferLength, base + R.UART_TXDR, W.Width8Bits, txDescriptor);
  txc.Exclusive = true;
  txc.EvtSerCx2SystemDmaTransmitInitializeTransaction = D.UartTxInitializeTransaction;
  txc.EvtSerCx2SystemDmaTransmitConfigureDmaChannel = D.UartTxConfigureDmaChannel;
  txc.EvtSerCx2SystemDmaTransmitDrainFifo = D.UartTxDrainFifo;
  txc.EvtSerCx2SystemDmaTransmitCancelDrainFifo = D.UartTxCancelDrainFifo;
  txc.EvtSerCx2SystemDmaTransmitPurgeFifo = D.UartTxPurgeFifo;
  txc.EvtSerCx2SystemDmaTransmitCleanupTransaction = D.UartTxCleanupTransaction;
  const tx = new W.Out<X.SERCX2SYSTEMDMATRANSMIT | null>(null);
  let status = X.SerCx2SystemDmaTransmitCreate(Device, txc, sercx2ObjectAttributes(), tx);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.DmaTransmit = tx.value;
  ObjectGetContext(tx.value!).Device = Device;

  const rxc = {} as X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG;
  X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT_NEW_DATA_NOTIFICATION(
    rxc, ctx.Parameters.MaximumTransferLength, base + R.UART_RXDR, W.Width8Bits, rxDescriptor,
    D.UartRxEnableNewData, D.UartRxCancelNewData,
  );
  rxc.Exclusive = true;
  rxc.EvtSerCx2SystemDmaReceiveInitializeTransaction = D.UartRxInitializeTransaction;
  rxc.EvtSerCx2SystemDmaReceiveConfigureDmaChannel = D.UartRxConfigureDmaChannel;
  rxc.EvtSerCx2SystemDmaReceiveCleanupTransaction = D.UartRxCleanupTransaction;
  const rx = new W.Out<X.SERCX2SYSTEMDMARECEIVE | null>(null);
  status = X.SerCx2SystemDmaReceiveCreate(Device, rxc, sercx2ObjectAttributes(), rx);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.DmaReceive = rx.value;
  ObjectGetContext(rx.value!).Device = Device;
  return W.STATUS_SUCCESS;
};

const UartEvtDeviceReleaseHardware: W.EVT_WDF_DEVICE_RELEASE_HARDWARE = (Device) => {
  const ctx = DeviceGetContext(Device);
  if (ctx.Registers) MmUnmapIoSpace(ctx.Registers, 0x1000);
  ctx.Registers = 0;
  return W.STATUS_SUCCESS;
};

const UartEvtDeviceD0Entry: W.EVT_WDF_DEVICE_D0_ENTRY = (Device) => {
  const ctx = DeviceGetContext(Device);
  const level = ctx.Parameters.TriggerLevel;
  WriteReg(ctx, R.UART_IFLS, (level << R.IFLS_TX_SHIFT) | (level << R.IFLS_RX_SHIFT));
  WriteReg(ctx, R.UART_RXTO, ctx.Parameters.RxIdleCharacters);
  return W.STATUS_SUCCESS;
};
