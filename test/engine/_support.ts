// Shared helpers of the engine suites: run to a target through every interrupt/timer stop (optionally answering
// the controller's interrupts the way a HAL ISR would), and pick events out of the result.
import { Simulator, type SimEvent, type SimulatorOptions } from '../../lib/index.js';

export interface Handled {
  cycle: number;
  channel: number;
  type: string;
}

export interface RunAll {
  events: SimEvent[];
  /** Each stop that was not the target: its cycle and reason. */
  stops: { cycle: number; stoppedBy: string }[];
  /** Interrupts taken from handleInterrupt at each interrupt stop (when `handle`). */
  handled: Handled[];
}

/** Runs to `target`, collecting every event (every kind, request-line edges too); at each interrupt stop drains
 *  handleInterrupt when `handle`. */
export function runAll(sim: Simulator, target: number, handle = true): RunAll {
  const out: RunAll = { events: [], stops: [], handled: [] };
  for (;;) {
    const r = sim.runUntil(target, { events: 'all' });
    out.events.push(...r.events);
    if (r.stoppedBy === 'target') return out;
    out.stops.push({ cycle: r.cycle, stoppedBy: r.stoppedBy });
    if (handle && r.stoppedBy === 'interrupt') {
      for (let i = sim.dma.handleInterrupt(); i !== null; i = sim.dma.handleInterrupt()) {
        out.handled.push({ cycle: r.cycle, ...i });
      }
    }
  }
}

export function ofKind<K extends SimEvent['kind']>(events: SimEvent[], kind: K): Extract<SimEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<SimEvent, { kind: K }> => e.kind === kind);
}

/** A soc simulator with one RAM region [0, size). */
export function socWithRam(size = 0x10000, options: SimulatorOptions = {}): Simulator {
  const sim = new Simulator(options);
  sim.addMemory({ base: 0, size });
  return sim;
}

/** Deterministic pseudo-random bytes (xorshift32), so data checks see no accidental equality. */
export function noise(length: number, seed = 0x1234_5678): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
