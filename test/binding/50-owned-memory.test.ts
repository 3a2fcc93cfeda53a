// Memory the addon owns (issue 13 item 1): every block the binding writes or reads outside a call — the run's event
// records, the state it shares with lib/sim, the packed program request — is allocated by the addon and lent to JS as
// an external ArrayBuffer (native/addon/lent_buffers.h). The reproductions of the issue run in child processes, so a
// write into freed memory that kills the process fails the test instead of the run:
//  - the event block taken out of the Simulator and transferred (the structuredClone repro), then many runs;
//  - globalThis.Float64Array replaced before `new Simulator()` and every array it made detached, then a kernel run
//    whose flush is deferred through the shared state (the ApplyDeferredFlush repro).
// And in process: no public member of Simulator hands out an internal buffer.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulator } from '../../lib/index.js';
import { simulatorEventWords } from '../../lib/sim/simulator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs an ES module source in a fresh node with the built dist/ (what a user imports). */
function child(source: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

describe('blocks the addon owns', () => {
  it('no public member of a Simulator returns one of its internal buffers', () => {
    const sim = new Simulator();
    const internal = simulatorEventWords(sim).buffer;
    const seen: unknown[] = [];
    for (let proto: object | null = sim; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || name === 'dispose') continue;
        const d = Object.getOwnPropertyDescriptor(proto, name)!;
        const value = d.get ? d.get.call(sim) : d.value;
        seen.push(value);
      }
    }
    expect(seen.length).toBeGreaterThan(5);
    expect('eventWords' in sim).toBe(false);
    for (const v of seen) {
      expect(v === internal || (ArrayBuffer.isView(v) && v.buffer === internal)).toBe(false);
    }
    sim.dispose();
  });

  it('the event block cannot be detached by a transfer: runs go on writing memory the addon owns', () => {
    const r = child(`
      import { Simulator } from './dist/sim/index.js';
      import { simulatorEventWords } from './dist/sim/simulator.js';
      const make = () => {
        const sim = new Simulator({ eventBufferRecords: 8 });
        sim.addFifoPort({ address: 0x4000_0000, direction: 'tx', txStreaming: true, requestLine: 0, depth: 16, elementWidth: 1, rate: 7 });
        return sim;
      };
      const hostile = make();
      const words = simulatorEventWords(hostile);
      const copy = structuredClone(words.buffer, { transfer: [words.buffer] });
      const junk = []; for (let i = 0; i < 256; i++) junk.push(new Uint8Array(256).fill(0xee)); // reuse freed blocks
      const reference = make();
      let same = words.length === 64 && copy.byteLength === 256;
      for (let i = 0; i < 2000; i++) {
        const a = hostile.runFor(101);
        const b = reference.runFor(101);
        same = same && JSON.stringify(a) === JSON.stringify(b);
      }
      console.log(same ? 'same' : 'different', hostile.cycle);
    `);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('same 202000');
    expect(r.status).toBe(0);
  });

  it('a replaced globalThis.Float64Array whose arrays are detached after construction changes nothing', () => {
    const machine = (makeSim: string) => `
      const k = new Kernel({ sim: ${makeSim} });
      const ram = 0x8000_0000;
      const sink = 0x9000_0000;
      k.sim.addMemory({ base: sink, size: 0x1000 });
      const isrs = [];
      k.onSimEvent((e) => { if (e.kind === 'irq') isrs.push([e.cycle, e.level, k.cycle]); });
      for (let i = 0; i < 20; i++) {
        k.sim.dma.flushChannelDeferred(1); // the HAL's flush, put off to the next native call through the shared state
        k.sim.dma.programChannelFlat(1, 0, Float64Array.of(ram + 0x100 * (i % 8), 64), 1, sink, 'memory-to-device', 4, false, false);
        k.runFor(400);
      }
      console.log(JSON.stringify({ isrs, lines: k.stats.lines, cycle: k.cycle, status: k.sim.dma.channelStatus(1) }));
    `;
    const clean = child(`
      import { Kernel } from './dist/hal/index.js';
      import { Simulator } from './dist/sim/index.js';
      ${machine('new Simulator({ eventBufferRecords: 4 })')}
    `);
    const hostile = child(`
      import { Kernel } from './dist/hal/index.js';
      import { Simulator } from './dist/sim/index.js';
      // Every Float64Array made while the Simulator is constructed is remembered, then its buffer is detached.
      const made = [];
      const Intrinsic = Float64Array;
      globalThis.Float64Array = class extends Intrinsic { constructor(...a) { super(...a); made.push(this); } };
      const sim = new Simulator({ eventBufferRecords: 4 });
      globalThis.Float64Array = Intrinsic;
      for (const a of made) structuredClone(a.buffer, { transfer: [a.buffer] });
      const junk = []; for (let i = 0; i < 256; i++) junk.push(new Uint8Array(512).fill(0xee)); // reuse freed blocks
      ${machine('sim')}
    `);
    expect(clean.stderr).toBe('');
    expect(hostile.stderr).toBe('');
    expect(clean.status).toBe(0);
    expect(hostile.status).toBe(0);
    expect(JSON.parse(clean.stdout).lines[0].claimed).toBe(20);
    expect(hostile.stdout).toBe(clean.stdout);
  });
});
