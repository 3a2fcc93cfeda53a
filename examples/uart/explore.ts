// The UART example under exploration (kmdf-dma-sim/explore): what must hold whatever the timing — the software
// latencies, the callback times, the clock tick, DPCs on other processors, request jitter, the UART's rate drift,
// wait states and another bus master all drawn from the seed. Each scenario builds its machine with
// createUartMachine (the seeded timing reaches it on its own) and checks invariants, not cycles: every byte arrives
// intact and in order, a cancelled request reports exactly the bytes that left, no bug check, no overrun while a
// read waits. `kmdf-dma-sim explore uart --seeds N` and examples/uart/explore.test.ts run them.
import assert from 'node:assert/strict';
import type { ExploreContext, ExploreScenario, PerturbOptions } from 'kmdf-dma-sim/explore';
import { NT_SUCCESS, STATUS_CANCELLED, STATUS_SUCCESS } from 'kmdf-dma-sim/kmdf';
import { createUartMachine, type UartMachine } from './machine.js';

/** How much the UART's world may vary: a busy SoC, a sloppy clock (±2 %: what a UART tolerates), a slower CPU. */
export const UART_PERTURB: PerturbOptions = {
  isrLatency: { uniform: [10, 400] },
  dpcLatency: { uniform: [20, 2_000] },
  callbackCost: { EvtProgramDma: { uniform: [0, 300] }, EvtInterruptDpc: { uniform: [0, 300] }, EvtRequestCancel: { uniform: [0, 200] } },
  crossProcessorDpc: { probability: 0.1, delay: { uniform: [0, 1_000] } },
  requestJitter: { uniform: [0, 4] },
  rateDrift: 0.02,
  waitStates: { choice: [0, 0, 0, 1] },
  busLoad: { period: { uniform: [200, 5_000] }, cycles: { uniform: [1, 40] } },
};

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

export function fullDuplex(ctx: ExploreContext, create: () => UartMachine = createUartMachine): void {
  const m = create();
  const length = ctx.random.int(1, 4_096);
  const outgoing = bytes(length, 7);
  const incoming = bytes(length, 3);
  m.uart.receive(incoming);
  const [read, write] = m.host.runUntilAllComplete([m.file.read(length), m.file.write(outgoing)]);
  assert.equal(write!.status, STATUS_SUCCESS, 'the write succeeds');
  assert.equal(write!.information, length);
  assert.deepEqual(m.uart.transmitted(), outgoing, 'every byte left the UART, in order');
  assert.equal(read!.status, STATUS_SUCCESS, 'the read succeeds');
  assert.deepEqual(read!.data, incoming, 'every byte arrived, in order');
  assert.equal(m.uart.tx.status.underruns, 0, 'no TX underrun while the write ran');
}

/** A write of 2,048 characters cancelled after 1..`within` cycles (by default anywhere from the first fragment to
 *  after the end: they take ~683,000 cycles at 3 Mbaud). */
export function cancelledWrite(ctx: ExploreContext, create: () => UartMachine = createUartMachine, within = 750_000): void {
  const m = create();
  const data = bytes(2_048, 11);
  const write = m.file.write(data);
  m.host.runFor(ctx.random.int(1, within));
  write.cancel();
  const r = m.host.runUntilComplete(write);
  assert.ok(r.status === STATUS_SUCCESS || r.status === STATUS_CANCELLED, `a cancelled write ends in success or STATUS_CANCELLED, not 0x${r.status.toString(16)}`);
  const sent = m.uart.transmitted();
  assert.equal(r.information, sent.length, 'the write reports exactly the bytes that left');
  assert.deepEqual(sent, data.subarray(0, sent.length), 'what left is a prefix of the data');
  if (r.status === STATUS_SUCCESS) assert.equal(sent.length, data.length);
}

function readsBackToBack(ctx: ExploreContext): void {
  const m = createUartMachine();
  const total = ctx.random.int(64, 2_048);
  const incoming = bytes(total, 5);
  m.uart.receive(incoming);
  const got: Uint8Array[] = [];
  let left = total;
  while (left > 0) {
    const r = m.host.runUntilComplete(m.file.read(Math.min(left, ctx.random.int(1, 512))));
    assert.ok(NT_SUCCESS(r.status), `each read succeeds (0x${r.status.toString(16)})`);
    got.push(r.data);
    left -= r.information;
  }
  assert.deepEqual(Uint8Array.from(got.flatMap((g) => [...g])), incoming, 'the reads together are the bytes sent, in order');
}

export const scenarios: readonly ExploreScenario[] = [
  { name: 'uart: a write and a read at once keep every byte', body: (ctx) => fullDuplex(ctx), perturb: UART_PERTURB },
  { name: 'uart: a cancelled write reports exactly what left', body: (ctx) => cancelledWrite(ctx), perturb: UART_PERTURB },
  { name: 'uart: reads back to back lose nothing', body: readsBackToBack, perturb: UART_PERTURB },
];
