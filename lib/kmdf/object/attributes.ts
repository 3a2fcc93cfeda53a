// WDF_OBJECT_ATTRIBUTES and typed object contexts (wdfobject.h: WDF_OBJECT_ATTRIBUTES_INIT,
// WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE, WDF_DECLARE_CONTEXT_TYPE_WITH_NAME, WdfObjectGetTypedContext;
// DDI pages of the same names). A context type is a descriptor plus a factory that makes the zeroed context.
import type { WDFOBJECT } from './handles.js';

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

/**
 * Initializes WDF_OBJECT_ATTRIBUTES: no context, no callbacks, execution level and synchronization scope inherited from
 * the parent.
 */
export function WDF_OBJECT_ATTRIBUTES_INIT(attributes: WDF_OBJECT_ATTRIBUTES): void {
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
  attributes.ContextTypeInfo = typeInfo;
}

/** Initializes WDF_OBJECT_ATTRIBUTES with a context type. */
export function WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(
  attributes: WDF_OBJECT_ATTRIBUTES,
  typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO,
): void {
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
  const typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO<T> = { Size: 32, ContextName: contextName, ContextSize: contextSize, create };
  const accessor = (handle: WDFOBJECT): T => WdfObjectGetTypedContext(handle, typeInfo);
  return [typeInfo, accessor];
}

/** WdfObjectGetTypedContext(Handle, Type). An object without that context type has none: TypeError (C: NULL). */
export function WdfObjectGetTypedContext<T>(handle: WDFOBJECT, typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO<T>): T {
  const holder = handle as unknown as FxContextHolder | null;
  const context = holder?.getContext(typeInfo as WDF_OBJECT_CONTEXT_TYPE_INFO);
  if (context === undefined || context === null) {
    throw new TypeError(`WdfObjectGetTypedContext: the object has no context of type ${typeInfo.ContextName}`);
  }
  return context as T;
}
