// WDFQUEUE: WdfIoQueueCreate and request presentation (wdfio.h; DDI pages WdfIoQueueCreate, WDF_IO_QUEUE_CONFIG_INIT,
// WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE, EVT_WDF_IO_QUEUE_IO_READ/WRITE/DEVICE_CONTROL; "Dispatching Methods for
// I/O Requests"). Sequential: one request presented at a time, the next when it completes; parallel: all at once.
// A power-managed queue presents nothing until the device is in D0.
import { FxObject } from '../object/fx-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFDEVICE, WDFQUEUE, WDFREQUEST } from '../object/handles.js';
import { fxResolve, fxRequireNonNull } from '../object/resolve.js';
import { STATUS_CANCELLED, STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, STATUS_OBJECT_NAME_COLLISION, type NTSTATUS, type Out } from '../fx/hal.js';
import { FxDevice } from '../device/device.js';
import { FxRequest, type FxRequestOwner } from './request.js';
import { IRP_MJ_DEVICE_CONTROL, IRP_MJ_READ, IRP_MJ_WRITE } from './request-types.js';

export type WDF_IO_QUEUE_DISPATCH_TYPE = number;
export const WdfIoQueueDispatchInvalid = 0;
export const WdfIoQueueDispatchSequential = 1;
export const WdfIoQueueDispatchParallel = 2;
export const WdfIoQueueDispatchManual = 3;

export type EVT_WDF_IO_QUEUE_IO_DEFAULT = (Queue: WDFQUEUE, Request: WDFREQUEST) => void;
export type EVT_WDF_IO_QUEUE_IO_READ = (Queue: WDFQUEUE, Request: WDFREQUEST, Length: number) => void;
export type EVT_WDF_IO_QUEUE_IO_WRITE = (Queue: WDFQUEUE, Request: WDFREQUEST, Length: number) => void;
export type EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL = (
  Queue: WDFQUEUE,
  Request: WDFREQUEST,
  OutputBufferLength: number,
  InputBufferLength: number,
  IoControlCode: number,
) => void;

export interface WDF_IO_QUEUE_CONFIG {
  Size: number;
  DispatchType: WDF_IO_QUEUE_DISPATCH_TYPE;
  PowerManaged: boolean;
  AllowZeroLengthRequests: boolean;
  DefaultQueue: boolean;
  EvtIoDefault: EVT_WDF_IO_QUEUE_IO_DEFAULT | null;
  EvtIoRead: EVT_WDF_IO_QUEUE_IO_READ | null;
  EvtIoWrite: EVT_WDF_IO_QUEUE_IO_WRITE | null;
  EvtIoDeviceControl: EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL | null;
}

export function WDF_IO_QUEUE_CONFIG_INIT(Config: WDF_IO_QUEUE_CONFIG, DispatchType: WDF_IO_QUEUE_DISPATCH_TYPE): void {
  Config.Size = 80;
  Config.DispatchType = DispatchType;
  Config.PowerManaged = true;
  Config.AllowZeroLengthRequests = false;
  Config.DefaultQueue = false;
  Config.EvtIoDefault = null;
  Config.EvtIoRead = null;
  Config.EvtIoWrite = null;
  Config.EvtIoDeviceControl = null;
}

export function WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(
  Config: WDF_IO_QUEUE_CONFIG,
  DispatchType: WDF_IO_QUEUE_DISPATCH_TYPE,
): void {
  WDF_IO_QUEUE_CONFIG_INIT(Config, DispatchType);
  Config.DefaultQueue = true;
}

export class FxIoQueue extends FxObject implements FxRequestOwner {
  readonly typeName = 'WDFQUEUE';
  private readonly pending: FxRequest[] = [];
  /** Requests presented to the driver and not yet completed. */
  readonly inFlight = new Set<FxRequest>();

  constructor(
    readonly device: FxDevice,
    readonly config: WDF_IO_QUEUE_CONFIG,
  ) {
    super(device.globals);
  }

  override get handle(): WDFQUEUE {
    return this as unknown as WDFQUEUE;
  }

  /** The I/O manager hands a request to the queue. */
  enqueue(request: FxRequest): void {
    request.owner = this;
    const d = request.description;
    const zero =
      (d.majorFunction === IRP_MJ_READ || d.majorFunction === IRP_MJ_WRITE) && (d.length ?? 0) === 0;
    if (zero && !this.config.AllowZeroLengthRequests) {
      request.owner = null;
      request.complete(STATUS_SUCCESS, 0);
      return;
    }
    this.pending.push(request);
    this.dispatch();
  }

