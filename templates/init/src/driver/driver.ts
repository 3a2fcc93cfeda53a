// DriverEntry and the PnP callbacks (the shape of the WDK's PLX9x5x Init.c). EvtDriverDeviceAdd creates the device
// with its typed context and a sequential write queue. EvtDevicePrepareHardware maps the registers and builds a
// System-profile DMA enabler for the TX direction (demand mode, 8-bit, on the channel and request line of the CM DMA
// descriptor) and one reusable transaction. EvtDeviceReleaseHardware undoes both.
import { MmMapIoSpaceEx, MmUnmapIoSpace, PAGE_NOCACHE, PAGE_READWRITE } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../device/regs.js';
import { DeviceGetContext, WDF_DEVICE_CONTEXT_TYPE_INFO, type SAMPLE_CHANNEL } from './context.js';
import { SampleEvtIoWrite } from './io.js';

/** The largest fragment one controller program moves (WDF_DMA_ENABLER_CONFIG.MaximumLength). */
export const MAXIMUM_TRANSFER_LENGTH = 4096;

// DRIVER_INITIALIZE
export const SampleDriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
  const config = {} as W.WDF_DRIVER_CONFIG;
  W.WDF_DRIVER_CONFIG_INIT(config, SampleEvtDeviceAdd);
  return W.WdfDriverCreate(DriverObject, RegistryPath, W.WDF_NO_OBJECT_ATTRIBUTES, config, null);
};

// EVT_WDF_DRIVER_DEVICE_ADD
const SampleEvtDeviceAdd: W.EVT_WDF_DRIVER_DEVICE_ADD = (_Driver, DeviceInit) => {
  const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
  W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
  pnp.EvtDevicePrepareHardware = SampleEvtDevicePrepareHardware;
  pnp.EvtDeviceReleaseHardware = SampleEvtDeviceReleaseHardware;
  W.WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, pnp);
  W.WdfDeviceInitSetIoType(DeviceInit, W.WdfDeviceIoDirect);

  const attributes = W.newObjectAttributes();
  W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(attributes, WDF_DEVICE_CONTEXT_TYPE_INFO);
  const device = new W.Out<W.WDFDEVICE | null>(null);
  let status = W.WdfDeviceCreate(DeviceInit, attributes, device);
  if (!W.NT_SUCCESS(status)) return status;

  // One write at a time: a sequential queue receives every write request.
  status = SampleCreateQueue(device.value!, W.WdfRequestTypeWrite);
  return status;
};

/** A sequential queue for every request of RequestType. */
function SampleCreateQueue(Device: W.WDFDEVICE, RequestType: W.WDF_REQUEST_TYPE): W.NTSTATUS {
  const queueConfig = {} as W.WDF_IO_QUEUE_CONFIG;
  W.WDF_IO_QUEUE_CONFIG_INIT(queueConfig, W.WdfIoQueueDispatchSequential);
  if (RequestType === W.WdfRequestTypeWrite) queueConfig.EvtIoWrite = SampleEvtIoWrite;
  const queue = new W.Out<W.WDFQUEUE | null>(null);
  const status = W.WdfIoQueueCreate(Device, queueConfig, W.WDF_NO_OBJECT_ATTRIBUTES, queue);
  if (!W.NT_SUCCESS(status)) return status;
  return W.WdfDeviceConfigureRequestDispatching(Device, queue.value!, RequestType);
}

// EVT_WDF_DEVICE_PREPARE_HARDWARE
const SampleEvtDevicePrepareHardware: W.EVT_WDF_DEVICE_PREPARE_HARDWARE = (Device, _ResourcesRaw, ResourcesTranslated) => {
  const ctx = DeviceGetContext(Device);
  const dma: W.CM_PARTIAL_RESOURCE_DESCRIPTOR[] = [];
  for (let i = 0; i < W.WdfCmResourceListGetCount(ResourcesTranslated); i++) {
    const d = W.WdfCmResourceListGetDescriptor(ResourcesTranslated, i)!;
    if (d.Type === W.CmResourceTypeMemory && ctx.Registers === 0) {
      ctx.PhysicalBase = d.u.Memory.Start;
      ctx.RegistersLength = d.u.Memory.Length;
      ctx.Registers = MmMapIoSpaceEx(d.u.Memory.Start, d.u.Memory.Length, PAGE_READWRITE | PAGE_NOCACHE);
    } else if (d.Type === W.CmResourceTypeDma) {
      dma.push(d);
    }
  }
  // The firmware lists the TX DMA descriptor first.
  if (ctx.Registers === 0 || dma.length < 1) return W.STATUS_DEVICE_CONFIGURATION_ERROR;
  return SampleCreateDmaChannel(Device, ctx.Tx, dma[0]!, ctx.PhysicalBase + R.SAMPLE_TXDATA, W.WdfDmaDirectionWriteToDevice);
};

/** A simplex System DMA enabler for Direction, configured from its CM DMA descriptor, and its reusable transaction. */
function SampleCreateDmaChannel(
  Device: W.WDFDEVICE,
  channel: SAMPLE_CHANNEL,
  Descriptor: W.CM_PARTIAL_RESOURCE_DESCRIPTOR,
  DeviceAddress: number,
  Direction: number,
): W.NTSTATUS {
  const enablerConfig = {} as W.WDF_DMA_ENABLER_CONFIG;
  W.WDF_DMA_ENABLER_CONFIG_INIT(enablerConfig, W.WdfDmaProfileSystem, MAXIMUM_TRANSFER_LENGTH);
  const enabler = new W.Out<W.WDFDMAENABLER | null>(null);
  let status = W.WdfDmaEnablerCreate(Device, enablerConfig, W.WDF_NO_OBJECT_ATTRIBUTES, enabler);
  if (!W.NT_SUCCESS(status)) return status;
  channel.Enabler = enabler.value;

  const systemConfig = {} as W.WDF_DMA_SYSTEM_PROFILE_CONFIG;
  W.WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(systemConfig, DeviceAddress, W.Width8Bits, Descriptor);
  systemConfig.DemandMode = true; // each burst waits for the device's request line
  status = W.WdfDmaEnablerConfigureSystemProfile(channel.Enabler!, systemConfig, Direction);
  if (!W.NT_SUCCESS(status)) return status;
  channel.RequestLine = Descriptor.u.Dma.Port;

  const transaction = new W.Out<W.WDFDMATRANSACTION | null>(null);
  status = W.WdfDmaTransactionCreate(channel.Enabler!, W.WDF_NO_OBJECT_ATTRIBUTES, transaction);
  if (!W.NT_SUCCESS(status)) return status;
  channel.Transaction = transaction.value;
  return W.STATUS_SUCCESS;
}

// EVT_WDF_DEVICE_RELEASE_HARDWARE
const SampleEvtDeviceReleaseHardware: W.EVT_WDF_DEVICE_RELEASE_HARDWARE = (Device, _ResourcesTranslated) => {
  const ctx = DeviceGetContext(Device);
  // Deleting an enabler deletes its transaction.
  for (const channel of [ctx.Tx]) {
    if (channel.Enabler) W.WdfObjectDelete(channel.Enabler);
    channel.Enabler = null;
    channel.Transaction = null;
  }
  if (ctx.Registers) MmUnmapIoSpace(ctx.Registers, ctx.RegistersLength);
  ctx.Registers = 0;
  return W.STATUS_SUCCESS;
};
