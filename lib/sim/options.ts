// Simulator options: validates what the caller gave and fills EVERY default, so the addon receives complete
// options (native/core/options.h) and never guesses — the serialport/bindings-cpp habit. Defaults are TIMING.md's
// (in brackets there); requestLatency 2 is the engine's own (TIMING-NOTES). Every range the engine checks is checked
// here first, so a message names the field as the caller wrote it.
import type { NativeSimOptions } from '../native/binding-types.js';
import { DEFAULT_EVENT_KINDS, SIM_EVENT_KINDS, RECORD_KIND_OF, eventMask } from './events.js';
import type { Profile, SimEventKind, SimulatorOptions, TimingOptions } from './types.js';
import { bool, choice, object, u32, uint } from './validate.js';

const PROFILES = { soc: 0, i8237: 1 } as const satisfies Record<Profile, number>;
const PRIORITIES = { fixed: 0, 'round-robin': 1 } as const;

/** The bus clock a Simulator runs at unless its options say otherwise: 100 MHz. */
export const DEFAULT_CLOCK_HZ = 100_000_000;
/** The engine's limits on timing options (native/core/engine.cpp kMaxTiming, dma_types.h kMaxChannelFifoDepth). */
const MAX_TIMING = 1_000_000;
const MAX_CHANNEL_FIFO_DEPTH = 256;

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
  /** The event kinds runs deliver unless a run chooses (SimulatorOptions.events). */
  events: readonly SimEventKind[];
  /** Hardware timing perturbation as given (SimulatorOptions.perturb), or null. */
  perturb: SimulatorOptions['perturb'] | null;
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
  // The engine's ranges (native/core/engine.cpp validated), checked here so a message names the field as the caller
  // wrote it (options.timing.burstLength, not the engine's defaultBurstLength).
  const timingValue = (v: number | undefined, field: keyof TimingOptions, dflt: number, min = 0, max = MAX_TIMING) =>
    u32(v ?? dflt, `options.timing.${field}`, max, min);
  const fifoDepth = timingValue(t.fifoDepth, 'fifoDepth', 4, 1, MAX_CHANNEL_FIFO_DEPTH);
  const timing: Required<TimingOptions> = {
    arbitrationCycles: timingValue(t.arbitrationCycles, 'arbitrationCycles', 1),
    burstSetup: timingValue(t.burstSetup, 'burstSetup', 1),
    interruptLatency: timingValue(t.interruptLatency, 'interruptLatency', 1),
    requestLatency: timingValue(t.requestLatency, 'requestLatency', 2),
    burstLength: timingValue(t.burstLength, 'burstLength', 4, 1, fifoDepth),
    fifoDepth,
    maxFragments: timingValue(t.maxFragments, 'maxFragments', 64, 1, 65_536),
    priority: t.priority ?? 'fixed',
    holdLatency: timingValue(t.holdLatency, 'holdLatency', 1),
    compressedTiming: bool(t.compressedTiming ?? false, 'options.timing.compressedTiming'),
    rotatingPriority: bool(t.rotatingPriority ?? false, 'options.timing.rotatingPriority'),
  };
  choice(timing.priority, 'options.timing.priority', PRIORITIES);
  const channels = profile === 'i8237'
    ? u32(o.channels ?? 4, 'options.channels', 4, 4)
    : u32(o.channels ?? 8, 'options.channels', 32, 1);
  const interruptLines = u32(o.interruptLines ?? 64, 'options.interruptLines', 1024, 1);
  return {
    profile,
    clockHz,
    channels,
    requestLines: u32(o.requestLines ?? 32, 'options.requestLines', 1024, 1),
    interruptLines,
    controllerInterruptLine: u32(o.controllerInterruptLine ?? 0, 'options.controllerInterruptLine', interruptLines - 1),
    timing,
    fastPaths: bool(o.fastPaths ?? true, 'options.fastPaths'),
    events: eventKinds(o.events === undefined ? DEFAULT_EVENT_KINDS : o.events, 'options.events'),
    perturb: o.perturb ?? null,
  };
}

/** The kinds a selection names, in SIM_EVENT_KINDS order (checked by eventMask). */
function eventKinds(selection: SimulatorOptions['events'] & object | 'all', name: string): readonly SimEventKind[] {
  const mask = eventMask(selection, name);
  return SIM_EVENT_KINDS.filter((k) => (mask & (1 << RECORD_KIND_OF[k])) !== 0);
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