  /** Cancels a request still waiting in the queue; false if it was already presented. */
  cancelPending(request: FxRequest): boolean {
    const i = this.pending.indexOf(request);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    request.owner = null;
    request.complete(STATUS_CANCELLED, 0);
    return true;
  }

  requestCompleted(request: FxRequest): void {
    this.inFlight.delete(request);
    this.dispatch();
  }

  private canPresent(): boolean {
    if (this.config.PowerManaged && this.device.pnpState !== 'started') return false;
    if (this.config.DispatchType === WdfIoQueueDispatchSequential) return this.inFlight.size === 0;
    return this.config.DispatchType === WdfIoQueueDispatchParallel;
  }

  private presenting = false;

  /** Presents what the dispatch type allows. Not re-entered: a completion inside a callback just loops. */
  dispatch(): void {
    if (this.presenting) return;
    this.presenting = true;
    try {
      while (this.pending.length !== 0 && this.canPresent()) {
        const request = this.pending.shift()!;
        this.inFlight.add(request);
        this.present(request);
      }
    } finally {
      this.presenting = false;
    }
  }

  private present(request: FxRequest): void {
    const c = this.config;
    const d = request.description;
    const q = this.handle;
    const r = request.handle;
    const g = this.globals;
    if (d.majorFunction === IRP_MJ_READ && c.EvtIoRead) {
      const cb = c.EvtIoRead;
      g.callDriver('EvtIoRead', () => cb(q, r, d.length ?? 0));
    } else if (d.majorFunction === IRP_MJ_WRITE && c.EvtIoWrite) {
      const cb = c.EvtIoWrite;
      g.callDriver('EvtIoWrite', () => cb(q, r, d.length ?? 0));
    } else if (d.majorFunction === IRP_MJ_DEVICE_CONTROL && c.EvtIoDeviceControl) {
      const cb = c.EvtIoDeviceControl;
      g.callDriver('EvtIoDeviceControl', () =>
        cb(q, r, d.outputBufferLength ?? 0, d.inputBufferLength ?? 0, d.ioControlCode ?? 0),
      );
    } else if (c.EvtIoDefault) {
      const cb = c.EvtIoDefault;
      g.callDriver('EvtIoDefault', () => cb(q, r));
    } else {
      request.complete(STATUS_INVALID_DEVICE_REQUEST, 0);
    }
  }

  /** Device removal: every request still waiting is cancelled. */
  purge(): void {
    while (this.pending.length) {
      const request = this.pending.shift()!;
      request.owner = null;
      request.complete(STATUS_CANCELLED, 0);
    }
  }
}

/** WdfIoQueueCreate(Device, Config, QueueAttributes, Queue). */
export function WdfIoQueueCreate(
  Device: WDFDEVICE,
  Config: WDF_IO_QUEUE_CONFIG,
  QueueAttributes: WDF_OBJECT_ATTRIBUTES | null,
  Queue: Out<WDFQUEUE | null> | null,
): NTSTATUS {
  const device = fxResolve(Device, FxDevice, 'WdfIoQueueCreate', 'WDFDEVICE');
  fxRequireNonNull(Config, 'WdfIoQueueCreate', 'Config', device.globals);
  if (
    Config.DispatchType !== WdfIoQueueDispatchSequential &&
    Config.DispatchType !== WdfIoQueueDispatchParallel &&
    Config.DispatchType !== WdfIoQueueDispatchManual
  ) {
    return STATUS_INVALID_PARAMETER;
  }
  if (Config.DefaultQueue && device.defaultQueue) return STATUS_OBJECT_NAME_COLLISION;
  const queue = new FxIoQueue(device, { ...Config });
  queue.commit(QueueAttributes, device);
  device.queues.push(queue);
  if (Config.DefaultQueue) device.defaultQueue = queue;
  if (Queue) Queue.value = queue.handle;
  return STATUS_SUCCESS;
}

export function WdfIoQueueGetDevice(Queue: WDFQUEUE): WDFDEVICE {
  return fxResolve(Queue, FxIoQueue, 'WdfIoQueueGetDevice', 'WDFQUEUE').device.handle;
}
