// The I/O manager's side of requests, as the test host drives it: create/close of a file object, a request handed to
// the queue for its type (or the default queue), and IoCancelIrp (the request's cancel routine runs if it is marked
// cancelable; a request still waiting in a queue is completed with STATUS_CANCELLED by the framework). "Handling I/O
// Requests in KMDF", "Canceling I/O Requests" pages.
import { STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS, type NTSTATUS } from '../fx/hal.js';
import { FxObject } from '../object/fx-object.js';
import type { WDFFILEOBJECT } from '../object/handles.js';
import type { FxDevice } from '../device/device.js';
import { FxIoQueue, fxQueueForRequest } from '../io/queue.js';
import { FxRequest, type FxRequestDescription } from '../io/request.js';
import { IRP_MJ_DEVICE_CONTROL, IRP_MJ_READ, IRP_MJ_WRITE } from '../io/request-types.js';
import { fxCallCancelRoutine } from '../io/request-api.js';
import { fxEnter } from './pnp.js';

export class FxFileObject extends FxObject {
  readonly typeName = 'WDFFILEOBJECT';
  closed = false;
  constructor(readonly device: FxDevice) {
    super(device.globals);
  }
  override get handle(): WDFFILEOBJECT {
    return this as unknown as WDFFILEOBJECT;
  }
}

/** The IRP major function's name, for the trace. */
function majorName(major: number): string {
  return major === IRP_MJ_READ ? 'read' : major === IRP_MJ_WRITE ? 'write' : major === IRP_MJ_DEVICE_CONTROL ? 'ioctl' : `IRP_MJ 0x${major.toString(16)}`;
}

/** IRP_MJ_CREATE (no EvtDeviceFileCreate support: the framework completes it with success). */
export function fxOpenFile(device: FxDevice): { status: NTSTATUS; file: FxFileObject | null } {
  return fxEnter(device.globals, () => {
    if (device.pnpState !== 'started') return { status: STATUS_INVALID_DEVICE_REQUEST, file: null };
    const file = new FxFileObject(device);
    file.commit(null, device);
    return { status: STATUS_SUCCESS, file };
  });
}

/** IRP_MJ_CLOSE. */
export function fxCloseFile(file: FxFileObject): NTSTATUS {
  return fxEnter(file.globals, () => {
    file.closed = true;
    file.delete();
    return STATUS_SUCCESS;
  });
}

/**
 * Sends a request to the queue configured for its type (WdfDeviceConfigureRequestDispatching), else the device's
 * default queue; with neither, it fails with STATUS_INVALID_DEVICE_REQUEST. The description's onComplete reports it.
 */
export function fxSendRequest(device: FxDevice, description: FxRequestDescription): FxRequest {
  return fxEnter(device.globals, () => {
    const request = new FxRequest(device.globals, description);
    request.commit(null, null);
    device.globals.kernel.tracer?.requestSent(request, `${majorName(description.majorFunction)} ${request.describe()}`, {
      length: description.length ?? description.outputBufferLength ?? null,
      ioControlCode: description.ioControlCode ?? null,
    });
    const queue = fxQueueForRequest(device, description.majorFunction);
    if (!queue || device.pnpState === 'removed') {
      request.complete(STATUS_INVALID_DEVICE_REQUEST, 0);
      return request;
    }
    queue.enqueue(request);
    return request;
  });
}

/** IoCancelIrp. Returns true if a cancel routine ran or the framework cancelled the request in its queue. */
export function fxCancelRequest(request: FxRequest): boolean {
  if (request.completed) return false;
  return fxEnter(request.globals, () => {
    request.cancelRequested = true;
    request.globals.kernel.tracer?.requestStep(request, 'cancel requested');
    const owner = request.owner;
    if (owner instanceof FxIoQueue && owner.cancelPending(request)) return true;
    if (request.cancelRoutine && !request.cancelRoutineCalled) {
      fxCallCancelRoutine(request);
      return true;
    }
    return false;
  });
}
