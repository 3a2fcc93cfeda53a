// Exploration finds planted races (issue 11 item 6). Each fixture is a copy of an example driver with one race
// planted in it (marked PLANTED; `diff -r examples/<example>/driver test/explore/planted/<fixture>/driver` shows it):
// the example's fixed-latency cases pass on it, and exploration with the example's own perturbation finds it
// within the stated seed budget (the example's own driver passes with that seed), and the failure replays from its one line (KMDF_DMA_SIM_SEED=<seed>). Three of the
// races are ones exploration found in the examples themselves while they were written (fixed there since).
import { afterEach, describe, expect, it } from 'vitest';
import { explore, type ExploreBody, type PerturbOptions } from 'kmdf-dma-sim/explore';
import { STATUS_CANCELLED, STATUS_DEVICE_DATA_ERROR, STATUS_SUCCESS, STATUS_TIMEOUT } from 'kmdf-dma-sim/kmdf';
import type { ExploreContext } from 'kmdf-dma-sim/explore';
import assert from 'node:assert/strict';
// Seeds at which each is found today (seeds 1..): uart-cancel-while-draining 62, uart-cancel-assumes-true 123,
// uart-timer-completes-too 2, spi-early-tc-is-bus-error 31, spi-late-first-byte-is-bus-error 31 — each budget is 200.
import type { UartMachine } from '../../../examples/uart/machine.js';
import type { SpiMachine } from '../../../examples/spi/machine.js';
import { UART_PERTURB, cancelledWrite, fullDuplex } from '../../../examples/uart/explore.js';
import { SPI_PERTURB, duplex } from '../../../examples/spi/explore.js';
import { spiMachineWith, uartMachineWith } from './machines.js';
import * as UartDraining from './uart-cancel-while-draining/driver/driver.js';
import * as UartDrainingContext from './uart-cancel-while-draining/driver/context.js';
import * as UartAssumes from './uart-cancel-assumes-true/driver/driver.js';
import * as UartAssumesContext from './uart-cancel-assumes-true/driver/context.js';
import * as UartTimer from './uart-timer-completes-too/driver/driver.js';
import * as UartTimerContext from './uart-timer-completes-too/driver/context.js';
import * as SpiEarly from './spi-early-tc-is-bus-error/driver/driver.js';
import * as SpiEarlyContext from './spi-early-tc-is-bus-error/driver/context.js';
import * as SpiLate from './spi-late-first-byte-is-bus-error/driver/driver.js';
import * as SpiLateContext from './spi-late-first-byte-is-bus-error/driver/context.js';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

/** The UART example's fixed-latency cases the fixtures must pass: full duplex, and a write cancelled mid-way. */
function uartFixedCases(create: () => UartMachine): void {
  const a = create();
  const out = bytes(4_096, 1);
  const incoming = bytes(4_096, 2);
  a.uart.receive(incoming);
  const [read, write] = a.host.runUntilAllComplete([a.file.read(4_096), a.file.write(out)]);
  expect(write!.status).toBe(STATUS_SUCCESS);
  expect(read!.data).toEqual(incoming);
  expect(a.uart.transmitted()).toEqual(out);
  const b = create();
  const w = b.file.write(bytes(4_096, 2));
  b.host.runUntil(b.host.cycle + 100_000);
  expect(w.cancel()).toBe(true);
  const r = b.host.runUntilComplete(w);
  expect(r.status).toBe(STATUS_CANCELLED);
  expect(r.information).toBe(320);
}

/** The SPI example's fixed-latency cases: a 256-byte duplex transfer, and a bus error at byte 100. */
function spiFixedCases(create: () => SpiMachine): void {
  const a = create();
  const miso = bytes(256, 5);
  a.spi.slaveAnswers(miso);
  const mosi = bytes(256, 6);
  const [read, write] = a.host.runUntilAllComplete([a.file.read(256), a.file.write(mosi)]);
  expect(write!.status).toBe(STATUS_SUCCESS);
  expect(read!.data).toEqual(miso);
  expect(a.spi.sent()).toEqual(mosi);
  const b = create();
  const w = b.file.write(bytes(256, 7));
  b.host.kernel.sim.injectBusFault(w.inputBuffer!.physicalAddressOf(100));
  const r = b.host.runUntilComplete(w);
  expect(r.status).toBe(STATUS_DEVICE_DATA_ERROR);
  expect(r.information).toBe(96);
}

interface PlantedRace {
  fixture: string;
  race: string;
  fixed: () => void;
  body: ExploreBody;
  perturb: PerturbOptions;
  /** The seeds within which exploration must find it (seeds 1..budget). */
  budget: number;
  /** What the failure says. */
  symptom: RegExp;
  /** The same body on the example's own driver (which passes with the seed that fails the fixture); none when the
   *  fixture adds the feature its race is in. */
  example?: ExploreBody;
}

const uartDraining = () => uartMachineWith(UartDraining.UartDriverEntryWith(), UartDrainingContext.DeviceGetContext as never);
const uartAssumes = () => uartMachineWith(UartAssumes.UartDriverEntryWith(), UartAssumesContext.DeviceGetContext as never);
const uartTimer = (timeoutUs = 0) => uartMachineWith(UartTimer.UartDriverEntryWith({ ReadTotalTimeoutMicroseconds: timeoutUs }), UartTimerContext.DeviceGetContext as never);

/** A read whose total time-out lands near its end: n characters take n × 10/3 µs at 3 Mbaud, and the last few (under
 *  a trigger level) reach memory with the receive-timeout flush ~15 µs later; the time-out is n × 10/3 µs plus 0 to
 *  40 µs. The read succeeds with every byte or times out with a prefix of them. */
