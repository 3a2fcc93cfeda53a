// SerCx2 bound to a serial controller's WDFDEVICE: SerCx2InitializeDeviceInit (claims the WDFDEVICE_INIT: exclusive,
// direct I/O, SerCx2's file-object callbacks, its class-extension hooks) and SerCx2InitializeDevice (the driver's
// SERCX2_CONFIG; SerCx2's queues — a parallel default queue for IOCTLs and a sequential queue each for reads and
// writes, made with WdfIoQueueCreate / WdfDeviceConfigureRequestDispatching — and its time-out timers), the open /
// cleanup / close of the port, and the per-device state every other SerCx2 file works on. DDI pages:
// SerCx2InitializeDeviceInit, SerCx2InitializeDevice, SERCX2_CONFIG, EVT_SERCX2_FILEOPEN / FILECLOSE / PURGE_FIFOS /
// APPLY_CONFIG, SerCx2SaveReceiveFifoOnD0Exit; "Framework File Objects".
// Open: EvtSerCx2FileOpen → EvtSerCx2ApplyConfig(the connection's parameters) → EvtSerCx2PurgeFifos(TRUE, TRUE) → the
// create completes [ours: the order; the pages say each is called at open]. The connection parameters are what the
// opener passes with the create (a peripheral's ACPI UartSerialBus descriptor, vendor data included); SerCx2 keeps a
// copy in pool and passes its kernel VA (NULL without any). Each open starts with zero time-outs and wait mask.
// Cleanup: pending reads, writes and the wait are cancelled; close: EvtSerCx2FileClose.
import { Out } from '../hal/out.js';
import { ExAllocatePool2, ExFreePool } from '../hal/wdm-mm.js';
import { POOL_FLAG_NON_PAGED } from '../hal/memory/address-space.js';
import { KeGetCurrentIrql } from '../hal/wdm-ke.js';
import { PASSIVE_LEVEL } from '../hal/irql.js';
import {
  NT_SUCCESS,
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type NTSTATUS,
} from '../hal/ntstatus.js';
import { FxDevice } from '../kmdf/device/device.js';
import { WdfDeviceInitSetExclusive, WdfDeviceInitSetIoType, WdfDeviceIoDirect, fxDeviceInit, type FxClassExtensionHooks, type PWDFDEVICE_INIT } from '../kmdf/device/device-init.js';
import { fxCallbackFields, fxOptionalStruct, fxStruct, fxUnsigned } from '../kmdf/verifier/arguments.js';
import { WDF_FILEOBJECT_CONFIG_INIT, WdfDeviceInitSetFileObjectConfig, type WDF_FILEOBJECT_CONFIG } from '../kmdf/file/file-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../kmdf/object/attributes.js';
import type { WDFDEVICE, WDFQUEUE, WDFREQUEST } from '../kmdf/object/handles.js';
import { fxResolve } from '../kmdf/object/resolve.js';
import { FxRequest } from '../kmdf/io/request.js';
import { WdfRequestComplete } from '../kmdf/io/request-api.js';
import {
  WDF_IO_QUEUE_CONFIG_INIT,
  WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE,
  WdfDeviceConfigureRequestDispatching,
  WdfIoQueueCreate,
  WdfIoQueueDispatchParallel,
  WdfIoQueueDispatchSequential,
  type WDF_IO_QUEUE_CONFIG,
} from '../kmdf/io/queue.js';
import { WdfRequestTypeRead, WdfRequestTypeWrite } from '../kmdf/io/request-types.js';
import { newSerialTimeouts, type SERIAL_TIMEOUTS } from './ntddser.js';
import type {
  FxSerCx2CustomReceive,
  FxSerCx2CustomTransmit,
  FxSerCx2PioReceive,
  FxSerCx2PioTransmit,
  FxSerCx2SystemDmaReceive,
  FxSerCx2SystemDmaTransmit,
} from './objects.js';
import type { ReadOperation } from './read.js';
import type { WriteOperation } from './write.js';
import { SerCx2Timers } from './timers.js';
import { SERCX2_CONFIG_SIZE, type SERCX2_CONFIG, type SERCX2PIORECEIVE } from './sercx2-types.js';
import { sercx2Ioctl, sercx2AbortFileIo } from './ioctl.js';
import { sercx2Read, sercx2Write } from './io.js';
import { sercx2Fatal } from './verifier.js';

