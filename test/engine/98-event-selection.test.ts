// Layer 98 — choosing the events a run delivers (issue 14 item 1): a record mask filters kinds in the engine before
// anything crosses into JS. By default every kind but the request-line edges is delivered; SimulatorOptions.events
// and RunOptions.events choose others. What happens never changes — the same stops at the same cycles, the same
// channel and port state, and stats.records counts every event of the scenario either way — only what is delivered.
// The kernel stores only the kinds it reads (interrupt lines, timers) and those its listeners ask for.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_KINDS, Simulator, type SimEvent, type SimulatorOptions } from '../../lib/index.js';
import { Kernel } from '../../lib/hal/kernel.js';

const RAM = 0x8000_0000;
const TX = 0x4000_0000;

/** A request-paced stream: 64 single 32-bit transfers into a rate-50 tx port (two request edges each). */
function paced(options: SimulatorOptions = {}): Simulator {
  const sim = new Simulator(options);
  sim.addMemory({ base: RAM, size: 0x1000 });
  const port = sim.addFifoPort({ address: TX, direction: 'tx', requestLine: 3, depth: 1, elementWidth: 4, rate: 50, requestRule: 'single', dmaEnable: true });
  sim.dma.programChannel({ channel: 0, requestLine: 3, sg: [{ address: RAM, length: 256 }], deviceAddress: TX, direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
  void port;
  return sim;
}

function runThrough(sim: Simulator, target: number, options: Parameters<Simulator['runUntil']>[1] = {}): { events: SimEvent[]; stops: string[] } {
  const events: SimEvent[] = [];
  const stops: string[] = [];
  while (sim.cycle < target) {
    const r = sim.runUntil(target, options);
    events.push(...r.events);
    stops.push(`${r.stoppedBy}@${r.cycle}`);
    while (sim.dma.handleInterrupt());
  }
  return { events, stops };
}

describe('the record mask', () => {
  it('by default delivers every kind but request-line edges; stats count them all the same', () => {
    const quiet = paced();
    const loud = paced({ events: 'all' });
    const a = runThrough(quiet, 5_000);
    const b = runThrough(loud, 5_000);
    const requests = b.events.filter((e) => e.kind === 'request');
    expect(requests.length).toBe(2 * 64 + 1); // a rise and a fall per transfer, and the last rise (nothing left to send)
    expect(a.events).toEqual(b.events.filter((e) => e.kind !== 'request'));
    expect(a.stops).toEqual(b.stops);
    expect(quiet.stats.records).toBe(loud.stats.records);
    expect(quiet.dma.channelStatus(0)).toEqual(loud.dma.channelStatus(0));
    expect(quiet.ports[0]!.status).toEqual(loud.ports[0]!.status);
    expect(DEFAULT_EVENT_KINDS).not.toContain('request');
    expect(quiet.options.events).toEqual(DEFAULT_EVENT_KINDS);
  });

  it('a run chooses its own kinds; the simulator\'s choice holds again for the next run', () => {
    const sim = paced();
    const first = sim.runUntil(300, { events: ['request'] });
    // the channel-state event of the program call was made before this run, under the simulator's choice
    expect(first.events[0]).toMatchObject({ kind: 'channel-state', cycle: 0, state: 'running' });
    expect(first.events.length).toBeGreaterThan(2);
    expect(new Set(first.events.slice(1).map((e) => e.kind))).toEqual(new Set(['request']));
    const next = runThrough(sim, 5_000);
    expect(next.events.some((e) => e.kind === 'request')).toBe(false);
    expect(next.events.some((e) => e.kind === 'terminal-count')).toBe(true);
  });

  it('an empty list delivers nothing, and the run still stops where it must', () => {
    const sim = paced({ events: [] });
    const reference = paced();
    expect(runThrough(sim, 5_000).events).toEqual([]);
    expect(runThrough(sim, 5_000).stops).toEqual([]);
    const r = runThrough(reference, 5_000);
    const s = paced({ events: [] });
    expect(runThrough(s, 5_000).stops).toEqual(r.stops);
  });

  it('is checked: unknown kinds and wrong types name the option', () => {
    const code = (fn: () => unknown) => { try { fn(); return 'ok'; } catch (e) { return `${(e as { code: string }).code} ${(e as Error).message}`; } };
    expect(code(() => new Simulator({ events: ['irq', 'requests' as never] }))).toMatch(/^ERR_INVALID_ARGUMENT "options.events\[1\]"/);
    expect(code(() => new Simulator({ events: 'most' as never }))).toMatch(/^ERR_INVALID_ARG_TYPE "options.events"/);
    const sim = paced();
    expect(code(() => sim.runFor(10, { events: [Symbol('x') as never] }))).toMatch(/^ERR_INVALID_ARGUMENT "options.events\[0\]"/);
    expect(sim.cycle).toBe(0);
  });
});

describe('the kernel and its listeners', () => {
  it('a listener gets only the kinds it asked for, another gets everything', () => {
    const k = new Kernel();
    k.sim.addFifoPort({ address: TX, direction: 'tx', txStreaming: true, requestLine: 0, depth: 4, elementWidth: 1, rate: 100, dmaEnable: true });
    const underruns: SimEvent[] = [];
    const all: SimEvent[] = [];
    k.onSimEvent((e) => underruns.push(e), ['underrun']);
    const stop = k.onSimEvent((e) => all.push(e));
    k.runUntil(1_000);
    expect(underruns.length).toBe(10);
    expect(underruns.every((e) => e.kind === 'underrun')).toBe(true);
    expect(all.filter((e) => e.kind === 'underrun')).toEqual(underruns);
    expect(all.some((e) => e.kind === 'request')).toBe(true); // 'all' is every kind: the enabled port requests at once
    stop();
    all.length = 0;
    k.runUntil(2_000);
    expect(all).toEqual([]);
    expect(underruns.length).toBe(20);
    k.dispose();
  });
});
