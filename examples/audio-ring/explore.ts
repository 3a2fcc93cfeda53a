// The audio-ring example under exploration (kmdf-dma-sim/explore): whatever timing the seed draws, a consumer that
// keeps up receives every period intact and in order with no overrun, and a STOP at any moment ends the stream with
// STOP's answer at or after every byte delivered and no bug check (the DmaCancelled that a stop brings may arrive
// after the next notification, or after Release when the HAL delivers it late: the driver's guards must hold).
// `kmdf-dma-sim explore audio-ring --seeds N` and examples/audio-ring/explore.test.ts run them.
import assert from 'node:assert/strict';
import type { ExploreContext, ExploreScenario, PerturbOptions } from 'kmdf-dma-sim/explore';
import { STATUS_SUCCESS } from 'kmdf-dma-sim/kmdf';
import { signalBytes } from './device/i2s.js';
import { createAudioRingMachine, type AudioRingMachine, type AudioRingMachineOptions } from './machine.js';

/** A busy SoC around an I2S codec whose word clock is within 2 % of 48 kHz. */
export const AUDIO_PERTURB: PerturbOptions = {
  isrLatency: { uniform: [10, 2_000] },
  dpcLatency: { uniform: [20, 20_000] },
  callbackCost: { EvtDmaTransactionDmaTransferComplete: { uniform: [0, 2_000] }, EvtIoDeviceControl: { uniform: [0, 500] } },
  crossProcessorDpc: { probability: 0.2, delay: { uniform: [0, 5_000] } },
  requestJitter: { uniform: [0, 4] },
  rateDrift: 0.02,
  waitStates: { choice: [0, 0, 0, 1] },
  busLoad: { period: { uniform: [200, 5_000] }, cycles: { uniform: [1, 40] } },
};

const PERIOD = 1_920;

function periodsInOrder(ctx: ExploreContext): void {
  const m = createAudioRingMachine();
  assert.equal(m.host.runUntilComplete(m.start()).status, STATUS_SUCCESS);
  const periods = ctx.random.int(2, 5);
  for (let p = 0; p < periods; p++) {
    const r = m.host.runUntilComplete(m.readPeriod());
    assert.equal(r.status, STATUS_SUCCESS, `period ${p} is delivered`);
    assert.deepEqual(r.data, signalBytes(p * PERIOD, PERIOD), `period ${p} is frames ${480 * p}.. of the signal, intact`);
  }
  assert.equal(m.i2s.rx.status.overruns, 0, 'a consumer that keeps up sees no overrun');
}

function stopAnywhere(ctx: ExploreContext): void {
  const m = createAudioRingMachine({ dma: ctx.random.chance(1, 2) ? { lateCancellation: {} } : undefined });
  assert.equal(m.host.runUntilComplete(m.start()).status, STATUS_SUCCESS);
  const reads = [m.readPeriod(), m.readPeriod()];
  m.host.runFor(ctx.random.int(1, 2_500_000));
  const stop = m.host.runUntilComplete(m.stop());
  assert.equal(stop.status, STATUS_SUCCESS, 'STOP succeeds');
  m.host.runFor(200_000); // any late DmaCancelled arrives and must be ignored
  for (const r of reads) if (!r.completed) m.host.runUntilComplete(r);
  assert.ok(!m.host.kernel.halted, 'no bug check');
}

/** A consumer that falls behind: the ring overruns (the driver stops the stream itself, racing the next period's
 *  notification), then STOP. Whatever wins each race, and whether the HAL answers a stop late, no bug check. */
export function fallsBehind(ctx: ExploreContext, create: (o: AudioRingMachineOptions) => AudioRingMachine = createAudioRingMachine): void {
  const m = create({ dma: ctx.random.chance(1, 2) ? { lateCancellation: {} } : undefined });
  assert.equal(m.host.runUntilComplete(m.start()).status, STATUS_SUCCESS);
  m.readPeriod();
  m.host.runFor(ctx.random.int(2_500_000, 7_000_000)); // the ring holds 2 periods of ~1,000,000 cycles
  const stop = m.host.runUntilComplete(m.stop());
  assert.equal(stop.status, STATUS_SUCCESS, 'STOP succeeds, running or not');
  m.host.runFor(200_000); // any late DmaCancelled arrives and must be ignored
  assert.ok(!m.host.kernel.halted, 'no bug check');
  assert.notEqual(m.context.State, 'running');
}

export const scenarios: readonly ExploreScenario[] = [
  { name: 'audio-ring: a consumer that keeps up gets every period intact', body: periodsInOrder, perturb: AUDIO_PERTURB },
  { name: 'audio-ring: STOP at any moment ends the stream cleanly', body: stopAnywhere, perturb: AUDIO_PERTURB },
  { name: 'audio-ring: a consumer that falls behind overruns the ring cleanly', body: (ctx) => fallsBehind(ctx), perturb: AUDIO_PERTURB },
];
