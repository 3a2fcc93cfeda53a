// Simulator options: validates what the caller gave and fills EVERY default, so the addon receives complete
// options (native/core/options.h) and never guesses — the serialport/bindings-cpp habit. Defaults are TIMING.md's
// (in brackets there); requestLatency 2 is the engine's own (TIMING-NOTES). Ranges beyond "a non-negative integer"
// are checked by the engine, whose message names the same field.
import type { NativeSimOptions } from '../native/binding-types.js';
import type { Profile, SimulatorOptions, TimingOptions } from './types.js';
import { bool, choice, object, u32, uint } from './validate.js';

const PROFILES = { soc: 0, i8237: 1 } as const satisfies Record<Profile, number>;
const PRIORITIES = { fixed: 0, 'round-robin': 1 } as const;

export const DEFAULT_CLOCK_HZ = 100_000_000;

/** Every option with its default filled in: what a Simulator was built with. */
export interface ResolvedSimulatorOptions {
  profile: Profile;
  clockHz: number;
  channels: number;
  requestLines: number;
  interruptLines: number;
  controllerInterruptLine: number;
  timing: Required<TimingOptions>;
  /** Test/debug switch, no behavioural effect (SimulatorOptions.fastPaths). */
  fastPaths: boolean;
}

export function resolveSimulatorOptions(options: SimulatorOptions = {}): ResolvedSimulatorOptions {
  const o = object<SimulatorOptions>(options, 'options');
  const profile: Profile = o.profile === undefined ? 'soc' : o.profile;
  choice(profile, 'options.profile', PROFILES);
  const clockHz = o.clockHz ?? DEFAULT_CLOCK_HZ;
  if (typeof clockHz !== 'number' || !Number.isFinite(clockHz) || clockHz <= 0) {
    uint(clockHz, 'options.clockHz', Number.MAX_SAFE_INTEGER, 1);
  }
  const t = object<TimingOptions>(o.timing ?? {}, 'options.timing');
  const timing: Required<TimingOptions> = {
    arbitrationCycles: u32(t.arbitrationCycles ?? 1, 'options.timing.arbitrationCycles'),
    burstSetup: u32(t.burstSetup ?? 1, 'options.timing.burstSetup'),
    interruptLatency: u32(t.interruptLatency ?? 1, 'options.timing.interruptLatency'),
    requestLatency: u32(t.requestLatency ?? 2, 'options.timing.requestLatency'),
    burstLength: u32(t.burstLength ?? 4, 'options.timing.burstLength'),
    fifoDepth: u32(t.fifoDepth ?? 4, 'options.timing.fifoDepth'),
    maxFragments: u32(t.maxFragments ?? 64, 'options.timing.maxFragments'),
    priority: t.priority ?? 'fixed',
    holdLatency: u32(t.holdLatency ?? 1, 'options.timing.holdLatency'),
    compressedTiming: bool(t.compressedTiming ?? false, 'options.timing.compressedTiming'),
    rotatingPriority: bool(t.rotatingPriority ?? false, 'options.timing.rotatingPriority'),
  };
  choice(timing.priority, 'options.timing.priority', PRIORITIES);
  return {
    profile,
    clockHz,
    channels: u32(o.channels ?? (profile === 'i8237' ? 4 : 8), 'options.channels'),
    requestLines: u32(o.requestLines ?? 32, 'options.requestLines'),
    interruptLines: u32(o.interruptLines ?? 64, 'options.interruptLines'),
    controllerInterruptLine: u32(o.controllerInterruptLine ?? 0, 'options.controllerInterruptLine'),
    timing,
    fastPaths: bool(o.fastPaths ?? true, 'options.fastPaths'),
  };
}

/** The complete native options (every field of dmasim::SimOptions). */
export function toNativeOptions(r: ResolvedSimulatorOptions): NativeSimOptions {
  return {
    profile: PROFILES[r.profile],
    channels: r.channels,
    requestLines: r.requestLines,
    interruptLines: r.interruptLines,
    controllerInterruptLine: r.controllerInterruptLine,
    priority: PRIORITIES[r.timing.priority],
    arbitrationCycles: r.timing.arbitrationCycles,
    burstSetup: r.timing.burstSetup,
    interruptLatency: r.timing.interruptLatency,
    requestLatency: r.timing.requestLatency,
    defaultBurstLength: r.timing.burstLength,
    fifoDepth: r.timing.fifoDepth,
    maxFragments: r.timing.maxFragments,
    holdLatency: r.timing.holdLatency,
    compressedTiming: r.timing.compressedTiming,
    rotatingPriority: r.timing.rotatingPriority,
    fastPaths: r.fastPaths,
  };
}
