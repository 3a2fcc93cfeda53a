// WDFQUEUE: WdfIoQueueCreate, request presentation, manual retrieval and queue state (wdfio.h; DDI pages
// WdfIoQueueCreate, WDF_IO_QUEUE_CONFIG_INIT, WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE, EVT_WDF_IO_QUEUE_IO_READ/WRITE/
// DEVICE_CONTROL, WdfIoQueueRetrieveNextRequest, WdfIoQueueStart, WdfIoQueueStop, WdfIoQueuePurge,
// WdfIoQueueGetDevice; "Dispatching Methods for I/O Requests", "Managing I/O Queues"). Sequential: one request
// presented at a time, the next when the driver completes (or forwards) it; parallel: all at once; manual: none —
// the driver retrieves them. A power-managed queue presents (and hands out) nothing until the device is in D0.
//
// Ownership: a request in `pending` belongs to the framework (the queue may cancel it); once presented or retrieved it
// is driver-owned and counted in `inFlight` of the queue it came from until it is completed or forwarded.
import { FxObject } from '../object/fx-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFDEVICE, WDFQUEUE, WDFREQUEST } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { fxCallbackFields, fxOptionalCallback, fxOptionalOut, fxOut, fxStruct, helperNumber, helperStruct } from '../verifier/arguments.js';
import {
  NT_SUCCESS,
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_INVALID_PARAMETER_4,
  STATUS_CANCELLED,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NO_MORE_ENTRIES,
  STATUS_OBJECT_NAME_COLLISION,
  STATUS_SUCCESS,
  STATUS_WDF_BUSY,
  STATUS_WDF_PAUSED,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';
import { FxDevice } from '../device/device.js';
import { FxRequest, type FxRequestOwner } from './request.js';
import {
  IRP_MJ_DEVICE_CONTROL,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  WdfRequestTypeCreate,
  WdfRequestTypeDeviceControl,
  WdfRequestTypeDeviceControlInternal,
  WdfRequestTypeRead,
  WdfRequestTypeWrite,
  type WDF_REQUEST_TYPE,
} from './request-types.js';

/** WDF_IO_QUEUE_DISPATCH_TYPE: how a queue presents requests to the driver. */
export type WDF_IO_QUEUE_DISPATCH_TYPE = number;
/** WDF_IO_QUEUE_DISPATCH_TYPE: not valid. */
export const WdfIoQueueDispatchInvalid = 0;
/**
 * WDF_IO_QUEUE_DISPATCH_TYPE: one request at a time; the next after the driver completes (or forwards) the current one.
 */
export const WdfIoQueueDispatchSequential = 1;
/** WDF_IO_QUEUE_DISPATCH_TYPE: requests as they arrive, any number at a time. */
export const WdfIoQueueDispatchParallel = 2;
/** WDF_IO_QUEUE_DISPATCH_TYPE: the driver takes requests itself (WdfIoQueueRetrieveNextRequest). */
export const WdfIoQueueDispatchManual = 3;

/** EvtIoDefault: a request of a type the queue has no specific callback for. */
export type EVT_WDF_IO_QUEUE_IO_DEFAULT = (Queue: WDFQUEUE, Request: WDFREQUEST) => void;
/** EvtIoRead: a read request of `Length` bytes. */
export type EVT_WDF_IO_QUEUE_IO_READ = (Queue: WDFQUEUE, Request: WDFREQUEST, Length: number) => void;
/** EvtIoWrite: a write request of `Length` bytes. */
export type EVT_WDF_IO_QUEUE_IO_WRITE = (Queue: WDFQUEUE, Request: WDFREQUEST, Length: number) => void;
/** EvtIoDeviceControl: a DeviceIoControl request with its buffer lengths and IOCTL code. */
export type EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL = (
  Queue: WDFQUEUE,
  Request: WDFREQUEST,
  OutputBufferLength: number,
  InputBufferLength: number,
  IoControlCode: number,
) => void;

/**
 * A queue's configuration (WdfIoQueueCreate): dispatch type, the EvtIo* callbacks, power management and whether it is
 * the default queue.
 */
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

/** sizeof(WDF_IO_QUEUE_CONFIG) as the WDF_IO_QUEUE_CONFIG_INIT helper sets Size (a DDI refuses another Size). */
export const WDF_IO_QUEUE_CONFIG_SIZE = 80;

/** Initializes WDF_IO_QUEUE_CONFIG for a queue with a dispatch type (sequential, parallel or manual). */
export function WDF_IO_QUEUE_CONFIG_INIT(Config: WDF_IO_QUEUE_CONFIG, DispatchType: WDF_IO_QUEUE_DISPATCH_TYPE): void {
  helperStruct('WDF_IO_QUEUE_CONFIG_INIT', 'Config', Config);
  helperNumber('WDF_IO_QUEUE_CONFIG_INIT', 'DispatchType', DispatchType, Number.isInteger, 'a WDF_IO_QUEUE_DISPATCH_TYPE');
  Config.Size = WDF_IO_QUEUE_CONFIG_SIZE;
  Config.DispatchType = DispatchType;
  Config.PowerManaged = true;
  Config.AllowZeroLengthRequests = false;
  Config.DefaultQueue = false;
  Config.EvtIoDefault = null;
  Config.EvtIoRead = null;
  Config.EvtIoWrite = null;
  Config.EvtIoDeviceControl = null;
}

/** Initializes WDF_IO_QUEUE_CONFIG for the device's default queue (every request no other queue takes). */
export function WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(
  Config: WDF_IO_QUEUE_CONFIG,
  DispatchType: WDF_IO_QUEUE_DISPATCH_TYPE,
): void {
  helperStruct('WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE', 'Config', Config);
  helperNumber('WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE', 'DispatchType', DispatchType, Number.isInteger, 'a WDF_IO_QUEUE_DISPATCH_TYPE');
  WDF_IO_QUEUE_CONFIG_INIT(Config, DispatchType);
  Config.DefaultQueue = true;
}

/** A queue state callback (WdfIoQueueStop / Purge / Drain's completion). */
export type EVT_WDF_IO_QUEUE_STATE = (Queue: WDFQUEUE, Context: unknown) => void;

/**
 * The framework's object behind a WDFQUEUE handle: its configuration, the requests waiting and those the driver owns.
 */
export class FxIoQueue extends FxObject implements FxRequestOwner {
  readonly typeName = 'WDFQUEUE';
  /** Framework-owned requests waiting in the queue, oldest first. */
  private readonly pending: FxRequest[] = [];
  /** Driver-owned requests that came from this queue (presented or retrieved) and are not completed or forwarded. */
  readonly inFlight = new Set<FxRequest>();
  /** WdfIoQueuePurge clears it (new requests are refused), WdfIoQueueStart sets it. */
  accepting = true;
  /** WdfIoQueueStop / Purge clear it (nothing presented or retrieved), WdfIoQueueStart sets it. */
  dispatching = true;
  /** Stop/Purge's callback, run once no driver-owned request of this queue is left. */
  private idleCallback: { cb: EVT_WDF_IO_QUEUE_STATE; context: unknown; ddi: string } | null = null;

  constructor(
    readonly device: FxDevice,
    readonly config: WDF_IO_QUEUE_CONFIG,
  ) {
    super(device.globals);
  }

  override get handle(): WDFQUEUE {
    return this as unknown as WDFQUEUE;
  }

  /** The number of framework-owned requests waiting. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** The I/O manager hands a request to the queue (zero-length reads/writes are completed here unless allowed). */
  enqueue(request: FxRequest): void {
    const d = request.description;
    const zero =
      (d.majorFunction === IRP_MJ_READ || d.majorFunction === IRP_MJ_WRITE) && (d.length ?? 0) === 0;
    if (!this.accepting) {
      request.complete(STATUS_INVALID_DEVICE_STATE, 0);
      return;
    }
    if (zero && !this.config.AllowZeroLengthRequests) {
      request.complete(STATUS_SUCCESS, 0);
      return;
    }
    this.insert(request);
  }

  /** Puts a request into the queue (framework-owned). A request whose sender already asked to cancel is cancelled. */
  insert(request: FxRequest): void {
    request.owner = this;
    request.driverOwned = false;
    if (request.cancelRequested) {
      request.owner = null;
      request.complete(STATUS_CANCELLED, 0);
      return;
    }
    this.pending.push(request);
    this.dispatch();
  }

  /** Cancels a request still waiting in the queue; false if it is not waiting here. */
  cancelPending(request: FxRequest): boolean {
    const i = this.pending.indexOf(request);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    request.owner = null;
    request.complete(STATUS_CANCELLED, 0);
    return true;
  }

  /** A driver-owned request of this queue was completed or forwarded: the queue may present the next. */
  requestCompleted(request: FxRequest): void {
    this.inFlight.delete(request);
    this.checkIdle();
    this.dispatch();
  }

  /** The device is in D0 (or the queue is not power-managed). */
  get powered(): boolean {
    return !this.config.PowerManaged || this.device.pnpState === 'started';
  }

  private canPresent(): boolean {
    if (!this.dispatching || !this.powered) return false;
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
        const request = this.takeNext();
        this.present(request);
      }
    } finally {
      this.presenting = false;
    }
  }

  /** Moves the oldest waiting request to the driver. */
  private takeNext(): FxRequest {
    const request = this.pending.shift()!;
    request.driverOwned = true;
    this.inFlight.add(request);
    this.globals.kernel.tracer?.requestStep(request, 'dispatched', { queue: this.describe() });
    return request;
  }

  /** WdfIoQueueRetrieveNextRequest's work (the status rules are in the DDI below). */
  retrieve(OutRequest: Out<WDFREQUEST | null>): NTSTATUS {
    OutRequest.value = null;
    if (this.config.DispatchType === WdfIoQueueDispatchParallel) return STATUS_INVALID_DEVICE_STATE;
    if (!this.dispatching || !this.powered) return STATUS_WDF_PAUSED;
    if (this.pending.length === 0) return STATUS_NO_MORE_ENTRIES;
    OutRequest.value = this.takeNext().handle;
    return STATUS_SUCCESS;
  }

  private present(request: FxRequest): void {
    const c = this.config;
    const d = request.description;
    const q = this.handle;
    const r = request.handle;
    const g = this.globals;
    if (d.majorFunction === IRP_MJ_READ && c.EvtIoRead) {
      const cb = c.EvtIoRead;
      g.callDriver('EvtIoRead', () => cb(q, r, d.length ?? 0), request, d.length);
    } else if (d.majorFunction === IRP_MJ_WRITE && c.EvtIoWrite) {
      const cb = c.EvtIoWrite;
      g.callDriver('EvtIoWrite', () => cb(q, r, d.length ?? 0), request, d.length);
    } else if (d.majorFunction === IRP_MJ_DEVICE_CONTROL && c.EvtIoDeviceControl) {
      const cb = c.EvtIoDeviceControl;
      g.callDriver('EvtIoDeviceControl', () =>
        cb(q, r, d.outputBufferLength ?? 0, d.inputBufferLength ?? 0, d.ioControlCode ?? 0),
      request, d.ioControlCode);
    } else if (c.EvtIoDefault) {
      const cb = c.EvtIoDefault;
      g.callDriver('EvtIoDefault', () => cb(q, r));
    } else {
      request.complete(STATUS_INVALID_DEVICE_REQUEST, 0);
    }
  }

  /** Cancels every framework-owned request (device removal, WdfIoQueuePurge). */
  cancelAllPending(): void {
    while (this.pending.length) {
      const request = this.pending.shift()!;
      request.owner = null;
      request.complete(STATUS_CANCELLED, 0);
    }
  }

  /** Device removal: the queue stops accepting and every request still waiting is cancelled. */
  purge(): void {
    this.accepting = false;
    this.dispatching = false;
    this.cancelAllPending();
  }

  /** WdfIoQueueStop / WdfIoQueuePurge: `cb` runs once the driver owns no request of this queue (now, if none). */
  whenIdle(ddi: string, cb: EVT_WDF_IO_QUEUE_STATE | null, context: unknown): void {
    this.idleCallback = cb ? { cb, context, ddi } : null;
    this.checkIdle();
  }

  private checkIdle(): void {
    const pending = this.idleCallback;
    if (!pending || this.inFlight.size !== 0) return;
    this.idleCallback = null;
    const q = this.handle;
    this.globals.callDriver(pending.ddi === 'WdfIoQueueStop' ? 'EvtIoQueueStopComplete' : 'EvtIoQueuePurgeComplete', () =>
      pending.cb(q, pending.context),
    );
  }
}

