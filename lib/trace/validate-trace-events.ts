// The Trace Event Format's rules, checked (what trace-events.ts promises, and what a viewer relies on): every event
// has name, ph, ts, pid and tid of the right types; per thread, B/E events come in time order and pair up as a stack
// (an E closes the innermost open B of its thread, with the same name), nothing is left open; async b/e pair up by
// (cat, id, name) with n steps in between; counters carry numeric args; metadata events name processes and threads.
// Returns the problems found (empty: the file is well formed).
import type { TraceEventFile } from './trace-events.js';

/** One problem validateTraceEvents found: where and what. */
export interface TraceEventProblem {
  index: number;
  problem: string;
}

/**
 * The problems a trace-event file has against the format (missing fields, unbalanced begin / end, time going
 * backwards); empty when it is well formed.
 */
export function validateTraceEvents(file: TraceEventFile): TraceEventProblem[] {
  const problems: TraceEventProblem[] = [];
  const bad = (index: number, problem: string) => problems.push({ index, problem });
  if (!Array.isArray(file.traceEvents)) return [{ index: -1, problem: 'traceEvents is not an array' }];
  const stacks = new Map<string, { name: string; ts: number; index: number }[]>();
  const lastTs = new Map<string, number>();
  const asyncOpen = new Map<string, { ts: number; index: number }>();
  file.traceEvents.forEach((e, i) => {
    if (typeof e.name !== 'string' || e.name === '') bad(i, 'missing name');
    if (typeof e.ph !== 'string') bad(i, 'missing ph');
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts) || e.ts < 0) bad(i, 'ts is not a finite non-negative number');
    if (!Number.isInteger(e.pid) || !Number.isInteger(e.tid)) bad(i, 'pid / tid are not integers');
    const thread = `${e.pid}/${e.tid}`;
    switch (e.ph) {
      case 'B':
      case 'E': {
        const prev = lastTs.get(thread);
        if (prev !== undefined && e.ts < prev) bad(i, `${e.ph} at ts ${e.ts} before the thread's previous event at ${prev}`);
        lastTs.set(thread, e.ts);
        let st = stacks.get(thread);
        if (!st) stacks.set(thread, (st = []));
        if (e.ph === 'B') st.push({ name: e.name, ts: e.ts, index: i });
        else {
          const open = st.pop();
          if (!open) bad(i, `E '${e.name}' with no open B on thread ${thread}`);
          else if (open.name !== e.name) bad(i, `E '${e.name}' closes B '${open.name}' (event ${open.index}): slices do not nest`);
        }
        break;
      }
      case 'b':
      case 'e':
      case 'n': {
        if (typeof e.id !== 'string' || typeof e.cat !== 'string') {
          bad(i, `async ${e.ph} without id and cat`);
          break;
        }
        const key = `${e.pid}/${e.cat}/${e.id}`;
        const open = asyncOpen.get(key);
        if (e.ph === 'b') {
          if (open) bad(i, `async b '${e.name}' while id ${e.id} is already open`);
          asyncOpen.set(key, { ts: e.ts, index: i });
        } else if (!open) {
          bad(i, `async ${e.ph} '${e.name}' with no open b for id ${e.id}`);
        } else {
          if (e.ts < open.ts) bad(i, `async ${e.ph} before its b`);
          if (e.ph === 'e') asyncOpen.delete(key);
        }
        break;
      }
      case 'C':
        if (!e.args || Object.values(e.args).some((v) => typeof v !== 'number')) bad(i, 'counter without numeric args');
        break;
      case 'i':
        if (e.s !== undefined && !['g', 'p', 't'].includes(e.s)) bad(i, `instant scope '${e.s}'`);
        break;
      case 'M':
        if (!['process_name', 'thread_name', 'process_sort_index', 'thread_sort_index'].includes(e.name) || !e.args) bad(i, `metadata '${e.name}'`);
        break;
      case 'X':
        break;
      default:
        bad(i, `unknown ph '${String(e.ph)}'`);
    }
  });
  for (const [thread, st] of stacks) for (const o of st) bad(o.index, `B '${o.name}' on thread ${thread} never ends`);
  for (const [key, o] of asyncOpen) bad(o.index, `async span ${key} never ends`);
  return problems;
}
