// A whole machine's trace (host.trace): the software the CPU ran and the hardware on one clock — on the UART example,
// every ISR starts isrLatency (40) after its line rose, every HAL completion DPC dpcLatency (100) after its ISR queued
// it (docs/timing.md "Software time"); callbacks with their arguments, DMA DDIs with their result, the request's
// lifecycle; software start triggers, groups and the cap.
import { describe, expect, it } from 'vitest';
import type { MachineTraceData } from 'kmdf-dma-sim/host';
import { createUartMachine } from '../../examples/uart/machine.js';

const data = Uint8Array.from({ length: 512 }, (_, i) => (i * 7 + 1) & 0xff);

function tracedWrite(options?: Parameters<ReturnType<typeof createUartMachine>['host']['trace']['start']>[0]): { t: MachineTraceData; completion: number; t0: number } {
  const m = createUartMachine();
  const t0 = m.host.cycle;
  m.host.trace.start(options);
  const result = m.host.runUntilComplete(m.file.write(data));
  return { t: m.host.trace.stop(), completion: result.completionCycle, t0 };
}

describe('machine trace', () => {
  it('each ISR starts 40 cycles after its interrupt line rose, and the DMA DPC 100 cycles after its ISR', () => {
    const { t } = tracedWrite();
    const sw = t.software!;
    const isrs = sw.slices.filter((s) => s.track === 'isr' && s.group === 'isr');
    expect(isrs.length).toBeGreaterThan(0);
    for (const isr of isrs) {
      const line = Number(isr.args.line);
      const rises = t.hardware.signals.find((s) => s.kind === 'irq-line' && s.entity === line)!.changes
        .filter((_, i, c) => i % 2 === 0 && c[i + 1] === 1);
      expect(rises, `line ${line}`).toContain(isr.start - 40);
    }
    const dmaIsrs = isrs.filter((s) => Number(s.args.line) === t.hardware.controllerInterruptLine);
    const dpcs = sw.slices.filter((s) => s.track === 'dpc' && s.group === 'dpc');
    for (const isr of dmaIsrs) expect(dpcs.map((d) => d.start)).toContain(isr.start + 100);
    expect(sw.instants.filter((i) => i.name === 'KeInsertQueueDpc').length).toBeGreaterThanOrEqual(dmaIsrs.length);
  });

  it('callbacks carry their object and arguments, DDIs their result, and nest inside their ISR / DPC', () => {
    const { t } = tracedWrite();
    const sw = t.software!;
    const program = sw.slices.filter((s) => s.name === 'EvtProgramDma');
    expect(program.length).toBe(1); // 512 bytes: one fragment
    expect(String(program[0]!.args.arg0)).toMatch(/^WDFDMATRANSACTION 0x/);
    expect(program[0]!.args.result).toBe(true);
    const completed = sw.slices.find((s) => s.name === 'WdfDmaTransactionDmaCompleted')!;
    expect(completed.group).toBe('dma');
    expect(completed.args.result).toBe(true);
    const complete = sw.slices.find((s) => s.name === 'EvtDmaTransactionDmaTransferComplete')!;
    expect(complete.track).toBe('dpc');
    expect(completed.depth).toBeGreaterThan(complete.depth); // called from inside the callback
    const execute = sw.slices.find((s) => s.name === 'WdfDmaTransactionExecute')!;
    expect(execute.args.result).toBe('STATUS_SUCCESS (0x00000000)');
    expect(sw.irql.length).toBeGreaterThan(2);
  });

  it('the request is an async span from sent to completed with status and information', () => {
    const { t, completion, t0 } = tracedWrite();
    const r = t.software!.requests.find((x) => x.name.startsWith('write'))!;
    expect(r.start).toBe(t0);
    expect(r.end).toBe(completion);
    expect(r.args.status).toBe('STATUS_SUCCESS (0x00000000)');
    expect(r.args.information).toBe(512);
    expect(r.steps.map((s) => s.name)).toContain('dispatched');
  });

  it('a software trigger starts the window at the first EvtProgramDma', () => {
    const { t } = tracedWrite({ start: 'EvtProgramDma' });
    const program = t.software!.slices.find((s) => s.name === 'EvtProgramDma')!;
    expect(t.startCycle).toBe(program.start);
    expect(t.software!.slices.every((s) => s.start >= t.startCycle)).toBe(true);
  });

  it('groups select software and hardware separately; the cap cuts either side and says where', () => {
    const isrOnly = tracedWrite({ groups: ['isr'] }).t;
    expect(isrOnly.hardware.signals).toEqual([]);
    expect(new Set(isrOnly.software!.slices.map((s) => s.group))).toEqual(new Set(['isr']));
    const capped = tracedWrite({ cap: 20 }).t;
    expect(capped.cut).toBe(true);
    expect(capped.cutCycle).not.toBeNull();
  });

  it('host.trace.scope returns the trace of a block of code, and an error thrown in it carries the trace', () => {
    const m = createUartMachine();
    const t = m.host.trace.scope(() => void m.host.runUntilComplete(m.file.write(data)));
    expect(t.software!.requests.length).toBe(1);
    let caught: { trace?: MachineTraceData } | null = null;
    try {
      m.host.trace.scope(() => {
        m.host.runFor(1000);
        throw new Error('boom');
      });
    } catch (e) {
      caught = e as { trace?: MachineTraceData };
    }
    expect(caught?.trace?.endCycle).toBe(m.host.cycle);
    expect(m.host.trace.recording).toBe(false);
    expect(m.host.kernel.tracer).toBeNull();
  });
});
