// WdfObjectDelete and the untyped context DDIs (DDI pages WdfObjectDelete, WdfObjectGetTypedContext,
// WdfObjectAllocateContext). KMDF has no general "get parent" DDI (only WdfTimerGetParentObject and its kind): a driver
// that needs the device from another object keeps a pointer to it in that object's context.
import { FxObject } from './fx-object.js';
import { fxResolve } from './resolve.js';
import type { WDFOBJECT } from './handles.js';
import type { WDF_OBJECT_ATTRIBUTES } from './attributes.js';
import { STATUS_INVALID_PARAMETER, STATUS_OBJECT_NAME_EXISTS, STATUS_SUCCESS, type NTSTATUS } from '../fx/hal.js';
import type { Out } from '../fx/hal.js';

/** WdfObjectDelete(Object): deletes the object and its children (objects the framework owns refuse). */
export function WdfObjectDelete(object: WDFOBJECT): void {
  const o = fxResolve(object, FxObject, 'WdfObjectDelete', 'WDFOBJECT');
  o.delete();
}

/** WdfObjectAllocateContext(Handle, ContextAttributes, Context). */
export function WdfObjectAllocateContext(
  handle: WDFOBJECT,
  contextAttributes: WDF_OBJECT_ATTRIBUTES,
  context: Out<unknown> | null,
): NTSTATUS {
  const o = fxResolve(handle, FxObject, 'WdfObjectAllocateContext', 'WDFOBJECT');
  const info = contextAttributes.ContextTypeInfo;
  if (!info) return STATUS_INVALID_PARAMETER;
  if (o.getContext(info) !== undefined) {
    if (context) context.value = o.getContext(info);
    return STATUS_OBJECT_NAME_EXISTS;
  }
  const c = o.addContext(info);
  if (context) context.value = c;
  return STATUS_SUCCESS;
}
