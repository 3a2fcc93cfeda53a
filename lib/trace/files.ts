// Writing a trace's files: the VCD, the trace-event JSON and the timeline page, each to the path given for it. A path
// that cannot be written is a TraceFileError (code ERR_TRACE_FILE) naming the option it came from (`--vcd`,
// `vcd`, ...) and the system's reason, before anything is written when the directory is missing or not writable.
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Trace } from './trace.js';
import type { VcdOptions } from './vcd.js';

/**
 * A trace file that cannot be written (its folder missing, not writable): `code` ERR_TRACE_FILE, the message naming the
 * path.
 */
export class TraceFileError extends Error {
  readonly code = 'ERR_TRACE_FILE';
  constructor(readonly option: string, readonly path: string, reason: string) {
    super(`${option}: cannot write '${path}': ${reason}`);
    this.name = 'TraceFileError';
  }
}

/** The files writeTraceFiles writes: any of vcd, trace (trace-event JSON) and timeline (HTML), each a path. */
export interface TraceFiles {
  /** VCD (GTKWave, Surfer, PulseView). */
  vcd?: string;
  /** Trace-event JSON (ui.perfetto.dev, chrome://tracing). */
  trace?: string;
  /** The HTML timeline. */
  timeline?: string;
}

/** Checks that `path` can be written (its directory exists and is writable; it is not a directory). */
export function checkWritable(option: string, path: string): void {
  const full = resolve(path);
  const dir = dirname(full);
  if (!existsSync(dir)) throw new TraceFileError(option, path, `the directory ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new TraceFileError(option, path, `${dir} is not a directory`);
  if (existsSync(full) && statSync(full).isDirectory()) throw new TraceFileError(option, path, 'it is a directory');
  try {
    accessSync(existsSync(full) ? full : dir, constants.W_OK);
  } catch (e) {
    throw new TraceFileError(option, path, (e as Error).message);
  }
}

/** Writes the files asked for; `names` maps each to the option name used in errors. Returns the paths written. */
export function writeTraceFiles(trace: Trace, files: TraceFiles, names: Partial<Record<keyof TraceFiles, string>> = {},
  vcd?: VcdOptions): string[] {
  const jobs: [keyof TraceFiles, () => string][] = [
    ['vcd', () => trace.toVcd(vcd)],
    ['trace', () => trace.toTraceEventsJson()],
    ['timeline', () => trace.toHtml()],
  ];
  for (const [k] of jobs) if (files[k] !== undefined) checkWritable(names[k] ?? k, files[k]!);
  const written: string[] = [];
  for (const [k, make] of jobs) {
    const path = files[k];
    if (path === undefined) continue;
    try {
      writeFileSync(path, make());
    } catch (e) {
      throw new TraceFileError(names[k] ?? k, path, (e as Error).message);
    }
    written.push(path);
  }
  return written;
}

/** A writer option the writer does not accept (code ERR_INVALID_ARGUMENT, naming the option). */
export class TraceOptionError extends Error {
  readonly code = 'ERR_INVALID_ARGUMENT';
  override readonly name = 'TraceOptionError';
}
