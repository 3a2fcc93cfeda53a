// The SPI driver's DriverEntry and PnP callbacks: one SystemDuplex enabler configured twice from the CM DMA
// descriptors (MOSI = WriteToDevice first, MISO = ReadFromDevice second; demand mode, 8-bit), a transaction per
// direction, the SPI interrupt (TC unmasked in D0Entry), a parallel default queue (reads and writes at once).
import { MmMapIoSpaceEx, MmUnmapIoSpace, PAGE_NOCACHE, PAGE_READWRITE } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../../../../../examples/spi/device/spi-regs.js';
import { DEFAULT_SPI_PARAMETERS, DirectionOf, SpiGetContext, WDF_SPI_CONTEXT_TYPE_INFO, type SPI_PARAMETERS } from './context.js';
import { WriteReg } from './hw.js';
import { SpiEvtIoRead, SpiEvtIoWrite } from './io.js';
import { SpiEvtInterruptDpc, SpiEvtInterruptIsr } from './isr-dpc.js';

export function SpiDriverEntryWith(parameters: Partial<SPI_PARAMETERS> = {}): W.DRIVER_INITIALIZE {
  const Parameters = { ...DEFAULT_SPI_PARAMETERS, ...parameters };
  const EvtDeviceAdd: W.EVT_WDF_DRIVER_DEVICE_ADD = (_Driver, DeviceInit) => SpiEvtDeviceAdd(DeviceInit, Parameters);
  return function SpiDriverEntry(DriverObject, RegistryPath) {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, EvtDeviceAdd);
    return W.WdfDriverCreate(DriverObject, RegistryPath, W.WDF_NO_OBJECT_ATTRIBUTES, config, null);
  };
}

function SpiEvtDeviceAdd(DeviceInit: W.PWDFDEVICE_INIT, Parameters: SPI_PARAMETERS): W.NTSTATUS {
  const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
  W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
  pnp.EvtDevicePrepareHardware = SpiEvtDevicePrepareHardware;
  pnp.EvtDeviceReleaseHardware = SpiEvtDeviceReleaseHardware;
  pnp.EvtDeviceD0Entry = SpiEvtDeviceD0Entry;
  W.WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, pnp);
  W.WdfDeviceInitSetIoType(DeviceInit, W.WdfDeviceIoDirect);
  const attributes = W.newObjectAttributes();
  W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(attributes, WDF_SPI_CONTEXT_TYPE_INFO);
  const device = new W.Out<W.WDFDEVICE | null>(null);
  let status = W.WdfDeviceCreate(DeviceInit, attributes, device);
  if (!W.NT_SUCCESS(status)) return status;
  SpiGetContext(device.value!).Parameters = Parameters;

  const queueConfig = {} as W.WDF_IO_QUEUE_CONFIG;
  W.WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(queueConfig, W.WdfIoQueueDispatchParallel);
  queueConfig.EvtIoRead = SpiEvtIoRead;
  queueConfig.EvtIoWrite = SpiEvtIoWrite;
  status = W.WdfIoQueueCreate(device.value!, queueConfig, W.WDF_NO_OBJECT_ATTRIBUTES, null);
  if (!W.NT_SUCCESS(status)) return status;

  const interruptConfig = {} as W.WDF_INTERRUPT_CONFIG;
  W.WDF_INTERRUPT_CONFIG_INIT(interruptConfig, SpiEvtInterruptIsr, SpiEvtInterruptDpc);
  return W.WdfInterruptCreate(device.value!, interruptConfig, W.WDF_NO_OBJECT_ATTRIBUTES, null);
}

const SpiEvtDevicePrepareHardware: W.EVT_WDF_DEVICE_PREPARE_HARDWARE = (Device, _Raw, Translated) => {
  const ctx = SpiGetContext(Device);
  const dma: W.CM_PARTIAL_RESOURCE_DESCRIPTOR[] = [];
  for (let i = 0; i < W.WdfCmResourceListGetCount(Translated); i++) {
    const d = W.WdfCmResourceListGetDescriptor(Translated, i)!;
    if (d.Type === W.CmResourceTypeMemory && ctx.Registers === 0) {
      ctx.PhysicalBase = d.u.Memory.Start;
      ctx.RegistersLength = d.u.Memory.Length;
      ctx.Registers = MmMapIoSpaceEx(d.u.Memory.Start, d.u.Memory.Length, PAGE_READWRITE | PAGE_NOCACHE);
    } else if (d.Type === W.CmResourceTypeDma) dma.push(d);
  }
  if (ctx.Registers === 0 || dma.length < 2) return W.STATUS_DEVICE_CONFIGURATION_ERROR;

  const enablerConfig = {} as W.WDF_DMA_ENABLER_CONFIG;
  W.WDF_DMA_ENABLER_CONFIG_INIT(enablerConfig, W.WdfDmaProfileSystemDuplex, 4096);
  const enabler = new W.Out<W.WDFDMAENABLER | null>(null);
  let status = W.WdfDmaEnablerCreate(Device, enablerConfig, W.WDF_NO_OBJECT_ATTRIBUTES, enabler);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.Enabler = enabler.value;
  const sides: [number, number, W.CM_PARTIAL_RESOURCE_DESCRIPTOR][] = [
    [W.WdfDmaDirectionWriteToDevice, R.SPI_TXDR, dma[0]!],
    [W.WdfDmaDirectionReadFromDevice, R.SPI_RXDR, dma[1]!],
  ];
  for (const [Direction, offset, Descriptor] of sides) {
    const config = {} as W.WDF_DMA_SYSTEM_PROFILE_CONFIG;
    W.WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(config, ctx.PhysicalBase + offset, W.Width8Bits, Descriptor);
    config.DemandMode = true;
    status = W.WdfDmaEnablerConfigureSystemProfile(ctx.Enabler!, config, Direction);
    if (!W.NT_SUCCESS(status)) return status;
    DirectionOf(ctx, Direction).RequestLine = Descriptor.u.Dma.Port;
  }
  for (const Direction of [W.WdfDmaDirectionWriteToDevice, W.WdfDmaDirectionReadFromDevice]) {
    const transaction = new W.Out<W.WDFDMATRANSACTION | null>(null);
    status = W.WdfDmaTransactionCreate(ctx.Enabler!, W.WDF_NO_OBJECT_ATTRIBUTES, transaction);
    if (!W.NT_SUCCESS(status)) return status;
    DirectionOf(ctx, Direction).Transaction = transaction.value;
  }
  return W.STATUS_SUCCESS;
};


const SpiEvtDeviceReleaseHardware: W.EVT_WDF_DEVICE_RELEASE_HARDWARE = (Device) => {
  const ctx = SpiGetContext(Device);
  if (ctx.Enabler) W.WdfObjectDelete(ctx.Enabler);
  ctx.Enabler = ctx.Tx.Transaction = ctx.Rx.Transaction = null;
  if (ctx.Registers) MmUnmapIoSpace(ctx.Registers, ctx.RegistersLength);
  ctx.Registers = 0;
  return W.STATUS_SUCCESS;
};

const SpiEvtDeviceD0Entry: W.EVT_WDF_DEVICE_D0_ENTRY = (Device) => {
  const ctx = SpiGetContext(Device);
  ctx.Cr = ctx.Dmacr = 0;
  WriteReg(ctx, R.SPI_CR, 0);
  WriteReg(ctx, R.SPI_DMACR, 0);
  WriteReg(ctx, R.SPI_IMSC, R.INT_TC);
  return W.STATUS_SUCCESS;
};
