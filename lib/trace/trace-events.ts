// Chrome / Perfetto trace-event JSON ("JSON Object Format" of the Trace Event Format): what ui.perfetto.dev and
// chrome://tracing open. One process per machine; threads (tracks) for the ISR, DPC and passive-level driver code
// (callbacks and DMA DDIs nest in them as B/E slices), one per DMA channel (a slice per transfer, with its
// arbitrating / reading / writing / stopping phases nested), one per interrupt line and request line (a slice while
// high); FIFO levels and the IRQL as counters; each I/O request as an async slice (b/e, its steps as n events).
// `ts` is microseconds from cycle 0 (cycle / clockHz); software events sharing a cycle are spread within it in their
// order (spans.ts softwareClock), and every event keeps its exact cycle in args.cycle. metadata events name processes
// and threads and fix their order.
import { CHANNEL_PHASES } from '../sim/trace-records.js';
import type { TraceSignal } from '../sim/trace.js';
import { headerLines, type TracedMachine } from './model.js';
import { findSignal, runsOf, softwareClock } from './spans.js';

/** One event of a Chrome / Perfetto trace-event file. */
export interface TraceEvent {
  name: string;
  ph: 'B' | 'E' | 'X' | 'i' | 'C' | 'b' | 'e' | 'n' | 'M';
  ts: number;
  pid: number;
  tid: number;
  cat?: string;
  id?: string;
  s?: 'g' | 'p' | 't';
  args?: Record<string, unknown>;
}

/** A Chrome / Perfetto trace-event file: its events and the machines' metadata. */
export interface TraceEventFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ns';
  otherData: Record<string, unknown>;
}

const TID = { isr: 1, dpc: 2, passive: 3, channel: 100, irq: 300, request: 500, counters: 900 } as const;

export function toTraceEvents(machines: readonly TracedMachine[], version: string): TraceEventFile {
  const events: TraceEvent[] = [];
  machines.forEach((m, mi) => emitMachine(m, mi + 1, events));
  return {
    traceEvents: events,
    displayTimeUnit: 'ns',
    otherData: {
      producer: `kmdf-dma-sim ${version}`,
      machines: machines.map((m) => ({ name: m.name, header: headerLines(m), cut: m.cut, cutCycle: m.cutCycle })),
    },
  };
}

