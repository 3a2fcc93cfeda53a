// Hardware timing perturbation of a simulator (issue 11 item 2; SimulatorOptions.perturb), checked here with the
// caller's names and handed to the engine (native/core/perturbation.h): request-line jitter, wait-state variation and
// bus load from another master are drawn in the engine per event, from one splitmix64 generator seeded by `seed`
// (integer arithmetic only: the same cycles on every platform); device rate drift is drawn here, once per port, from
// the same seed (MachineRandom), and scales the port's exact rate. Off unless given. While any engine perturbation is
// on, the engine's fast paths are off (they assume fixed timing; they have no behavioural effect).
//
// | option        | shape                                   | range                     |
// |---------------|-----------------------------------------|---------------------------|
// | seed          | safe integer                            |                           |
// | requestJitter | cycles: n, {uniform: [a, b]}, {choice}  | 0 .. 64 per request rise  |
// | waitStates    | cycles, as above                        | 0 .. 16 per beat, drawn per burst and side |
// | busLoad       | { period: cycles, cycles: cycles }      | period 1 .. 10^6, cycles 0 .. 10^4 |
// | rateDrift     | fraction                                | 0 .. 0.05 (each port x (1 + d), d in [-x, x], ppm steps) |
import type { NativePerturbation } from '../native/binding-types.js';
import { fail } from './errors.js';
import { MachineRandom } from './random.js';
import type { RateRational } from './types.js';

/** A distribution of cycle counts the engine can draw: a number, {uniform: [min, max]}, or {choice: [...]}. */
export type CycleDraw = number | { readonly uniform: readonly [number, number] } | { readonly choice: readonly number[] };

/**
 * Hardware timing the engine perturbs for exploration, drawn from its own seed: request-line jitter, wait-state
 * variation and bus load from another master.
 */
export interface HardwarePerturbation {
  seed: number;
  requestJitter?: CycleDraw;
  waitStates?: CycleDraw;
  busLoad?: { readonly period: CycleDraw; readonly cycles: CycleDraw };
  rateDrift?: number;
}

function whole(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number') fail('ERR_INVALID_ARG_TYPE', `"${name}" must be a number of cycles; received ${v === null ? 'null' : typeof v}`);
  if (!Number.isInteger(v) || v < min || v > max) fail('ERR_OUT_OF_RANGE', `"${name}" must be a whole number of cycles in [${min}, ${max}]; received ${v}`);
  return v;
}

/** The engine's encoding of a draw ([kind, a, b] or [2, values...]), checked against [min, max]. */
function encode(d: unknown, name: string, min: number, max: number): Float64Array {
  if (typeof d === 'number') return Float64Array.of(0, whole(d, name, min, max), 0);
  if (typeof d !== 'object' || d === null || Array.isArray(d)) {
    fail('ERR_INVALID_ARG_TYPE', `"${name}" must be a number of cycles, {uniform: [min, max]} or {choice: [...]}; received ${d === null ? 'null' : typeof d}`);
  }
  const o = d as Record<string, unknown>;
  if (Array.isArray(o.uniform) && Object.keys(o).length === 1) {
    const [a, b] = [whole(o.uniform[0], `${name}.uniform[0]`, min, max), whole(o.uniform[1], `${name}.uniform[1]`, min, max)];
    if (o.uniform.length !== 2 || a > b) fail('ERR_OUT_OF_RANGE', `"${name}.uniform" must be [min, max] with min <= max`);
    return Float64Array.of(1, a, b);
  }
  if (Array.isArray(o.choice) && Object.keys(o).length === 1) {
    if (o.choice.length === 0 || o.choice.length > 4096) fail('ERR_INVALID_ARGUMENT', `"${name}.choice" must list 1..4096 values`);
    return Float64Array.of(2, ...o.choice.map((v, i) => whole(v, `${name}.choice[${i}]`, min, max)));
  }
  fail('ERR_INVALID_ARGUMENT', `"${name}" must be a number of cycles, {uniform: [min, max]} or {choice: [...]} (the engine draws no other shape)`);
}

export interface CheckedPerturbation {
  native: NativePerturbation;
  /** Scales a port's rate by its drawn drift (the identity when there is no drift). */
  driftRate(rate: RateRational): RateRational;
}

const PPM = 1_000_000;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Checks SimulatorOptions.perturb (`name` is what the caller called it). */
export function checkHardwarePerturbation(value: unknown, name = 'options.perturb'): CheckedPerturbation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('ERR_INVALID_ARG_TYPE', `"${name}" must be an object; received ${value === null ? 'null' : typeof value}`);
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['seed', 'requestJitter', 'waitStates', 'busLoad', 'rateDrift'].includes(k)) {
      fail('ERR_INVALID_ARGUMENT', `"${name}.${k}" is not a hardware perturbation (seed, requestJitter, waitStates, busLoad, rateDrift)`);
    }
  }
  const seed = o.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) fail(typeof seed === 'number' ? 'ERR_OUT_OF_RANGE' : 'ERR_INVALID_ARG_TYPE', `"${name}.seed" must be a safe integer; received ${typeof seed === 'number' ? seed : typeof seed}`);
  let busPeriod: Float64Array | null = null;
  let busCycles: Float64Array | null = null;
  if (o.busLoad !== undefined) {
    const b = o.busLoad as Record<string, unknown> | null;
    if (typeof b !== 'object' || b === null) fail('ERR_INVALID_ARG_TYPE', `"${name}.busLoad" must be {period, cycles}`);
    busPeriod = encode(b.period, `${name}.busLoad.period`, 1, 1_000_000);
    busCycles = encode(b.cycles, `${name}.busLoad.cycles`, 0, 10_000);
  }
  const drift = o.rateDrift ?? 0;
  if (typeof drift !== 'number' || !(drift >= 0 && drift <= 0.05)) {
    fail('ERR_OUT_OF_RANGE', `"${name}.rateDrift" must be a fraction in [0, 0.05]; received ${String(drift)}`);
  }
  const native: NativePerturbation = {
    // the engine's own generator: a fork, so the rate drift's draws below never shift the engine's
    seed: new MachineRandom(seed).fork('engine').seed,
    requestJitter: o.requestJitter === undefined ? Float64Array.of(0, 0, 0) : encode(o.requestJitter, `${name}.requestJitter`, 0, 64),
    waitStates: o.waitStates === undefined ? Float64Array.of(0, 0, 0) : encode(o.waitStates, `${name}.waitStates`, 0, 16),
    busPeriod,
    busCycles,
  };
  const ppm = Math.round(drift * PPM);
  const random = new MachineRandom(seed).fork('rate drift');
  return {
    native,
    driftRate(rate) {
      if (ppm === 0) return rate;
      const d = random.int(-ppm, ppm); // one draw per port, in the order the ports are added
      let n = rate.numerator * (PPM + d);
      let q = rate.denominator * PPM;
      if (!Number.isSafeInteger(n) || !Number.isSafeInteger(q)) return rate;
      const g = gcd(n, q);
      n /= g;
      q /= g;
      // an exact drifted rate fits the engine's rational (q <= 2^32, n <= 2^53) for every rate a device uses; a
      // rate whose denominator is already huge keeps its own value instead (documented: drift needs q * 10^6 <= 2^32)
      if (q > 2 ** 32 || !Number.isSafeInteger(n) || n < q) return rate;
      return { numerator: n, denominator: q };
    },
  };
}
