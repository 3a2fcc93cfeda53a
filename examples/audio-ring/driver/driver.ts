// The audio-ring driver's DriverEntry and PnP/power callbacks (PLX9x5x Init.c shape). EvtDriverDeviceAdd creates the
// device (typed DEVICE_CONTEXT), a parallel default queue for the capture IOCTLs, a manual queue where READ_PERIOD
// requests wait for a period, the receiver's interrupt and the stream lock. EvtDevicePrepareHardware maps the registers and builds one simplex System DMA enabler for RX —
// DemandMode and LoopedTransfer (the controller wraps to the ring's start by itself), 32-bit (one packed frame), on the channel and
// request line of the CM DMA descriptor (u.Dma.Channel, u.Dma.Port) — then the ring and one reusable transaction.
//
// The ring is a common buffer, not a request's buffer. A looped transfer runs for the whole stream, while a
// request's pages are locked only until it completes; an audio driver owns its cyclic buffer for the life of the
// stream (WaveRT allocates it in the miniport, ALSA in hw_params) and hands clients copies, so a late or vanished
// client can never leave the DMA writing into memory nobody owns. A common buffer is also physically contiguous:
// the controller's loop is one SG element, allocated once here at PASSIVE_LEVEL rather than per stream.
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
import * as R from '../device/i2s-regs.js';
import { DEFAULT_AUDIO_RING_PARAMETERS, DeviceGetContext, WDF_DEVICE_CONTEXT_TYPE_INFO, type AUDIO_RING_PARAMETERS } from './context.js';
import { WriteReg } from './hw.js';
import { AudioRingEvtIoDeviceControl } from './io.js';
import { AudioRingEvtInterruptDpc, AudioRingEvtInterruptIsr } from './isr-dpc.js';

/** Bytes per stereo 16-bit frame. */
const FRAME_BYTES = 4;

/** DriverEntry with the given parameters (a real driver reads them from its registry key). */
export function AudioRingDriverEntryWith(parameters: Partial<AUDIO_RING_PARAMETERS> = {}): W.DRIVER_INITIALIZE {
  const Parameters = { ...DEFAULT_AUDIO_RING_PARAMETERS, ...parameters };
  const EvtDeviceAdd: W.EVT_WDF_DRIVER_DEVICE_ADD = (Driver, DeviceInit) => AudioRingEvtDeviceAdd(Driver, DeviceInit, Parameters);
  return function AudioRingDriverEntry(DriverObject, RegistryPath) {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, EvtDeviceAdd);
    return W.WdfDriverCreate(DriverObject, RegistryPath, W.WDF_NO_OBJECT_ATTRIBUTES, config, null);
  };
}

export const AudioRingDriverEntry: W.DRIVER_INITIALIZE = AudioRingDriverEntryWith();

function AudioRingEvtDeviceAdd(_Driver: W.WDFDRIVER, DeviceInit: W.PWDFDEVICE_INIT, Parameters: AUDIO_RING_PARAMETERS): W.NTSTATUS {
  const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
  W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
  pnp.EvtDevicePrepareHardware = AudioRingEvtDevicePrepareHardware;
  pnp.EvtDeviceReleaseHardware = AudioRingEvtDeviceReleaseHardware;
  pnp.EvtDeviceD0Entry = AudioRingEvtDeviceD0Entry;
  pnp.EvtDeviceD0Exit = AudioRingEvtDeviceD0Exit;
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
  ctx.Device = Device;
  ctx.PeriodBytes = Parameters.PeriodFrames * FRAME_BYTES;
  ctx.RingBytes = ctx.PeriodBytes * Parameters.RingPeriods;

  // READ_PERIOD requests pend while START / STOP / GET_POSITION arrive: parallel dispatch.
  const queueConfig = {} as W.WDF_IO_QUEUE_CONFIG;
  W.WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(queueConfig, W.WdfIoQueueDispatchParallel);
  queueConfig.EvtIoDeviceControl = AudioRingEvtIoDeviceControl;
  status = W.WdfIoQueueCreate(Device, queueConfig, W.WDF_NO_OBJECT_ATTRIBUTES, null);
  if (!W.NT_SUCCESS(status)) return status;

  // A READ_PERIOD with no captured period waits here (WdfRequestForwardToIoQueue); each notification retrieves
  // the oldest. While a request waits the framework owns it and cancels it by itself: no cancel routine.
  const readQueueConfig = {} as W.WDF_IO_QUEUE_CONFIG;
  W.WDF_IO_QUEUE_CONFIG_INIT(readQueueConfig, W.WdfIoQueueDispatchManual);
  const readQueue = new W.Out<W.WDFQUEUE | null>(null);
  status = W.WdfIoQueueCreate(Device, readQueueConfig, W.WDF_NO_OBJECT_ATTRIBUTES, readQueue);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.ReadQueue = readQueue.value;

  const interruptConfig = {} as W.WDF_INTERRUPT_CONFIG;
  W.WDF_INTERRUPT_CONFIG_INIT(interruptConfig, AudioRingEvtInterruptIsr, AudioRingEvtInterruptDpc);
  const interrupt = new W.Out<W.WDFINTERRUPT | null>(null);
  status = W.WdfInterruptCreate(Device, interruptConfig, W.WDF_NO_OBJECT_ATTRIBUTES, interrupt);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.Interrupt = interrupt.value;

  const lockAttributes = W.newObjectAttributes();
  lockAttributes.ParentObject = Device;
  const lock = new W.Out<W.WDFSPINLOCK | null>(null);
  status = W.WdfSpinLockCreate(lockAttributes, lock);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.Lock = lock.value;
  return W.STATUS_SUCCESS;
}

