// Argument checks at a lib/hal entry point (issue 13 item 4), made before the routine touches any state. The rule
// (docs/hal-contract.md "Bad arguments"): what C's compiler would have refused — a string where a ULONG goes, a number
// where a KTIMER or an MDL goes, a Symbol, a BigInt, a callback that is not a function, a detached buffer — and a NULL
// where WDM requires a pointer are the caller's JavaScript mistake, not a driver state Windows checks: they throw a
// coded HalError (ERR_INVALID_ARG_TYPE; ERR_OUT_OF_RANGE for a number that is NaN, fractional, negative or too big
// for its C type) whose message names the routine and the argument as wdm.h spells it, and the machine keeps running.
// (On Windows a NULL KTIMER is an access violation at address 0 — a bug check whose parameters this model cannot give
// honestly, since its objects do not live in simulated memory.) Misuse that Windows does answer with a bug check — a
// spin lock released twice, an address nothing is mapped at, an uninitialized KTIMER — stays that bug check.
//
// Every check is a typeof test first: register accesses run them in a driver's polling loop.

import { HalError } from './hal-error.js';
import { Out } from './out.js';

/** What a wrong argument is, in words, without calling anything on it (a Proxy or getter could run). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return `${Object.is(value, -0) ? '-0' : String(value)} (a number)`;
    case 'bigint':
      return `${String(value)}n (a bigint)`;
    case 'boolean':
      return `${String(value)} (a boolean)`;
    case 'string':
      return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (a string)`;
    case 'symbol':
      return 'a Symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'NULL';
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}

/** ERR_INVALID_ARG_TYPE: `name` of `ddi` is `value`, not `expected`. */
export function argTypeError(ddi: string, name: string, value: unknown, expected: string): HalError {
  return new HalError('ERR_INVALID_ARG_TYPE', `${ddi}: ${name} is ${describeValue(value)}, not ${expected}.`);
}

/** ERR_OUT_OF_RANGE: `name` of `ddi` is a number outside what it may be. */
export function argRangeError(ddi: string, name: string, value: unknown, expected: string): HalError {
  return new HalError('ERR_OUT_OF_RANGE', `${ddi}: ${name} is ${describeValue(value)}, not ${expected}.`);
}

/** A number of any value a C integer of the routine's type can hold: `min`..`max`, whole. */
export function checkInteger(ddi: string, name: string, value: unknown, min: number, max: number, expected: string): number {
  if (typeof value !== 'number') throw argTypeError(ddi, name, value, expected);
  if (!Number.isInteger(value) || value < min || value > max) throw argRangeError(ddi, name, value, expected);
  return value;
}

/** A ULONG / SIZE_T / PHYSICAL_ADDRESS / kernel VA: a whole number 0..2^53-1. */
export function checkUnsigned(ddi: string, name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return checkInteger(ddi, name, value, 0, Number.MAX_SAFE_INTEGER, 'an unsigned integer');
}

/** A LONG / LONGLONG: any safe integer. */
export function checkSigned(ddi: string, name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  return checkInteger(ddi, name, value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'an integer');
}

/** A 32-bit value in either form (an NTSTATUS, a ULONG register value, flags): -2^31..2^32-1, whole. */
export function checkLong(ddi: string, name: string, value: unknown): number {
  if (typeof value === 'number' && ((value | 0) === value || value >>> 0 === value)) return value;
  return checkInteger(ddi, name, value, -0x8000_0000, 0xffff_ffff, 'a 32-bit integer');
}

/** A finite number (a time in microseconds may be fractional). */
export function checkFinite(ddi: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw argTypeError(ddi, name, value, 'a number');
  if (!Number.isFinite(value)) throw argRangeError(ddi, name, value, 'a finite number');
  return value;
}

/** A BOOLEAN: true / false (or C's 1 / 0). */
export function checkBoolean(ddi: string, name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  throw argTypeError(ddi, name, value, 'a BOOLEAN (true or false)');
}

