// WdfObjectDelete and the untyped context DDIs (DDI pages WdfObjectDelete, WdfObjectGetTypedContext,
// WdfObjectAllocateContext, WdfObjectContextGetObject). KMDF has no general "get parent" DDI (only WdfTimerGetParentObject and its kind): a driver
// that needs the device from another object keeps a pointer to it in that object's context.
import { WDF_INVALID_HANDLE, WDF_VIOLATION } from '../verifier/bugcheck.js';
import { fxCallerGlobals, fxOptionalOut } from '../verifier/arguments.js';
import { FxObject, fxContextOwners } from './fx-object.js';
import { fxRequireNonNull, fxResolve } from './resolve.js';
import type { WDFOBJECT } from './handles.js';
import type { WDF_OBJECT_ATTRIBUTES } from './attributes.js';
import { fxObjectAttributes } from './validate-attributes.js';
import {
  NT_SUCCESS,
  STATUS_OBJECT_NAME_EXISTS,
  STATUS_OBJECT_NAME_INVALID,
  STATUS_SUCCESS,
  STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED,
  STATUS_WDF_PARENT_NOT_SPECIFIED,
  type NTSTATUS,
} from '../fx/hal.js';
import type { Out } from '../fx/hal.js';

/**
 * WdfObjectDelete(Object): deletes the object and its children. An object the framework deletes itself (noDeleteDdi:
 * the driver, a PnP device, a file object, an interrupt, a resource list, the default queue or a queue set up with
 * WdfDeviceConfigureRequestDispatching) is not deleted: a VerifierBreak, as FX fxobjectapi.cpp answers
 * (STATUS_CANNOT_DELETE in its trace).
 */
export function WdfObjectDelete(object: WDFOBJECT): void {
  const o = fxResolve(object, FxObject, 'WdfObjectDelete', 'WDFOBJECT');
  if (o.noDeleteDdi) {
    o.globals.verifierBreak('WdfObjectDelete', o.describe(), null, `A ${o.typeName} is deleted by the framework, not with WdfObjectDelete; the call is ignored.`);
    return;
  }
  o.delete();
}

/**
 * WdfObjectContextGetObject(ContextPointer): the object a context belongs to (the way back from a context a callback
 * was given to its object). A pointer that is not a framework object's context is WDF_INVALID_HANDLE (0x10D/0x4).
 */
export function WdfObjectContextGetObject(ContextPointer: unknown): WDFOBJECT {
  const ddi = 'WdfObjectContextGetObject';
  const g = fxCallerGlobals(ddi);
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

/**
 * WdfObjectAllocateContext(Handle, ContextAttributes, Context) (FX handleapi.cpp FxObjectAllocateContext): the
 * attributes are required (NULL: STATUS_WDF_PARENT_NOT_SPECIFIED, as FxValidateObjectAttributes answers), validated,
 * may name no parent (1.11+: STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED) and must name a type (STATUS_OBJECT_NAME_INVALID);
 * a type the object has already is STATUS_OBJECT_NAME_EXISTS with that context.
 */
export function WdfObjectAllocateContext(
  handle: WDFOBJECT,
  contextAttributes: WDF_OBJECT_ATTRIBUTES,
  context: Out<unknown> | null,
): NTSTATUS {
  const ddi = 'WdfObjectAllocateContext';
  const o = fxResolve(handle, FxObject, ddi, 'WDFOBJECT');
  const g = o.globals;
  const out = fxOptionalOut(g, ddi, 'Context', 3, context, o);
  if (contextAttributes === null || contextAttributes === undefined) return STATUS_WDF_PARENT_NOT_SPECIFIED;
  const { status, attributes } = fxObjectAttributes(g, ddi, 2, contextAttributes, o);
  if (!NT_SUCCESS(status)) return status;
  if (attributes!.ParentObject !== null && g.options.kmdfVersion.minor >= 11) return STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED;
  const info = attributes!.ContextTypeInfo;
  if (!info) return STATUS_OBJECT_NAME_INVALID;
  context = out;
  if (o.getContext(info) !== undefined) {
    if (context) context.value = o.getContext(info);
    return STATUS_OBJECT_NAME_EXISTS;
  }
  const c = o.addContext(info);
  if (context) context.value = c;
  return STATUS_SUCCESS;
}
