// traceOnFailure(): one line in a test file, and every machine (TestHost) a test builds is traced from its
// construction; when the test fails, the trace's VCD, trace-event JSON and timeline page are written next to the test
// results and named in the failure message, so a timing test that says "completed at 1,365,480, expected 1,365,473"
// also says where to look. Passing tests write nothing (unless `always`). The only file in the package that imports
// vitest at runtime besides lib/vitest's index (ARCHITECTURE.md "Test helpers for users").
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeEach } from 'vitest';
import { onHostCreated, type MachineTraceData, type TestHost } from '../host/index.js';
import type { TraceOptions } from '../sim/index.js';
import { Trace, writeTraceFiles } from '../trace/index.js';

/** Options of traceOnFailure: where the files go, what to record, and whether passing tests write them too. */
export interface TraceOnFailureOptions {
  /** Where the files go [$KMDF_DMA_SIM_TRACE_DIR, else test-results/traces under the working directory]. */
  dir?: string;
  /** What to record (groups, start, ring, cap) [everything]. */
  trace?: TraceOptions;
  /** Write the files for passing tests too [false]. */
  always?: boolean;
}

/** The files a failing test's trace was written to (the last test's), for tools that want them. */
export let lastTraceFiles: string[] = [];

let activeTests = 0;

/** True while a test that traceOnFailure() records is running (the timing matchers then point at its trace). */
export function traceOnFailureActive(): boolean {
  return activeTests > 0;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'test';
}

/** Call once at the top of a test file (or inside a describe): see the file's comment. */
export function traceOnFailure(options: TraceOnFailureOptions = {}): void {
  beforeEach((ctx) => {
    activeTests++;
    const hosts: TestHost[] = [];
    const stop = onHostCreated((host) => {
      hosts.push(host);
      host.name = hosts.length === 1 ? ctx.task.name : `${ctx.task.name} (${hosts.length})`;
      host.trace.start(options.trace);
    });
    const collect = (): MachineTraceData[] => {
      stop();
      const out: MachineTraceData[] = [];
      for (const h of hosts) {
        try {
          out.push(h.trace.stop());
        } catch {
          // A host disposed or halted before the end: nothing more to read from it.
        }
      }
      return out;
    };
    const write = (data: MachineTraceData[]): string[] => {
      if (data.length === 0) return [];
      const dir = resolve(options.dir ?? process.env.KMDF_DMA_SIM_TRACE_DIR ?? join(process.cwd(), 'test-results', 'traces'));
      const file = slug(relative(process.cwd(), ctx.task.file?.filepath ?? 'test').replace(/\.[jt]s$/, ''));
      const base = join(dir, file, slug(ctx.task.name));
      mkdirSync(join(dir, file), { recursive: true });
      return writeTraceFiles(new Trace(data), { vcd: `${base}.vcd`, trace: `${base}.json`, timeline: `${base}.html` });
    };
    let done = false;
    ctx.onTestFailed(({ task }) => {
      done = true;
      const files = write(collect());
      lastTraceFiles = files;
      if (files.length === 0) return;
      const note = `\n\ntrace of this test (kmdf-dma-sim/vitest traceOnFailure):\n${files.map((f) => `  ${relative(process.cwd(), f)}`).join('\n')}`;
      for (const e of task.result?.errors ?? []) {
        e.message = `${e.message}${note}`;
        if (typeof e.stack === 'string') e.stack = e.stack.replace(e.message.slice(0, e.message.length - note.length), e.message);
      }
    });
    ctx.onTestFinished(() => {
      activeTests--;
      if (done) return;
      const data = collect();
      if (options.always) lastTraceFiles = write(data);
    });
  });
}
