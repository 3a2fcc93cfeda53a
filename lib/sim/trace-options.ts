// The options of a hardware trace (sim.trace.start, and the hardware part of host.trace.start): which signal groups,
// the start trigger, a ring of the last N cycles and the hard cap on records. Checked here with coded errors that
// name the option (`trace.groups[1]`, `trace.cap`, `trace.start`), then handed to the engine complete
// (native/core/trace_recorder.h TraceOptions). The software groups and triggers belong to lib/hal / lib/kmdf; a
// caller that has them (lib/host) passes their names in, so one check covers both.
import type { NativeTraceOptions } from '../native/binding-types.js';
import { fail } from './errors.js';
import { object, uint } from './validate.js';

/** Hardware signal groups (native/core/trace_recorder.h trace_group). */
export const HARDWARE_TRACE_GROUPS = ['request', 'channel', 'bus', 'interrupt', 'port'] as const;
/** A group of hardware signals a trace can record: request, channel, bus, interrupt or port. */
export type HardwareTraceGroup = (typeof HARDWARE_TRACE_GROUPS)[number];

/** Engine events that can start a trace (event.h kinds; line events start on a rise). */
export const HARDWARE_TRACE_TRIGGERS = {
  irq: 1,
  'channel-state': 2,
  'terminal-count': 3,
  notification: 4,
  'channel-error': 5,
  overrun: 6,
  underrun: 7,
  'dma-overflow': 8,
  'dma-underflow': 9,
  'port-error': 10,
  request: 11,
  timer: 12,
  'channel-interrupt': 13,
  'idle-timeout': 14,
  'port-stall': 15,
} as const;
/** A hardware event a trace can start on (TraceOptions.start), e.g. 'irq' or 'terminal-count'. */
export type HardwareTraceTrigger = keyof typeof HARDWARE_TRACE_TRIGGERS;

/** Where a trace starts: now, at a cycle, or at the first occurrence of a named event (optionally of one source:
 *  a line, channel or port number for engine events). */
export type TraceStart = 'now' | number | string | { cycle: number } | { event: string; source?: number };

/**
 * What to trace: groups, when to start (a cycle or the first named event), a ring of the last N cycles, a cap on
 * records.
 */
export interface TraceOptions {
  /** Signal groups to record [all]: hardware 'request' | 'channel' | 'bus' | 'interrupt' | 'port' (and, through
   *  host.trace, the software groups). */
  groups?: readonly string[];
  /** Start trigger ['now']. */
  start?: TraceStart;
  /** Keep only the last `ring` cycles (a rolling window) [0 = keep everything from the start until the cap]. */
  ring?: number;
  /** Hard cap on hardware records held (16 bytes each) [1,048,576]; at most 2^26. Without a ring the trace is cut
   *  when it is reached (the trace says at which cycle); with a ring the oldest records make room. */
  cap?: number;
}

/** Hardware records a trace keeps unless `cap` says otherwise (16 bytes each). */
export const DEFAULT_TRACE_CAP = 1 << 20;
/** The largest `cap` a trace accepts, in hardware records. */
export const MAX_TRACE_CAP = 2 ** 26;
const NATIVE_GROUP_BITS: Record<HardwareTraceGroup, number> = { request: 1, channel: 2, bus: 4, interrupt: 8, port: 16 };
const ANY_SOURCE = 0xffff_ffff;

/**
 * TraceOptions checked, with every default filled: the engine's settings and the hardware and software groups asked
 * for.
 */
export interface ResolvedTraceOptions {
  native: NativeTraceOptions;
  hardwareGroups: HardwareTraceGroup[];
  /** The software groups asked for (names the caller listed as known). */
  softwareGroups: string[];
  /** A software trigger (fired by the software tracer through traceTrigger), or null. */
  softwareTrigger: string | null;
  ring: number;
  cap: number;
}

/**
 * The software tracer's vocabulary, so trace options naming software groups and triggers can be checked where the
 * hardware ones are.
 */
export interface SoftwareTraceNames {
  groups: readonly string[];
  /** Is `name` an event the software tracer can start a trace on? */
  isTrigger(name: string): boolean;
  /** For messages. */
  triggerHint: string;
}

