// Hostile values for the property fuzzers (issue 13 item 5): what a careless or malicious caller passes where a
// number, a boolean, a string, a byte array or an options object belongs — wrong types, NaN and the edges of the
// number line, BigInt, Symbols, detached buffers, Proxies and getters that throw or call the simulator back
// (re-entrancy, dispose in the middle). A getter's own exception is the caller's (CallerError) and must come through
// unchanged; everything the library throws must be a coded SimulatorError.
import fc from 'fast-check';
import type { Machine } from './sim-catalogue.js';

/** What hostile getters and Proxies throw: the caller's own error, which the library must let through as it is. */
export class CallerError extends Error {
  constructor() {
    super('a caller getter threw');
    this.name = 'CallerError';
  }
}

function detachedBytes(): Uint8Array {
  const buffer = new ArrayBuffer(8);
  const view = new Uint8Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

/** A Proxy that throws CallerError on every trap (get, has, ownKeys, getPrototypeOf...). */
function throwingProxy(): object {
  const fail = () => {
    throw new CallerError();
  };
  return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getPrototypeOf: fail, getOwnPropertyDescriptor: fail });
}

/** Values that are hostile anywhere: each is built fresh, so a detached buffer or a Proxy is never shared. */
export function hostileValue(m: () => Machine): fc.Arbitrary<{ label: string; make: () => unknown }> {
  const constants: [string, () => unknown][] = [
    ['NaN', () => NaN], ['Infinity', () => Infinity], ['-Infinity', () => -Infinity], ['-1', () => -1], ['-0', () => -0],
    ['0.5', () => 0.5], ['2^53', () => 2 ** 53], ['2^64', () => 2 ** 64], ['MAX_VALUE', () => Number.MAX_VALUE],
    ['1e-300', () => 1e-300], ['2^32', () => 2 ** 32], ['-2^31', () => -(2 ** 31)],
    ["'7'", () => '7'], ["''", () => ''], ["'tx '", () => 'tx '], ["'__proto__'", () => '__proto__'],
    ['Symbol', () => Symbol('hostile')], ['10n', () => 10n], ['null', () => null], ['undefined', () => undefined],
    ['true', () => true], ['{}', () => ({})], ['[]', () => []], ['[1, 2]', () => [1, 2]], ['function', () => () => 1],
    ['Date', () => new Date(0)], ['detached Uint8Array', detachedBytes], ['Float64Array', () => new Float64Array(4)],
    ['Uint8Array', () => Uint8Array.of(1, 2, 3)], ['throwing Proxy', throwingProxy],
    ['throwing valueOf', () => ({ valueOf: () => { throw new CallerError(); }, toString: () => { throw new CallerError(); } })],
    ['sparse array', () => [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['array with a throwing element', () => Object.defineProperty([1, 2, 3], 1, { get: () => { throw new CallerError(); } })],
    ['array whose element disposes the simulator', () => Object.defineProperty([1, 2, 3], 1, { get: () => { m().sim.dispose(); return 2; } })],
    ['object whose getter disposes the simulator', () => new Proxy({}, { get: (_t, k) => (k === 'then' ? undefined : (m().sim.dispose(), 1)) })],
    ['object whose getter runs the simulator', () => new Proxy({}, { get: (_t, k) => (k === 'then' ? undefined : (m().sim.runFor(3), 4)) })],
  ];
  return fc.constantFrom(...constants).map(([label, make]) => ({ label, make }));
}