function emitMachine(m: TracedMachine, pid: number, out: TraceEvent[]): void {
  const us = (cycle: number) => Number(((cycle * 1e6) / m.clockHz).toFixed(6));
  const meta = (name: string, tid: number, args: Record<string, unknown>) => out.push({ name, ph: 'M', ts: 0, pid, tid, args });
  meta('process_name', 0, { name: m.name });
  meta('process_sort_index', 0, { sort_index: pid });
  const thread = (tid: number, name: string) => {
    meta('thread_name', tid, { name });
    meta('thread_sort_index', tid, { sort_index: tid });
  };
  const hw = m.hardware;
  const from = m.startCycle;
  const to = m.endCycle;
  if (m.cut) {
    out.push({ name: `trace cut by its cap at cycle ${m.cutCycle}`, ph: 'i', s: 'g', ts: us(m.cutCycle ?? to), pid, tid: 0, args: { cycle: m.cutCycle } });
  }

  // ---- software: ISR / DPC / passive tracks ----
  const sw = m.software;
  if (sw) {
    const at = softwareClock(sw);
    const tracks = { isr: 'ISR (DIRQL)', dpc: 'DPC (DISPATCH_LEVEL)', passive: 'driver code (PASSIVE_LEVEL)' } as const;
    for (const t of ['isr', 'dpc', 'passive'] as const) thread(TID[t], tracks[t]);
    // B/E in one sequence per track, ordered by (cycle, seq): begins and ends interleave exactly as they happened.
    const seqd: { t: number; ev: TraceEvent }[] = [];
    for (const s of sw.slices) {
      const tid = TID[s.track];
      seqd.push({ t: at(s.start, s.seq), ev: { name: s.name, cat: s.group, ph: 'B', ts: 0, pid, tid, args: { cycle: s.start, ...s.args } } });
      seqd.push({ t: at(s.end, s.endSeq), ev: { name: s.name, cat: s.group, ph: 'E', ts: 0, pid, tid, args: { cycle: s.end } } });
    }
    for (const i of sw.instants) {
      seqd.push({ t: at(i.cycle, i.seq), ev: { name: i.name, cat: i.group, ph: 'i', s: 't', ts: 0, pid, tid: TID[i.track], args: { cycle: i.cycle, ...i.args } } });
    }
    for (const r of sw.requests) {
      const id = `0x${(pid * 0x10000 + r.id).toString(16)}`;
      seqd.push({ t: at(r.start, r.seq), ev: { name: r.name, cat: 'request', ph: 'b', id, ts: 0, pid, tid: TID.passive, args: { cycle: r.start, ...r.args } } });
      for (const st of r.steps) {
        seqd.push({ t: at(st.cycle, st.seq), ev: { name: st.name, cat: 'request', ph: 'n', id, ts: 0, pid, tid: TID.passive, args: { cycle: st.cycle, ...st.args } } });
      }
      const endCycle = r.end ?? to;
      seqd.push({ t: r.end === null ? to + 1 : at(r.end, r.endSeq), ev: { name: r.name, cat: 'request', ph: 'e', id, ts: 0, pid, tid: TID.passive, args: { cycle: endCycle, pending: r.end === null, ...r.args } } });
    }
    seqd.sort((a, b) => a.t - b.t);
    for (const s of seqd) {
      s.ev.ts = us(s.t);
      out.push(s.ev);
    }
    if (sw.irql.length) {
      for (let i = 0; i < sw.irql.length; i += 2) {
        out.push({ name: 'IRQL', ph: 'C', ts: us(sw.irql[i]!), pid, tid: TID.counters, args: { IRQL: sw.irql[i + 1]! } });
      }
    }
  }

  // ---- hardware: one track per channel (transfer slices with phases inside) ----
  for (let c = 0; c < hw.channels; c++) {
    const state = findSignal(hw.signals, 'state', c);
    const phase = findSignal(hw.signals, 'phase', c);
    if (!state || !phase) continue;
    const transfers = runsOf(state, from, to).filter((r) => r.value === 1 || r.value === 2); // running, stopping
    const phases = runsOf(phase, from, to).filter((r) => r.value !== 0 && r.value !== 1); // not idle / waiting
    if (transfers.length === 0 && phases.length === 0) continue;
    const tid = TID.channel + c;
    thread(tid, `DMA channel ${c}`);
    // A transfer slice from its program to its stop; phases nest inside (a phase after the state left running —
    // the last write of a transfer that completed — still belongs to that transfer: extend it).
    const slices: { s: number; e: number; name: string; depth: number; args: Record<string, unknown> }[] = [];
    let pi = 0;
    for (const t of transfers) {
      let end = t.end;
      while (pi < phases.length && phases[pi]!.start <= end + 1) {
        const p = phases[pi]!;
        if (p.start >= t.start) {
          end = Math.max(end, p.end);
          slices.push({ s: p.start, e: p.end, name: CHANNEL_PHASES[p.value] ?? String(p.value), depth: 1, args: { cycle: p.start, cycles: p.end - p.start + 1 } });
        }
        pi++;
      }
      slices.push({ s: t.start, e: end, name: 'transfer', depth: 0, args: { cycle: t.start, endCycle: end, cycles: end - t.start + 1 } });
    }
    slices.sort((a, b) => a.s - b.s || a.depth - b.depth);
    emitNested(slices, (x) => x.s, (x) => x.e + 1, (x) => x.depth, (x, ph, ts) => out.push({ name: x.name, cat: 'dma', ph, ts: us(ts), pid, tid, args: ph === 'B' ? x.args : { cycle: ts } }));
  }

  // ---- lines: interrupt and request lines, a slice while high ----
  const lineTrack = (sig: TraceSignal, tid: number, title: string, name: string) => {
    const high = runsOf(sig, from, to).filter((r) => r.value !== 0);
    if (high.length === 0) return;
    thread(tid, title);
    for (const r of high) {
      out.push({ name, cat: 'line', ph: 'B', ts: us(r.start), pid, tid, args: { cycle: r.start } });
      out.push({ name, cat: 'line', ph: 'E', ts: us(r.end + 1), pid, tid, args: { cycle: r.end + 1, cycles: r.end - r.start + 1 } });
    }
  };
  for (const s of hw.signals) {
    if (s.kind === 'irq-line') lineTrack(s, TID.irq + s.entity, `interrupt line ${s.entity}`, 'high');
    if (s.kind === 'request') lineTrack(s, TID.request + s.entity, `request line ${s.entity} (DRQ)`, 'requesting');
  }

  // ---- FIFO levels as counters ----
  for (const s of hw.signals) {
    if (s.kind !== 'level') continue;
    const port = hw.ports.find((p) => p.id === s.entity);
    const name = `${port?.name ?? `port ${s.entity}`} FIFO level`;
    out.push({ name, ph: 'C', ts: us(from), pid, tid: TID.counters, args: { level: s.initial } });
    for (let i = 0; i < s.changes.length; i += 2) {
      out.push({ name, ph: 'C', ts: us(s.changes[i]!), pid, tid: TID.counters, args: { level: s.changes[i + 1]! } });
    }
  }
}

/** Emits B/E pairs for properly nested intervals [start, end) sorted by start (outer first). */
function emitNested<T>(items: T[], start: (x: T) => number, end: (x: T) => number, depth: (x: T) => number,
  emit: (x: T, ph: 'B' | 'E', ts: number) => void): void {
  const stack: T[] = [];
  for (const x of items) {
    while (stack.length && (end(stack[stack.length - 1]!) <= start(x) || depth(stack[stack.length - 1]!) >= depth(x))) {
      const top = stack.pop()!;
      emit(top, 'E', end(top));
    }
    emit(x, 'B', start(x));
    stack.push(x);
  }
  while (stack.length) {
    const top = stack.pop()!;
    emit(top, 'E', end(top));
  }
}
