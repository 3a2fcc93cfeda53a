// The software timing model with distributions (issue 11 item 1): how long the simulated CPU takes to reach an ISR, a
// DPC, and how long each kind of driver callback runs — a fixed number of cycles (today's default, so every cycle a
// suite asserts holds) or a distribution drawn from the machine's one seeded generator (random.ts). A Draw is checked
// once, when the machine is made: a bad shape or range is a coded error naming the option.
//
//  number                                  exactly that many cycles
//  { uniform: [min, max] }                 every whole number of cycles in [min, max] equally likely
//  { choice: [a, b, ...] }                 one of the listed values, equally likely
//  { exponential: { mean, max } }          a long tail: an exponential of that mean, rounded, cut at max
//
// Every value is a whole number of cycles in [0, 10^9].
import { HalError } from './hal-error.js';
import type { MachineRandom } from '../sim/random.js';
import type { HardwarePerturbation } from '../sim/perturbation.js';

/**
 * A distribution of cycle counts: a fixed number, uniform over [min, max], a choice among values, or exponential with a
 * mean, capped at max.
 */
export type Draw =
  | number
  | { readonly uniform: readonly [number, number] }
  | { readonly choice: readonly number[] }
  | { readonly exponential: { readonly mean: number; readonly max: number } };

/** The largest latency a Draw may give: 10^9 cycles (10 s at 100 MHz). */
export const MAX_DRAW = 1_000_000_000;

/** A checked Draw: how to get one value from a generator (or the fixed value without one). */
export interface Drawn {
  /** The fixed value, or null when the Draw is a distribution. */
  readonly fixed: number | null;
  /** The smallest and largest values it can give. */
  readonly min: number;
  readonly max: number;
  draw(random: MachineRandom | null): number;
}

function cycles(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new HalError('ERR_INVALID_ARG_TYPE', `"${name}" must be a number of cycles; received ${value === null ? 'null' : typeof value}`);
  if (!Number.isInteger(value) || value < 0 || value > MAX_DRAW) {
    throw new HalError('ERR_OUT_OF_RANGE', `"${name}" must be a whole number of cycles in [0, ${MAX_DRAW}]; received ${value}`);
  }
  return value;
}

/** Checks a Draw (`name` is what the caller called it) and returns how to draw from it. */
export function checkDraw(value: unknown, name: string): Drawn {
  if (typeof value === 'number') {
    const v = cycles(value, name);
    return { fixed: v, min: v, max: v, draw: () => v };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HalError('ERR_INVALID_ARG_TYPE', `"${name}" must be a number of cycles or a distribution ({uniform}, {choice}, {exponential}); received ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) throw new HalError('ERR_INVALID_ARGUMENT', `"${name}" must have exactly one of uniform, choice, exponential; received ${keys.join(', ') || 'none'}`);
  const kind = keys[0]!;
  if (kind === 'uniform') {
    const u = o.uniform;
    if (!Array.isArray(u) || u.length !== 2) throw new HalError('ERR_INVALID_ARG_TYPE', `"${name}.uniform" must be [min, max]`);
    const min = cycles(u[0], `${name}.uniform[0]`);
    const max = cycles(u[1], `${name}.uniform[1]`);
    if (min > max) throw new HalError('ERR_OUT_OF_RANGE', `"${name}.uniform" must have min <= max; received [${min}, ${max}]`);
    return { fixed: min === max ? min : null, min, max, draw: (r) => (r === null ? min : r.int(min, max)) };
  }
  if (kind === 'choice') {
    const c = o.choice;
    if (!Array.isArray(c) || c.length === 0) throw new HalError('ERR_INVALID_ARG_TYPE', `"${name}.choice" must be a non-empty array of cycle counts`);
    const values = c.map((v, i) => cycles(v, `${name}.choice[${i}]`));
    const min = Math.min(...values);
    const max = Math.max(...values);
    return { fixed: min === max ? min : null, min, max, draw: (r) => (r === null ? values[0]! : values[r.int(0, values.length - 1)]!) };
  }
  if (kind === 'exponential') {
    const e = o.exponential as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null) throw new HalError('ERR_INVALID_ARG_TYPE', `"${name}.exponential" must be {mean, max}`);
    const mean = cycles(e.mean, `${name}.exponential.mean`);
    const max = cycles(e.max, `${name}.exponential.max`);
    if (mean > max) throw new HalError('ERR_OUT_OF_RANGE', `"${name}.exponential" must have mean <= max; received mean ${mean}, max ${max}`);
    return {
      fixed: mean === 0 ? 0 : null,
      min: 0,
      max,
      draw: (r) => (r === null ? mean : Math.min(max, Math.round(-mean * Math.log(1 - r.unit())))),
    };
  }
  throw new HalError('ERR_INVALID_ARGUMENT', `"${name}" has an unknown distribution '${kind}' (uniform, choice, exponential)`);
}

/**
 * The seeded timing of an explored machine (KernelOptions.explore; lib/explore makes it from its perturbation
 * options): the seed every draw of this machine follows from, and what varies. A field left null keeps the
 * machine's own fixed value.
 */
export interface MachineTiming {
  readonly seed: number;
  readonly isrLatency: Drawn | null;
  readonly dpcLatency: Drawn | null;
  /** Extra cycles each kind of callback runs (cost-table keys: 'EvtProgramDma', 'ISR', 'DPC', ...). */
  readonly callbackCost: ReadonlyMap<string, Drawn>;
  /** The kernel clock tick in cycles, or null for the machine's own (latencies.timerResolution). */
  readonly clockTickCycles: ((clockHz: number) => number) | null;
  /** A DPC lands on another processor's queue with this probability (numerator / 2^32) and runs `delay` later. */
  readonly crossProcessorDpc: { readonly probability: number; readonly delay: Drawn } | null;
  /** Hardware perturbation, applied by the engine: lib/sim SimulatorOptions.perturb without its seed (the kernel gives
   *  the engine a fork of this machine's seed). */
  readonly hardware: Omit<HardwarePerturbation, 'seed'> | null;
}
