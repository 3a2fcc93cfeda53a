// The SPI example under exploration (kmdf-dma-sim/explore): whatever the software latencies, callback times, DPCs on
// other processors, request jitter, wait states and bus load the seed draws, a duplex transfer shifts every MOSI byte
// out and every MISO byte in, in order, in 64-byte frames, and a short answer completes with exactly what came.
// `kmdf-dma-sim explore spi --seeds N` and examples/spi/explore.test.ts run them.
import assert from 'node:assert/strict';
import type { ExploreContext, ExploreScenario, PerturbOptions } from 'kmdf-dma-sim/explore';
import { STATUS_SUCCESS } from 'kmdf-dma-sim/kmdf';
import { createSpiMachine, type SpiMachine } from './machine.js';

/** The SPI controller's world: its own clock is exact (SPI is synchronous), the SoC around it is not. */
export const SPI_PERTURB: PerturbOptions = {
  isrLatency: { uniform: [10, 400] },
  dpcLatency: { uniform: [20, 2_000] },
  callbackCost: { EvtProgramDma: { uniform: [0, 300] }, EvtInterruptDpc: { uniform: [0, 300] } },
  crossProcessorDpc: { probability: 0.1, delay: { uniform: [0, 1_000] } },
  requestJitter: { uniform: [0, 4] },
  waitStates: { choice: [0, 0, 0, 1] },
  busLoad: { period: { uniform: [200, 5_000] }, cycles: { uniform: [1, 40] } },
};

export function duplex(ctx: ExploreContext, create: () => SpiMachine = createSpiMachine): void {
  const m = create();
  const n = 64 * ctx.random.int(1, 8);
  const mosi = Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0xff);
  const miso = Uint8Array.from({ length: n }, (_, i) => (i * 13 + 5) & 0xff);
  m.spi.slaveAnswers(miso);
  const [read, write] = m.host.runUntilAllComplete([m.file.read(n), m.file.write(mosi)]);
  assert.equal(read!.status, STATUS_SUCCESS);
  assert.equal(write!.status, STATUS_SUCCESS);
  assert.deepEqual(m.spi.sent(), mosi, 'every MOSI byte went out, in order');
  assert.deepEqual(read!.data, miso, 'every MISO byte came in, in order');
  assert.ok(m.context.Fragments.every((f) => f.length <= 64), 'frames are at most 64 bytes');
}

function shortAnswer(ctx: ExploreContext): void {
  const m = createSpiMachine();
  const n = 256;
  const answered = ctx.random.int(193, 255);
  const answer = Uint8Array.from({ length: answered }, (_, i) => (i * 3) & 0xff);
  m.spi.slaveAnswers(answer);
  const [read, write] = m.host.runUntilAllComplete([m.file.read(n), m.file.write(new Uint8Array(n))]);
  assert.equal(write!.status, STATUS_SUCCESS);
  assert.equal(read!.status, STATUS_SUCCESS);
  assert.deepEqual(read!.data, answer, 'the read completes with exactly the bytes the slave answered');
}

export const scenarios: readonly ExploreScenario[] = [
  { name: 'spi: a duplex transfer shifts every byte both ways', body: (ctx) => duplex(ctx), perturb: SPI_PERTURB },
  { name: 'spi: a short answer completes with what came', body: shortAnswer, perturb: SPI_PERTURB },
];