const quote = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** Checks `options` (coded errors naming the option) and fills every default. */
export function resolveTraceOptions(options: TraceOptions | undefined, software?: SoftwareTraceNames): ResolvedTraceOptions {
  const o = options === undefined ? {} : object<TraceOptions>(options, 'trace');
  const swGroups = software?.groups ?? [];
  const known = [...HARDWARE_TRACE_GROUPS, ...swGroups];
  let hardwareGroups: HardwareTraceGroup[] = [...HARDWARE_TRACE_GROUPS];
  let softwareGroups = [...swGroups];
  if (o.groups !== undefined) {
    if (!Array.isArray(o.groups) || o.groups.length === 0) {
      fail('ERR_INVALID_ARGUMENT', `"trace.groups" must be a non-empty array of group names (${quote(known)})`);
    }
    hardwareGroups = [];
    softwareGroups = [];
    o.groups.forEach((g: unknown, i: number) => {
      if (typeof g !== 'string' || !known.includes(g)) {
        fail('ERR_INVALID_ARGUMENT', `"trace.groups[${i}]" must be one of ${quote(known)}; received ${typeof g === 'string' ? `'${g}'` : typeof g}`);
      }
      if ((HARDWARE_TRACE_GROUPS as readonly string[]).includes(g)) hardwareGroups.push(g as HardwareTraceGroup);
      else softwareGroups.push(g);
    });
  }
  const cap = o.cap === undefined ? DEFAULT_TRACE_CAP : uint(o.cap, 'trace.cap', MAX_TRACE_CAP, 1);
  const ring = o.ring === undefined ? 0 : uint(o.ring, 'trace.ring');
  const native: NativeTraceOptions = {
    // A trace of software groups only still runs the recorder (it keeps the clock and the cut), with no signals.
    groups: hardwareGroups.reduce((m, g) => m | NATIVE_GROUP_BITS[g], 0) || 0,
    capRecords: cap,
    ringCycles: ring,
    trigger: 0,
    triggerCycle: 0,
    eventKind: 0,
    eventSource: ANY_SOURCE,
  };
  let softwareTrigger: string | null = null;
  const start = o.start ?? 'now';
  const triggerNames = () => `'now', a cycle, ${quote(Object.keys(HARDWARE_TRACE_TRIGGERS))}${software ? `, ${software.triggerHint}` : ''}`;
  const byName = (name: string, source: number | undefined, what: string) => {
    if (Object.prototype.hasOwnProperty.call(HARDWARE_TRACE_TRIGGERS, name)) {
      native.trigger = 2;
      native.eventKind = HARDWARE_TRACE_TRIGGERS[name as HardwareTraceTrigger];
      if (source !== undefined) native.eventSource = uint(source, 'trace.start.source', 0xffff_fffe);
    } else if (software?.isTrigger(name)) {
      if (source !== undefined) fail('ERR_INVALID_ARGUMENT', `"trace.start.source" applies to engine events only, not '${name}'`);
      native.trigger = 3;
      softwareTrigger = name;
    } else {
      fail('ERR_INVALID_ARGUMENT', `"${what}" must be ${triggerNames()}; received '${name}'`);
    }
  };
  if (start === 'now') {
    // the default
  } else if (typeof start === 'number') {
    native.trigger = 1;
    native.triggerCycle = uint(start, 'trace.start');
  } else if (typeof start === 'string') {
    byName(start, undefined, 'trace.start');
  } else if (typeof start === 'object' && start !== null && 'cycle' in start) {
    native.trigger = 1;
    native.triggerCycle = uint(start.cycle, 'trace.start.cycle');
  } else if (typeof start === 'object' && start !== null && 'event' in start && typeof start.event === 'string') {
    byName(start.event, start.source, 'trace.start.event');
  } else {
    fail('ERR_INVALID_ARGUMENT', `"trace.start" must be ${triggerNames()}, { cycle } or { event, source? }`);
  }
  if (native.groups === 0 && softwareGroups.length === 0) fail('ERR_INVALID_ARGUMENT', '"trace.groups" selects nothing');
  return { native, hardwareGroups, softwareGroups, softwareTrigger, ring, cap };
}
