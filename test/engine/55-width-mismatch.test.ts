// Layer 55 — a program whose width differs from the FIFO port's element width is a bad call (native/core/dma_types.h,
// ProgramRequest validation: "a FIFO port there has elementWidth == width"), whichever of the two is wider.
import { it, expect } from 'vitest';
import { socWithRam } from './_support.js';

it('a program wider than the port element is ERR_WIDTH_MISMATCH', () => {
  const sim = socWithRam();
  const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 2 });
  expect(() => sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 8 }], deviceAddress: tx.address,
    direction: 'memory-to-device', width: 4, demandMode: false, loop: false }))
    .toThrow(expect.objectContaining({ code: 'ERR_WIDTH_MISMATCH' }));
});

it('a program narrower than the port element is ERR_WIDTH_MISMATCH', () => {
  const sim = socWithRam();
  const tx = sim.addFifoPort({ address: 0x20000, direction: 'tx', elementWidth: 4 });
  expect(() => sim.dma.programChannel({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 8 }], deviceAddress: tx.address,
    direction: 'memory-to-device', width: 2, demandMode: false, loop: false }))
    .toThrow(expect.objectContaining({ code: 'ERR_WIDTH_MISMATCH' }));
});
