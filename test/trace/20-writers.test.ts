// The writers (lib/trace) on a recorded machine trace: VCD structure (IEEE 1364-2005: header sections, $timescale
// from clockHz, scopes per controller / channel / port / interrupt controller, buses for states and levels, fixed
// $date, final newline, value changes in time order), the trace-event file's format rules (validateTraceEvents:
// B/E pairing and nesting, ordering, async pairing, required fields; a process per machine; ts from cycles with the
// cycle in args), and the page being one self-contained file.
import { describe, expect, it } from 'vitest';
import type { MachineTraceData } from 'kmdf-dma-sim/host';
import { Trace, validateTraceEvents } from 'kmdf-dma-sim/trace';
import { createUartMachine } from '../../examples/uart/machine.js';

function uartTrace(): MachineTraceData {
  const m = createUartMachine();
  m.host.name = 'uart board';
  m.host.trace.start();
  m.uart.receive(Uint8Array.from({ length: 64 }, (_, i) => i));
  m.host.runUntilAllComplete([m.file.write(new Uint8Array(256).fill(0x55)), m.file.read(64)]);
  return m.host.trace.stop();
}

describe('VCD', () => {
  const data = uartTrace();
  const vcd = new Trace(data).toVcd({ buses: 'vector' });

  it('has the header sections, a fixed $date, the timescale of one 100 MHz cycle and a final newline', () => {
    expect(vcd.startsWith('$date\n')).toBe(true);
    expect(vcd).toContain('$version\n\tkmdf-dma-sim ');
    expect(vcd).toContain('$timescale 10 ns $end');
    expect(vcd).toContain('isrLatency 40, dpcLatency 100');
    expect(vcd.endsWith('\n')).toBe(true);
    expect(new Trace(data).toVcd({ buses: 'vector' })).toBe(vcd); // deterministic
    expect(vcd).not.toMatch(/\$date\s+\w{3} \w{3} \d/); // no wall-clock date
  });

  it('scopes the machine, the controller and its channels, the bus, the interrupt controller and each port', () => {
    const scopes = [...vcd.matchAll(/\$scope module (\S+) \$end/g)].map((m) => m[1]);
    expect(scopes.slice(0, 3)).toEqual(['uart_board', 'dma', 'ch0']);
    expect(scopes).toEqual(expect.arrayContaining(['request', 'bus', 'irq', 'port', 'uart0_tx', 'uart0_rx']));
    expect(vcd.match(/\$scope/g)!.length).toBe(vcd.match(/\$upscope/g)!.length);
    expect(vcd).toMatch(/\$var reg 3 \S+ ch0_phase \$end/);
    expect(vcd).toMatch(/\$var reg 6 \S+ uart0_tx_level \$end/); // depth 32: 6 bits
    expect(vcd).toMatch(/\$var wire 1 \S+ request_drq4 \$end/);
  });

  it('dumps initial values at the start, then changes in strictly increasing time', () => {
    const body = vcd.slice(vcd.indexOf('$enddefinitions $end'));
    const times = [...body.matchAll(/^#(\d+)$/gm)].map((m) => Number(m[1]));
    expect(times[0]).toBe(data.startCycle);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
    expect(body).toContain('$dumpvars');
    expect(times[times.length - 1]).toBe(data.endCycle + 1);
  });

  it("writes multi-bit signals as reals by default (for sigrok / PulseView 0.5), the same as buses: 'real'", () => {
    const real = new Trace(data).toVcd({ buses: 'real' });
    expect(new Trace(data).toVcd()).toBe(real);
    expect(real).toMatch(/\$var real 64 \S+ ch0_phase \$end/);
    expect(real).not.toMatch(/^b[01]+ /m);
    expect(() => new Trace(data).toVcd({ buses: 'hex' as never })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});

describe('trace-event JSON', () => {
  const a = uartTrace();
  const b = { ...uartTrace(), name: 'second board' };
  const file = new Trace([a, b]).toTraceEvents();

  it('follows the format: required fields, B/E pairing and nesting, ordering, async pairs', () => {
    expect(validateTraceEvents(file)).toEqual([]);
    // A broken file is caught (the checker can fail).
    const broken = structuredClone(file);
    const i = broken.traceEvents.findIndex((e) => e.ph === 'E');
    broken.traceEvents.splice(i, 1);
    expect(validateTraceEvents(broken).length).toBeGreaterThan(0);
  });

  it('a process per machine, with tracks for ISR, DPC, passive code, channels, interrupt and request lines', () => {
    const names = file.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args!.name]);
    expect(names).toEqual([[1, 'uart board'], [2, 'second board']]);
    const threads = new Set(file.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === 1).map((e) => e.args!.name as string));
    for (const t of ['ISR (DIRQL)', 'DPC (DISPATCH_LEVEL)', 'driver code (PASSIVE_LEVEL)', 'DMA channel 0', 'DMA channel 1', 'interrupt line 0', 'request line 4 (DRQ)']) {
      expect(threads).toContain(t);
    }
    expect(file.traceEvents.some((e) => e.ph === 'b' && e.cat === 'request' && e.pid === 1)).toBe(true);
    expect(file.traceEvents.some((e) => e.ph === 'C' && e.name === 'uart0 tx FIFO level')).toBe(true);
  });

  it('ts is microseconds from the cycle (args.cycle keeps it exactly); software within a cycle keeps its order', () => {
    for (const e of file.traceEvents) {
      if (e.ph === 'M' || e.ph === 'C' || typeof e.args?.cycle !== 'number') continue;
      const cycle = e.args.cycle as number;
      expect(e.ts).toBeGreaterThanOrEqual(cycle / 100 - 1e-9); // 100 MHz: 100 cycles per µs
      expect(e.ts).toBeLessThanOrEqual((cycle + 1) / 100 + 1e-9);
    }
  });
});

describe('timeline page', () => {
  it('is one self-contained file: no network, every lane labelled, the data embedded', () => {
    const html = new Trace(uartTrace()).toHtml();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/);
    for (const label of ['DMA ch0', 'DMA ch1', 'DRQ 4 uart0 tx', 'IRQ 0 (DMA)', 'FIFO uart0 tx', 'ISR', 'DPC', 'passive', 'callbacks', 'requests']) {
      expect(html).toContain(`>${label}</div>`);
    }
    expect(html).toContain('id="trace-data"');
  });
});