const QUEUE_CALLBACKS = ['EvtIoDefault', 'EvtIoRead', 'EvtIoWrite', 'EvtIoDeviceControl'] as const;

/**
 * WdfIoQueueCreate(Device, Config, QueueAttributes, Queue) in FX fxioqueueapi.cpp's order: Config is required
 * (0x10D / 0x4); the attributes; Config->Size (STATUS_INFO_LENGTH_MISMATCH); a non-default queue needs Queue
 * (STATUS_INVALID_PARAMETER_4); a default queue only before the device starts (STATUS_INVALID_DEVICE_STATE) and only
 * one (STATUS_OBJECT_NAME_COLLISION); DispatchType (STATUS_INVALID_PARAMETER). The queue keeps its own copy of Config,
 * whose callbacks are NULL or functions (else 0x10D / WDF_VERIFIER_FATAL_ERROR, at this call).
 */
export function WdfIoQueueCreate(
  Device: WDFDEVICE,
  Config: WDF_IO_QUEUE_CONFIG,
  QueueAttributes: WDF_OBJECT_ATTRIBUTES | null,
  Queue: Out<WDFQUEUE | null> | null,
): NTSTATUS {
  const ddi = 'WdfIoQueueCreate';
  const device = fxResolve(Device, FxDevice, ddi, 'WDFDEVICE');
  const g = device.globals;
  const config = { ...fxStruct(g, ddi, 'Config', 2, Config, device) };
  const out = fxOptionalOut(g, ddi, 'Queue', 4, Queue, device);
  const { status, attributes } = fxObjectAttributes(g, ddi, 3, QueueAttributes, device, { executionLevel: true, synchronizationScope: true });
  if (!NT_SUCCESS(status)) return status;
  if (config.Size !== WDF_IO_QUEUE_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  if (!config.DefaultQueue && out === null) return STATUS_INVALID_PARAMETER_4;
  if (config.DefaultQueue && device.pnpState !== 'added') return STATUS_INVALID_DEVICE_STATE;
  if (
    config.DispatchType !== WdfIoQueueDispatchSequential &&
    config.DispatchType !== WdfIoQueueDispatchParallel &&
    config.DispatchType !== WdfIoQueueDispatchManual
  ) {
    return STATUS_INVALID_PARAMETER;
  }
  fxCallbackFields(g, ddi, 'Config', 2, config, QUEUE_CALLBACKS, device);
  for (const f of QUEUE_CALLBACKS) config[f] ??= null;
  config.PowerManaged = !!config.PowerManaged;
  config.AllowZeroLengthRequests = !!config.AllowZeroLengthRequests;
  config.DefaultQueue = !!config.DefaultQueue;
  if (config.DefaultQueue && device.defaultQueue) return STATUS_OBJECT_NAME_COLLISION;
  const queue = new FxIoQueue(device, config);
  queue.commit(attributes, device);
  device.queues.push(queue);
  if (config.DefaultQueue) {
    device.defaultQueue = queue;
    queue.noDeleteDdi = true;
  }
  if (out) out.value = queue.handle;
  return STATUS_SUCCESS;
}

/** The device a queue belongs to. */
export function WdfIoQueueGetDevice(Queue: WDFQUEUE): WDFDEVICE {
  return fxResolve(Queue, FxIoQueue, 'WdfIoQueueGetDevice', 'WDFQUEUE').device.handle;
}

/**
 * WdfIoQueueRetrieveNextRequest(Queue, OutRequest): the oldest waiting request, now driver-owned. OutRequest gets NULL
 * on failure. STATUS_NO_MORE_ENTRIES: the queue is empty; STATUS_INVALID_DEVICE_STATE: a parallel queue;
 * STATUS_WDF_PAUSED: the queue is stopped (WdfIoQueueStop/Purge) or power-managed with its device not in D0.
 */
export function WdfIoQueueRetrieveNextRequest(Queue: WDFQUEUE, OutRequest: Out<WDFREQUEST | null>): NTSTATUS {
  const ddi = 'WdfIoQueueRetrieveNextRequest';
  const queue = fxResolve(Queue, FxIoQueue, ddi, 'WDFQUEUE');
  return queue.retrieve(fxOut(queue.globals, ddi, 'OutRequest', 2, OutRequest, queue));
}

/** WdfIoQueueStart(Queue): the queue accepts new requests and presents (or hands out) waiting ones again. */
export function WdfIoQueueStart(Queue: WDFQUEUE): void {
  const queue = fxResolve(Queue, FxIoQueue, 'WdfIoQueueStart', 'WDFQUEUE');
  queue.accepting = true;
  queue.dispatching = true;
  queue.dispatch();
}

/**
 * WdfIoQueueStop(Queue, StopComplete, Context): the queue keeps accepting requests but presents none (retrieval gets
 * STATUS_WDF_PAUSED) until WdfIoQueueStart. StopComplete (optional) runs once every request the driver got from the
 * queue is completed or forwarded — at once if there is none.
 */
export function WdfIoQueueStop(Queue: WDFQUEUE, StopComplete: EVT_WDF_IO_QUEUE_STATE | null, Context: unknown): void {
  const ddi = 'WdfIoQueueStop';
  const queue = fxResolve(Queue, FxIoQueue, ddi, 'WDFQUEUE');
  const cb = fxOptionalCallback(queue.globals, ddi, 'StopComplete', 2, StopComplete, queue);
  queue.dispatching = false;
  queue.whenIdle(ddi, cb, Context);
}

/**
 * WdfIoQueuePurge(Queue, PurgeComplete, Context): the queue stops accepting (new requests from the I/O manager
 * complete with STATUS_INVALID_DEVICE_STATE, a forward gets STATUS_WDF_BUSY) and every waiting request is cancelled
 * (STATUS_CANCELLED). Driver-owned requests are left to the driver; PurgeComplete runs once they are all done.
 */
export function WdfIoQueuePurge(Queue: WDFQUEUE, PurgeComplete: EVT_WDF_IO_QUEUE_STATE | null, Context: unknown): void {
  const ddi = 'WdfIoQueuePurge';
  const queue = fxResolve(Queue, FxIoQueue, ddi, 'WDFQUEUE');
  const cb = fxOptionalCallback(queue.globals, ddi, 'PurgeComplete', 2, PurgeComplete, queue);
  queue.accepting = false;
  queue.dispatching = false;
  queue.cancelAllPending();
  queue.whenIdle(ddi, cb, Context);
}

/**
 * WdfDeviceConfigureRequestDispatching(Device, Queue, RequestType) (DDI page of that name; "Creating I/O Queues"):
 * requests of RequestType go to Queue instead of the default queue. STATUS_INVALID_PARAMETER: RequestType is not one
 * of the five the page lists, or Queue belongs to another device; STATUS_WDF_BUSY: a queue is already assigned to the
 * type. Create requests go to their queue (EvtIoDefault) only when the driver has no EvtDeviceFileCreate
 * (pnp/io-manager.ts); the default queue never receives them.
 */
export function WdfDeviceConfigureRequestDispatching(
  Device: WDFDEVICE,
  Queue: WDFQUEUE,
  RequestType: WDF_REQUEST_TYPE,
): NTSTATUS {
  const ddi = 'WdfDeviceConfigureRequestDispatching';
  const device = fxResolve(Device, FxDevice, ddi, 'WDFDEVICE');
  const queue = fxResolve(Queue, FxIoQueue, ddi, 'WDFQUEUE');
  const valid = [
    WdfRequestTypeCreate,
    WdfRequestTypeRead,
    WdfRequestTypeWrite,
    WdfRequestTypeDeviceControl,
    WdfRequestTypeDeviceControlInternal,
  ];
  if (!valid.includes(RequestType) || queue.device !== device) return STATUS_INVALID_PARAMETER;
  if (device.dispatchTable.has(RequestType)) return STATUS_WDF_BUSY;
  device.dispatchTable.set(RequestType, queue);
  queue.noDeleteDdi = true;
  return STATUS_SUCCESS;
}

/** The queue a new request of `majorFunction` goes to: the configured one, else the default queue. */
export function fxQueueForRequest(device: FxDevice, majorFunction: number): FxIoQueue | null {
  const q = device.dispatchTable.get(majorFunction) ?? device.defaultQueue;
  return q instanceof FxIoQueue ? q : null;
}
