// The I/O manager's side of requests, as the test host drives it: IRP_MJ_CREATE / IRP_MJ_CLEANUP / IRP_MJ_CLOSE of
// a file object (file/file-object.ts: EvtDeviceFileCreate, EvtFileCleanup, EvtFileClose; a create the driver pends
// completes when it calls WdfRequestComplete), a request handed to the queue for its type (or the default queue), and
// IoCancelIrp (the request's cancel routine runs if it is marked cancelable; a request still waiting in a queue is
// completed with STATUS_CANCELLED by the framework). "Handling I/O Requests in KMDF", "Framework File Objects",
// "Canceling I/O Requests" pages. Every request sent on a file holds a reference to it until it completes, so
// IRP_MJ_CLOSE (EvtFileClose) comes only after the last of them, as the I/O manager's reference counting makes it.
import { NT_SUCCESS, STATUS_ACCESS_DENIED, STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS, type NTSTATUS } from '../fx/hal.js';
import type { FxDevice } from '../device/device.js';
import { FxFileObject } from '../file/file-object.js';
import { FxIoQueue, fxQueueForRequest } from '../io/queue.js';
import { FxRequest, type FxRequestBuffer, type FxRequestDescription } from '../io/request.js';
import { IRP_MJ_CREATE, IRP_MJ_DEVICE_CONTROL, IRP_MJ_READ, IRP_MJ_WRITE, WdfRequestTypeCreate } from '../io/request-types.js';
import { fxCallCancelRoutine } from '../io/request-api.js';
import { fxEnter } from './pnp.js';

export { FxFileObject };

/** What the I/O manager gets back for an IRP_MJ_CREATE. */
export interface FxCreateResult {
  file: FxFileObject;
  /** The create request (completed by the framework or, later, by the driver). */
  request: FxRequest;
}

/** The IRP major function's name, for the trace. */
function majorName(major: number): string {
  return major === IRP_MJ_READ ? 'read' : major === IRP_MJ_WRITE ? 'write' : major === IRP_MJ_DEVICE_CONTROL ? 'ioctl' : `IRP_MJ 0x${major.toString(16)}`;
}

/**
 * IRP_MJ_CREATE: a new file object and its create request (`input`: what the opener passes with it, e.g. a serial
 * connection's parameters). EvtDeviceFileCreate if the driver registered one, else
 * the queue configured for WdfRequestTypeCreate, else the framework completes it with STATUS_SUCCESS. `onComplete`
 * reports the create's completion (at once or when the driver completes the request): success opens the file, a
 * failure deletes it without cleanup or close.
 */
export function fxCreateFile(
  device: FxDevice,
  onComplete: (request: FxRequest, file: FxFileObject) => void,
  input: FxRequestBuffer | null = null,
): FxCreateResult {
  return fxEnter(device.globals, () => {
    const file = new FxFileObject(device);
    file.commit(device.fileObjectAttributes, device);
    const request = new FxRequest(device.globals, {
      majorFunction: IRP_MJ_CREATE,
      length: input?.length ?? 0,
      input,
      output: null,
      fileObject: file,
      onComplete: (r) => {
        if (NT_SUCCESS(r.status)) {
          file.state = 'open';
          device.openFiles++;
        } else {
          file.state = 'failed';
          file.delete();
        }
        onComplete(r, file);
      },
    });
    request.commit(null, null);
    if (device.pnpState !== 'started') {
      request.complete(STATUS_INVALID_DEVICE_REQUEST, 0);
      return { file, request };
    }
    if (device.exclusive && device.openFiles > 0) {
      // The I/O manager refuses a second open of an exclusive device without calling the driver.
      request.complete(STATUS_ACCESS_DENIED, 0);
      return { file, request };
    }
    const create = device.fileObjectConfig?.EvtDeviceFileCreate;
    if (create) {
      request.driverOwned = true;
      device.globals.callDriver('EvtDeviceFileCreate', () => create(device.handle, request.handle, file.handle));
      return { file, request };
    }
    const queue = device.dispatchTable.get(WdfRequestTypeCreate);
    if (queue instanceof FxIoQueue) {
      queue.enqueue(request);
      return { file, request };
    }
    request.complete(STATUS_SUCCESS, 0);
    return { file, request };
  });
}

/** IRP_MJ_CLEANUP: the last handle to the file was closed (EvtFileCleanup). Requests may still be outstanding. */
export function fxCleanupFile(file: FxFileObject): void {
  fxEnter(file.globals, () => {
    if (file.state !== 'open') return;
    file.state = 'cleanedUp';
    const cleanup = file.device.fileObjectConfig?.EvtFileCleanup;
    if (cleanup) file.globals.callDriver('EvtFileCleanup', () => cleanup(file.handle));
  });
}

/**
 * CloseHandle: IRP_MJ_CLEANUP (if not sent yet), then IRP_MJ_CLOSE once no request sent on the file is outstanding —
 * now, or when the last one completes. EvtFileClose runs then, and the file object is deleted.
 */
export function fxCloseFile(file: FxFileObject): NTSTATUS {
  if (file.closed) return STATUS_SUCCESS;
  fxCleanupFile(file);
  file.closePending = true;
  maybeClose(file);
  return STATUS_SUCCESS;
}

function maybeClose(file: FxFileObject): void {
  if (!file.closePending || file.outstanding > 0 || file.closed) return;
  fxEnter(file.globals, () => {
    const close = file.device.fileObjectConfig?.EvtFileClose;
    if (close) file.globals.callDriver('EvtFileClose', () => close(file.handle));
    file.state = 'closed';
    file.device.openFiles--;
    file.delete();
  });
}

/**
 * Sends a request to the queue configured for its type (WdfDeviceConfigureRequestDispatching), else the device's
 * default queue; with neither, it fails with STATUS_INVALID_DEVICE_REQUEST. The description's onComplete reports it.
 * A request on a file that is cleaned up or closed fails with STATUS_INVALID_DEVICE_REQUEST (no valid handle).
 */
export function fxSendRequest(device: FxDevice, description: FxRequestDescription): FxRequest {
  return fxEnter(device.globals, () => {
    const file = description.fileObject instanceof FxFileObject ? description.fileObject : null;
    const d: FxRequestDescription = file
      ? {
          ...description,
          onComplete: (r) => {
            file.outstanding--;
            description.onComplete(r);
            maybeClose(file);
          },
        }
      : description;
    if (file) file.outstanding++;
    const request = new FxRequest(device.globals, d);
    request.commit(null, null);
    device.globals.kernel.tracer?.requestSent(request, `${majorName(description.majorFunction)} ${request.describe()}`, {
      length: description.length ?? description.outputBufferLength ?? null,
      ioControlCode: description.ioControlCode ?? null,
    });
    const queue = fxQueueForRequest(device, description.majorFunction);
    if (!queue || device.pnpState === 'removed' || (file && file.state !== 'open')) {
      request.complete(STATUS_INVALID_DEVICE_REQUEST, 0);
      return request;
    }
    queue.enqueue(request);
    return request;
  });
}

/** IoCancelIrp. Returns true if a cancel routine ran or the framework cancelled the request in its queue. */
export function fxCancelRequest(request: FxRequest): boolean {
  const coverage = request.globals.kernel.coverage;
  if (request.completed) {
    coverage?.hit('request: cancel came after its completion');
    return false;
  }
  if (coverage !== null) {
    coverage.hit(!request.driverOwned ? 'request: cancelled while queued'
      : request.globals.transfersRunning > 0 ? 'request: cancelled while DMA ran' : 'request: cancelled with no DMA running');
  }
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
