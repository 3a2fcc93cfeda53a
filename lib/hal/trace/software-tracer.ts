// The software side of a machine trace: what the simulated CPU runs, on the engine's cycle clock. The kernel holds at
// most one SoftwareTracer (kernel.tracer, null when off: every hook is one null check), and the HAL and framework
// call it where things happen — ISR entry/exit and DPC queued/run (lib/hal/interrupts), timers set/fired/cancelled,
// IRQL changes, bug checks; each framework callback with its object and arguments, DMA DDIs with their result, the
// request lifecycle and VerifierBreaks (lib/kmdf). Slices nest on the track of the code's IRQL: DIRQL → 'isr',
// DISPATCH_LEVEL → 'dpc', below that → 'passive'. Requests are async spans (sent → completed) with their steps.
// read() gives plain data (SoftwareTraceData) clipped to a window; lib/trace writes it out.
import type { KIRQL } from '../irql.js';

/** Software groups a trace can select (host.trace options). */
export const SOFTWARE_TRACE_GROUPS = ['isr', 'dpc', 'timer', 'irql', 'callback', 'dma', 'io', 'verifier'] as const;
/** A group of software events a trace can record: isr, dpc, timer, irql, callback, dma, io or verifier. */
export type SoftwareTraceGroup = (typeof SOFTWARE_TRACE_GROUPS)[number];

/** Software events that can start a trace, besides callback and DDI names. */
export const SOFTWARE_TRACE_EVENTS = ['isr', 'dpc', 'timer-dpc', 'bugcheck', 'verifier-break', 'request-sent', 'request-completed', 'request-cancelled'] as const;

/** Where software runs, as the trace draws it: ISR (DIRQL), DPC (DISPATCH_LEVEL) or driver code at PASSIVE_LEVEL. */
export type SoftwareTrack = 'isr' | 'dpc' | 'passive';
/** Arguments recorded with a software event. */
export type TraceArgs = Record<string, string | number | boolean | null>;

/** A span of software on one track: name, group, start and end cycle, nesting depth and arguments. */
export interface SoftwareSlice {
  track: SoftwareTrack;
  name: string;
  group: SoftwareTraceGroup;
  start: number;
  /** Last cycle (inclusive: a slice that takes no simulated time has end === start). */
  end: number;
  /** Nesting depth on its track (0 = outermost). */
  depth: number;
  args: TraceArgs;
  /** Order of entry and of exit among everything the tracer recorded (events of one cycle keep it). */
  seq: number;
  endSeq: number;
}

/** A point event on a track (a bug check, a livelock halt, a verifier break): name, group, cycle and arguments. */
export interface SoftwareInstant {
  track: SoftwareTrack;
  name: string;
  group: SoftwareTraceGroup;
  cycle: number;
  args: TraceArgs;
  seq: number;
}

/**
 * An I/O request from sent to completed: its name, start and end cycle, arguments and the steps in between (dispatched,
 * cancel requested, ...).
 */
export interface RequestSpan {
  id: number;
  name: string;
  start: number;
  /** Completion cycle, or null if it was still pending when the trace ended. */
  end: number | null;
  args: TraceArgs;
  steps: { cycle: number; name: string; args: TraceArgs; seq: number }[];
  seq: number;
  endSeq: number;
}

/** What the software tracer recorded: slices, instants, IRQL changes and request spans, in cycles. */
export interface SoftwareTraceData {
  format: 'kmdf-dma-sim/software-trace';
  version: 1;
  groups: SoftwareTraceGroup[];
  slices: SoftwareSlice[];
  instants: SoftwareInstant[];
  requests: RequestSpan[];
  /** IRQL of the CPU: flat pairs cycle, irql (changes only). */
  irql: number[];
  /** Entries dropped by the cap: nothing from cutCycle on is complete. */
  cut: boolean;
  cutCycle: number | null;
}

interface OpenSlice {
  slice: SoftwareSlice;
}

/** The cycle clock and the IRQL, read from the kernel (the tracer never reaches into anything else). */
export interface TracerClock {
  readonly cycle: number;
  readonly irql: KIRQL;
}

