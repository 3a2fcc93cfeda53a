// FxRequest: a WDFREQUEST wrapping one I/O request (the framework's FxRequest over an IRP): its parameters, buffers
// and MDLs, completion, and the cancel protocol of WdfRequestMarkCancelableEx / WdfRequestUnmarkCancelable
// (DDI pages of those names; "Canceling I/O Requests").
import { FxObject } from '../object/fx-object.js';
import type { FxDriverGlobals } from '../fx/globals.js';
import type { WDFREQUEST } from '../object/handles.js';
import { ntStatusText, type MDL, type NTSTATUS } from '../fx/hal.js';
import { IRP_MJ_DEVICE_CONTROL, IRP_MJ_READ, IRP_MJ_WRITE, METHOD_FROM_CTL_CODE } from './request-types.js';

/**
 * EvtRequestCancel: the I/O manager cancels a request the driver marked cancelable; stop its work and complete it with
 * STATUS_CANCELLED.
 */
export type EVT_WDF_REQUEST_CANCEL = (Request: WDFREQUEST) => void;

/** A buffer of the request: a kernel virtual address, its length, and the MDL describing it. */
export interface FxRequestBuffer {
  va: number;
  length: number;
  mdl: MDL;
}

/** What the sender (the host) gives the framework for one request. */
export interface FxRequestDescription {
  majorFunction: number;
  /** Read/Write: the transfer length. */
  length?: number;
  ioControlCode?: number;
  inputBufferLength?: number;
  outputBufferLength?: number;
  /** Write data / IOCTL input (METHOD_BUFFERED: the system buffer used for both). */
  input: FxRequestBuffer | null;
  /** Read data / IOCTL output (direct methods). */
  output: FxRequestBuffer | null;
  fileObject: FxObject | null;
  /** Called once, when the driver completes the request. */
  onComplete: (request: FxRequest) => void;
}

/** Anything that presents requests and wants to know when one completes (the queue). */
export interface FxRequestOwner {
  requestCompleted(request: FxRequest): void;
}

export class FxRequest extends FxObject {
  readonly typeName = 'WDFREQUEST';
  status: NTSTATUS = 0;
  information = 0;
  completed = false;
  /** The IRP's Cancel flag: the sender asked for cancellation. */
  cancelRequested = false;
  cancelRoutine: EVT_WDF_REQUEST_CANCEL | null = null;
  /** The cancel routine has been called (or is being called). */
  cancelRoutineCalled = false;
  /** References held by DMA transactions between Execute and the end of the transaction (FX-BASE). */
  dmaReferences = 0;
  /** The queue the request is in (framework-owned) or came from (driver-owned); null before queueing. */
  owner: FxRequestOwner | null = null;
  /** Presented to or retrieved by the driver, and not yet completed or forwarded. */
  driverOwned = false;
  completionCycle = -1;

  constructor(
    globals: FxDriverGlobals,
    readonly description: FxRequestDescription,
  ) {
    super(globals);
  }

  override get handle(): WDFREQUEST {
    return this as unknown as WDFREQUEST;
  }

  get majorFunction(): number {
    return this.description.majorFunction;
  }

  get method(): number {
    return METHOD_FROM_CTL_CODE(this.description.ioControlCode ?? 0);
  }

  get isReadWriteOrIoctl(): boolean {
    const m = this.majorFunction;
    return m === IRP_MJ_READ || m === IRP_MJ_WRITE || m === IRP_MJ_DEVICE_CONTROL;
  }

  /** Completion: records the result, lets the queue present the next request, tells the sender. */
  complete(status: NTSTATUS, information: number): void {
    this.status = status >>> 0;
    this.information = information;
    this.completed = true;
    this.cancelRoutine = null;
    this.completionCycle = this.globals.kernel.cycle;
    this.globals.kernel.tracer?.requestCompleted(this, { status: ntStatusText(this.status), information });
    // A completed request's handle is no longer valid (the framework frees the object).
    this.delete();
    this.description.onComplete(this);
    const owner = this.driverOwned ? this.owner : null;
    this.driverOwned = false;
    owner?.requestCompleted(this);
  }
}
