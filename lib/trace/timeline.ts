// The timeline page's data: lanes of slices (and step charts for FIFO levels) built from a trace — per machine, one
// lane per DMA channel (transfers, phases inside), the bus, each request line (as driven; the controller's view
// beneath), each interrupt line, each FIFO port's level, the ISR, DPC and passive-level tracks (callbacks and DDIs
// nested), one lane with every framework callback, and the I/O requests. timeline-page.ts renders it in the browser.
import { CHANNEL_PHASES } from '../sim/trace-records.js';
import { headerLines, type TracedMachine } from './model.js';
import { findSignal, runsOf, softwareClock } from './spans.js';
import { timelinePage } from './timeline-page.js';

/** One drawn slice: [start, end) in (fractional) cycles, its row in the lane, colour class, label, hover text. */
export type LaneItem = [start: number, end: number, row: number, color: string, label: string, details: string];

/** One row group of the timeline page: a label and either slices or a level step chart. */
export interface Lane {
  id: string;
  label: string;
  /** 'slices': items; 'level': a step chart of points (cycle, value pairs) up to max. */
  kind: 'slices' | 'level';
  rows: number;
  items: LaneItem[];
  points?: number[];
  max?: number;
}

/** Everything the timeline page draws, embedded in the page as JSON. */
export interface TimelineModel {
  title: string;
  version: string;
  machines: { name: string; clockHz: number; start: number; end: number; cut: boolean; cutCycle: number | null; header: string[]; lanes: Lane[] }[];
}

