// sim.trace: the engine's hardware trace for one Simulator (native/core/trace_recorder.h records it where it
// happens; nothing crosses into JS per beat). start(options) / stop() or scope(fn), then read() — a plain,
// JSON-serialisable HardwareTraceData: every signal's value at the window's start and its changes, named and
// scoped (controller, channel, bus, request lines, interrupt lines, ports). lib/trace turns it into VCD, trace-event
// JSON and a timeline page. Records come out of the engine in chunks copied during a call (traceRead).
import type { NativeSimulator, NativeTraceInfo } from '../native/binding-types.js';
import { fail } from './errors.js';
import type { FifoPort } from './fifo-port.js';
import type { InterruptSource } from './interrupt-source.js';
import type { ResolvedSimulatorOptions } from './options.js';
import { canonicalHistories, signalEntity, signalKind, TRACE_RECORD_BYTES, type TraceSignalKind } from './trace-records.js';
import { resolveTraceOptions, type HardwareTraceGroup, type ResolvedTraceOptions, type SoftwareTraceNames, type TraceOptions } from './trace-options.js';

/** One recorded signal. `scope` is a dotted path (`dma.ch0`, `port.uart0_tx`, `irq`, `request`, `bus`). */
export interface TraceSignal {
  id: number;
  kind: TraceSignalKind;
  /** The line, channel or port number. */
  entity: number;
  scope: string;
  name: string;
  /** Bits: 1 for a wire, more for a bus. */
  width: number;
  initial: number;
  /** Flat pairs cycle, value (strictly increasing cycles). */
  changes: number[];
}

/** A FIFO port as a trace describes it: id, name, direction, depth, element width and request line. */
export interface TracedPort {
  id: number;
  name: string;
  direction: 'rx' | 'tx';
  depth: number;
  elementWidth: number;
  requestLine: number | null;
}

/**
 * What a hardware trace recorded: the machine's clock and profile, its channels, ports and lines, and each signal's
 * changes in cycle order.
 */
export interface HardwareTraceData {
  format: 'kmdf-dma-sim/hardware-trace';
  version: 1;
  clockHz: number;
  profile: 'soc' | 'i8237';
  channels: number;
  controllerInterruptLine: number;
  /** The timing parameters (every trace header prints them). */
  timing: Record<string, number | boolean | string>;
  groups: HardwareTraceGroup[];
  /** First cycle shown: every signal's `initial` holds here. */
  startCycle: number;
  /** Last cycle recorded (the stop, or the cycle before the cut). */
  endCycle: number;
  /** Cycle the start trigger fired, or null if it never did (then nothing after the start is shown). */
  triggerCycle: number | null;
  /** The cap ended the recording; nothing from cutCycle on was recorded. */
  cut: boolean;
  cutCycle: number | null;
  /** A ring's cap dropped history the ring would have kept: the window starts later (at startCycle) than the ring's
   *  `ring` cycles asked for. */
  historyDropped: boolean;
  ports: TracedPort[];
  signals: TraceSignal[];
  /** Records the engine wrote (incl. folded ones) and the cap. */
  records: number;
  cap: number;
}

const CHUNK_RECORDS = 1 << 16;

function bitsFor(max: number): number {
  let w = 1;
  while (2 ** w <= max) w++;
  return w;
}

