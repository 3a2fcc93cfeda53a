// Shared pieces of the seeded engine scenarios (test/engine/_scenarios.ts, _scenarios-streams.ts): a tiny
// deterministic PRNG, recording a call's result or error code, runs through every stop answering interrupts like a
// HAL ISR, and snapshots of channel and port state. Everything observable goes into a Trace (expectSameTrace).
import { expect } from 'vitest';
import type { EventSelection, FifoPort, Simulator } from '../../lib/index.js';

/** mulberry32: a tiny deterministic PRNG (no Math.random). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  f(): number;
  int(lo: number, hi: number): number;
  pick<T>(a: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  const f = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(f() * (hi - lo + 1));
  return { f, int, pick: (a) => a[int(0, a.length - 1)], chance: (p) => f() < p };
}

export type Trace = unknown[];
export type Width = 1 | 2 | 4 | 8;
export const RAM = 0x4000;

export function codeOf(e: unknown): string {
  return String((e as { code?: unknown }).code ?? (e as Error).message);
}

/** Runs `fn`, recording its result or its error code. */
export function attempt(trace: Trace, tag: string, fn: () => unknown): void {
  try {
    trace.push([tag, fn() ?? null]);
  } catch (e) {
    trace.push([tag, 'throws', codeOf(e)]);
  }
}

export function snapshot(sim: Simulator, trace: Trace, channels: number[], ports: FifoPort[]): void {
  for (const c of channels) trace.push(['ch', c, sim.dma.channelStatus(c), sim.dma.readDmaCounter(c)]);
  for (const p of ports) trace.push(['port', p.id, p.status]);
}

/** Runs to `target` through every stop, answering controller interrupts like a HAL ISR. */
export function runTo(sim: Simulator, trace: Trace, target: number, r: Rng, events: EventSelection | undefined = 'all'): void {
  for (let guard = 0; guard < 1000; guard++) {
    const res = sim.runUntil(target, events === undefined ? undefined : { events });
    trace.push(['run', res.cycle, res.stoppedBy, res.events]);
    if (res.stoppedBy === 'target') return;
    if (res.stoppedBy === 'interrupt' && r.f() < 0.9) {
      for (let i = sim.dma.handleInterrupt(); i !== null; i = sim.dma.handleInterrupt()) trace.push(['irq', i]);
    }
  }
  trace.push(['guard']);
}


/**
 * expect(a).toEqual(b) for two traces, quickly: the traces hold long arrays (memory, tx bytes), which toEqual walks
 * element by element, so equal JSON texts (the common case) settle it and toEqual runs only to describe a difference.
 * (JSON cannot tell NaN from null, nor -0 from 0; no trace entry is either.)
 */
export function expectSameTrace(a: unknown, b: unknown, message: string): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) expect(a, message).toEqual(b);
}
