// VCD (IEEE 1364-2005 clause 18, four-state value change dump) of the hardware signals: what GTKWave, Surfer and
// PulseView open. One $scope per machine, and in it one per DMA controller (its channels and request lines each in
// their own scope), the bus, the interrupt controller and each FIFO port. One-bit signals are `wire 1`, states,
// phases, counts and FIFO levels are buses: `real` variables by default, `reg N` vectors with `buses: 'vector'`. $timescale is one bus-clock period when that is a whole
// 1/10/100 s..fs unit, else a finer unit (cycles then scaled, rounded to it; the header says so); $date is fixed (a
// simulation has no wall-clock date). The file ends with a newline. The header $comment lists the machine, its
// timing parameters and software latencies, the window and whether the cap cut the trace; another $comment maps
// phase and state values to their names.
// Why reals by default (both are IEEE 1364): libsigrok 0.5 (sigrok-cli and PulseView as Debian 12 ships them) reads
// only one-bit signals and stops reading a file at the first multi-bit `b` value ("Unexpected vector format!"), but
// skips reals, so the default file opens in GTKWave, Surfer AND PulseView; `buses: 'vector'` gives GTKWave-style
// vectors (hex or binary in the viewer) for tools that read them.
import type { TraceSignal } from '../sim/trace.js';
import { CHANNEL_PHASES, CHANNEL_STATE_NAMES, headerLines, type TracedMachine } from './model.js';
import { TraceOptionError } from './files.js';

const UNITS = ['s', 'ms', 'us', 'ns', 'ps', 'fs'] as const;

/** The timescale: `n unit` with unitFs femtoseconds per VCD time unit, and how many units one cycle is. */
interface Timescale {
  text: string;
  unitFs: bigint;
  exact: boolean;
}

function periodFs(clockHz: number): { fs: bigint; exact: boolean } {
  const fs = 1e15 / clockHz;
  return Number.isInteger(fs) ? { fs: BigInt(fs), exact: true } : { fs: 0n, exact: false };
}

/** The coarsest 1/10/100 × unit that divides every machine's clock period exactly; else 1 fs (times rounded). */
function chooseTimescale(machines: readonly TracedMachine[]): Timescale {
  const periods = machines.map((m) => periodFs(m.clockHz));
  if (periods.every((p) => p.exact)) {
    for (let u = 0; u < UNITS.length; u++) {
      const unitFs = 10n ** BigInt(15 - 3 * u);
      for (const mult of [100n, 10n, 1n]) {
        const step = unitFs * mult;
        if (periods.every((p) => p.fs % step === 0n)) return { text: `${mult} ${UNITS[u]}`, unitFs: step, exact: true };
      }
    }
  }
  return { text: '1 fs', unitFs: 1n, exact: false };
}

/** Identifier code characters: printable ASCII without '#' and '$' (a tokenizer that splits a vector change
 *  "b101 #" on blanks would take such an identifier for a timestamp or a keyword). */
const CODE_CHARS = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => c !== '#' && c !== '$').join('');

/** Short identifier codes, in order. */
function code(i: number): string {
  const n = CODE_CHARS.length;
  let s = '';
  let k = i;
  do {
    s += CODE_CHARS[k % n];
    k = Math.floor(k / n) - 1;
  } while (k >= 0);
  return s;
}

/** How to write a VCD: multi-bit signals as 'real' variables (sigrok-cli and PulseView read them) or 'vector' buses. */
export interface VcdOptions {
  /** How multi-bit signals are written: 'real' (`real` variables, r-values) [default] or 'vector' (`reg N`, b-values). */
  buses?: 'vector' | 'real';
}

function value(sig: TraceSignal, v: number, id: string, real: boolean): string {
  if (sig.width === 1) return `${v ? 1 : 0}${id}`;
  if (real) return `r${v >>> 0} ${id}`;
  return `b${(v >>> 0).toString(2)} ${id}`;
}