const AudioRingEvtDevicePrepareHardware: W.EVT_WDF_DEVICE_PREPARE_HARDWARE = (Device, _ResourcesRaw, ResourcesTranslated) => {
  const ctx = DeviceGetContext(Device);
  let dma: W.CM_PARTIAL_RESOURCE_DESCRIPTOR | null = null;
  for (let i = 0; i < W.WdfCmResourceListGetCount(ResourcesTranslated); i++) {
    const d = W.WdfCmResourceListGetDescriptor(ResourcesTranslated, i)!;
    if (d.Type === W.CmResourceTypeMemory && ctx.Registers === 0) {
      ctx.PhysicalBase = d.u.Memory.Start;
      ctx.RegistersLength = d.u.Memory.Length;
      ctx.Registers = MmMapIoSpaceEx(d.u.Memory.Start, d.u.Memory.Length, PAGE_READWRITE | PAGE_NOCACHE);
    } else if (d.Type === W.CmResourceTypeDma && !dma) {
      dma = d;
    }
  }
  if (ctx.Registers === 0 || !dma) return W.STATUS_DEVICE_CONFIGURATION_ERROR;

  // One fragment is the whole ring: a looped transfer is one mapped transfer the controller wraps around.
  const enablerConfig = {} as W.WDF_DMA_ENABLER_CONFIG;
  W.WDF_DMA_ENABLER_CONFIG_INIT(enablerConfig, W.WdfDmaProfileSystem, ctx.RingBytes);
  const enabler = new W.Out<W.WDFDMAENABLER | null>(null);
  let status = W.WdfDmaEnablerCreate(Device, enablerConfig, W.WDF_NO_OBJECT_ATTRIBUTES, enabler);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.Enabler = enabler.value;

  const systemConfig = {} as W.WDF_DMA_SYSTEM_PROFILE_CONFIG;
  W.WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(systemConfig, ctx.PhysicalBase + R.I2S_RXDR, W.Width32Bits, dma);
  systemConfig.DemandMode = true;
  systemConfig.LoopedTransfer = true;
  status = W.WdfDmaEnablerConfigureSystemProfile(ctx.Enabler!, systemConfig, W.WdfDmaDirectionReadFromDevice);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.RequestLine = dma.u.Dma.Port;

  const commonBuffer = new W.Out<W.WDFCOMMONBUFFER | null>(null);
  status = W.WdfCommonBufferCreate(ctx.Enabler!, ctx.RingBytes, W.WDF_NO_OBJECT_ATTRIBUTES, commonBuffer);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.CommonBuffer = commonBuffer.value;
  ctx.RingVa = W.WdfCommonBufferGetAlignedVirtualAddress(ctx.CommonBuffer!);
  // WdfDmaTransactionInitialize takes an MDL: describe the common buffer with one (nonpaged, so no probe/lock).
  ctx.RingMdl = IoAllocateMdl(ctx.RingVa, ctx.RingBytes, false, false, null);
  if (!ctx.RingMdl) return W.STATUS_INSUFFICIENT_RESOURCES;
  MmBuildMdlForNonPagedPool(ctx.RingMdl);

  const transaction = new W.Out<W.WDFDMATRANSACTION | null>(null);
  status = W.WdfDmaTransactionCreate(ctx.Enabler!, W.WDF_NO_OBJECT_ATTRIBUTES, transaction);
  if (!W.NT_SUCCESS(status)) return status;
  ctx.Transaction = transaction.value;
  return W.STATUS_SUCCESS;
};

const AudioRingEvtDeviceReleaseHardware: W.EVT_WDF_DEVICE_RELEASE_HARDWARE = (Device, _ResourcesTranslated) => {
  const ctx = DeviceGetContext(Device);
  if (ctx.RingMdl) IoFreeMdl(ctx.RingMdl);
  ctx.RingMdl = null;
  // Deleting the enabler deletes its transaction and common buffer (KMDF-SYSTEM-DMA.md A.1, F.12).
  if (ctx.Enabler) W.WdfObjectDelete(ctx.Enabler);
  ctx.Enabler = null;
  ctx.Transaction = null;
  ctx.CommonBuffer = null;
  ctx.RingVa = 0;
  if (ctx.Registers) MmUnmapIoSpace(ctx.Registers, ctx.RegistersLength);
  ctx.Registers = 0;
  return W.STATUS_SUCCESS;
};

const AudioRingEvtDeviceD0Entry: W.EVT_WDF_DEVICE_D0_ENTRY = (Device, _PreviousState) => {
  const ctx = DeviceGetContext(Device);
  ctx.Cr = ctx.Ier = 0;
  WriteReg(ctx, R.I2S_CR, 0);
  WriteReg(ctx, R.I2S_IER, 0);
  WriteReg(ctx, R.I2S_FCR, ctx.Parameters.TriggerLevel << R.FCR_RXWM_SHIFT);
  return W.STATUS_SUCCESS;
};

const AudioRingEvtDeviceD0Exit: W.EVT_WDF_DEVICE_D0_EXIT = (Device, _TargetState) => {
  const ctx = DeviceGetContext(Device);
  ctx.Cr = ctx.Ier = 0;
  WriteReg(ctx, R.I2S_CR, 0);
  WriteReg(ctx, R.I2S_IER, 0);
  return W.STATUS_SUCCESS;
};
