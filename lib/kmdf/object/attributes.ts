// WDF_OBJECT_ATTRIBUTES and typed object contexts (wdfobject.h: WDF_OBJECT_ATTRIBUTES_INIT,
// WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE, WDF_DECLARE_CONTEXT_TYPE_WITH_NAME, WdfObjectGetTypedContext;
// DDI pages of the same names). A context type is a descriptor plus a factory that makes the zeroed context. The
// *_INIT helpers check their arguments as every WDF_*_INIT does here (verifier/arguments.ts helperStruct).
import type { WDFOBJECT } from './handles.js';
import { fxResolveAnyObject, fxRequireNonNull } from './resolve.js';
import { fxWrongType, helperCallback, helperNumber, helperString, helperStruct } from '../verifier/arguments.js';
import { WDF_VERIFIER_FATAL_ERROR, WDF_VIOLATION } from '../verifier/bugcheck.js';

/** WDF_EXECUTION_LEVEL: the highest IRQL at which the framework calls an object's callbacks. */
export type WDF_EXECUTION_LEVEL = number;
/** WDF_EXECUTION_LEVEL: not valid. */
export const WdfExecutionLevelInvalid = 0;
/** WDF_EXECUTION_LEVEL: the parent's. */
export const WdfExecutionLevelInheritFromParent = 1;
/** WDF_EXECUTION_LEVEL: callbacks at PASSIVE_LEVEL. */
export const WdfExecutionLevelPassive = 2;
/** WDF_EXECUTION_LEVEL: callbacks at DISPATCH_LEVEL or below. */
export const WdfExecutionLevelDispatch = 3;

/** WDF_SYNCHRONIZATION_SCOPE: which of an object's callbacks the framework serializes. */
export type WDF_SYNCHRONIZATION_SCOPE = number;
/** WDF_SYNCHRONIZATION_SCOPE: not valid. */
export const WdfSynchronizationScopeInvalid = 0;
/** WDF_SYNCHRONIZATION_SCOPE: the parent's. */
export const WdfSynchronizationScopeInheritFromParent = 1;
/** WDF_SYNCHRONIZATION_SCOPE: the device's callbacks and its queues' are serialized. */
export const WdfSynchronizationScopeDevice = 2;
/** WDF_SYNCHRONIZATION_SCOPE: each queue's callbacks are serialized. */
export const WdfSynchronizationScopeQueue = 3;
/** WDF_SYNCHRONIZATION_SCOPE: no automatic synchronization. */
export const WdfSynchronizationScopeNone = 4;

/** EvtCleanupCallback: the object is being deleted; release what its context holds. */
export type EVT_WDF_OBJECT_CONTEXT_CLEANUP = (object: WDFOBJECT) => void;
/** EvtDestroyCallback: the object's memory is about to be freed (after its last reference). */
export type EVT_WDF_OBJECT_CONTEXT_DESTROY = (object: WDFOBJECT) => void;

/** WDF_OBJECT_CONTEXT_TYPE_INFO: names the context and makes a fresh (zeroed) instance. */
export interface WDF_OBJECT_CONTEXT_TYPE_INFO<T = unknown> {
  readonly Size: number;
  readonly ContextName: string;
  readonly ContextSize: number;
  /** Makes the context for a new object (C zero-fills it). */
  readonly create: () => T;
}

/**
 * An object's attributes at creation: its context type, cleanup and destroy callbacks, execution level, synchronization
 * scope and parent.
 */
export interface WDF_OBJECT_ATTRIBUTES {
  Size: number;
  EvtCleanupCallback: EVT_WDF_OBJECT_CONTEXT_CLEANUP | null;
  EvtDestroyCallback: EVT_WDF_OBJECT_CONTEXT_DESTROY | null;
  ExecutionLevel: WDF_EXECUTION_LEVEL;
  SynchronizationScope: WDF_SYNCHRONIZATION_SCOPE;
  ParentObject: WDFOBJECT | null;
  ContextSizeOverride: number;
  ContextTypeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO | null;
}

/** sizeof(WDF_OBJECT_ATTRIBUTES) in C, for the Size field. */
export const WDF_OBJECT_ATTRIBUTES_SIZE = 56;
/** sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO) on x64. */
export const WDF_OBJECT_CONTEXT_TYPE_INFO_SIZE = 32;

/**
 * Initializes WDF_OBJECT_ATTRIBUTES: no context, no callbacks, execution level and synchronization scope inherited from
 * the parent.
 */
export function WDF_OBJECT_ATTRIBUTES_INIT(attributes: WDF_OBJECT_ATTRIBUTES): void {
  helperStruct('WDF_OBJECT_ATTRIBUTES_INIT', 'Attributes', attributes);
  attributes.Size = WDF_OBJECT_ATTRIBUTES_SIZE;
  attributes.EvtCleanupCallback = null;
  attributes.EvtDestroyCallback = null;
  attributes.ExecutionLevel = WdfExecutionLevelInheritFromParent;
  attributes.SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
  attributes.ParentObject = null;
  attributes.ContextSizeOverride = 0;
  attributes.ContextTypeInfo = null;
}

