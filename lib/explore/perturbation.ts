// What exploration may change about a machine's timing (issue 11 items 1–2), each a documented option with its range,
// all drawn from the machine's one seeded generator. Software: ISR and DPC latency, the time each kind of callback
// runs, the kernel clock tick timers round up to, a DPC that lands on another processor's queue. Hardware:
// request-line jitter, device rate drift, bus load from another master, wait-state variation. Nothing given means
// nothing changes: the machine's own fixed numbers stay, so every cycle a suite asserts holds.
//
// | option              | shape                             | range                          | what it models
// |---------------------|-----------------------------------|--------------------------------|-------------------------------
// | isrLatency          | Draw (cycles)                     | 0 .. 10^6                      | line rise to ISR, per interrupt
// | dpcLatency          | Draw (cycles)                     | 0 .. 10^6                      | KeInsertQueueDpc to the routine
// | callbackCost        | { [callback]: Draw }              | 0 .. 10^6 each                 | the time that callback runs
// | clockTick           | 'exact' | 'windows' | 'high-resolution' | cycles | 1 .. 10^9           | timers round up to it
// | crossProcessorDpc   | { probability, delay: Draw }      | probability 0 .. 1, delay 0 .. 10^6 | a DPC runs on another CPU, late
// | requestJitter       | Draw (cycles)                     | 0 .. 64                        | extra synchroniser delay per request rise
// | rateDrift           | fraction                          | 0 .. 0.05 (a UART: 0.02)       | each port's rate x (1 + d), d in [-x, x]
// | busLoad             | { period: Draw, cycles: Draw }    | period 1 .. 10^6, cycles 0 .. 10^4 | another master holds the bus
// | waitStates          | Draw (cycles)                     | 0 .. 16                        | extra wait cycles per burst
//
// 'windows' is Windows' default clock tick, 15.625 ms; 'high-resolution' 1 ms (timeBeginPeriod(1) / a high-resolution
// timer); 'exact' is one bus cycle, the machine's default.
import { checkDraw, type Draw, type Drawn, type MachineTiming } from '../hal/timing-model.js';
import type { CycleDraw } from '../sim/perturbation.js';
import { ExploreError } from './explore-error.js';

/** The kernel clock tick to explore: exact (1 cycle), Windows' 15.625 ms, a high-resolution 1 ms, or cycles. */
export type ClockTick = 'exact' | 'windows' | 'high-resolution' | number;

/**
 * What exploration may vary and by how much (the table in the file comment): software latencies and costs, the clock
 * tick, cross-processor DPCs, and the hardware perturbation.
 */
export interface PerturbOptions {
  isrLatency?: Draw;
  dpcLatency?: Draw;
  callbackCost?: Readonly<Record<string, Draw>>;
  clockTick?: ClockTick;
  crossProcessorDpc?: { readonly probability: number; readonly delay: Draw };
  requestJitter?: Draw;
  rateDrift?: number;
  busLoad?: { readonly period: Draw; readonly cycles: Draw };
  waitStates?: Draw;
}

/** The options, checked, with each Draw ready to draw from. */
export interface Perturbation {
  readonly options: PerturbOptions;
  readonly isrLatency: Drawn | null;
  readonly dpcLatency: Drawn | null;
  readonly callbackCost: ReadonlyMap<string, Drawn>;
  readonly clockTick: ClockTick | null;
  readonly crossProcessorDpc: { probability: number; delay: Drawn } | null;
  readonly requestJitter: Drawn | null;
  readonly rateDrift: number | null;
  readonly busLoad: { period: Drawn; cycles: Drawn } | null;
  readonly waitStates: Drawn | null;
}

const KEYS: readonly (keyof PerturbOptions)[] = [
  'isrLatency', 'dpcLatency', 'callbackCost', 'clockTick', 'crossProcessorDpc', 'requestJitter', 'rateDrift', 'busLoad', 'waitStates',
];

/** A Draw of the engine (fixed, uniform or choice: the engine draws with integers only, so no exponential). */
function engineDraw(value: unknown, name: string, max: number, min = 0): Drawn {
  if (typeof value === 'object' && value !== null && 'exponential' in value) {
    throw new ExploreError('ERR_INVALID_ARGUMENT', `"${name}" must be a number, {uniform} or {choice}: the engine draws hardware timing with integers only (no exponential)`);
  }
  return bounded(value, name, max, min);
}

/** A Draw whose every value lies in [0, max]. */
function bounded(value: unknown, name: string, max: number, min = 0): Drawn {
  const d = checkDraw(value, name);
  if (d.min < min || d.max > max) {
    throw new ExploreError('ERR_OUT_OF_RANGE', `"${name}" must stay within [${min}, ${max}] cycles; it can give ${d.min} .. ${d.max}`);
  }
  return d;
}