const fmt = (args: Record<string, unknown>) =>
  Object.entries(args).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${String(v)}`).join('\n');

/** The data the timeline page draws: each machine's lanes of slices and levels. */
export function timelineModel(machines: readonly TracedMachine[], version: string): TimelineModel {
  return {
    title: `kmdf-dma-sim trace: ${machines.map((m) => m.name).join(', ')}`,
    version,
    machines: machines.map((m) => ({
      name: m.name,
      clockHz: m.clockHz,
      start: m.startCycle,
      end: m.endCycle + 1,
      cut: m.cut,
      cutCycle: m.cutCycle,
      header: headerLines(m),
      lanes: lanesOf(m),
    })),
  };
}

function lanesOf(m: TracedMachine): Lane[] {
  const lanes: Lane[] = [];
  const hw = m.hardware;
  const from = m.startCycle;
  const to = m.endCycle;
  const us = (c: number) => ((c * 1e6) / m.clockHz).toFixed(3);
  const span = (s: number, e: number) => `cycles ${s} .. ${e} (${e - s + 1})\n${us(s)} .. ${us(e + 1)} us`;

  for (let c = 0; c < hw.channels; c++) {
    const state = findSignal(hw.signals, 'state', c);
    const phase = findSignal(hw.signals, 'phase', c);
    if (!state || !phase) continue;
    const items: LaneItem[] = [];
    for (const r of runsOf(state, from, to)) {
      if (r.value === 1 || r.value === 2) items.push([r.start, r.end + 1, 0, 'transfer', 'transfer', `channel ${c} transfer\n${span(r.start, r.end)}`]);
    }
    for (const r of runsOf(phase, from, to)) {
      if (r.value < 2) continue; // idle, waiting
      const name = CHANNEL_PHASES[r.value] ?? String(r.value);
      items.push([r.start, r.end + 1, 1, name, name, `channel ${c}: ${name}\n${span(r.start, r.end)}`]);
    }
    if (items.length) lanes.push({ id: `ch${c}`, label: `DMA ch${c}`, kind: 'slices', rows: 2, items });
  }
  const owner = findSignal(hw.signals, 'bus-owner', 0);
  const busy = findSignal(hw.signals, 'bus-busy', 0);
  if (busy && owner) {
    const items: LaneItem[] = [];
    for (const r of runsOf(busy, from, to)) {
      if (!r.value) continue;
      // Split the busy span by owner.
      for (const o of runsOf(owner, r.start, r.end)) items.push([o.start, o.end + 1, 0, `ch${o.value % 8}`, `ch${o.value}`, `bus owned by channel ${o.value}\n${span(o.start, o.end)}`]);
    }
    if (items.length) lanes.push({ id: 'bus', label: 'bus', kind: 'slices', rows: 1, items });
  }
  const portName = (line: number) => hw.ports.find((p) => p.requestLine === line)?.name;
  for (const s of hw.signals) {
    if (s.kind !== 'request') continue;
    const items: LaneItem[] = [];
    for (const r of runsOf(s, from, to)) if (r.value) items.push([r.start, r.end + 1, 0, 'request', 'DRQ', `request line ${s.entity} driven high\n${span(r.start, r.end)}`]);
    const seen = findSignal(hw.signals, 'request-seen', s.entity);
    if (seen) for (const r of runsOf(seen, from, to)) if (r.value) items.push([r.start, r.end + 1, 1, 'seen', 'seen', `request line ${s.entity} seen by the controller\n${span(r.start, r.end)}`]);
    const name = portName(s.entity);
    if (items.length) lanes.push({ id: `drq${s.entity}`, label: `DRQ ${s.entity}${name ? ` ${name}` : ''}`, kind: 'slices', rows: 2, items });
  }
  for (const s of hw.signals) {
    if (s.kind !== 'irq-line') continue;
    const items: LaneItem[] = [];
    for (const r of runsOf(s, from, to)) if (r.value) items.push([r.start, r.end + 1, 0, 'irq', 'high', `interrupt line ${s.entity} high\n${span(r.start, r.end)}`]);
    const ctrl = s.entity === hw.controllerInterruptLine ? ' (DMA)' : '';
    if (items.length) lanes.push({ id: `irq${s.entity}`, label: `IRQ ${s.entity}${ctrl}`, kind: 'slices', rows: 1, items });
  }
  for (const s of hw.signals) {
    if (s.kind !== 'level') continue;
    const p = hw.ports.find((x) => x.id === s.entity);
    if (s.changes.length === 0 && s.initial === 0) continue;
    lanes.push({ id: `fifo${s.entity}`, label: `FIFO ${p?.name ?? s.entity}`, kind: 'level', rows: 1, items: [], points: [from, s.initial, ...s.changes], max: p?.depth ?? 1 });
  }

  const sw = m.software;
  if (sw) {
    const at = softwareClock(sw);
    const tracks = { isr: 'ISR', dpc: 'DPC', passive: 'passive' } as const;
    for (const t of ['isr', 'dpc', 'passive'] as const) {
      const slices = sw.slices.filter((s) => s.track === t);
      const items: LaneItem[] = slices.map((s) => [at(s.start, s.seq), at(s.end, s.endSeq), s.depth, s.group, s.name,
        `${s.name}\n${s.start === s.end ? `cycle ${s.start} (no simulated time)` : span(s.start, s.end)}\n${fmt(s.args)}`]);
      for (const i of sw.instants.filter((x) => x.track === t)) {
        items.push([at(i.cycle, i.seq), at(i.cycle, i.seq), 0, 'instant', i.name, `${i.name}\ncycle ${i.cycle}\n${fmt(i.args)}`]);
      }
      const rows = Math.max(1, ...slices.map((s) => s.depth + 1));
      if (items.length) lanes.push({ id: t, label: tracks[t], kind: 'slices', rows, items });
    }
    const callbacks = sw.slices.filter((s) => s.group === 'callback');
    if (callbacks.length) {
      lanes.push({ id: 'callbacks', label: 'callbacks', kind: 'slices', rows: 1, items: callbacks.map((s) => [at(s.start, s.seq), at(s.end, s.endSeq), 0, `cb-${s.track}`, s.name,
        `${s.name} (${s.track})\ncycle ${s.start}${s.end !== s.start ? ` .. ${s.end}` : ''}\n${fmt(s.args)}`]) });
    }
    if (sw.requests.length) {
      // One row per request in flight at once (first free row).
      const rowEnds: number[] = [];
      const items: LaneItem[] = [];
      for (const r of sw.requests) {
        const s = at(r.start, r.seq);
        const e = r.end === null ? to + 1 : at(r.end, r.endSeq);
        let row = rowEnds.findIndex((x) => x <= s);
        if (row < 0) row = rowEnds.push(e) - 1;
        else rowEnds[row] = e;
        const steps = r.steps.map((st) => `  ${st.cycle}: ${st.name}`).join('\n');
        items.push([s, e, row, 'request-span', r.name, `${r.name}\n${r.end === null ? `sent at cycle ${r.start}, still pending` : span(r.start, r.end)}\n${fmt(r.args)}${steps ? `\nsteps:\n${steps}` : ''}`]);
      }
      lanes.push({ id: 'requests', label: 'requests', kind: 'slices', rows: Math.max(1, rowEnds.length), items });
    }
  }
  return lanes;
}

export function toTimelineHtml(machines: readonly TracedMachine[], version: string): string {
  return timelinePage(timelineModel(machines, version));
}
