// Handle validation at every DDI entry (the framework's FxObjectHandleGetPtr + FxPointerNotNull, FX-VER): a NULL
// handle is WDF_REQUIRED_PARAMETER_IS_NULL, a handle of the wrong type or a deleted object is WDF_INVALID_HANDLE
// (bugcheck 0x10D), and a halted machine answers with its bugcheck.
import type { FxDriverGlobals } from '../fx/globals.js';
import { WDF_INVALID_HANDLE, WDF_REQUIRED_PARAMETER_IS_NULL, WDF_VIOLATION } from '../verifier/bugcheck.js';
import { describeValue, fxCallerGlobals } from '../verifier/arguments.js';
import { FxObject } from './fx-object.js';

type Ctor<T> = abstract new (...args: never[]) => T;

/** The driver running now (a NULL or foreign handle has no object to take the globals from); HalError outside any. */
const currentGlobals = fxCallerGlobals;

/** FxPointerNotNull: a required parameter is null or undefined → bugcheck 0x10D/0x4. */
export function fxRequireNonNull<T>(value: T | null | undefined, ddi: string, what: string, g?: FxDriverGlobals): T {
  if (value === null || value === undefined) {
    const globals = g ?? currentGlobals(ddi);
    globals.checkAlive();
    globals.fatal(WDF_VIOLATION, WDF_REQUIRED_PARAMETER_IS_NULL, 0, 0, {
      ddi,
      object: null,
      state: null,
      rule: `${what} is a required parameter and must not be NULL.`,
    });
  }
  return value as T;
}

/** Resolves a handle to its framework object of the expected class. */
export function fxResolve<T extends FxObject>(handle: unknown, ctor: Ctor<T>, ddi: string, typeName: string): T {
  if (handle instanceof ctor) {
    // The common case with one prototype walk: an object of the expected class is a framework object (every ctor
    // here is an FxObject class), so the checks below reduce to these two, in the same order.
    const object = handle as T;
    object.globals.checkAlive();
    if (object.deleted) deletedHandle(object, ddi, typeName);
    return object;
  }
  if (handle === null || handle === undefined) {
    fxRequireNonNull(handle, ddi, `The ${typeName} handle`, currentGlobals(ddi));
  }
  if (!(handle instanceof FxObject)) {
    const g = currentGlobals(ddi);
    return g.fatal(WDF_VIOLATION, WDF_INVALID_HANDLE, 0, 0, {
      ddi,
      object: null,
      state: null,
      rule: `The handle passed as ${typeName} is ${describeValue(handle)}, not a framework object handle.`,
    });
  }
  const object = handle as FxObject;
  object.globals.checkAlive();
  if (!(object instanceof ctor)) {
    return object.globals.fatal(WDF_VIOLATION, WDF_INVALID_HANDLE, object.handleValue, 0, {
      ddi,
      object: object.describe(),
      state: null,
      rule: `${ddi} needs a ${typeName} handle, but was given a ${object.typeName}.`,
    });
  }
  if (object.deleted) deletedHandle(object, ddi, typeName);
  return object as T;
}

/** WDF_INVALID_HANDLE for a handle used after WdfObjectDelete. */
function deletedHandle(object: FxObject, ddi: string, typeName: string): never {
  return object.globals.fatal(WDF_VIOLATION, WDF_INVALID_HANDLE, object.handleValue, 0, {
    ddi,
    object: object.describe(),
    state: null,
    rule: `The ${typeName} was already deleted; a handle must not be used after WdfObjectDelete.`,
  });
}

/**
 * Resolves any framework object handle, deleted ones included: WdfObjectGetTypedContext works in EvtCleanupCallback
 * and EvtDestroyCallback, after the object is deleted (FX handleapi.cpp: no reference-count check there).
 */
export function fxResolveAnyObject(handle: unknown, ddi: string): FxObject {
  if (handle instanceof FxObject) {
    handle.globals.checkAlive();
    return handle;
  }
  return fxResolve(handle, FxObject, ddi, 'WDFOBJECT');
}
