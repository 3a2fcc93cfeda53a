// The SerCx2 ring example under exploration (kmdf-dma-sim/explore): whatever timing the seed draws — progress-timer
// ticks rounded to the kernel clock, late DPCs, the UART's rate drift, bus load — a read that keeps up with the
// looped receive transfer gets every byte in order across the ring's wraps, and nothing is lost.
// `kmdf-dma-sim explore sercx2-ring --seeds N` and examples/sercx2-ring/explore.test.ts run them.
import assert from 'node:assert/strict';
import type { ExploreContext, ExploreScenario, PerturbOptions } from 'kmdf-dma-sim/explore';
import * as W from 'kmdf-dma-sim/kmdf';
import { UART_PERTURB } from '../uart/explore.js';
import { createSerCx2RingMachine } from './machine.js';

/** The UART's world, and a kernel clock that rounds the progress timer up to 1 ms. */
export const RING_PERTURB: PerturbOptions = { ...UART_PERTURB, clockTick: 'high-resolution' };

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 17 + seed) & 0xff);

function readsAcrossWraps(ctx: ExploreContext): void {
  const m = createSerCx2RingMachine();
  const n = ctx.random.int(1, 10_000);
  const sent = bytes(n, 5);
  m.uart.receive(sent);
  const r = m.host.runUntilComplete(m.port.read(n));
  assert.equal(r.status, W.STATUS_SUCCESS, 'the read succeeds');
  assert.deepEqual(r.data, sent, 'every byte in order');
  assert.equal(m.context.LostBytes, 0, 'no byte lost to an overrun');
}

export const scenarios: readonly ExploreScenario[] = [
  { name: 'sercx2-ring: a read across the ring\'s wraps gets every byte', body: readsAcrossWraps, perturb: RING_PERTURB },
];