/** SerCx2's state for one controller device (its "device extension"). */
export class SerCx2Device implements FxClassExtensionHooks {
  readonly name = 'SerCx2';
  /** The device, once WdfDeviceCreate has made it (SerCx2InitializeDevice). */
  device!: FxDevice;
  config!: SERCX2_CONFIG;
  initialized = false;
  requestAttributes: WDF_OBJECT_ATTRIBUTES | null = null;
  timers!: SerCx2Timers;
  readQueue: WDFQUEUE | null = null;
  writeQueue: WDFQUEUE | null = null;
  pioReceive: FxSerCx2PioReceive | null = null;
  pioTransmit: FxSerCx2PioTransmit | null = null;
  dmaReceive: FxSerCx2SystemDmaReceive | null = null;
  dmaTransmit: FxSerCx2SystemDmaTransmit | null = null;
  customReceive: FxSerCx2CustomReceive | null = null;
  customTransmit: FxSerCx2CustomTransmit | null = null;
  // ---- the open port ----
  timeouts: SERIAL_TIMEOUTS = newSerialTimeouts();
  waitMask = 0;
  /** Events of the wait mask that happened with no IOCTL_SERIAL_WAIT_ON_MASK pending. */
  waitHistory = 0;
  pendingWait: WDFREQUEST | null = null;
  /** The open connection's parameters (pool copy) and their length; 0 without any. */
  connectionParameters = 0;
  reading: ReadOperation | null = null;
  writing: WriteOperation | null = null;
  /** Receive-FIFO bytes saved by SerCx2SaveReceiveFifoOnD0Exit, for the next read. */
  savedReceive: number[] = [];

  /** Calls a driver callback as the framework does (current driver globals, lock-held-on-return check). */
  call<T>(name: string, fn: () => T): T {
    return this.device.globals.callDriver(name, fn);
  }

  /** Copies saved receive bytes into a read buffer (kernel VA); returns how many. */
  takeSavedReceive(va: number, length: number): number {
    const n = Math.min(length, this.savedReceive.length);
    if (n === 0) return 0;
    this.device.globals.kernel.memory.write(va, this.savedReceive.splice(0, n));
    return n;
  }

  readDone(op: ReadOperation): void {
    if (this.reading === op) this.reading = null;
  }
  writeDone(op: WriteOperation): void {
    if (this.writing === op) this.writing = null;
  }
}

/** The SerCx2 state of a device, or null if SerCx2 does not manage it. */
export function sercx2Of(device: FxDevice): SerCx2Device | null {
  for (const cx of device.classExtensions) if (cx instanceof SerCx2Device) return cx;
  return null;
}

/** The SerCx2 state behind a WDFDEVICE handle given to a SerCx2 DDI (a bad handle is KMDF's verifier stop). */
export function sercx2Device(Device: WDFDEVICE, ddi: string): { device: FxDevice; sx: SerCx2Device | null } {
  const device = fxResolve(Device, FxDevice, ddi, 'WDFDEVICE');
  return { device, sx: sercx2Of(device) };
}

/** SerCx2InitializeDeviceInit(DeviceInit). */
export function SerCx2InitializeDeviceInit(DeviceInit: PWDFDEVICE_INIT): NTSTATUS {
  if (DeviceInit === null || DeviceInit === undefined || KeGetCurrentIrql() !== PASSIVE_LEVEL) return STATUS_INVALID_DEVICE_REQUEST;
  fxDeviceInit(DeviceInit, 'SerCx2InitializeDeviceInit');
  if (DeviceInit.classExtensions.some((cx) => cx instanceof SerCx2Device)) return STATUS_INVALID_DEVICE_REQUEST;
  const sx = new SerCx2Device();
  DeviceInit.classExtensions.push(sx);
  // SerCx2 receives the client's I/O: one client at a time, its own file callbacks, direct I/O (MDLs for DMA).
  WdfDeviceInitSetExclusive(DeviceInit, true);
  WdfDeviceInitSetIoType(DeviceInit, WdfDeviceIoDirect);
  const fo = {} as WDF_FILEOBJECT_CONFIG;
  WDF_FILEOBJECT_CONFIG_INIT(
    fo,
    function SerCx2EvtDeviceFileCreate(Device, Request) {
      sercx2Open(sx, Device, Request);
    },
    function SerCx2EvtFileClose() {
      sercx2Close(sx);
    },
    function SerCx2EvtFileCleanup() {
      sercx2AbortFileIo(sx);
    },
  );
  WdfDeviceInitSetFileObjectConfig(DeviceInit, fo, null);
  return STATUS_SUCCESS;
}

