// The trace the writers read: one or more machines' MachineTraceData (lib/host/trace.ts), or an engine-only
// HardwareTraceData (lib/sim/trace.ts) seen as a machine without software. Writers read this; they never reach into a
// running machine. Also the shared pieces every writer needs: cycle → time, names of channel phases and states.
import type { MachineTraceData } from '../host/trace.js';
import type { HardwareTraceData } from '../sim/trace.js';

/** What a Trace is made of: a machine's trace (host.trace.stop()) or an engine's alone (sim.trace.stop()). */
export type TraceInput = MachineTraceData | HardwareTraceData;

/** A machine as the writers see it (a hardware-only trace gets software: null and no latencies). */
export interface TracedMachine {
  name: string;
  clockHz: number;
  latencies: MachineTraceData['latencies'] | null;
  startCycle: number;
  endCycle: number;
  cut: boolean;
  cutCycle: number | null;
  hardware: HardwareTraceData;
  software: MachineTraceData['software'];
}

/**
 * A machine trace or an engine-only hardware trace as one TracedMachine (an engine-only trace is named 'engine',
 * 'engine 2', ...).
 */
export function toMachine(input: TraceInput, index: number): TracedMachine {
  if (input.format === 'kmdf-dma-sim/machine-trace') return { ...input };
  if (input.format === 'kmdf-dma-sim/hardware-trace') {
    return {
      name: index === 0 ? 'engine' : `engine ${index + 1}`,
      clockHz: input.clockHz,
      latencies: null,
      startCycle: input.startCycle,
      endCycle: input.endCycle,
      cut: input.cut,
      cutCycle: input.cutCycle,
      hardware: input,
      software: null,
    };
  }
  throw new TypeError(`not a kmdf-dma-sim trace: format ${(input as { format?: unknown }).format as string}`);
}

/** Microseconds at `cycle` on a clock of clockHz (exact to the nanosecond for any cycle below 2^53). */
export function microseconds(cycle: number, clockHz: number): number {
  return (cycle * 1e6) / clockHz;
}

/** ChannelState names (lib/sim's: native/core/dma_types.h order). */
export { CHANNEL_STATES as CHANNEL_STATE_NAMES } from '../sim/events.js';
export { CHANNEL_PHASES } from '../sim/trace-records.js';

/** The header lines every file repeats: machine, clock, timing parameters, software latencies, window, cut. */
export function headerLines(m: TracedMachine): string[] {
  const t = m.hardware.timing;
  const lines = [
    `machine ${m.name}: ${m.hardware.profile} DMA controller, ${m.hardware.channels} channels, clock ${m.clockHz} Hz`,
    `timing: ${Object.entries(t).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`,
  ];
  if (m.latencies) {
    lines.push(`software: isrLatency ${m.latencies.isrLatency}, dpcLatency ${m.latencies.dpcLatency}, timerResolution ${m.latencies.timerResolution} cycles`);
  }
  lines.push(`window: cycles ${m.startCycle} .. ${m.endCycle}`);
  if (m.cut) lines.push(`CUT by the trace cap at cycle ${m.cutCycle}: nothing from that cycle on is complete`);
  if (m.hardware.historyDropped) lines.push(`the cap dropped ring history before cycle ${m.startCycle}`);
  return lines;
}
