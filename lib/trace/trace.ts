// Trace: what host.trace / sim.trace recorded, with its writers — toVcd() (GTKWave, Surfer, PulseView),
// toTraceEvents() (Chrome / Perfetto trace-event JSON: ui.perfetto.dev, chrome://tracing) and toHtml() (a one-file
// timeline page). It holds one machine or several (a test with two hosts: one process each). Writers only read the
// recorded data.
import { readFileSync } from 'node:fs';
import { toMachine, type TraceInput, type TracedMachine } from './model.js';
import { toTraceEvents, type TraceEventFile } from './trace-events.js';
import { toTimelineHtml } from './timeline.js';
import { toVcd, type VcdOptions } from './vcd.js';

let cachedVersion: string | null = null;
function packageVersion(): string {
  if (cachedVersion === null) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
      cachedVersion = pkg.version ?? '0.0.0';
    } catch {
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion;
}

/** A finished trace of one or more machines, and its writers: toVcd(), toTraceEvents(), toHtml(). */
export class Trace {
  readonly machines: readonly TracedMachine[];

  constructor(data: TraceInput | readonly TraceInput[]) {
    const list = Array.isArray(data) ? (data as readonly TraceInput[]) : [data as TraceInput];
    if (list.length === 0) throw new RangeError('a Trace needs at least one machine');
    this.machines = list.map((d, i) => toMachine(d, i));
  }

  /** True when a cap cut the trace (of any machine); cutCycle says from which cycle on nothing is complete. */
  get cut(): boolean {
    return this.machines.some((m) => m.cut);
  }

  get cutCycle(): number | null {
    const cuts = this.machines.map((m) => m.cutCycle).filter((c): c is number => c !== null);
    return cuts.length ? Math.min(...cuts) : null;
  }

  get startCycle(): number {
    return Math.min(...this.machines.map((m) => m.startCycle));
  }

  get endCycle(): number {
    return Math.max(...this.machines.map((m) => m.endCycle));
  }

  /** IEEE 1364-2005 VCD text (ends with a newline); buses are `real` variables [default] or `{ buses: 'vector' }` (vcd.ts). */
  toVcd(options?: VcdOptions): string {
    return toVcd(this.machines, packageVersion(), options);
  }

  /** The Chrome / Perfetto trace-event file as an object (JSON.stringify it, or use toTraceEventsJson). */
  toTraceEvents(): TraceEventFile {
    return toTraceEvents(this.machines, packageVersion());
  }

  /** The trace-event file as JSON text (toTraceEvents, serialized). */
  toTraceEventsJson(): string {
    return JSON.stringify(this.toTraceEvents()) + '\n';
  }

  /** A self-contained HTML timeline (no network; one file). */
  toHtml(): string {
    return toTimelineHtml(this.machines, packageVersion());
  }
}