function ident(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

interface Declared {
  sig: TraceSignal;
  id: string;
  machine: number;
}

export function toVcd(machines: readonly TracedMachine[], version: string, options: VcdOptions = {}): string {
  const buses = options.buses ?? 'real';
  if (buses !== 'vector' && buses !== 'real') {
    throw new TraceOptionError(`"buses" must be 'real' or 'vector'; received ${typeof buses === 'string' ? `'${buses}'` : typeof buses}`);
  }
  const real = buses === 'real';
  const ts = chooseTimescale(machines);
  const out: string[] = [];
  out.push('$date', '\tsimulated time only (kmdf-dma-sim traces carry no wall-clock date)', '$end');
  out.push('$version', `\tkmdf-dma-sim ${version} hardware trace`, '$end');
  out.push('$comment');
  for (const m of machines) for (const l of headerLines(m)) out.push(`\t${l}`);
  if (!ts.exact) out.push('\tthe clock period is not a whole 1/10/100 unit: times are rounded to 1 fs');
  out.push('$end');
  out.push('$comment');
  out.push(`\tphase: ${CHANNEL_PHASES.map((p, i) => `${i} ${p}`).join(', ')}`);
  out.push(`\tstate: ${CHANNEL_STATE_NAMES.map((p, i) => `${i} ${p}`).join(', ')}`);
  out.push('\tpending_irq bits: 1 completion, 2 error, 4 cancelled; fault: 1 injected, 2 unmapped; port fault: 1 error flag, 2 stall');
  out.push('\tstatus bits: 1 overrun, 2 underrun, 4 dma-overflow, 8 dma-underflow, 16 error; drqN: request as the port drives it, seenN: as the controller sees it');
  out.push('$end');
  out.push(`$timescale ${ts.text} $end`);
  const declared: Declared[] = [];
  let next = 0;
  machines.forEach((m, mi) => {
    out.push(`$scope module ${ident(m.name)} $end`);
    // Group the machine's signals by scope path (a.b.c), keeping their order, and open nested scopes.
    const byScope = new Map<string, TraceSignal[]>();
    for (const s of m.hardware.signals) {
      const path = s.scope === 'request' ? 'dma.request' : s.scope;
      let list = byScope.get(path);
      if (!list) byScope.set(path, (list = []));
      list.push(s);
    }
    let open: string[] = [];
    const paths = [...byScope.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }));
    for (const path of paths) {
      const parts = path.split('.');
      let common = 0;
      while (common < open.length && common < parts.length && open[common] === parts[common]) common++;
      for (let i = open.length; i > common; i--) out.push('$upscope $end');
      for (let i = common; i < parts.length; i++) out.push(`$scope module ${ident(parts[i]!)} $end`);
      open = parts;
      for (const s of byScope.get(path)!) {
        const id = code(next++);
        declared.push({ sig: s, id, machine: mi });
        // Leaf names carry their scope's name too (ch0_phase, uart0_tx_level): tools that flatten the hierarchy
        // (sigrok, PulseView) still tell them apart.
        const type = s.width === 1 ? 'wire 1' : real ? 'real 64' : `reg ${s.width}`;
        out.push(`$var ${type} ${id} ${ident(`${parts[parts.length - 1]}_${s.name}`)} $end`);
      }
    }
    for (let i = open.length; i > 0; i--) out.push('$upscope $end');
    out.push('$upscope $end');
  });
  out.push('$enddefinitions $end');
  // Cycle → time, per machine.
  const perCycle = machines.map((m) => {
    const p = periodFs(m.clockHz);
    return p.exact ? { exact: true, k: p.fs / ts.unitFs, hz: m.clockHz } : { exact: false, k: 0n, hz: m.clockHz };
  });
  const timeOf = (mi: number, cycle: number): bigint => {
    const c = perCycle[mi]!;
    if (c.exact) return BigInt(cycle) * c.k;
    const hz = BigInt(Math.round(c.hz));
    return (BigInt(cycle) * 10n ** 15n + hz / 2n) / hz; // femtoseconds, rounded
  };
  const start = machines.reduce((t, m, mi) => { const x = timeOf(mi, m.startCycle); return t === null || x < t ? x : t; }, null as bigint | null) ?? 0n;
  out.push(`#${start}`);
  out.push('$dumpvars');
  for (const d of declared) out.push(value(d.sig, d.sig.initial, d.id, real));
  out.push('$end');
  // Every change, in time order (stable: within one time, signals keep their declaration order).
  const changes: { t: bigint; text: string; order: number }[] = [];
  let order = 0;
  for (const d of declared) {
    const c = d.sig.changes;
    for (let i = 0; i < c.length; i += 2) changes.push({ t: timeOf(d.machine, c[i]!), text: value(d.sig, c[i + 1]!, d.id, real), order: order++ });
  }
  changes.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.order - b.order));
  let last: bigint | null = start;
  for (const ch of changes) {
    if (ch.t !== last) {
      out.push(`#${ch.t}`);
      last = ch.t;
    }
    out.push(ch.text);
  }
  const end = machines.reduce((t, m, mi) => { const x = timeOf(mi, m.endCycle + 1); return x > t ? x : t; }, start);
  if (end !== last) out.push(`#${end}`);
  return out.join('\n') + '\n';
}

function rank(path: string): number {
  if (path.startsWith('dma.ch')) return 0;
  if (path === 'dma.request') return 1;
  if (path === 'bus') return 2;
  if (path === 'irq') return 3;
  return 4;
}