function readWithTimeout(ctx: ExploreContext): void {
  const n = ctx.random.int(16, 256);
  const m = uartTimer(Math.floor((n * 10) / 3) + ctx.random.int(0, 40));
  const incoming = bytes(n, 9);
  m.uart.receive(incoming);
  const r = m.host.runUntilComplete(m.file.read(n));
  assert.ok(r.status === STATUS_SUCCESS || r.status === STATUS_TIMEOUT, `a read ends in success or STATUS_TIMEOUT, not 0x${(r.status >>> 0).toString(16)}`);
  assert.deepEqual(r.data, incoming.subarray(0, r.data.length), 'what the read got is a prefix of what came');
  if (r.status === STATUS_SUCCESS) assert.equal(r.data.length, n);
  m.host.runFor(50_000); // whatever was still on its way (a DPC, a timer) runs, and must find nothing to do
  assert.ok(!m.host.kernel.halted, 'no bug check');
}

const spiEarly = () => spiMachineWith(SpiEarly.SpiDriverEntryWith(), SpiEarlyContext.SpiGetContext as never);
const spiLate = () => spiMachineWith(SpiLate.SpiDriverEntryWith(), SpiLateContext.SpiGetContext as never);

const RACES: PlantedRace[] = [
  {
    fixture: 'uart-cancel-while-draining', race: 'a cancel while the last characters drain cancels a released transaction',
    fixed: () => uartFixedCases(uartDraining), body: (ctx) => cancelledWrite(ctx, uartDraining), perturb: UART_PERTURB, example: (ctx) => cancelledWrite(ctx),
    budget: 200, symptom: /WdfDmaTransactionCancel/,
  },
  {
    fixture: 'uart-cancel-assumes-true', race: 'a cancel before the first byte assumes WdfDmaTransactionCancel returned TRUE',
    fixed: () => uartFixedCases(uartAssumes), body: (ctx) => cancelledWrite(ctx, uartAssumes, 2_000), perturb: UART_PERTURB, example: (ctx) => cancelledWrite(ctx, undefined, 2_000),
    budget: 200, symptom: /WdfDmaTransactionRelease|0x10D/i,
  },
  {
    fixture: 'uart-timer-completes-too', race: 'a read time-out timer that finds the DMA done completes the request its DPC also completes',
    fixed: () => {
      uartFixedCases(() => uartTimer());
      // the time-out in the middle of a 4,096-byte read: the timer stops the transfer; STATUS_TIMEOUT and what came
      const m = uartTimer(1_000);
      const incoming = bytes(4_096, 3);
      m.uart.receive(incoming);
      const r = m.host.runUntilComplete(m.file.read(4_096));
      expect(r.status).toBe(STATUS_TIMEOUT);
      expect(r.information).toBeGreaterThan(0);
      expect(r.data).toEqual(incoming.subarray(0, r.information));
    },
    body: readWithTimeout, perturb: UART_PERTURB, budget: 200, symptom: /WdfRequest\w+ on WDFREQUEST .*already deleted/,
  },
  {
    fixture: 'spi-early-tc-is-bus-error', race: 'a MOSI DMA that falls behind the bit clock is taken for a bus error',
    fixed: () => spiFixedCases(spiEarly), body: (ctx) => duplex(ctx, spiEarly), perturb: SPI_PERTURB, example: (ctx) => duplex(ctx),
    budget: 200, symptom: /3221225628|c000009c|STATUS_DEVICE_DATA_ERROR|expected/i,
  },
  {
    fixture: 'spi-late-first-byte-is-bus-error', race: 'a MOSI DMA late for the frame\'s first byte is taken for a bus error',
    fixed: () => spiFixedCases(spiLate), body: (ctx) => duplex(ctx, spiLate), perturb: SPI_PERTURB, example: (ctx) => duplex(ctx),
    budget: 200, symptom: /3221225628|c000009c|STATUS_DEVICE_DATA_ERROR|expected/i,
  },
];

afterEach(() => {
  delete process.env.KMDF_DMA_SIM_SEED;
});

describe('exploration finds planted races', () => {
  for (const p of RACES) {
    describe(`${p.fixture}: ${p.race}`, () => {
      it("passes the example's fixed-latency cases", () => {
        p.fixed();
      });

      it(`is found within ${p.budget} seeds and replays from its one line`, async () => {
        const found = await explore(p.body, { seeds: p.budget, perturb: p.perturb, stopAtFirst: true, shrink: false, traceDir: null, name: p.fixture, log: () => {} });
        expect(found.failures.length, `no failure in seeds 1..${p.budget}`).toBe(1);
        const first = found.failures[0]!;
        expect(String((first.error as Error)?.message ?? first.error)).toMatch(p.symptom);
        expect(first.replay).toBe(`KMDF_DMA_SIM_SEED=${first.seed} npx vitest run -t "${p.fixture}"`);
        // The example's own driver passes with that seed: the failure is the planted race, not the scenario.
        if (p.example) {
          const example = await explore(p.example, { seeds: [first.seed], perturb: p.perturb, shrink: false, traceDir: null, log: () => {} });
          expect(example.failures).toEqual([]);
        }
        // The replay: the environment variable alone picks the seed, whatever the seeds asked for.
        process.env.KMDF_DMA_SIM_SEED = String(first.seed);
        const again = await explore(p.body, { seeds: 1_000, perturb: p.perturb, shrink: false, traceDir: null, log: () => {} });
        expect(again.seeds).toEqual([first.seed]);
        expect(again.failures.map((f) => String((f.error as Error)?.message ?? f.error))).toEqual([String((first.error as Error)?.message ?? first.error)]);
      });
    });
  }
});
