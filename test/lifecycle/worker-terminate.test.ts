// worker.terminate() in the middle of a run (issue 13 item 7, "worker threads and worker.terminate() mid-run as
// today"): a worker thread builds Kernels and runs a streaming port in a loop that never ends by itself; the parent
// terminates it while it runs. Node tears the worker's environment down with simulators, RAM views and lent blocks
// still alive, so their finalizers run at teardown: 40 such workers in a child process must leave it alive, the
// addon still working on the main thread, and RSS within 20 MB of where it was after 5 warm-up workers (not checked
// under the sanitizer run, whose allocator keeps freed memory in quarantine).
// Found this way: a native call returning while its worker terminates could not throw its JS result or error
// (napi_throw fails then), node-addon-api rethrew it as a C++ exception out of its callback wrapper, and the whole
// process aborted (std::terminate) — in 7 of 8 runs of this test. The binding now builds with
// NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS (CMakeLists.txt).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SANITIZED = /lib(asan|clang_rt\.asan)/.test(process.env.LD_PRELOAD ?? '');

const PARENT = `
import { Worker } from 'node:worker_threads';
import { Simulator } from './dist/sim/index.js';
const hal = ${JSON.stringify(pathToFileURL(`${ROOT}/dist/hal/index.js`).href)};
const source = \`
const { parentPort } = require('node:worker_threads');
import(\${JSON.stringify(hal)}).then(({ Kernel }) => {
  for (let n = 1; ; n++) {
    const k = new Kernel();
    k.sim.addFifoPort({ address: 0x4000_0000, direction: 'tx', txStreaming: true, requestLine: 0, depth: 16, elementWidth: 1, rate: 7 });
    k.runFor(200_000); // long native runs: terminate() nearly always lands inside one
    if (n === 3) parentPort.postMessage('running');
    if (n % 2) k.dispose();
  }
});\`;
async function terminatedMidRun() {
  const worker = new Worker(source, { eval: true, execArgv: [] });
  await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
  return worker.terminate();
}
const codes = [];
for (let i = 0; i < 5; i++) codes.push(await terminatedMidRun());
globalThis.gc();
const start = process.memoryUsage().rss;
for (let i = 0; i < 40; i++) codes.push(await terminatedMidRun());
globalThis.gc();
const grown = process.memoryUsage().rss - start;
const sim = new Simulator();
sim.addMemory({ base: 0, size: 4096 });
const cycle = sim.runFor(1000).cycle;
sim.dispose();
console.log(JSON.stringify({ codes: [...new Set(codes)], grown, cycle }));
`;

describe('worker.terminate() mid-run', () => {
  it('40 workers terminated while they run leave the process working and its RSS where it was', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', PARENT], {
      cwd: ROOT, encoding: 'utf8', timeout: 240_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as { codes: number[]; grown: number; cycle: number };
    expect(out.codes).toEqual([1]); // terminate() resolves with exit code 1 for a worker stopped mid-run
    expect(out.cycle).toBe(1000);
    if (!SANITIZED) expect(out.grown).toBeLessThanOrEqual(20e6);
  }, 240_000);
});