function trackOf(irql: KIRQL): SoftwareTrack {
  return irql > 2 ? 'isr' : irql === 2 ? 'dpc' : 'passive';
}

/** A short, stable description of an argument (handles by their describe(), numbers as they are). */
export function describeArg(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'function') return v.name ? `${v.name}()` : 'function';
  const o = v as { describe?: () => string; name?: unknown; constructor?: { name?: string } };
  if (typeof o.describe === 'function') return o.describe();
  if (typeof o.name === 'string') return o.name;
  return o.constructor?.name ?? 'object';
}

/**
 * The kernel's software tracer: ISR, DPC, timer and callback slices, instants, IRQL changes and request spans, recorded
 * on the machine's cycle clock.
 */
export class SoftwareTracer {
  readonly groups: ReadonlySet<SoftwareTraceGroup>;
  #slices: SoftwareSlice[] = [];
  #instants: SoftwareInstant[] = [];
  #requests = new Map<object, RequestSpan>();
  #requestList: RequestSpan[] = [];
  #open: Record<SoftwareTrack, OpenSlice[]> = { isr: [], dpc: [], passive: [] };
  #irql: number[] = [];
  #seq = 0;
  #entries = 0;
  #cutCycle: number | null = null;
  #nextRequestId = 1;
  #trigger: string | null;
  #onTrigger: (() => void) | null;
  #stopped = false;

  constructor(
    private readonly clock: TracerClock,
    groups: readonly SoftwareTraceGroup[],
    /** Entries kept at most (slices, instants, request steps, IRQL changes); then the trace is cut. */
    private readonly cap: number,
    /** A software event name that starts the trace (see SOFTWARE_TRACE_EVENTS), fired through onTrigger once. */
    trigger: string | null = null,
    onTrigger: (() => void) | null = null,
  ) {
    this.groups = new Set(groups);
    this.#trigger = trigger;
    this.#onTrigger = onTrigger;
    this.#irql.push(clock.cycle, clock.irql);
  }

  /** Stops recording (open slices end at read time's end cycle). */
  stop(): void {
    this.#stopped = true;
  }

  #room(): boolean {
    if (this.#stopped) return false;
    if (this.#cutCycle !== null) return false;
    if (this.#entries >= this.cap) {
      this.#cutCycle = this.clock.cycle;
      return false;
    }
    this.#entries++;
    return true;
  }

  #fire(name: string): void {
    if (this.#trigger !== null && name === this.#trigger) {
      this.#trigger = null;
      this.#onTrigger?.();
    }
  }

