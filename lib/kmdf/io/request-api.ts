// WDFREQUEST DDIs (wdfrequest.h; DDI pages WdfRequestComplete, WdfRequestCompleteWithInformation,
// WdfRequestRetrieveInputBuffer/OutputBuffer, WdfRequestRetrieveInputWdmMdl/OutputWdmMdl, WdfRequestGetParameters,
// WdfRequestMarkCancelableEx, WdfRequestUnmarkCancelable, WdfRequestIsCanceled, WdfRequestGetIoQueue,
// WdfRequestForwardToIoQueue; "Requeuing I/O Requests", "Completing I/O Requests").
//
// Completion checks: a completed request's handle is gone, so completing it again is WDF_VIOLATION 0x5 (invalid
// handle, resolve.ts). Completing a request that is still cancelable, or one that sits in a queue (framework-owned,
// not yet retrieved), is a VerifierBreak; the first completes anyway (as the DDI example's race would), the second is
// refused (the framework owns it; completing it would pull it out from under the queue).
import type { WDFREQUEST } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxCallback, fxOptionalOut, fxOut, fxStatus, fxStruct, fxUnsigned } from '../verifier/arguments.js';
import {
  STATUS_BUFFER_TOO_SMALL,
  STATUS_CANCELLED,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  STATUS_WDF_BUSY,
  type MDL,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';
import { FxRequest, type EVT_WDF_REQUEST_CANCEL, type FxRequestBuffer } from './request.js';
import { FxIoQueue } from './queue.js';
import type { WDFFILEOBJECT, WDFQUEUE } from '../object/handles.js';
import { FxFileObject } from '../file/file-object.js';
import {
  IRP_MJ_DEVICE_CONTROL,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  METHOD_BUFFERED,
  WDF_REQUEST_PARAMETERS_SIZE,
  type WDF_REQUEST_PARAMETERS,
} from './request-types.js';

const req = (h: WDFREQUEST, ddi: string): FxRequest => fxResolve(h, FxRequest, ddi, 'WDFREQUEST');

/** ULONG_PTR Information: a non-negative integer. */
const MAX_INFORMATION = Number.MAX_SAFE_INTEGER;

/** Completes a request with a status and the byte count (Information) it returns. */
export function WdfRequestCompleteWithInformation(Request: WDFREQUEST, Status: NTSTATUS, Information: number): void {
  const ddi = 'WdfRequestCompleteWithInformation';
  const r = req(Request, ddi);
  fxStatus(r.globals, ddi, 'Status', 2, Status, r);
  fxUnsigned(r.globals, ddi, 'Information', 3, Information, MAX_INFORMATION, r);
  completeChecked(r, Status, Information);
}

function completeChecked(r: FxRequest, Status: NTSTATUS, Information: number): void {
  if (r.owner instanceof FxIoQueue && !r.driverOwned) {
    r.globals.verifierBreak(
      'WdfRequestComplete',
      r.describe(),
      null,
      'The request is in a queue and owned by the framework; retrieve it (WdfIoQueueRetrieveNextRequest) before completing it. The call is ignored.',
    );
    return;
  }
  if (r.cancelRoutine && !r.cancelRoutineCalled) {
    r.globals.verifierBreak(
      'WdfRequestComplete',
      r.describe(),
      null,
      'The request is still cancelable; call WdfRequestUnmarkCancelable before completing it.',
    );
  }
  r.complete(Status, Information);
}

/** Completes a request with a status (Information as set before, 0 by default). */
export function WdfRequestComplete(Request: WDFREQUEST, Status: NTSTATUS): void {
  const ddi = 'WdfRequestComplete';
  const r = req(Request, ddi);
  fxStatus(r.globals, ddi, 'Status', 2, Status, r);
  completeChecked(r, Status, r.information);
}

/** Sets the byte count a request will complete with. */
export function WdfRequestSetInformation(Request: WDFREQUEST, Information: number): void {
  const ddi = 'WdfRequestSetInformation';
  const r = req(Request, ddi);
  r.information = fxUnsigned(r.globals, ddi, 'Information', 2, Information, MAX_INFORMATION, r);
}

/** The byte count a request will complete with. */
export function WdfRequestGetInformation(Request: WDFREQUEST): number {
  return req(Request, 'WdfRequestGetInformation').information;
}

/**
 * WdfRequestGetParameters(Request, Parameters): Parameters is required (0x10D / 0x4); a Size that is not
 * sizeof(WDF_REQUEST_PARAMETERS) is a VerifierBreak and the call returns without filling it (FX fxrequestapi.cpp).
 */
export function WdfRequestGetParameters(Request: WDFREQUEST, Parameters: WDF_REQUEST_PARAMETERS): void {
  const ddi = 'WdfRequestGetParameters';
  const r = req(Request, ddi);
  const p = fxStruct(r.globals, ddi, 'Parameters', 2, Parameters, r);
  if (p.Size !== WDF_REQUEST_PARAMETERS_SIZE) {
    r.globals.verifierBreak(ddi, r.describe(), null, `Parameters->Size is ${String(p.Size)}, not ${WDF_REQUEST_PARAMETERS_SIZE}: initialize it with WDF_REQUEST_PARAMETERS_INIT. The call is ignored.`);
    return;
  }
  const d = r.description;
  // The union is written whole (the C structure is one block of memory: a caller's stale sub-objects are replaced).
  p.Type = d.majorFunction;
  p.MinorFunction = 0;
  p.Parameters = {
    Read: { Length: d.majorFunction === IRP_MJ_READ ? (d.length ?? 0) : 0, Key: 0, DeviceOffset: 0 },
    Write: { Length: d.majorFunction === IRP_MJ_WRITE ? (d.length ?? 0) : 0, Key: 0, DeviceOffset: 0 },
    DeviceIoControl: {
      IoControlCode: d.ioControlCode ?? 0,
      InputBufferLength: d.inputBufferLength ?? 0,
      OutputBufferLength: d.outputBufferLength ?? 0,
    },
  };
}

/** The input side: write data, or an IOCTL's input (the system buffer). */
function inputBuffer(r: FxRequest): FxRequestBuffer | null | 'invalid' {
  const d = r.description;
  if (d.majorFunction === IRP_MJ_WRITE) return d.input;
  if (d.majorFunction === IRP_MJ_DEVICE_CONTROL) return d.input;
  return 'invalid';
}

/** The output side: read data, an IOCTL's output (METHOD_BUFFERED: the same system buffer as the input). */
function outputBuffer(r: FxRequest): FxRequestBuffer | null | 'invalid' {
  const d = r.description;
  if (d.majorFunction === IRP_MJ_READ) return d.output;
  if (d.majorFunction === IRP_MJ_DEVICE_CONTROL) return r.method === METHOD_BUFFERED ? d.input : d.output;
  return 'invalid';
}

function retrieveBuffer(
  b: FxRequestBuffer | null | 'invalid',
  length: number,
  minimumRequiredSize: number,
  Buffer: Out<number>,
  Length: Out<number> | null,
): NTSTATUS {
  if (b === 'invalid') return STATUS_INVALID_DEVICE_REQUEST;
  if (!b || length === 0 || length < minimumRequiredSize) return STATUS_BUFFER_TOO_SMALL;
  Buffer.value = b.va;
  if (Length) Length.value = length;
  return STATUS_SUCCESS;
}

/** WdfRequestRetrieveInputBuffer(Request, MinimumRequiredSize, Buffer, Length): Buffer gets a kernel VA. */
export function WdfRequestRetrieveInputBuffer(
  Request: WDFREQUEST,
  MinimumRequiredSize: number,
  Buffer: Out<number>,
  Length: Out<number> | null,
): NTSTATUS {
  const ddi = 'WdfRequestRetrieveInputBuffer';
  const r = req(Request, ddi);
  const min = fxUnsigned(r.globals, ddi, 'MinimumRequiredSize', 2, MinimumRequiredSize, Number.MAX_SAFE_INTEGER, r);
  const buffer = fxOut(r.globals, ddi, 'Buffer', 3, Buffer, r);
  const length = fxOptionalOut(r.globals, ddi, 'Length', 4, Length, r);
  const d = r.description;
  const len = d.majorFunction === IRP_MJ_WRITE ? (d.length ?? 0) : (d.inputBufferLength ?? 0);
  return retrieveBuffer(inputBuffer(r), len, min, buffer, length);
}

/** WdfRequestRetrieveOutputBuffer(Request, MinimumRequiredSize, Buffer, Length). */
export function WdfRequestRetrieveOutputBuffer(
  Request: WDFREQUEST,
  MinimumRequiredSize: number,
  Buffer: Out<number>,
  Length: Out<number> | null,
): NTSTATUS {
  const ddi = 'WdfRequestRetrieveOutputBuffer';
  const r = req(Request, ddi);
  const min = fxUnsigned(r.globals, ddi, 'MinimumRequiredSize', 2, MinimumRequiredSize, Number.MAX_SAFE_INTEGER, r);
  const buffer = fxOut(r.globals, ddi, 'Buffer', 3, Buffer, r);
  const length = fxOptionalOut(r.globals, ddi, 'Length', 4, Length, r);
  const d = r.description;
  const len = d.majorFunction === IRP_MJ_READ ? (d.length ?? 0) : (d.outputBufferLength ?? 0);
  return retrieveBuffer(outputBuffer(r), len, min, buffer, length);
}

/** The MDL of a request's input buffer (a write's data), for direct I/O and DMA. */
export function WdfRequestRetrieveInputWdmMdl(Request: WDFREQUEST, Mdl: Out<MDL | null>): NTSTATUS {
  const ddi = 'WdfRequestRetrieveInputWdmMdl';
  const r = req(Request, ddi);
  const out = fxOut(r.globals, ddi, 'Mdl', 2, Mdl, r);
  const b = inputBuffer(r);
  if (b === 'invalid') return STATUS_INVALID_DEVICE_REQUEST;
  if (!b) return STATUS_BUFFER_TOO_SMALL;
  out.value = b.mdl;
  return STATUS_SUCCESS;
}

/** The MDL of a request's output buffer (a read's destination), for direct I/O and DMA. */
export function WdfRequestRetrieveOutputWdmMdl(Request: WDFREQUEST, Mdl: Out<MDL | null>): NTSTATUS {
  const ddi = 'WdfRequestRetrieveOutputWdmMdl';
  const r = req(Request, ddi);
  const out = fxOut(r.globals, ddi, 'Mdl', 2, Mdl, r);
  const b = outputBuffer(r);
  if (b === 'invalid') return STATUS_INVALID_DEVICE_REQUEST;
  if (!b) return STATUS_BUFFER_TOO_SMALL;
  out.value = b.mdl;
  return STATUS_SUCCESS;
}

/** WdfRequestMarkCancelableEx: STATUS_CANCELLED (routine not called) if cancellation was already requested. */
export function WdfRequestMarkCancelableEx(Request: WDFREQUEST, EvtRequestCancel: EVT_WDF_REQUEST_CANCEL): NTSTATUS {
  const ddi = 'WdfRequestMarkCancelableEx';
  const r = req(Request, ddi);
  fxCallback(r.globals, ddi, 'EvtRequestCancel', 2, EvtRequestCancel, r);
  if (r.cancelRequested) return STATUS_CANCELLED;
  r.cancelRoutine = EvtRequestCancel;
  r.cancelRoutineCalled = false;
  r.globals.kernel.tracer?.requestStep(r, 'marked cancelable');
  return STATUS_SUCCESS;
}

/** WdfRequestMarkCancelable: if cancellation was already requested, the routine runs at once. */
export function WdfRequestMarkCancelable(Request: WDFREQUEST, EvtRequestCancel: EVT_WDF_REQUEST_CANCEL): void {
  const ddi = 'WdfRequestMarkCancelable';
  const r = req(Request, ddi);
  fxCallback(r.globals, ddi, 'EvtRequestCancel', 2, EvtRequestCancel, r);
  r.cancelRoutine = EvtRequestCancel;
  r.cancelRoutineCalled = false;
  r.globals.kernel.tracer?.requestStep(r, 'marked cancelable');
  if (r.cancelRequested) fxCallCancelRoutine(r);
}

/**
 * WdfRequestUnmarkCancelable (statuses per its DDI page): STATUS_CANCELLED when the cancel routine has run or is
 * running; STATUS_INVALID_DEVICE_REQUEST when the framework owns the request (it waits in a queue);
 * STATUS_INVALID_PARAMETER when the request is not cancelable.
 */
export function WdfRequestUnmarkCancelable(Request: WDFREQUEST): NTSTATUS {
  const r = req(Request, 'WdfRequestUnmarkCancelable');
  if (r.owner instanceof FxIoQueue && !r.driverOwned) return STATUS_INVALID_DEVICE_REQUEST;
  if (r.cancelRoutineCalled) return STATUS_CANCELLED;
  if (!r.cancelRoutine) return STATUS_INVALID_PARAMETER;
  r.cancelRoutine = null;
  r.globals.kernel.tracer?.requestStep(r, 'unmarked cancelable');
  return STATUS_SUCCESS;
}

/** Whether the request has been cancelled (for a driver that polls instead of registering EvtRequestCancel). */
export function WdfRequestIsCanceled(Request: WDFREQUEST): boolean {
  return req(Request, 'WdfRequestIsCanceled').cancelRequested;
}

/** Runs the request's EvtRequestCancel once (the I/O manager's cancel path). */
export function fxCallCancelRoutine(r: FxRequest): void {
  const routine = r.cancelRoutine;
  if (!routine || r.cancelRoutineCalled) return;
  r.cancelRoutineCalled = true;
  r.globals.callDriver('EvtRequestCancel', () => routine(r.handle), r);
}

/** WdfRequestGetIoQueue(Request): the queue that delivered the request to the driver (NULL if none did). */
export function WdfRequestGetIoQueue(Request: WDFREQUEST): WDFQUEUE | null {
  const r = req(Request, 'WdfRequestGetIoQueue');
  return r.owner instanceof FxIoQueue ? r.owner.handle : null;
}

/**
 * WdfRequestForwardToIoQueue(Request, DestinationQueue): moves a driver-owned request into another queue of the same
 * device, where the framework owns it again (and may cancel it without telling the driver). The source queue counts
 * it as done (a sequential queue presents its next request). STATUS_INVALID_DEVICE_REQUEST: the request did not
 * come from a queue, is not driver-owned, is cancelable, or the destination is its own queue or another device's;
 * STATUS_WDF_BUSY: the destination does not accept requests (purged, or its device is being removed).
 */
export function WdfRequestForwardToIoQueue(Request: WDFREQUEST, DestinationQueue: WDFQUEUE): NTSTATUS {
  const ddi = 'WdfRequestForwardToIoQueue';
  const r = req(Request, ddi);
  const destination = fxResolve(DestinationQueue, FxIoQueue, ddi, 'WDFQUEUE');
  const source = r.owner;
  if (!(source instanceof FxIoQueue) || !r.driverOwned) return STATUS_INVALID_DEVICE_REQUEST;
  if (source === destination || source.device !== destination.device) return STATUS_INVALID_DEVICE_REQUEST;
  if (r.cancelRoutine && !r.cancelRoutineCalled) return STATUS_INVALID_DEVICE_REQUEST;
  if (!destination.accepting) return STATUS_WDF_BUSY;
  r.driverOwned = false;
  source.inFlight.delete(r);
  destination.insert(r);
  source.requestCompleted(r);
  return STATUS_SUCCESS;
}

/**
 * WdfRequestGetFileObject(Request): the file object the request was sent on (a create request: the new one), or NULL
 * when it has none.
 */
export function WdfRequestGetFileObject(Request: WDFREQUEST): WDFFILEOBJECT | null {
  const r = req(Request, 'WdfRequestGetFileObject');
  const f = r.description.fileObject;
  return f instanceof FxFileObject && !f.deleted ? f.handle : null;
}
