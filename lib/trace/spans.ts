// Hardware signals as spans of constant value (what the trace-event file and the timeline draw as slices), and the
// software events of a machine in one order with sub-cycle positions. Shared by trace-events.ts and timeline.ts.
import type { SoftwareTraceData } from '../hal/trace/software-tracer.js';
import type { TraceSignal } from '../sim/trace.js';

export interface ValueRun {
  /** First and last cycle (inclusive) the signal holds `value`. */
  start: number;
  end: number;
  value: number;
}

/** The runs of `sig`'s values within [from, to] (inclusive cycles), in order. */
export function runsOf(sig: TraceSignal, from: number, to: number): ValueRun[] {
  const out: ValueRun[] = [];
  let value = sig.initial;
  let start = from;
  const c = sig.changes;
  for (let i = 0; i < c.length; i += 2) {
    const at = c[i]!;
    if (at > to) break;
    if (at > start) out.push({ start, end: at - 1, value });
    start = Math.max(at, from);
    value = c[i + 1]!;
  }
  if (start <= to) out.push({ start, end: to, value });
  return out;
}

/** The signal of `kind` for `entity` (a channel, line or port), if recorded. */
export function findSignal(signals: readonly TraceSignal[], kind: TraceSignal['kind'], entity: number): TraceSignal | undefined {
  return signals.find((s) => s.kind === kind && s.entity === entity);
}

/**
 * Sub-cycle positions of software events: software runs between hardware cycles, and many of its events share a
 * cycle. Each event (a slice's begin or end, an instant, a request step) gets the position cycle + k / (n + 1), where n
 * is the number of software events in that cycle and k its place among them in recording order, so the order survives
 * any viewer that sorts by time. Returns a function from (cycle, seq) to the fractional cycle.
 */
export function softwareClock(sw: SoftwareTraceData | null): (cycle: number, seq: number) => number {
  if (!sw) return (cycle) => cycle;
  const byCycle = new Map<number, number[]>();
  const add = (cycle: number, seq: number) => {
    let l = byCycle.get(cycle);
    if (!l) byCycle.set(cycle, (l = []));
    l.push(seq);
  };
  for (const s of sw.slices) {
    add(s.start, s.seq);
    add(s.end, s.endSeq);
  }
  for (const i of sw.instants) add(i.cycle, i.seq);
  for (const r of sw.requests) {
    add(r.start, r.seq);
    if (r.end !== null) add(r.end, r.endSeq);
    for (const st of r.steps) add(st.cycle, st.seq);
  }
  const rank = new Map<number, Map<number, number>>();
  for (const [cycle, seqs] of byCycle) {
    seqs.sort((a, b) => a - b);
    const m = new Map<number, number>();
    seqs.forEach((s, k) => m.set(s, (k + 1) / (seqs.length + 1)));
    rank.set(cycle, m);
  }
  return (cycle, seq) => cycle + (rank.get(cycle)?.get(seq) ?? 0);
}