const SERCX2_CONFIG_CALLBACKS = [
  'EvtSerCx2FileOpen',
  'EvtSerCx2FileClose',
  'EvtSerCx2SetWaitMask',
  'EvtSerCx2PurgeFifos',
  'EvtSerCx2Control',
  'EvtSerCx2ApplyConfig',
  'EvtSerCx2SelectNextReceiveTransactionType',
  'EvtSerCx2SelectNextTransmitTransactionType',
] as const;

/** SerCx2InitializeDevice(Device, Config): the configuration is copied once; its callbacks are NULL or functions
 *  (else KMDF's 0x10D / WDF_VERIFIER_FATAL_ERROR at this call), RequestAttributes NULL or a structure. */
export function SerCx2InitializeDevice(Device: WDFDEVICE, Config: SERCX2_CONFIG): NTSTATUS {
  const ddi = 'SerCx2InitializeDevice';
  const { device, sx } = sercx2Device(Device, ddi);
  const g = device.globals;
  const config = { ...fxStruct(g, ddi, 'Config', 2, Config, device) };
  if (!sx || sx.initialized || KeGetCurrentIrql() !== PASSIVE_LEVEL) return STATUS_INVALID_DEVICE_REQUEST;
  if (config.Size !== SERCX2_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  fxCallbackFields(g, ddi, 'Config', 2, config, SERCX2_CONFIG_CALLBACKS, device);
  if (!config.EvtSerCx2PurgeFifos || !config.EvtSerCx2Control || !config.EvtSerCx2ApplyConfig) return STATUS_INVALID_PARAMETER;
  if (config.EvtSerCx2FileOpen && !config.EvtSerCx2FileClose) return STATUS_INVALID_PARAMETER;
  const given = fxOptionalStruct(g, ddi, 'Config->RequestAttributes', 2, config.RequestAttributes, device);
  const attrs = given ? { ...given } : null;
  if (attrs && (attrs.ParentObject !== null || attrs.ExecutionLevel !== 1 || attrs.SynchronizationScope !== 1)) return STATUS_INVALID_PARAMETER;
  if (attrs) fxCallbackFields(g, ddi, 'Config->RequestAttributes', 2, attrs, ['EvtCleanupCallback', 'EvtDestroyCallback'], device);
  for (const f of SERCX2_CONFIG_CALLBACKS) config[f] ??= null;
  sx.device = device;
  sx.config = config;
  sx.requestAttributes = attrs;
  let status = createQueues(sx);
  if (!NT_SUCCESS(status)) return status;
  sx.timers = new SerCx2Timers(device.handle);
  sx.initialized = true;
  return STATUS_SUCCESS;
}

function createQueues(sx: SerCx2Device): NTSTATUS {
  const Device = sx.device.handle;
  const io = {} as WDF_IO_QUEUE_CONFIG;
  WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(io, WdfIoQueueDispatchParallel);
  io.EvtIoDeviceControl = function SerCx2EvtIoDeviceControl(_Queue, Request, OutputBufferLength, InputBufferLength, IoControlCode) {
    sercx2Ioctl(sx, Request, OutputBufferLength, InputBufferLength, IoControlCode);
  };
  let status = WdfIoQueueCreate(Device, io, null, null);
  if (!NT_SUCCESS(status)) return status;
  for (const [type, which] of [[WdfRequestTypeRead, 'read'], [WdfRequestTypeWrite, 'write']] as const) {
    const qc = {} as WDF_IO_QUEUE_CONFIG;
    WDF_IO_QUEUE_CONFIG_INIT(qc, WdfIoQueueDispatchSequential);
    qc.AllowZeroLengthRequests = false; // a zero-length read or write: STATUS_SUCCESS, no operation
    if (which === 'read') qc.EvtIoRead = (_Q, Request) => sercx2Read(sx, Request);
    else qc.EvtIoWrite = (_Q, Request) => sercx2Write(sx, Request);
    const q = new Out<WDFQUEUE | null>(null);
    status = WdfIoQueueCreate(Device, qc, null, q);
    if (NT_SUCCESS(status)) status = WdfDeviceConfigureRequestDispatching(Device, q.value!, type);
    if (!NT_SUCCESS(status)) return status;
    if (which === 'read') sx.readQueue = q.value;
    else sx.writeQueue = q.value;
  }
  return STATUS_SUCCESS;
}

/** IRP_MJ_CREATE of the port. */
function sercx2Open(sx: SerCx2Device, Device: WDFDEVICE, Request: WDFREQUEST): void {
  if (!sx.initialized) return WdfRequestComplete(Request, STATUS_INVALID_DEVICE_STATE);
  const g = sx.device.globals;
  sx.timeouts = newSerialTimeouts();
  sx.waitMask = 0;
  sx.waitHistory = 0;
  // The connection's parameters travel with the create (kmdf internal: the create request's input buffer).
  const input = (fxResolve(Request, FxRequest, 'SerCx2EvtDeviceFileCreate', 'WDFREQUEST') as FxRequest).description.input;
  sx.connectionParameters = 0;
  if (input && input.length > 0) {
    const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, input.length, 0x32785353); // 'SSx2'
    g.kernel.memory.write(va, g.kernel.memory.read(input.va, input.length));
    sx.connectionParameters = va;
  }
  const c = sx.config;
  let status: NTSTATUS = STATUS_SUCCESS;
  if (c.EvtSerCx2FileOpen) status = sx.call('EvtSerCx2FileOpen', () => c.EvtSerCx2FileOpen!(Device));
  if (NT_SUCCESS(status)) {
    status = sx.call('EvtSerCx2ApplyConfig', () => c.EvtSerCx2ApplyConfig!(Device, sx.connectionParameters));
    if (!NT_SUCCESS(status) && c.EvtSerCx2FileClose) sx.call('EvtSerCx2FileClose', () => c.EvtSerCx2FileClose!(Device));
  }
  if (NT_SUCCESS(status)) sx.call('EvtSerCx2PurgeFifos', () => c.EvtSerCx2PurgeFifos!(Device, true, true));
  if (!NT_SUCCESS(status)) freeConnection(sx);
  WdfRequestComplete(Request, status);
}