  // ------------------------------------------------------------------ slices and instants
  /** Opens a slice on the track of the current IRQL (or `track`). Returns a token for end(). */
  begin(group: SoftwareTraceGroup, name: string, args: TraceArgs = {}, track?: SoftwareTrack): SoftwareSlice | null {
    this.#fire(name);
    if (group === 'isr' || group === 'dpc') this.#fire(group);
    else if (group === 'timer') this.#fire('timer-dpc');
    if (!this.groups.has(group) || !this.#room()) return null;
    const t = track ?? trackOf(this.clock.irql);
    const open = this.#open[t];
    const slice: SoftwareSlice = { track: t, name, group, start: this.clock.cycle, end: -1, depth: open.length, args, seq: this.#seq++, endSeq: -1 };
    open.push({ slice });
    this.#slices.push(slice);
    return slice;
  }

  /** Closes the slice `begin` returned (null: it was not recorded), adding `result` to its arguments. */
  end(slice: SoftwareSlice | null, result?: TraceArgs): void {
    if (slice === null) return;
    slice.end = this.clock.cycle;
    slice.endSeq = this.#seq++;
    if (result) Object.assign(slice.args, result);
    const open = this.#open[slice.track];
    const i = open.findIndex((o) => o.slice === slice);
    if (i >= 0) open.length = i; // an exception unwound inner slices without end(): they end here too
  }

  /** A point event; `event` is the trigger name it counts as (e.g. 'bugcheck'), besides its own name. */
  instant(group: SoftwareTraceGroup, name: string, args: TraceArgs = {}, event?: string): void {
    this.#fire(name);
    if (event !== undefined) this.#fire(event);
    if (!this.groups.has(group) || !this.#room()) return;
    this.#instants.push({ track: trackOf(this.clock.irql), name, group, cycle: this.clock.cycle, args, seq: this.#seq++ });
  }

  /** Records an IRQL change at the current cycle. */
  irqlChanged(irql: KIRQL): void {
    if (!this.groups.has('irql')) return;
    const n = this.#irql.length;
    if (this.#irql[n - 1] === irql) return;
    if (!this.#room()) return;
    if (this.#irql[n - 2] === this.clock.cycle) this.#irql[n - 1] = irql;
    else this.#irql.push(this.clock.cycle, irql);
  }

  // ------------------------------------------------------------------ requests (async spans)
  /** Opens a request's span: the host sent it. */
  requestSent(request: object, name: string, args: TraceArgs): void {
    this.#fire('request-sent');
    if (!this.groups.has('io') || !this.#room()) return;
    const span: RequestSpan = { id: this.#nextRequestId++, name, start: this.clock.cycle, end: null, args, steps: [], seq: this.#seq++, endSeq: -1 };
    this.#requests.set(request, span);
    this.#requestList.push(span);
  }

  /** Adds a step to a request's span (dispatched, marked cancelable, cancel requested, ...). */
  requestStep(request: object, name: string, args: TraceArgs = {}): void {
    if (name === 'cancel requested') this.#fire('request-cancelled');
    const span = this.#requests.get(request);
    if (span === undefined || span.end !== null || !this.#room()) return;
    span.steps.push({ cycle: this.clock.cycle, name, args, seq: this.#seq++ });
  }

  /** Closes a request's span: the driver completed it. */
  requestCompleted(request: object, args: TraceArgs): void {
    this.#fire('request-completed');
    const span = this.#requests.get(request);
    if (span === undefined || span.end !== null) return;
    span.end = this.clock.cycle;
    span.endSeq = this.#seq++;
    Object.assign(span.args, args);
    this.#requests.delete(request);
  }

  // ------------------------------------------------------------------ output
  /** The recorded data within [start, end]: slices clipped to it (open ones end at `end`), the rest filtered. */
  read(start: number, end: number): SoftwareTraceData {
    const cutEnd = this.#cutCycle === null ? end : Math.min(end, this.#cutCycle);
    const slices: SoftwareSlice[] = [];
    for (const s of this.#slices) {
      const open = s.end < 0 || s.end > cutEnd;
      const e = open ? cutEnd : s.end;
      if (e < start || s.start > cutEnd) continue;
      // A slice still open at the window's end ends there, after everything else recorded.
      slices.push({ ...s, args: { ...s.args }, start: Math.max(s.start, start), end: e, endSeq: open ? Number.MAX_SAFE_INTEGER - s.depth : s.endSeq });
    }
    const requests: RequestSpan[] = [];
    for (const r of this.#requestList) {
      const e = r.end ?? cutEnd;
      if (e < start || r.start > cutEnd) continue;
      requests.push({
        ...r,
        args: { ...r.args },
        start: Math.max(r.start, start),
        end: r.end !== null && r.end <= cutEnd ? r.end : null,
        steps: r.steps.filter((s) => s.cycle >= start && s.cycle <= cutEnd),
      });
    }
    const irql: number[] = [];
    for (let i = 0; i < this.#irql.length; i += 2) {
      const c = this.#irql[i]!;
      const v = this.#irql[i + 1]!;
      if (c > cutEnd) break;
      if (c <= start) {
        irql.length = 0;
        irql.push(start, v);
      } else irql.push(c, v);
    }
    return {
      format: 'kmdf-dma-sim/software-trace',
      version: 1,
      groups: [...this.groups],
      slices,
      instants: this.#instants.filter((i) => i.cycle >= start && i.cycle <= cutEnd).map((i) => ({ ...i, args: { ...i.args } })),
      requests,
      irql,
      cut: this.#cutCycle !== null,
      cutCycle: this.#cutCycle,
    };
  }
}
