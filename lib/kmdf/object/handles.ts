// WDF handle types (wdftypes.h: WDFOBJECT, WDFDEVICE, WDFDMAENABLER, ...). In C they are opaque pointers; here they
// are opaque branded types: driver code can pass them around and compare them, not look inside.

declare const wdfObjectBrand: unique symbol;
declare const wdfKindBrand: unique symbol;

/** A framework object handle (WDFOBJECT): what every WDFxxx handle is. */
export interface WDFOBJECT {
  readonly [wdfObjectBrand]: true;
}
type Handle<K extends string> = WDFOBJECT & { readonly [wdfKindBrand]: K };

/** A framework driver object handle. */
export type WDFDRIVER = Handle<'WDFDRIVER'>;
/** A framework device object handle. */
export type WDFDEVICE = Handle<'WDFDEVICE'>;
/** A framework I/O queue handle. */
export type WDFQUEUE = Handle<'WDFQUEUE'>;
/** A framework request handle. */
export type WDFREQUEST = Handle<'WDFREQUEST'>;
/** A framework file object handle. */
export type WDFFILEOBJECT = Handle<'WDFFILEOBJECT'>;
/** A framework interrupt object handle. */
export type WDFINTERRUPT = Handle<'WDFINTERRUPT'>;
/** A framework timer handle. */
export type WDFTIMER = Handle<'WDFTIMER'>;
/** A framework spin lock handle. */
export type WDFSPINLOCK = Handle<'WDFSPINLOCK'>;
/** A framework resource list handle (the list EvtDevicePrepareHardware receives). */
export type WDFCMRESLIST = Handle<'WDFCMRESLIST'>;
/** A framework DMA enabler handle. */
export type WDFDMAENABLER = Handle<'WDFDMAENABLER'>;
/** A framework DMA transaction handle. */
export type WDFDMATRANSACTION = Handle<'WDFDMATRANSACTION'>;
/** A framework common buffer handle. */
export type WDFCOMMONBUFFER = Handle<'WDFCOMMONBUFFER'>;

/** WDF_NO_HANDLE / WDF_NO_OBJECT_ATTRIBUTES / WDF_NO_CONTEXT. */
export const WDF_NO_HANDLE = null;
/** No object attributes (WDF_NO_OBJECT_ATTRIBUTES): the object gets none. */
export const WDF_NO_OBJECT_ATTRIBUTES = null;
/** No context (WDF_NO_CONTEXT). */
export const WDF_NO_CONTEXT = null;

/** WDFCONTEXT: the untyped context a DDI passes through to a callback. */
export type WDFCONTEXT = unknown;