/** Throws ERR_INVALID_ARG_TYPE (the failing branch of a hot path's own `instanceof` test: a shared checkInstance
 *  there sees many classes and its `instanceof` goes megamorphic — 2 % of a fragment round trip). */
export function wrongType(ddi: string, name: string, value: unknown, expected: string): never {
  throw argTypeError(ddi, name, value, expected);
}

/** A required pointer to an object the caller built with `type` (new KTIMER(), new KDPC(), an MDL...). */
export function checkInstance<T>(ddi: string, name: string, value: unknown, type: abstract new (...args: never[]) => T, typeName: string): T {
  if (value instanceof type) return value;
  throw argTypeError(ddi, name, value, `a ${typeName}`);
}

/** An optional pointer to an object of `type`: NULL (null or undefined) is allowed. */
export function checkOptionalInstance<T>(ddi: string, name: string, value: unknown, type: abstract new (...args: never[]) => T, typeName: string): T | null {
  if (value === null || value === undefined) return null;
  if (value instanceof type) return value;
  throw argTypeError(ddi, name, value, `a ${typeName} or NULL`);
}

/** A required pointer to a structure (any object): DEVICE_DESCRIPTION, DMA_ADAPTER_INFO, an IRP... */
export function checkStruct<T extends object>(ddi: string, name: string, value: unknown, typeName: string): T {
  if (typeof value === 'object' && value !== null) return value as T;
  throw argTypeError(ddi, name, value, `a pointer to a ${typeName}`);
}

/** An optional pointer to a structure: NULL allowed. */
export function checkOptionalStruct<T extends object>(ddi: string, name: string, value: unknown, typeName: string): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return value as T;
  throw argTypeError(ddi, name, value, `a pointer to a ${typeName} or NULL`);
}

/** A required callback. */
export function checkFunction<T>(ddi: string, name: string, value: T): NonNullable<T> {
  if (typeof value === 'function') return value as NonNullable<T>;
  throw argTypeError(ddi, name, value, 'a function');
}

/** An optional callback: NULL or a function. */
export function checkOptionalFunction<T>(ddi: string, name: string, value: T): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'function') return value;
  throw argTypeError(ddi, name, value, 'a function or NULL');
}

/** A required C out-parameter: an Out box (out.ts). */
export function checkOut<T>(ddi: string, name: string, value: unknown): Out<T> {
  if (value instanceof Out) return value as Out<T>;
  throw argTypeError(ddi, name, value, 'an Out box (a C out-parameter)');
}

/** An optional out-parameter: NULL or an Out box. */
export function checkOptionalOut<T>(ddi: string, name: string, value: unknown): Out<T> | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Out) return value as Out<T>;
  throw argTypeError(ddi, name, value, 'an Out box (a C out-parameter) or NULL');
}

/**
 * A caller's buffer of at least `count` elements (READ_/WRITE_REGISTER_BUFFER_*): an array or a typed array whose
 * memory is still there. A detached typed array has length 0, so a count it cannot hold names the detachment.
 */
export function checkBuffer(ddi: string, name: string, value: unknown, count: number, writes: boolean): ArrayLike<number> {
  const ok = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!ok) throw argTypeError(ddi, name, value, 'an array or a typed array');
  const b = value as ArrayLike<number> & { buffer?: ArrayBufferLike };
  if (b.length < count) {
    const detached = ArrayBuffer.isView(b) && b.buffer!.byteLength === 0;
    throw new HalError(
      'ERR_OUT_OF_RANGE',
      `${ddi}: ${name} ${detached ? 'is a typed array whose ArrayBuffer was detached' : `holds ${b.length} elements`}; Count is ${count}.`,
    );
  }
  if (writes && Object.isFrozen(b) && b.length > 0) throw argTypeError(ddi, name, value, 'a writable buffer (it is frozen)');
  return b;
}
