// WDF handle types (wdftypes.h: WDFOBJECT, WDFDEVICE, WDFDMAENABLER, ...). In C they are opaque pointers; here they
// are opaque branded types: driver code can pass them around and compare them, not look inside.

declare const wdfObjectBrand: unique symbol;
declare const wdfKindBrand: unique symbol;

export interface WDFOBJECT {
  readonly [wdfObjectBrand]: true;
}
type Handle<K extends string> = WDFOBJECT & { readonly [wdfKindBrand]: K };

export type WDFDRIVER = Handle<'WDFDRIVER'>;
export type WDFDEVICE = Handle<'WDFDEVICE'>;
export type WDFQUEUE = Handle<'WDFQUEUE'>;
export type WDFREQUEST = Handle<'WDFREQUEST'>;
export type WDFFILEOBJECT = Handle<'WDFFILEOBJECT'>;
export type WDFINTERRUPT = Handle<'WDFINTERRUPT'>;
export type WDFTIMER = Handle<'WDFTIMER'>;
export type WDFSPINLOCK = Handle<'WDFSPINLOCK'>;
export type WDFCMRESLIST = Handle<'WDFCMRESLIST'>;
export type WDFDMAENABLER = Handle<'WDFDMAENABLER'>;
export type WDFDMATRANSACTION = Handle<'WDFDMATRANSACTION'>;
export type WDFCOMMONBUFFER = Handle<'WDFCOMMONBUFFER'>;

/** WDF_NO_HANDLE / WDF_NO_OBJECT_ATTRIBUTES / WDF_NO_CONTEXT. */
export const WDF_NO_HANDLE = null;
export const WDF_NO_OBJECT_ATTRIBUTES = null;
export const WDF_NO_CONTEXT = null;

/** WDFCONTEXT: the untyped context a DDI passes through to a callback. */
export type WDFCONTEXT = unknown;
