// WdfObjectDelete and the untyped context DDIs (DDI pages WdfObjectDelete, WdfObjectGetTypedContext,
// WdfObjectAllocateContext, WdfObjectContextGetObject). KMDF has no general "get parent" DDI (only WdfTimerGetParentObject and its kind): a driver
// that needs the device from another object keeps a pointer to it in that object's context.
import { FxDriverGlobals } from '../fx/globals.js';
import { WDF_INVALID_HANDLE, WDF_VIOLATION } from '../verifier/bugcheck.js';
import { FxObject, fxContextOwners } from './fx-object.js';
import { fxRequireNonNull, fxResolve } from './resolve.js';
import type { WDFOBJECT } from './handles.js';
import type { WDF_OBJECT_ATTRIBUTES } from './attributes.js';
import { STATUS_INVALID_PARAMETER, STATUS_OBJECT_NAME_EXISTS, STATUS_SUCCESS, type NTSTATUS } from '../fx/hal.js';
import type { Out } from '../fx/hal.js';

/** WdfObjectDelete(Object): deletes the object and its children (objects the framework owns refuse). */
export function WdfObjectDelete(object: WDFOBJECT): void {
  const o = fxResolve(object, FxObject, 'WdfObjectDelete', 'WDFOBJECT');
  o.delete();
}

/**
 * WdfObjectContextGetObject(ContextPointer): the object a context belongs to (the way back from a context a callback
 * was given to its object). A pointer that is not a framework object's context is WDF_INVALID_HANDLE (0x10D/0x4).
 */
export function WdfObjectContextGetObject(ContextPointer: unknown): WDFOBJECT {
  const ddi = 'WdfObjectContextGetObject';
  const g = FxDriverGlobals.current;
  if (!g) throw new TypeError(`${ddi}: called outside any driver (no framework globals are active)`);
  fxRequireNonNull(ContextPointer, ddi, 'ContextPointer', g);
  const owner = typeof ContextPointer === 'object' ? fxContextOwners.get(ContextPointer as object) : undefined;
  if (!owner || owner.deleted) {
    return g.fatal(WDF_VIOLATION, WDF_INVALID_HANDLE, 0, 0, {
      ddi,
      object: owner ? owner.describe() : null,
      state: null,
      rule: owner
        ? `ContextPointer is the context of ${owner.describe()}, which has been deleted.`
        : 'ContextPointer is not the context of a framework object (get it with the context accessor or WdfObjectGetTypedContext).',
    });
  }
  return owner.handle;
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
