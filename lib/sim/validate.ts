// Argument checks of lib/sim: the same rules as the binding (native/addon/args.h), applied first so most bad calls
// never cross into C++ and their messages name the argument as the caller wrote it. Numbers must be finite
// integers in range; a wrong type is ERR_INVALID_ARG_TYPE, a bad number ERR_OUT_OF_RANGE, a bad choice
// ERR_INVALID_ARGUMENT.
import { fail } from './errors.js';

/** 2^53 - 1: the largest cycle / address a JS number holds exactly (native/core/options.h kMaxCycle). */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
export const U32_MAX = 0xffff_ffff;

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `type ${typeof value}`;
}

/** An integer in [min, max] (default [0, 2^53 - 1]). */
export function uint(value: unknown, name: string, max: number = MAX_SAFE, min = 0): number {
  if (typeof value !== 'number') fail('ERR_INVALID_ARG_TYPE', `"${name}" must be a number; received ${describe(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail('ERR_OUT_OF_RANGE', `"${name}" must be an integer in [${min}, ${max}]; received ${describe(value)}`);
  }
  return value;
}

export function u32(value: unknown, name: string, max: number = U32_MAX, min = 0): number {
  return uint(value, name, max, min);
}

export function bool(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') fail('ERR_INVALID_ARG_TYPE', `"${name}" must be a boolean; received ${describe(value)}`);
  return value;
}

/** One of `choices` (strings), mapped to its index-free value by `map`. */
export function choice<K extends string, V>(value: unknown, name: string, map: Record<K, V>): V {
  if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(map, value)) {
    fail('ERR_INVALID_ARGUMENT', `"${name}" must be one of ${Object.keys(map).map((k) => `'${k}'`).join(', ')}; received ${describe(value)}${typeof value === 'string' ? ` '${value}'` : ''}`);
  }
  return map[value as K];
}

export function object<T extends object>(value: unknown, name: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('ERR_INVALID_ARG_TYPE', `"${name}" must be an object; received ${describe(value)}`);
  }
  return value as T;
}

/** A Uint8Array (or an array of byte values) over a live buffer. */
export function bytes(value: unknown, name: string): Uint8Array {
  if (Array.isArray(value)) {
    // Each element is read once (a getter may run code), checked, and copied.
    const n = value.length;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = uint(value[i], `${name}[${i}]`, 255);
    return out;
  }
  if (!(value instanceof Uint8Array)) {
    fail('ERR_INVALID_ARG_TYPE', `"${name}" must be a Uint8Array; received ${describe(value)}`);
  }
  if (isDetached(value.buffer)) fail('ERR_DETACHED_BUFFER', `"${name}" is a view of a detached ArrayBuffer`);
  return value;
}

/** Node 20 has no ArrayBuffer.prototype.detached; a view cannot be made over a detached buffer. */
export function isDetached(buffer: ArrayBufferLike): boolean {
  const flag = (buffer as ArrayBuffer & { detached?: boolean }).detached;
  if (typeof flag === 'boolean') return flag;
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

const WIDTHS = { 1: 1, 2: 2, 4: 4, 8: 8 } as const;

/** A transfer or element width: 1, 2, 4 or 8 (their decimal strings too). Any other type is ERR_INVALID_ARG_TYPE
 *  (never a TypeError of String(): a Symbol, a detached typed array, an object whose toString throws). */
export function widthOf(value: unknown, name: string): 1 | 2 | 4 | 8 {
  if (value === 1 || value === 2 || value === 4 || value === 8) return value;
  if (typeof value !== 'number' && typeof value !== 'string') {
    fail('ERR_INVALID_ARG_TYPE', `"${name}" must be one of 1, 2, 4, 8; received ${describe(value)}`);
  }
  return choice(String(value), name, WIDTHS);
}
