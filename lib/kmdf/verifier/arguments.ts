// Argument checks at a DDI's entry, before it touches any state (lib/kmdf/README.md "Bad arguments"). KMDF's own
// check is FxPointerNotNull (FX-VER fxmacros.hpp, fxverifierbugcheck.cpp): a NULL required pointer is bug check
// 0x10D / WDF_REQUIRED_PARAMETER_IS_NULL (0x4), unconditionally. A handle of the wrong type is WDF_INVALID_HANDLE
// (0x5, object/resolve.ts). What C's compiler would have refused — a number where a structure, an MDL, an Out box or
// a callback goes, a callback that is not a function, a string where a ULONG goes — cannot reach the framework in C,
// so KMDF has no answer of its own for it; this model stops at the call with 0x10D / WDF_VERIFIER_FATAL_ERROR (0x3,
// the verifier's general fatal error), parameter 2 the object's handle value (0 if none), parameter 3 the argument's
// position (1-based), and a rule naming the DDI, the argument and what it was given. Values of the right type that a
// DDI documents a status for (a bad direction, a Size that is not sizeof) keep that status (the DDIs check them).
import { HalError, Out, currentKernel, describeValue } from '../fx/hal.js';
import { FxDriverGlobals } from '../fx/globals.js';
import { WDF_REQUIRED_PARAMETER_IS_NULL, WDF_VERIFIER_FATAL_ERROR, WDF_VIOLATION } from './bugcheck.js';

/** What a wrong argument is, in words (lib/hal's, so the two layers describe a value alike). */
export { describeValue };

/**
 * The framework globals a DDI without a handle reports through: the driver whose code runs now. Outside any driver
 * (test code calling a DDI directly, not through host.call) there is no framework to answer: a coded HalError.
 */
export function fxCallerGlobals(ddi: string): FxDriverGlobals {
  const g = FxDriverGlobals.current;
  if (!g) {
    throw new HalError('ERR_INVALID_STATE', `${ddi}: called outside any driver (no framework globals are active); call DDIs from driver code or inside host.call(driver, fn)`);
  }
  g.checkAlive();
  return g;
}

/** 0x10D / WDF_REQUIRED_PARAMETER_IS_NULL for `name`. */
export function fxNullParameter(g: FxDriverGlobals, ddi: string, name: string, object: { handleValue: number; describe(): string } | null = null): never {
  return g.fatal(WDF_VIOLATION, WDF_REQUIRED_PARAMETER_IS_NULL, 0, 0, {
    ddi,
    object: object ? object.describe() : null,
    state: null,
    rule: `${name} is a required parameter and must not be NULL.`,
  });
}

/** 0x10D / WDF_VERIFIER_FATAL_ERROR: `name` (parameter `position`) is `value`, which is not `expected`. */
export function fxWrongType(
  g: FxDriverGlobals,
  ddi: string,
  name: string,
  position: number,
  value: unknown,
  expected: string,
  object: { handleValue: number; describe(): string } | null = null,
): never {
  return g.fatal(WDF_VIOLATION, WDF_VERIFIER_FATAL_ERROR, object ? object.handleValue : 0, position, {
    ddi,
    object: object ? object.describe() : null,
    state: null,
    rule: `${name} is ${describeValue(value)}, not ${expected}.`,
  });
}

type Owner = { handleValue: number; describe(): string } | null;

/** A required structure (or other object) pointer: NULL → 0x4, not an object → 0x3. */
export function fxStruct<T>(g: FxDriverGlobals, ddi: string, name: string, position: number, value: T, owner: Owner = null): NonNullable<T> {
  if (value === null || value === undefined) fxNullParameter(g, ddi, name, owner);
  if (typeof value !== 'object') fxWrongType(g, ddi, name, position, value, `a pointer to a structure`, owner);
  return value as NonNullable<T>;
}

/** An optional structure pointer (NULL allowed). */
export function fxOptionalStruct<T>(g: FxDriverGlobals, ddi: string, name: string, position: number, value: T, owner: Owner = null): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') fxWrongType(g, ddi, name, position, value, 'a pointer to a structure or NULL', owner);
  return value;
}

/** A required callback: NULL → 0x4, not a function → 0x3. */
export function fxCallback<T>(g: FxDriverGlobals, ddi: string, name: string, position: number, value: T, owner: Owner = null): NonNullable<T> {
  if (value === null || value === undefined) fxNullParameter(g, ddi, name, owner);
  if (typeof value !== 'function') fxWrongType(g, ddi, name, position, value, 'a function', owner);
  return value as NonNullable<T>;
}

/** An optional callback (a parameter or a structure field): NULL or a function, else 0x3. */
export function fxOptionalCallback<T>(g: FxDriverGlobals, ddi: string, name: string, position: number, value: T, owner: Owner = null): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'function') fxWrongType(g, ddi, name, position, value, 'a function or NULL', owner);
  return value;
}

/** The callback fields of a structure the DDI consumes: each NULL or a function (checked on the DDI's own copy). */
export function fxCallbackFields(g: FxDriverGlobals, ddi: string, struct: string, position: number, copy: object, fields: readonly string[], owner: Owner = null): void {
  const c = copy as Record<string, unknown>;
  for (const f of fields) {
    const v = c[f];
    if (v !== null && v !== undefined && typeof v !== 'function') fxWrongType(g, ddi, `${struct}->${f}`, position, v, 'a function or NULL', owner);
  }
}

