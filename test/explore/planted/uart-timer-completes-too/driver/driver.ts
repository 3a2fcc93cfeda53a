// The UART driver's DriverEntry and PnP/power callbacks (PLX9x5x Init.c shape). EvtDriverDeviceAdd creates the
// device (typed DEVICE_CONTEXT), a sequential read queue and a sequential write queue, and the interrupt.
// EvtDevicePrepareHardware
// maps the registers and builds two simplex System DMA enablers — TX (WriteToDevice) and RX (ReadFromDevice), demand
// mode, 8-bit, each on the controller channel and request line of its CM DMA descriptor (u.Dma.Channel,
// u.Dma.Port) — and one reusable transaction per direction. D0Entry programs the trigger levels and the receive
// timeout (UART_RXTO), turns the receiver on and unmasks the receive-error interrupts (the receive timeout is unmasked
// while a read runs, io.ts).
import { MmMapIoSpaceEx, MmUnmapIoSpace, PAGE_NOCACHE, PAGE_READWRITE } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';
import * as R from '../../../../../examples/uart/device/uart-regs.js';
import { DEFAULT_UART_PARAMETERS, DeviceGetContext, WDF_DEVICE_CONTEXT_TYPE_INFO, type UART_CHANNEL, type UART_PARAMETERS } from './context.js';
import { WriteReg } from './hw.js';
import { UartEvtIoRead, UartEvtIoWrite, UartEvtReadTimeout } from './io.js';
import { UartEvtInterruptDpc, UartEvtInterruptIsr } from './isr-dpc.js';

/** DriverEntry with the given parameters (a real driver reads them from its registry key). */
export function UartDriverEntryWith(parameters: Partial<UART_PARAMETERS> = {}): W.DRIVER_INITIALIZE {
  const Parameters = { ...DEFAULT_UART_PARAMETERS, ...parameters };
  const EvtDeviceAdd: W.EVT_WDF_DRIVER_DEVICE_ADD = (Driver, DeviceInit) => UartEvtDeviceAdd(Driver, DeviceInit, Parameters);
  return function UartDriverEntry(DriverObject, RegistryPath) {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, EvtDeviceAdd);
    return W.WdfDriverCreate(DriverObject, RegistryPath, W.WDF_NO_OBJECT_ATTRIBUTES, config, null);
  };
}

export const UartDriverEntry: W.DRIVER_INITIALIZE = UartDriverEntryWith();

function UartEvtDeviceAdd(_Driver: W.WDFDRIVER, DeviceInit: W.PWDFDEVICE_INIT, Parameters: UART_PARAMETERS): W.NTSTATUS {
  const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
  W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
  pnp.EvtDevicePrepareHardware = UartEvtDevicePrepareHardware;
  pnp.EvtDeviceReleaseHardware = UartEvtDeviceReleaseHardware;
  pnp.EvtDeviceD0Entry = UartEvtDeviceD0Entry;
  pnp.EvtDeviceD0Exit = UartEvtDeviceD0Exit;
  W.WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, pnp);
  W.WdfDeviceInitSetIoType(DeviceInit, W.WdfDeviceIoDirect);

  const attributes = W.newObjectAttributes();
  W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(attributes, WDF_DEVICE_CONTEXT_TYPE_INFO);
  const device = new W.Out<W.WDFDEVICE | null>(null);
  let status = W.WdfDeviceCreate(DeviceInit, attributes, device);
  if (!W.NT_SUCCESS(status)) return status;
  const Device = device.value!;
  const ctx = DeviceGetContext(Device);
  ctx.Parameters = Parameters;

  // Reads and writes run at the same time (full duplex), one of each: a sequential queue per direction (the
  // serial driver's read and write queues). A second write waits in the write queue until the first completes.
  status = UartCreateQueue(Device, W.WdfRequestTypeWrite, ctx.Tx);
  if (!W.NT_SUCCESS(status)) return status;
  status = UartCreateQueue(Device, W.WdfRequestTypeRead, ctx.Rx);
  if (!W.NT_SUCCESS(status)) return status;

  const interruptConfig = {} as W.WDF_INTERRUPT_CONFIG;
  W.WDF_INTERRUPT_CONFIG_INIT(interruptConfig, UartEvtInterruptIsr, UartEvtInterruptDpc);
  const interrupt = new W.Out<W.WDFINTERRUPT | null>(null);
  status = W.WdfInterruptCreate(Device, interruptConfig, W.WDF_NO_OBJECT_ATTRIBUTES, interrupt);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.Interrupt = interrupt.value;

  const timerConfig = {} as W.WDF_TIMER_CONFIG;
  W.WDF_TIMER_CONFIG_INIT(timerConfig, UartEvtReadTimeout);
  const timerAttributes = W.newObjectAttributes();
  timerAttributes.ParentObject = Device;
  const timer = new W.Out<W.WDFTIMER | null>(null);
  status = W.WdfTimerCreate(timerConfig, timerAttributes, timer);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.ReadTimer = timer.value;
  return W.STATUS_SUCCESS;
}

