// What one `kmdf-dma-sim demo <example>` run measures (each example's demo.ts fills it) and how the table the
// command prints is laid out. Pure: no simulation here, so the layout is testable on its own.

export interface DemoFifo {
  name: string;
  depth: number;
  highWater: number;
  underruns: number;
  overruns: number;
}

export interface DemoReport {
  example: string;
  /** One line: what the example did. */
  scenario: string;
  clockHz: number;
  isrLatency: number;
  dpcLatency: number;
  /** Bytes the requests moved, by direction. */
  bytesWritten: number;
  bytesRead: number;
  /** Cycle the first request was sent and the cycle the last one completed. */
  startCycle: number;
  endCycle: number;
  /** Per fragment: cycles from EvtProgramDma to its transfer-complete (or device-interrupt) DPC. */
  fragmentLatencies: number[];
  fifos: DemoFifo[];
  /** ISR dispatches and DPC routines the simulated OS ran (all drivers and the HAL). */
  interrupts: number;
  dpcs: number;
  /** Extra rows an example wants to show (label, value). */
  notes?: [string, string][];
}

const group = (n: number): string => Math.round(n).toLocaleString('en-US');

function seconds(s: number): string {
  if (s >= 1) return `${s.toFixed(3)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(3)} ms`;
  return `${(s * 1e6).toFixed(3)} us`;
}

function rate(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1e6) return `${(bytesPerSecond / 1e6).toFixed(3)} MB/s`;
  return `${(bytesPerSecond / 1e3).toFixed(3)} kB/s`;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The rows of the table, label then value. */
export function demoRows(r: DemoReport): [string, string][] {
  const cycles = r.endCycle - r.startCycle;
  const time = cycles / r.clockHz;
  const bytes = r.bytesWritten + r.bytesRead;
  const lat = r.fragmentLatencies;
  const us = (c: number) => `${group(c)} (${((c / r.clockHz) * 1e6).toFixed(2)} us)`;
  const rows: [string, string][] = [
    ['bytes moved', `${group(bytes)} (written ${group(r.bytesWritten)}, read ${group(r.bytesRead)})`],
    ['simulated time', `${seconds(time)} (${group(cycles)} cycles)`],
    ['throughput', time > 0 ? rate(bytes / time) : '-'],
    ['fragments', group(lat.length)],
    [
      'fragment latency min/median/max (cycles)',
      lat.length ? `${us(Math.min(...lat))} / ${us(median(lat))} / ${us(Math.max(...lat))}` : '-',
    ],
  ];
  for (const f of r.fifos) rows.push([`FIFO high-water ${f.name}`, `${f.highWater} of ${f.depth}`]);
  const under = r.fifos.reduce((n, f) => n + f.underruns, 0);
  const over = r.fifos.reduce((n, f) => n + f.overruns, 0);
  rows.push(['underruns / overruns', `${group(under)} / ${group(over)}`]);
  rows.push(['interrupts / DPCs', `${group(r.interrupts)} / ${group(r.dpcs)}`]);
  for (const n of r.notes ?? []) rows.push(n);
  return rows;
}

/** The whole printout: a header naming the example and the machine, then the table. */
export function formatDemoReport(r: DemoReport): string {
  const rows = demoRows(r);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `kmdf-dma-sim demo ${r.example}: ${r.scenario}`,
    `machine: soc DMA controller, ${group(r.clockHz / 1e6)} MHz bus, ISR latency ${r.isrLatency} cycles, DPC latency ${r.dpcLatency} cycles`,
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ];
  return lines.join('\n');
}
