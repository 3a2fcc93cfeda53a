// The addon is context-aware: it loads and works in two worker_threads at once, and again in the main thread
// after those workers have exited (their per-environment instance data torn down).
import { describe, it, expect } from 'vitest';
import { Worker } from 'node:worker_threads';
import { loadNative } from '../../lib/native/loader.js';
import { candidatePaths } from '../../lib/native/paths.js';
import { existsSync } from 'node:fs';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const addon = require(workerData.path);
const results = [];
for (let i = 0; i < workerData.rounds; i++) results.push(addon.selfCheck().summary);
parentPort.postMessage(results);
`;

function runWorker(path: string, rounds: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, rounds } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
  });
}

describe('worker threads', () => {
  it('loads in two workers at once and in the main thread after they exit', async () => {
    const path = candidatePaths().find((p) => existsSync(p));
    expect(path, 'no built addon: run `npm run build`').toBeDefined();
    const [a, b] = await Promise.all([runWorker(path!, 20), runWorker(path!, 20)]);
    const expected = loadNative().selfCheck().summary;
    expect(a).toEqual(Array(20).fill(expected));
    expect(b).toEqual(Array(20).fill(expected));
    expect(loadNative().selfCheck().summary).toBe(expected);
  });
});
