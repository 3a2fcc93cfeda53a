// Native lifetimes (the Level/classic-level habit: test what only native code gets wrong): a zero-copy RAM view
// outlives a garbage-collected Simulator (its finalizer keeps the engine memory), dispose() detaches views instead
// of leaving them dangling, environment teardown with live simulators and views is clean, and simulators run in
// several worker_threads at once (per-environment instance data: the error class, the constructor).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { BINARY_ENV, candidatePaths } from '../../lib/native/paths.js';
import { resolveSimulatorOptions, toNativeOptions } from '../../lib/sim/options.js';

const addonPath = process.env[BINARY_ENV] || candidatePaths().find((p) => existsSync(p))!;
const OPTIONS = JSON.stringify(toNativeOptions(resolveSimulatorOptions({})));

function child(source: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', source], {
    encoding: 'utf8', env: { ...process.env, ADDON: addonPath, OPTIONS }, timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('RAM views', () => {
  it('a view stays valid after its Simulator is garbage-collected', () => {
    const r = child(`
      const addon = require(process.env.ADDON);
      let sim = new addon.NativeSimulator(JSON.parse(process.env.OPTIONS));
      sim.addMemory(0, 1 << 20, 0, 0);
      const view = new Uint8Array(sim.memoryView(0));
      view.fill(0x5a);
      let collected = false;
      const registry = new FinalizationRegistry(() => { collected = true; });
      registry.register(sim, 0);
      sim = null;
      (async () => {
        for (let i = 0; i < 10; i++) { globalThis.gc(); await new Promise((r) => setImmediate(r)); }
        // churn the heap so freed memory would be reused
        const junk = []; for (let i = 0; i < 64; i++) junk.push(Buffer.alloc(1 << 16, 0xee));
        let ok = view.length === (1 << 20);
        for (let i = 0; i < view.length; i += 4093) ok = ok && view[i] === 0x5a;
        view[123] = 7;
        console.log(ok && view[123] === 7 ? 'alive' : 'broken', collected ? 'collected' : 'not-collected');
      })();
    `);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('alive collected'); // the Simulator really was collected
    expect(r.status).toBe(0);
  });

  it('dispose() detaches every view; the memory is freed once the views are collected', () => {
    const r = child(`
      const addon = require(process.env.ADDON);
      const sim = new addon.NativeSimulator(JSON.parse(process.env.OPTIONS));
      sim.addMemory(0, 4096, 0, 0);
      sim.addMemory(0x10000, 4096, 0, 0);
      const a = new Uint8Array(sim.memoryView(0));
      const b = sim.memoryView(1);
      sim.dispose();
      let threw = '';
      try { sim.memoryView(0); } catch (e) { threw = e.code; }
      console.log(a.length, b.byteLength, threw);
    `);
    expect(r.stdout.trim()).toBe('0 0 ERR_SIMULATOR_DISPOSED');
    expect(r.status).toBe(0);
  });

  it('environment teardown with live simulators, views and pending events exits cleanly', () => {
    const r = child(`
      const addon = require(process.env.ADDON);
      const keep = [];
      for (let i = 0; i < 20; i++) {
        const sim = new addon.NativeSimulator(JSON.parse(process.env.OPTIONS));
        sim.addMemory(0, 65536, 0, 0);
        keep.push(sim, sim.memoryView(0));
        sim.programMemoryToMemory(0, 0, 32768, 4096, 4, 0);
        sim.runUntil(100, new ArrayBuffer(64));
        if (i % 2) sim.dispose();
      }
      process.exit(0);
    `);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const addon = require(workerData.path);
const sims = [];
const results = [];
for (let i = 0; i < workerData.rounds; i++) {
  const sim = new addon.NativeSimulator(workerData.options);
  sim.addMemory(0, 0x10000, 0, 0);
  new Uint8Array(sim.memoryView(0)).fill(i & 0xff, 0, 1024);
  sim.programMemoryToMemory(0, 0, 0x8000, 1024, 4, 4);
  const buf = new ArrayBuffer(32 * 64);
  const r = sim.runUntil(10000, buf);
  let code = '';
  try { sim.runUntil(NaN, buf); } catch (e) { code = e.code; }
  results.push(r.cycle + ':' + code + ':' + new Uint8Array(sim.memoryView(0))[0x8000 + 1023]);
  sims.push(sim);
}
parentPort.postMessage(results);
`;

function runWorker(rounds: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { path: addonPath, rounds, options: JSON.parse(OPTIONS) } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('worker threads', () => {
  it('simulators run in three workers at once, each with its own coded errors, and are torn down with them', async () => {
    const all = await Promise.all([runWorker(10), runWorker(10), runWorker(10)]);
    for (const results of all) {
      // the worked example stops at the interrupt rise, 642
      expect(results).toEqual(Array.from({ length: 10 }, (_, i) => `642:ERR_OUT_OF_RANGE:${i}`));
    }
  });
});