function vcdName(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

/** What lib/sim knows about the machine (names, ports) for naming signals. */
export interface TraceMachine {
  options: ResolvedSimulatorOptions;
  ports: readonly FifoPort[];
  interruptSources: readonly InterruptSource[];
}

/**
 * The engine's signal trace (sim.trace): start it with options, stop it to read what was recorded as HardwareTraceData.
 */
export class HardwareTracer {
  #resolved: ResolvedTraceOptions | null = null;
  #stopCycle: number | null = null;

  /** @internal */
  constructor(
    private readonly native: () => NativeSimulator,
    private readonly machine: TraceMachine,
    private readonly now: () => number,
  ) {}

  /** Starts (or restarts) recording at sim.cycle. Checks the options first (coded errors naming the option). */
  start(options?: TraceOptions, software?: SoftwareTraceNames): ResolvedTraceOptions {
    const resolved = resolveTraceOptions(options, software);
    this.native().traceStart(resolved.native);
    this.#resolved = resolved;
    this.#stopCycle = null;
    return resolved;
  }

  /** True while recording (started, not stopped; a cut trace is still 'recording' until stopped). */
  get recording(): boolean {
    return this.#resolved !== null && this.#stopCycle === null;
  }

  /** @internal Fires a software ('manual') trigger now. */
  trigger(): void {
    if (this.#resolved?.native.trigger === 3) this.native().traceTrigger();
  }

  /** The engine recorder's state. */
  get info(): NativeTraceInfo {
    return this.native().traceInfo();
  }

  /** Stops recording at sim.cycle and returns what was recorded. */
  stop(): HardwareTraceData {
    if (this.#resolved === null) fail('ERR_INVALID_ARGUMENT', 'sim.trace.stop(): no trace was started (sim.trace.start)');
    if (this.#stopCycle === null) {
      this.native().traceStop();
      this.#stopCycle = this.now();
    }
    return this.read();
  }

  /** Runs `fn` with tracing on and returns its trace (also when fn throws: then the error is rethrown and the trace
   *  is attached to it as `error.trace`). */
  scope(fn: () => void, options?: TraceOptions): HardwareTraceData {
    this.start(options);
    try {
      fn();
    } catch (e) {
      const trace = this.stop();
      if (e !== null && typeof e === 'object') (e as { trace?: HardwareTraceData }).trace = trace;
      throw e;
    }
    return this.stop();
  }

  /** What has been recorded so far (also while recording), canonical: see trace-records.ts. */
  read(): HardwareTraceData {
    const r = this.#resolved;
    if (r === null) fail('ERR_INVALID_ARGUMENT', 'sim.trace.read(): no trace was started (sim.trace.start)');
    const native = this.native();
    const info = native.traceInfo();
    const now = this.#stopCycle ?? this.now();
    const base = readAll((off, out) => native.traceReadBase(off, out), 256);
    const held = readAll((off, out) => native.traceRead(off, out), info.records);
    const startCycle = info.triggered ? Math.max(info.windowStart, info.completeFrom) : now;
    const endCycle = info.cut ? Math.min(now, info.cutCycle - 1) : now;
    const histories = canonicalHistories(base.words, base.count, held.words, held.count, startCycle,
      info.triggered ? endCycle : -1);
    return {
      format: 'kmdf-dma-sim/hardware-trace',
      version: 1,
      clockHz: this.machine.options.clockHz,
      profile: this.machine.options.profile,
      channels: this.machine.options.channels,
      controllerInterruptLine: this.machine.options.controllerInterruptLine,
      timing: { ...this.machine.options.timing },
      groups: [...r.hardwareGroups],
      startCycle,
      endCycle: Math.max(startCycle, endCycle),
      triggerCycle: info.triggered ? info.triggerCycle : null,
      cut: info.cut,
      cutCycle: info.cut ? info.cutCycle : null,
      historyDropped: info.triggered && info.completeFrom > info.windowStart,
      ports: this.machine.ports.map(describePort),
      signals: this.#signals(histories),
      records: info.written,
      cap: info.capRecords,
    };
  }

  #signals(histories: Map<number, { initial: number; changes: number[] }>): TraceSignal[] {
    const m = this.machine;
    const portOf = new Map(m.ports.map((p) => [p.id, p] as const));
    const usedRequest = new Set<number>();
    const usedIrq = new Set<number>([m.options.controllerInterruptLine]);
    for (const p of m.ports) if (p.requestLine !== null) usedRequest.add(p.requestLine);
    for (const s of m.interruptSources) usedIrq.add(s.line);
    const out: TraceSignal[] = [];
    for (const [id, h] of histories) {
      const kind = signalKind(id);
      if (kind === 'void') continue;
      const entity = signalEntity(id);
      const quiet = h.changes.length === 0 && h.initial === 0;
      const named = (scope: string, name: string, width: number) =>
        out.push({ id, kind, entity, scope, name, width, initial: h.initial, changes: h.changes });
      switch (kind) {
        case 'request':
        case 'request-seen':
          if (quiet && !usedRequest.has(entity)) continue;
          named('request', `${kind === 'request' ? 'drq' : 'seen'}${entity}`, 1);
          break;
        case 'irq-line':
          if (quiet && !usedIrq.has(entity)) continue;
          named('irq', `line${entity}`, 1);
          break;
        case 'bus-busy':
          named('bus', 'busy', 1);
          break;
        case 'bus-owner':
          named('bus', 'owner', bitsFor(Math.max(1, m.options.channels - 1)));
          break;
        case 'level':
        case 'flush':
        case 'status':
        case 'port-fault':
        case 'port-irq': {
          const p = portOf.get(entity);
          const scope = `port.${vcdName(p?.name ?? `port${entity}`)}`;
          const width = { level: bitsFor(p?.depth ?? 65536), flush: 1, status: 5, 'port-fault': 2, 'port-irq': 1 }[kind];
          named(scope, kind === 'port-fault' ? 'fault' : kind === 'port-irq' ? 'irq' : kind, width);
          break;
        }
        default: {
          const width = { state: 3, phase: 3, burst: 16, beats: 9, beat: 1, tc: 1, 'pending-irq': 3, fault: 2 }[kind];
          named(`dma.ch${entity}`, kind, width);
        }
      }
    }
    const order = (s: TraceSignal) => (s.scope.startsWith('dma') ? 0 : s.scope === 'bus' ? 1 : s.scope === 'request' ? 2 : s.scope === 'irq' ? 3 : 4);
    out.sort((a, b) => order(a) - order(b) || a.entity - b.entity || a.scope.localeCompare(b.scope) || a.id - b.id);
    return out;
  }
}

function describePort(p: FifoPort): TracedPort {
  return {
    id: p.id,
    name: p.name ?? `port${p.id}`,
    direction: p.direction,
    depth: p.depth,
    elementWidth: p.elementWidth,
    requestLine: p.requestLine,
  };
}

/** Every record `read` gives, in chunks of at most CHUNK_RECORDS (the first sized by `expected`). */
function readAll(read: (offset: number, out: Uint8Array) => number, expected: number): { words: Uint32Array; count: number } {
  const chunks: Uint8Array[] = [];
  let count = 0;
  for (let size = Math.max(1, Math.min(CHUNK_RECORDS, expected + 1)); ; size = CHUNK_RECORDS) {
    const buf = new Uint8Array(size * TRACE_RECORD_BYTES);
    const n = read(count, buf);
    if (n > 0) chunks.push(n === size ? buf : buf.subarray(0, n * TRACE_RECORD_BYTES));
    count += n;
    if (n < size) break;
  }
  const all = chunks.length === 1 ? chunks[0]! : concat(chunks, count * TRACE_RECORD_BYTES);
  return { words: new Uint32Array(all.buffer, all.byteOffset, count * 4), count };
}

function concat(chunks: Uint8Array[], bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