/** IRP_MJ_CLOSE of the port (every request of the file has completed). */
function sercx2Close(sx: SerCx2Device): void {
  const c = sx.config;
  if (c.EvtSerCx2FileClose) sx.call('EvtSerCx2FileClose', () => c.EvtSerCx2FileClose!(sx.device.handle));
  freeConnection(sx);
  sx.waitMask = 0;
  sx.waitHistory = 0;
}

function freeConnection(sx: SerCx2Device): void {
  if (sx.connectionParameters) ExFreePool(sx.connectionParameters);
  sx.connectionParameters = 0;
}

/**
 * SerCx2SaveReceiveFifoOnD0Exit(Device, FifoSize): reads up to FifoSize bytes from the receive FIFO through the
 * driver's EvtSerCx2PioReceiveReadBuffer into SerCx2's own buffer; the next read gets them first.
 */
export function SerCx2SaveReceiveFifoOnD0Exit(Device: WDFDEVICE, FifoSize: number): void {
  const ddi = 'SerCx2SaveReceiveFifoOnD0Exit';
  const { device, sx } = sercx2Device(Device, ddi);
  const pio = sx?.pioReceive;
  if (!sx || !pio) sercx2Fatal(device, ddi, `${ddi} needs a device SerCx2 manages, with a PIO-receive object (SerCx2PioReceiveCreate).`);
  const size = fxUnsigned(device.globals, ddi, 'FifoSize', 2, FifoSize, 0xffff_ffff, device);
  if (size === 0) return;
  const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 0x32785353);
  if (!va) return; // no pool for a buffer that size: nothing is saved (the DDI returns nothing to report it with)
  try {
    const read = pio.config.EvtSerCx2PioReceiveReadBuffer!;
    const n = Math.max(0, Math.min(size, sx.call('EvtSerCx2PioReceiveReadBuffer', () => read(pio.handle as SERCX2PIORECEIVE, va, size)) | 0));
    if (n > 0) sx.savedReceive.push(...device.globals.kernel.memory.read(va, n));
  } finally {
    ExFreePool(va);
  }
}
