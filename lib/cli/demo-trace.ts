// The trace options of `kmdf-dma-sim demo`: --vcd / --trace / --timeline name the files, --trace-groups,
// --trace-start, --trace-ring and --trace-cap shape the trace (lib/sim/trace-options.ts, with the software names of
// lib/host). Every option is checked before the demo runs: a bad value is a CliError naming the option, with the
// engine's coded error's code. The demo builds its machines itself; each TestHost it creates is traced from its
// construction (onHostCreated), and the files hold every machine the demo built.
import { onHostCreated, SOFTWARE_TRACE_NAMES, type MachineTraceData, type TestHost } from '../host/index.js';
import { resolveTraceOptions, type TraceOptions } from '../sim/index.js';
import { checkWritable, Trace, TraceFileError, writeTraceFiles, type TraceFiles } from '../trace/index.js';
import type { Progress } from './progress.js';

export class CliError extends Error {
  constructor(readonly option: string, message: string, readonly code: string) {
    super(`${option}: ${message}`);
    this.name = 'CliError';
  }
}

export interface DemoTraceArgs {
  vcd?: string;
  vcdBuses?: string;
  trace?: string;
  timeline?: string;
  traceGroups?: string;
  traceStart?: string;
  traceRing?: string;
  traceCap?: string;
}

export interface DemoTracePlan {
  files: TraceFiles;
  options: TraceOptions;
  buses: 'vector' | 'real';
}

function integer(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new CliError(option, `must be a whole number; received '${text}'`, 'ERR_OUT_OF_RANGE');
  return Number(text);
}

/** Checks the trace options and the files' paths (before anything runs); null when no trace file was asked for. */
export function planDemoTrace(a: DemoTraceArgs): DemoTracePlan | null {
  const files: TraceFiles = { vcd: a.vcd, trace: a.trace, timeline: a.timeline };
  const shaping = a.traceGroups ?? a.traceStart ?? a.traceRing ?? a.traceCap ?? a.vcdBuses;
  if (!files.vcd && !files.trace && !files.timeline) {
    if (shaping !== undefined) throw new CliError('--trace-*', 'trace options need an output file (--vcd, --trace or --timeline)', 'ERR_INVALID_ARGUMENT');
    return null;
  }
  const options: TraceOptions = {};
  if (a.traceGroups !== undefined) options.groups = a.traceGroups.split(',').map((g) => g.trim()).filter(Boolean);
  if (a.traceStart !== undefined) options.start = /^\d+$/.test(a.traceStart) ? Number(a.traceStart) : a.traceStart;
  options.ring = integer('--trace-ring', a.traceRing);
  options.cap = integer('--trace-cap', a.traceCap);
  const optionOf: Record<string, string> = { groups: '--trace-groups', start: '--trace-start', ring: '--trace-ring', cap: '--trace-cap' };
  try {
    resolveTraceOptions(options, SOFTWARE_TRACE_NAMES);
  } catch (e) {
    const err = e as Error & { code?: string };
    const field = /"trace\.(\w+)/.exec(err.message)?.[1] ?? 'groups';
    throw new CliError(optionOf[field] ?? '--trace-*', err.message, err.code ?? 'ERR_INVALID_ARGUMENT');
  }
  if (a.vcdBuses !== undefined && a.vcdBuses !== 'vector' && a.vcdBuses !== 'real') {
    throw new CliError('--vcd-buses', `must be 'vector' or 'real'; received '${a.vcdBuses}'`, 'ERR_INVALID_ARGUMENT');
  }
  const names = { vcd: '--vcd', trace: '--trace', timeline: '--timeline' } as const;
  for (const k of ['vcd', 'trace', 'timeline'] as const) {
    const path = files[k];
    if (path === undefined) continue;
    try {
      checkWritable(names[k], path);
    } catch (e) {
      if (e instanceof TraceFileError) throw new CliError(names[k], e.message.slice(names[k].length + 2), e.code);
      throw e;
    }
  }
  return { files, options, buses: (a.vcdBuses as 'vector' | 'real' | undefined) ?? 'real' };
}

/** Runs `run` with every TestHost it builds traced; writes the files; returns the paths and whether a cap cut them. */
export async function withDemoTrace<T>(plan: DemoTracePlan, name: string, progress: Progress, run: () => Promise<T>):
  Promise<{ result: T; written: string[]; cut: boolean; cutCycle: number | null }> {
  const hosts: TestHost[] = [];
  const stop = onHostCreated((host) => {
    host.name = hosts.length === 0 ? `${name} demo` : `${name} demo ${hosts.length + 1}`;
    hosts.push(host);
    host.trace.start(plan.options);
    if (progress.enabled) {
      // Progress while simulating: the cycle reached, read every 256 engine events (only on a terminal).
      let n = 0;
      host.kernel.onSimEvent((e) => {
        if ((++n & 255) === 0) progress.update(e.cycle);
      });
    }
  });
  let result: T;
  try {
    progress.phase(`simulating the ${name} demo`, 1);
    result = await run();
  } finally {
    stop();
  }
  progress.phase('writing trace files', 3);
  const data: MachineTraceData[] = hosts.map((h) => h.trace.stop());
  const trace = new Trace(data);
  const written: string[] = [];
  for (const k of ['vcd', 'trace', 'timeline'] as const) {
    if (plan.files[k] === undefined) continue;
    written.push(...writeTraceFiles(trace, { [k]: plan.files[k] }, { vcd: '--vcd', trace: '--trace', timeline: '--timeline' }, { buses: plan.buses }));
    progress.update(written.length);
  }
  return { result, written, cut: trace.cut, cutCycle: trace.cutCycle };
}
