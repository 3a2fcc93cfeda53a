// SerCx2's read and write queues: an IRP_MJ_READ / IRP_MJ_WRITE presented by its sequential queue becomes one
// ReadOperation / WriteOperation (read.ts, write.ts) on the request's buffer — its kernel VA and MDL, retrieved
// with the framework's public DDIs — with the open port's time-outs. The request is marked cancelable: the client's
// cancel stops the operation, which completes it (STATUS_CANCELLED if nothing moved, else STATUS_SUCCESS).
import { Out } from '../hal/out.js';
import { NT_SUCCESS, STATUS_CANCELLED } from '../hal/ntstatus.js';
import type { MDL } from '../hal/memory/mdl.js';
import type { WDFREQUEST } from '../kmdf/object/handles.js';
import { fxResolve } from '../kmdf/object/resolve.js';
import { FxRequest } from '../kmdf/io/request.js';
import {
  WdfRequestCompleteWithInformation,
  WdfRequestMarkCancelableEx,
  WdfRequestRetrieveInputBuffer,
  WdfRequestRetrieveInputWdmMdl,
  WdfRequestRetrieveOutputBuffer,
  WdfRequestRetrieveOutputWdmMdl,
} from '../kmdf/io/request-api.js';
import type { SerCx2Device } from './device.js';
import { ReadOperation } from './read.js';
import { readPolicy, writeTotalMs } from './timeouts.js';
import { WriteOperation } from './write.js';

function buffers(Request: WDFREQUEST, output: boolean): { va: number; length: number; mdl: MDL } | null {
  const va = new Out(0);
  const length = new Out(0);
  const mdl = new Out<MDL | null>(null);
  const s1 = output ? WdfRequestRetrieveOutputBuffer(Request, 1, va, length) : WdfRequestRetrieveInputBuffer(Request, 1, va, length);
  const s2 = output ? WdfRequestRetrieveOutputWdmMdl(Request, mdl) : WdfRequestRetrieveInputWdmMdl(Request, mdl);
  return NT_SUCCESS(s1) && NT_SUCCESS(s2) && mdl.value ? { va: va.value, length: length.value, mdl: mdl.value } : null;
}

export function sercx2Read(sx: SerCx2Device, Request: WDFREQUEST): void {
  const b = buffers(Request, true);
  if (!b) return WdfRequestCompleteWithInformation(Request, STATUS_CANCELLED, 0);
  const request = fxResolve(Request, FxRequest, 'SerCx2 read', 'WDFREQUEST');
  const op = new ReadOperation(sx, request, b, readPolicy(sx.timeouts, b.length));
  sx.reading = op;
  if (!NT_SUCCESS(WdfRequestMarkCancelableEx(Request, function SerCx2EvtReadCancel() { op.stop('cancel'); }))) {
    sx.reading = null;
    return WdfRequestCompleteWithInformation(Request, STATUS_CANCELLED, 0);
  }
  op.begin();
}

export function sercx2Write(sx: SerCx2Device, Request: WDFREQUEST): void {
  const b = buffers(Request, false);
  if (!b) return WdfRequestCompleteWithInformation(Request, STATUS_CANCELLED, 0);
  const request = fxResolve(Request, FxRequest, 'SerCx2 write', 'WDFREQUEST');
  const op = new WriteOperation(sx, request, b, writeTotalMs(sx.timeouts, b.length));
  sx.writing = op;
  if (!NT_SUCCESS(WdfRequestMarkCancelableEx(Request, function SerCx2EvtWriteCancel() { op.stop('cancel'); }))) {
    sx.writing = null;
    return WdfRequestCompleteWithInformation(Request, STATUS_CANCELLED, 0);
  }
  op.begin();
}
