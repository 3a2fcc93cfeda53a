// The SerCx2 UART example under exploration (kmdf-dma-sim/explore): whatever timing the seed draws, data both ways
// arrives intact and in order through SerCx2's system-DMA transactions, and a read cancelled at any moment completes
// with exactly a prefix of what was sent (STATUS_SUCCESS with bytes, or STATUS_CANCELLED with none), never a bug check.
// `kmdf-dma-sim explore sercx2-uart --seeds N` and examples/sercx2-uart/explore.test.ts run them.
import assert from 'node:assert/strict';
import type { ExploreContext, ExploreScenario } from 'kmdf-dma-sim/explore';
import * as W from 'kmdf-dma-sim/kmdf';
import { UART_PERTURB } from '../uart/explore.js';
import { createSerCx2UartMachine } from './machine.js';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 17 + seed) & 0xff);

function fullDuplex(ctx: ExploreContext): void {
  const m = createSerCx2UartMachine();
  const n = ctx.random.int(1, 3_000);
  const incoming = bytes(n, 3);
  const outgoing = bytes(ctx.random.int(1, 3_000), 8);
  m.uart.receive(incoming);
  const [r, w] = m.host.runUntilAllComplete([m.port.read(n), m.port.write(outgoing)]);
  assert.equal(w!.status, W.STATUS_SUCCESS, 'the write succeeds');
  assert.deepEqual(m.uart.transmitted(), outgoing, 'every byte left, in order');
  assert.equal(r!.status, W.STATUS_SUCCESS, 'the read succeeds');
  assert.deepEqual(r!.data, incoming, 'every byte arrived, in order');
}

function cancelledRead(ctx: ExploreContext): void {
  const m = createSerCx2UartMachine();
  const sent = bytes(ctx.random.int(1, 600), 4);
  m.uart.receive(sent);
  const read = m.port.read(1_000);
  m.host.runFor(ctx.random.int(1, 250_000));
  read.cancel();
  const r = m.host.runUntilComplete(read);
  assert.ok(r.status === W.STATUS_SUCCESS || r.status === W.STATUS_CANCELLED, `a cancelled read ends in success or STATUS_CANCELLED, not 0x${(r.status >>> 0).toString(16)}`);
  assert.deepEqual(r.data, sent.subarray(0, r.data.length), 'what the read got is a prefix of what was sent');
  if (r.status === W.STATUS_CANCELLED) assert.equal(r.information, 0);
  assert.ok(!m.host.kernel.halted, 'no bug check');
}

export const scenarios: readonly ExploreScenario[] = [
  { name: 'sercx2-uart: a read and a write at once keep every byte', body: fullDuplex, perturb: UART_PERTURB },
  { name: 'sercx2-uart: a read cancelled at any moment gets a prefix of what came', body: cancelledRead, perturb: UART_PERTURB },
];