/** A sequential queue that receives every request of RequestType (no default queue: nothing else is accepted). */
function UartCreateQueue(Device: W.WDFDEVICE, RequestType: W.WDF_REQUEST_TYPE, channel: UART_CHANNEL): W.NTSTATUS {
  const queueConfig = {} as W.WDF_IO_QUEUE_CONFIG;
  W.WDF_IO_QUEUE_CONFIG_INIT(queueConfig, W.WdfIoQueueDispatchSequential);
  if (RequestType === W.WdfRequestTypeRead) queueConfig.EvtIoRead = UartEvtIoRead;
  else queueConfig.EvtIoWrite = UartEvtIoWrite;
  const queue = new W.Out<W.WDFQUEUE | null>(null);
  let status = W.WdfIoQueueCreate(Device, queueConfig, W.WDF_NO_OBJECT_ATTRIBUTES, queue);
  if (!W.NT_SUCCESS(status)) return status;
  status = W.WdfDeviceConfigureRequestDispatching(Device, queue.value!, RequestType);
  if (!W.NT_SUCCESS(status)) return status;
  channel.Queue = queue.value;
  return W.STATUS_SUCCESS;
}

const UartEvtDevicePrepareHardware: W.EVT_WDF_DEVICE_PREPARE_HARDWARE = (Device, _ResourcesRaw, ResourcesTranslated) => {
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
  // The firmware lists the TX descriptor first, then RX.
  if (ctx.Registers === 0 || dma.length < 2) return W.STATUS_DEVICE_CONFIGURATION_ERROR;
  let status = UartCreateDmaChannel(Device, ctx.Tx, dma[0]!, ctx.PhysicalBase + R.UART_TXDR, W.WdfDmaDirectionWriteToDevice);
  if (!W.NT_SUCCESS(status)) return status;
  status = UartCreateDmaChannel(Device, ctx.Rx, dma[1]!, ctx.PhysicalBase + R.UART_RXDR, W.WdfDmaDirectionReadFromDevice);
  return status;
};

/** One simplex System enabler for `Direction`, configured from its DMA descriptor, and its reusable transaction. */
function UartCreateDmaChannel(
  Device: W.WDFDEVICE,
  channel: UART_CHANNEL,
  Descriptor: W.CM_PARTIAL_RESOURCE_DESCRIPTOR,
  DeviceAddress: number,
  Direction: number,
): W.NTSTATUS {
  const ctx = DeviceGetContext(Device);
  const enablerConfig = {} as W.WDF_DMA_ENABLER_CONFIG;
  W.WDF_DMA_ENABLER_CONFIG_INIT(enablerConfig, W.WdfDmaProfileSystem, ctx.Parameters.MaximumTransferLength);
  const enabler = new W.Out<W.WDFDMAENABLER | null>(null);
  let status = W.WdfDmaEnablerCreate(Device, enablerConfig, W.WDF_NO_OBJECT_ATTRIBUTES, enabler);
  if (!W.NT_SUCCESS(status)) return status;
  channel.Enabler = enabler.value;

  const systemConfig = {} as W.WDF_DMA_SYSTEM_PROFILE_CONFIG;
  W.WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(systemConfig, DeviceAddress, W.Width8Bits, Descriptor);
  systemConfig.DemandMode = true;
  status = W.WdfDmaEnablerConfigureSystemProfile(channel.Enabler!, systemConfig, Direction);
  if (!W.NT_SUCCESS(status)) return status;
  channel.RequestLine = Descriptor.u.Dma.Port;

  const transaction = new W.Out<W.WDFDMATRANSACTION | null>(null);
  status = W.WdfDmaTransactionCreate(channel.Enabler!, W.WDF_NO_OBJECT_ATTRIBUTES, transaction);
  if (!W.NT_SUCCESS(status)) return status;
  channel.Transaction = transaction.value;
  return W.STATUS_SUCCESS;
}

const UartEvtDeviceReleaseHardware: W.EVT_WDF_DEVICE_RELEASE_HARDWARE = (Device, _ResourcesTranslated) => {
  const ctx = DeviceGetContext(Device);
  // Deleting an enabler deletes its transaction; a restart configures fresh ones (KMDF-SYSTEM-DMA.md F.12).
  for (const channel of [ctx.Tx, ctx.Rx]) {
    if (channel.Enabler) W.WdfObjectDelete(channel.Enabler);
    channel.Enabler = null;
    channel.Transaction = null;
  }
  if (ctx.Registers) MmUnmapIoSpace(ctx.Registers, ctx.RegistersLength);
  ctx.Registers = 0;
  return W.STATUS_SUCCESS;
};

const UartEvtDeviceD0Entry: W.EVT_WDF_DEVICE_D0_ENTRY = (Device, _PreviousState) => {
  const ctx = DeviceGetContext(Device);
  const level = ctx.Parameters.TriggerLevel;
  WriteReg(ctx, R.UART_IFLS, (level << R.IFLS_TX_SHIFT) | (level << R.IFLS_RX_SHIFT));
  WriteReg(ctx, R.UART_RXTO, ctx.Parameters.RxIdleCharacters & R.RXTO_MASK);
  ctx.Dmacr = 0;
  WriteReg(ctx, R.UART_DMACR, 0);
  ctx.Imsc = R.INT_OE | R.INT_FE;
  WriteReg(ctx, R.UART_IMSC, ctx.Imsc);
  ctx.Cr = R.CR_RXE;
  WriteReg(ctx, R.UART_CR, ctx.Cr);
  return W.STATUS_SUCCESS;
};

const UartEvtDeviceD0Exit: W.EVT_WDF_DEVICE_D0_EXIT = (Device, _TargetState) => {
  const ctx = DeviceGetContext(Device);
  ctx.Cr = ctx.Dmacr = ctx.Imsc = 0;
  WriteReg(ctx, R.UART_CR, 0);
  WriteReg(ctx, R.UART_DMACR, 0);
  WriteReg(ctx, R.UART_IMSC, 0);
  return W.STATUS_SUCCESS;
};
