// The timing test README.md shows under "What a timing test looks like", as a file the suite runs:
// test/docs/readme-timing.test.ts fails when README's block and the code below differ, so the README cannot rot.
import { expect, it } from 'vitest';
import 'kmdf-dma-sim/vitest/setup';                  // the timing matchers (or list it in vitest's setupFiles)
import { STATUS_SUCCESS } from 'kmdf-dma-sim/kmdf';
import { createUartMachine } from './machine.js';   // TestHost + device model + driver, see examples/uart

it('a 4 KiB write at 3 Mbaud completes at exactly t0 + 1,365,473', () => {
  const m = createUartMachine();
  const t0 = m.host.cycle;
  const data = new Uint8Array(4096);
  const write = m.file.write(data);
  m.host.runUntilComplete(write);
  // character 4096 leaves at t0 + floor(4096 * 1000 / 3); TXE rises then; ISR + 40, DPC + 100
  expect(write).toCompleteAt(t0 + 1_365_333 + 40 + 100);
  expect(write).toCompleteWithStatus(STATUS_SUCCESS);
  expect(m.uart.tx).toHaveReceived(data);
});