/** A required C out-parameter: an Out box (lib/hal/out.ts). NULL → 0x4, anything else → 0x3. */
export function fxOut<T>(g: FxDriverGlobals, ddi: string, name: string, position: number, value: Out<T> | null | undefined, owner: Owner = null): Out<T> {
  if (value instanceof Out) return value;
  if (value === null || value === undefined) fxNullParameter(g, ddi, name, owner);
  return fxWrongType(g, ddi, name, position, value, 'an Out box (a C out-parameter)', owner);
}

/** An optional out-parameter: NULL or an Out box. */
export function fxOptionalOut<T>(g: FxDriverGlobals, ddi: string, name: string, position: number, value: Out<T> | null | undefined, owner: Owner = null): Out<T> | null {
  if (value instanceof Out) return value;
  if (value === null || value === undefined) return null;
  return fxWrongType(g, ddi, name, position, value, 'an Out box (a C out-parameter) or NULL', owner);
}

/** A ULONG / size_t-style count: an integer in [0, max]; anything else (NaN, 0.5, -1, a string) → 0x3. */
export function fxUnsigned(g: FxDriverGlobals, ddi: string, name: string, position: number, value: unknown, max = 0xffff_ffff, owner: Owner = null): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max) return value;
  return fxWrongType(g, ddi, name, position, value, max === 0xffff_ffff ? 'a ULONG (an integer 0..0xFFFFFFFF)' : `an unsigned integer 0..${max}`, owner);
}

/** A LONG / LONGLONG-style integer (any safe integer). */
export function fxInteger(g: FxDriverGlobals, ddi: string, name: string, position: number, value: unknown, owner: Owner = null): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  return fxWrongType(g, ddi, name, position, value, 'an integer', owner);
}

/** An NTSTATUS: a 32-bit value (signed or unsigned form). */
export function fxStatus(g: FxDriverGlobals, ddi: string, name: string, position: number, value: unknown, owner: Owner = null): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= -0x8000_0000 && value <= 0xffff_ffff) return value;
  return fxWrongType(g, ddi, name, position, value, 'an NTSTATUS (a 32-bit integer)', owner);
}

/** A BOOLEAN: true / false (or C's 1 / 0). */
export function fxBoolean(g: FxDriverGlobals, ddi: string, name: string, position: number, value: unknown, owner: Owner = null): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  return fxWrongType(g, ddi, name, position, value, 'a BOOLEAN (true or false)', owner);
}

/**
 * For the WDF_*_INIT helpers, which are inline functions in the WDF headers — driver code the framework never sees
 * (README "Bad arguments"): a NULL or non-structure pointer is the helper's own fault, answered with a coded HalError
 * naming the helper and the argument (ERR_INVALID_ARG_TYPE), never a TypeError; it does not halt the machine (it
 * knows no machine: the structure is the driver's own memory).
 */
export function helperStruct<T>(helper: string, name: string, value: T, writes = true): NonNullable<T> {
  if (value === null || value === undefined || typeof value !== 'object') {
    throw new HalError('ERR_INVALID_ARG_TYPE', `${helper}: ${name} is ${describeValue(value)}, not a pointer to ${writes ? 'the structure to initialize' : 'a structure'}.`);
  }
  if (writes && (Object.isFrozen(value) || !Object.isExtensible(value))) {
    throw new HalError('ERR_INVALID_ARG_TYPE', `${helper}: ${name} is a frozen or non-extensible object; the helper writes its fields.`);
  }
  if (writes) {
    // A field the helper cannot assign (writable: false, or a getter without a setter) would make its write a
    // TypeError in the middle of the initialization: refuse the structure before touching it.
    const fields = Object.getOwnPropertyDescriptors(value);
    for (const field of Object.keys(fields)) {
      const d = fields[field]!;
      if (d.writable === false || (d.get !== undefined && d.set === undefined)) {
        throw new HalError('ERR_INVALID_ARG_TYPE', `${helper}: ${name}.${field} is read-only; the helper writes its fields.`);
      }
    }
  }
  return value as NonNullable<T>;
}

/** A helper's pointer argument that it stores but does not write (NULL allowed by the caller's check). */
export function helperPointer(helper: string, name: string, value: unknown): never {
  throw new HalError('ERR_INVALID_ARG_TYPE', `${helper}: ${name} is ${describeValue(value)}, not a pointer to a structure or NULL.`);
}

/** A helper's callback argument: NULL allowed where the header allows it, else a function. */
export function helperCallback<T>(helper: string, name: string, value: T, optional: boolean): T {
  if ((value === null || value === undefined) && optional) return value;
  if (typeof value !== 'function') {
    throw new HalError('ERR_INVALID_ARG_TYPE', `${helper}: ${name} is ${describeValue(value)}, not a function${optional ? ' or NULL' : ''}.`);
  }
  return value;
}

/** A helper's numeric argument. */
export function helperNumber(helper: string, name: string, value: unknown, check: (n: number) => boolean, expected: string): number {
  if (typeof value !== 'number' || !check(value)) {
    throw new HalError('ERR_INVALID_ARG_TYPE', `${helper}: ${name} is ${describeValue(value)}, not ${expected}.`);
  }
  return value;
}

/** A helper's name argument: a non-empty string. */
export function helperString(helper: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new HalError('ERR_INVALID_ARG_TYPE', `${helper}: ${name} is ${describeValue(value)}, not a non-empty string.`);
  }
  return value;
}

/** A DDI given no handle to find its driver by, and no driver running (WdfDriverCreate's own DriverObject): the bug
 *  check goes to the machine the call runs on. */
export function fxMachineBugCheck(subcode: number, ddi: string, rule: string, position = 0): never {
  const k = currentKernel();
  return k.bugCheck({ code: WDF_VIOLATION, parameters: [subcode, 0, position, 0], ddi, rule });
}