function record(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ExploreError('ERR_INVALID_ARG_TYPE', `"${name}" must be an object; received ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

/** Checks perturbation options (`name` is what the caller called them: 'options.perturb'). */
export function checkPerturbation(options: unknown, name = 'options.perturb'): Perturbation {
  const o = options === undefined ? {} : record(options, name);
  for (const key of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new ExploreError('ERR_INVALID_ARGUMENT', `"${name}.${key}" is not a perturbation; the options are ${KEYS.join(', ')}`);
    }
  }
  const n = (k: string) => `${name}.${k}`;
  const cost = new Map<string, Drawn>();
  if (o.callbackCost !== undefined) {
    for (const [callback, draw] of Object.entries(record(o.callbackCost, n('callbackCost')))) {
      cost.set(callback, bounded(draw, `${n('callbackCost')}.${callback}`, 1_000_000));
    }
  }
  let tick: ClockTick | null = null;
  if (o.clockTick !== undefined) {
    const t = o.clockTick;
    if (t === 'exact' || t === 'windows' || t === 'high-resolution') tick = t;
    else if (typeof t === 'number' && Number.isInteger(t) && t >= 1 && t <= 1_000_000_000) tick = t;
    else throw new ExploreError('ERR_OUT_OF_RANGE', `"${n('clockTick')}" must be 'exact', 'windows', 'high-resolution' or a whole number of cycles in [1, 10^9]; received ${String(t)}`);
  }
  let cross: Perturbation['crossProcessorDpc'] = null;
  if (o.crossProcessorDpc !== undefined) {
    const c = record(o.crossProcessorDpc, n('crossProcessorDpc'));
    const p = c.probability;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new ExploreError('ERR_OUT_OF_RANGE', `"${n('crossProcessorDpc')}.probability" must be a number in [0, 1]; received ${String(p)}`);
    }
    cross = { probability: p, delay: bounded(c.delay, `${n('crossProcessorDpc')}.delay`, 1_000_000) };
  }
  let drift: number | null = null;
  if (o.rateDrift !== undefined) {
    const d = o.rateDrift;
    if (typeof d !== 'number' || !(d >= 0 && d <= 0.05)) {
      throw new ExploreError('ERR_OUT_OF_RANGE', `"${n('rateDrift')}" must be a fraction in [0, 0.05] (a UART tolerates 0.02); received ${String(d)}`);
    }
    drift = d;
  }
  let load: Perturbation['busLoad'] = null;
  if (o.busLoad !== undefined) {
    const b = record(o.busLoad, n('busLoad'));
    load = { period: engineDraw(b.period, `${n('busLoad')}.period`, 1_000_000, 1), cycles: engineDraw(b.cycles, `${n('busLoad')}.cycles`, 10_000) };
  }
  return {
    options: o as PerturbOptions,
    isrLatency: o.isrLatency === undefined ? null : bounded(o.isrLatency, n('isrLatency'), 1_000_000),
    dpcLatency: o.dpcLatency === undefined ? null : bounded(o.dpcLatency, n('dpcLatency'), 1_000_000),
    callbackCost: cost,
    clockTick: tick,
    crossProcessorDpc: cross,
    requestJitter: o.requestJitter === undefined ? null : engineDraw(o.requestJitter, n('requestJitter'), 64),
    rateDrift: drift,
    busLoad: load,
    waitStates: o.waitStates === undefined ? null : engineDraw(o.waitStates, n('waitStates'), 16),
  };
}

/** The names of the options a perturbation sets (for reports and shrinking). */
export function perturbationKeys(p: PerturbOptions): (keyof PerturbOptions)[] {
  return KEYS.filter((k) => p[k] !== undefined);
}

/** Windows' default clock tick (15.625 ms) and the high-resolution one (1 ms), in seconds. */
const WINDOWS_TICK_S = 0.015625;
const HIGH_RESOLUTION_TICK_S = 0.001;

/** The machine timing (lib/hal) of a checked perturbation, for the machine with this seed. */
export function machineTiming(p: Perturbation, seed: number): MachineTiming {
  const tick = p.clockTick;
  return {
    seed,
    isrLatency: p.isrLatency,
    dpcLatency: p.dpcLatency,
    callbackCost: p.callbackCost,
    clockTickCycles: tick === null ? null
      : tick === 'exact' ? () => 1
      : tick === 'windows' ? (hz) => Math.max(1, Math.round(hz * WINDOWS_TICK_S))
      : tick === 'high-resolution' ? (hz) => Math.max(1, Math.round(hz * HIGH_RESOLUTION_TICK_S))
      : () => tick,
    crossProcessorDpc: p.crossProcessorDpc,
    hardware: hardwareOf(p.options),
  };
}

/** The engine's share of the options (lib/sim SimulatorOptions.perturb without its seed), or null for none. */
function hardwareOf(o: PerturbOptions): MachineTiming['hardware'] {
  const h: { -readonly [K in keyof NonNullable<MachineTiming['hardware']>]?: NonNullable<MachineTiming['hardware']>[K] } = {};
  if (o.requestJitter !== undefined) h.requestJitter = o.requestJitter as CycleDraw;
  if (o.waitStates !== undefined) h.waitStates = o.waitStates as CycleDraw;
  if (o.busLoad !== undefined) h.busLoad = o.busLoad as { period: CycleDraw; cycles: CycleDraw };
  if (o.rateDrift !== undefined) h.rateDrift = o.rateDrift;
  return Object.keys(h).length === 0 ? null : h;
}
