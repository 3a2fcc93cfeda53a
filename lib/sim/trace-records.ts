// Decoding the engine's hardware trace records (native/core/trace_recorder.h: 16 bytes, little-endian,
//   0 u64 cycle | 8 u32 signal | 12 u32 value,  signal = (kind << 16) | entity)
// into one list of value changes per signal. The engine writes records as things are decided, not in cycle order
// (a granted burst writes its whole timeline at once, a lazily applied FIFO tick its own earlier cycle); here each
// signal's records are put in cycle order (a stable sort: within a cycle the last record written wins), values that
// do not change are dropped, and the records before the window's start fold into each signal's initial value.
// The result is canonical: the same hardware behaviour gives the same changes, however the engine got there.

/** Signal kinds (trace_recorder.h TraceKind), by number. */
export const TRACE_SIGNAL_KINDS = [
  'void', 'request', 'request-seen', 'state', 'phase', 'burst', 'beats', 'beat', 'tc', 'pending-irq', 'fault',
  'bus-busy', 'bus-owner', 'irq-line', 'level', 'flush', 'status', 'port-fault', 'port-irq',
] as const;
/** The kind of a traced signal (request line, channel phase, bus owner, interrupt line, FIFO level, ...). */
export type TraceSignalKind = Exclude<(typeof TRACE_SIGNAL_KINDS)[number], 'void'>;

/** TracePhase values (what a channel does in a cycle). */
export const CHANNEL_PHASES = ['idle', 'waiting', 'arbitrating', 'reading', 'writing', 'stopping', 'transferring'] as const;
/** A channel's phase in a cycle, as the trace names it: idle, waiting, arbitrating, reading, writing, stopping, transferring. */
export type ChannelPhase = (typeof CHANNEL_PHASES)[number];

export const TRACE_RECORD_BYTES = 16;
const TWO32 = 2 ** 32;

/** One signal's history: its value at the window's start, then (cycle, value) changes in cycle order. */
export interface SignalHistory {
  initial: number;
  /** Flat pairs: cycle0, value0, cycle1, value1, ... strictly increasing cycles, each value unlike the one before. */
  changes: number[];
}

/**
 * Builds every signal's history from the base values (`base`: records whose cycle is the window start) and the held
 * records (`records`, in the order the engine wrote them). Records before `start` fold into the initial values;
 * records after `end` are dropped.
 */
export function canonicalHistories(base: Uint32Array, baseCount: number, records: Uint32Array, count: number,
  start: number, end: number): Map<number, SignalHistory> {
  const out = new Map<number, SignalHistory>();
  for (let i = 0; i < baseCount; i++) {
    const w = i * 4;
    out.set(base[w + 2]!, { initial: base[w + 3]!, changes: [] });
  }
  // Per signal, the indices of its records (in write order), sorted by cycle with a stable sort (the engine writes
  // each signal's records in cycle order, so the sort is only a safeguard and usually skipped).
  const cycles = new Float64Array(count);
  const bySignal = new Map<number, number[]>();
  let lastSignal = -1;
  let lastList: number[] = [];
  for (let i = 0; i < count; i++) {
    const signal = records[i * 4 + 2]!;
    if (signal === 0) continue; // withdrawn (a flushed burst's future)
    cycles[i] = records[i * 4 + 1]! * TWO32 + records[i * 4]!;
    if (signal !== lastSignal) {
      let list = bySignal.get(signal);
      if (list === undefined) bySignal.set(signal, (list = []));
      lastSignal = signal;
      lastList = list;
    }
    lastList.push(i);
  }
  for (const [signal, list] of bySignal) {
    let sorted = true;
    for (let k = 1; k < list.length && sorted; k++) sorted = cycles[list[k - 1]!]! <= cycles[list[k]!]!;
    if (!sorted) list.sort((a, b) => cycles[a]! - cycles[b]!);
    let h = out.get(signal);
    if (h === undefined) out.set(signal, (h = { initial: 0, changes: [] }));
    let value = h.initial;
    const changes = h.changes;
    for (const i of list) {
      const cycle = cycles[i]!;
      const v = records[i * 4 + 3]!;
      if (cycle > end) break;
      if (cycle < start) {
        h.initial = value = v;
        continue;
      }
      const n = changes.length;
      if (n > 0 && changes[n - 2] === cycle) {
        // The last record of a cycle wins; a change undone within its cycle is no change.
        changes[n - 1] = v;
        const before = n >= 4 ? changes[n - 3]! : h.initial;
        if (before === v) changes.length = n - 2;
      } else if (v !== value) {
        changes.push(cycle, v);
      }
      value = changes.length ? changes[changes.length - 1]! : h.initial;
    }
  }
  return out;
}

export function signalKind(signal: number): TraceSignalKind | 'void' {
  return TRACE_SIGNAL_KINDS[signal >>> 16] ?? 'void';
}

export function signalEntity(signal: number): number {
  return signal & 0xffff;
}

export function signalId(kind: TraceSignalKind, entity: number): number {
  return ((TRACE_SIGNAL_KINDS.indexOf(kind) << 16) | (entity & 0xffff)) >>> 0;
}