/** A fresh, initialized attributes structure (what `WDF_OBJECT_ATTRIBUTES a; WDF_OBJECT_ATTRIBUTES_INIT(&a);` gives). */
export function newObjectAttributes(): WDF_OBJECT_ATTRIBUTES {
  const a = {} as WDF_OBJECT_ATTRIBUTES;
  WDF_OBJECT_ATTRIBUTES_INIT(a);
  return a;
}

/** Sets the context type an object gets (WDF_DECLARE_CONTEXT_TYPE's type info). */
export function WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(
  attributes: WDF_OBJECT_ATTRIBUTES,
  typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO,
): void {
  helperStruct('WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE', 'Attributes', attributes);
  helperStruct('WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE', 'TypeInfo', typeInfo as unknown as object, false);
  attributes.ContextTypeInfo = typeInfo;
}

/** Initializes WDF_OBJECT_ATTRIBUTES with a context type. */
export function WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(
  attributes: WDF_OBJECT_ATTRIBUTES,
  typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO,
): void {
  helperStruct('WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE', 'Attributes', attributes);
  helperStruct('WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE', 'TypeInfo', typeInfo as unknown as object, false);
  WDF_OBJECT_ATTRIBUTES_INIT(attributes);
  WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(attributes, typeInfo);
}

/** What WdfObjectGetTypedContext needs from an object (implemented by every framework object). */
export interface FxContextHolder {
  /** The object's context of a type, or undefined. */
  getContext(typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO): unknown;
}

/**
 * WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(Type, Accessor): returns the type descriptor and the accessor, e.g.
 * `const [WDF_DEVICE_EXTENSION_TYPE_INFO, DeviceGetContext] = WDF_DECLARE_CONTEXT_TYPE_WITH_NAME('DEVICE_EXTENSION',
 * () => new DeviceExtension())`.
 */
export function WDF_DECLARE_CONTEXT_TYPE_WITH_NAME<T>(
  contextName: string,
  create: () => T,
  contextSize = 0,
): [WDF_OBJECT_CONTEXT_TYPE_INFO<T>, (handle: WDFOBJECT) => T] {
  const helper = 'WDF_DECLARE_CONTEXT_TYPE_WITH_NAME';
  helperString(helper, 'contextName', contextName);
  helperCallback(helper, 'create', create, false);
  helperNumber(helper, 'contextSize', contextSize, (n) => Number.isInteger(n) && n >= 0, 'a size in bytes');
  const typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO<T> = Object.freeze({ Size: WDF_OBJECT_CONTEXT_TYPE_INFO_SIZE, ContextName: contextName, ContextSize: contextSize, create });
  const accessor = (handle: WDFOBJECT): T => {
    const context = WdfObjectGetTypedContext(handle, typeInfo);
    if (context === null) {
      // C's accessor returns NULL and the driver faults on its first access; here it stops at the accessor, naming
      // the object and the type. TODO(accuracy): Windows bug checks on the NULL dereference, not in the accessor.
      const o = fxResolveAnyObject(handle, contextName);
      o.globals.fatal(WDF_VIOLATION, WDF_VERIFIER_FATAL_ERROR, o.handleValue, 0, {
        ddi: `the ${contextName} accessor (WdfObjectGetTypedContext)`,
        object: o.describe(),
        state: null,
        rule: `${o.describe()} has no ${contextName} context; the accessor returns NULL, which the driver must not dereference (give the type in the object's WDF_OBJECT_ATTRIBUTES or WdfObjectAllocateContext).`,
      });
    }
    return context as T;
  };
  return [typeInfo, accessor];
}

/**
 * WdfObjectGetTypedContext(Handle, TypeInfo): the object's context of that type, or NULL when it has none ("querying
 * for a type not associated with the handle is a legitimate operation", FX handleapi.cpp). Works on a deleted object
 * (in its EvtCleanupCallback / EvtDestroyCallback). NULL Handle or TypeInfo: 0x10D / 0x4; a Handle that is no
 * framework object: 0x10D / WDF_INVALID_HANDLE.
 */
export function WdfObjectGetTypedContext<T>(handle: WDFOBJECT, typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO<T>): T | null {
  const ddi = 'WdfObjectGetTypedContext';
  const o = fxResolveAnyObject(handle, ddi);
  fxRequireNonNull(typeInfo, ddi, 'TypeInfo', o.globals);
  if (typeof typeInfo !== 'object') fxWrongType(o.globals, ddi, 'TypeInfo', 2, typeInfo, 'a WDF_OBJECT_CONTEXT_TYPE_INFO', o);
  const context = (o as unknown as FxContextHolder).getContext(typeInfo as WDF_OBJECT_CONTEXT_TYPE_INFO);
  return context === undefined ? null : (context as T);
}
