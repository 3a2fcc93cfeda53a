// FxObject: the base of every framework object (the framework source's FxObject / FxNonPagedObject): a handle
// value, a parent and its children, typed contexts, EvtCleanupCallback / EvtDestroyCallback, and deletion that
// deletes children first (DDI pages WdfObjectDelete, WDF_OBJECT_ATTRIBUTES; "Framework Object Life Cycle").
import { FxDriverGlobals } from '../fx/globals.js';
import type { WDFOBJECT } from './handles.js';
import type { FxContextHolder, WDF_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO } from './attributes.js';

/** Each context to the object it belongs to (WdfObjectContextGetObject). */
export const fxContextOwners = new WeakMap<object, FxObject>();

export abstract class FxObject implements FxContextHolder {
  /** The handle type name, as in the headers: 'WDFDMATRANSACTION'. */
  abstract readonly typeName: string;
  readonly handleValue: number;
  parent: FxObject | null = null;
  readonly children: FxObject[] = [];
  deleted = false;
  /** The framework deletes this object itself: WdfObjectDelete refuses it (FxObject::MarkNoDeleteDDI; the DDI page's
   *  list: the driver, a PnP device, file objects, interrupts, resource lists, the default and dispatch queues). */
  noDeleteDdi = false;
  private deleting = false;
  private contexts: Map<WDF_OBJECT_CONTEXT_TYPE_INFO, unknown> | null = null;
  private evtCleanup: WDF_OBJECT_ATTRIBUTES['EvtCleanupCallback'] = null;
  private evtDestroy: WDF_OBJECT_ATTRIBUTES['EvtDestroyCallback'] = null;

  constructor(readonly globals: FxDriverGlobals) {
    this.handleValue = globals.allocateHandle();
  }

  /** Applies the attributes (context, callbacks) and links the object under its parent. */
  commit(attributes: WDF_OBJECT_ATTRIBUTES | null | undefined, parent: FxObject | null): void {
    if (attributes) {
      if (attributes.ContextTypeInfo) this.addContext(attributes.ContextTypeInfo);
      this.evtCleanup = attributes.EvtCleanupCallback;
      this.evtDestroy = attributes.EvtDestroyCallback;
    }
    if (parent) {
      this.parent = parent;
      parent.children.push(this);
    }
  }

  /** The object's context of a type, made the first time it is asked for (WdfObjectAllocateContext). */
  addContext(typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO): unknown {
    this.contexts ??= new Map();
    let context = this.contexts.get(typeInfo);
    if (context === undefined) {
      context = typeInfo.create();
      this.contexts.set(typeInfo, context);
      if (typeof context === 'object' && context !== null) fxContextOwners.set(context, this);
    }
    return context;
  }

  /** The object's context of a type, or undefined (WdfObjectGetTypedContext). */
  getContext(typeInfo: WDF_OBJECT_CONTEXT_TYPE_INFO): unknown {
    return this.contexts?.get(typeInfo);
  }

  /** "WDFDMATRANSACTION 0x1040". */
  describe(): string {
    return `${this.typeName} 0x${this.handleValue.toString(16).toUpperCase()}`;
  }

  /** The handle driver code holds. */
  get handle(): WDFOBJECT {
    return this as unknown as WDFOBJECT;
  }

  /** Nearest ancestor (or self) that satisfies the predicate. */
  findAncestor<T extends FxObject>(predicate: (o: FxObject) => o is T): T | null {
    for (let o: FxObject | null = this; o; o = o.parent) if (predicate(o)) return o;
    return null;
  }

  /** Checked before anything is deleted (may bugcheck). */
  protected validateDelete(): void {}
  /** Object-specific teardown (FxObject::Dispose), after the children are gone. */
  protected dispose(): void {}

  /** Deletes the children (last created first), then this object: Dispose, EvtCleanupCallback, EvtDestroyCallback. */
  delete(): void {
    if (this.deleted || this.deleting) return;
    this.validateDelete();
    this.deleting = true;
    for (let i = this.children.length - 1; i >= 0; i--) this.children[i]!.delete();
    this.dispose();
    if (this.evtCleanup) {
      const cb = this.evtCleanup;
      this.globals.callDriver('EvtCleanupCallback', () => cb(this.handle));
    }
    this.deleted = true;
    if (this.parent) {
      const siblings = this.parent.children;
      const i = siblings.indexOf(this);
      if (i >= 0) siblings.splice(i, 1);
    }
    if (this.evtDestroy) {
      const cb = this.evtDestroy;
      this.globals.callDriver('EvtDestroyCallback', () => cb(this.handle));
    }
  }
}
