// host.trace: one trace of a whole machine — the engine's hardware signals (sim.trace, recorded in native/core) and the
// software the simulated CPU ran (kernel.tracer, recorded by lib/hal and lib/kmdf), on the one cycle clock.
// start(options) / stop() or scope(fn); stop() returns MachineTraceData, plain data that lib/trace writes as VCD,
// trace-event JSON or a timeline page. Off by default: nothing is recorded and nothing is paid until start.
import type { Kernel } from '../hal/kernel.js';
import {
  SOFTWARE_TRACE_EVENTS, SOFTWARE_TRACE_GROUPS, SoftwareTracer, type SoftwareTraceData, type SoftwareTraceGroup,
} from '../hal/trace/software-tracer.js';
import { KMDF_TRACE_CALLBACKS, KMDF_TRACE_DDIS } from '../kmdf/fx/trace-hooks.js';
import type { HardwareTraceData, SoftwareTraceNames, TraceOptions } from '../sim/index.js';

/** Everything one machine's trace holds (lib/trace reads it; JSON-serialisable). */
export interface MachineTraceData {
  format: 'kmdf-dma-sim/machine-trace';
  version: 1;
  /** The machine's name (a process in the trace-event file, the title of the page). */
  name: string;
  clockHz: number;
  /** Software latencies in cycles (printed in every file's header). */
  latencies: { isrLatency: number; dpcLatency: number; timerResolution: number };
  startCycle: number;
  endCycle: number;
  /** Either side's cap cut the trace; nothing from cutCycle on is complete. */
  cut: boolean;
  cutCycle: number | null;
  hardware: HardwareTraceData;
  software: SoftwareTraceData | null;
}

/** The software names host.trace accepts in `groups` and `start` (besides the hardware ones). */
export const SOFTWARE_TRACE_NAMES: SoftwareTraceNames = {
  groups: SOFTWARE_TRACE_GROUPS,
  isTrigger: (name) =>
    (SOFTWARE_TRACE_EVENTS as readonly string[]).includes(name) ||
    (KMDF_TRACE_CALLBACKS as readonly string[]).includes(name) ||
    (KMDF_TRACE_DDIS as readonly string[]).includes(name),
  triggerHint: `${SOFTWARE_TRACE_EVENTS.map((e) => `'${e}'`).join(', ')} or a KMDF callback / DMA DDI name ('EvtProgramDma', 'WdfDmaTransactionExecute', ...)`,
};

/**
 * A machine's trace, hardware and software on one clock (host.trace): start, stop → MachineTraceData for the lib/trace
 * writers.
 */
export class MachineTracer {
  #software: SoftwareTracer | null = null;
  #last: MachineTraceData | null = null;

  /** @internal */
  constructor(private readonly kernel: Kernel, private readonly name: () => string) {}

  /** Starts (or restarts) recording at the current cycle. Bad options: a coded error naming the option. */
  start(options?: TraceOptions): void {
    const k = this.kernel;
    k.assertRunning();
    const resolved = k.sim.trace.start(options, SOFTWARE_TRACE_NAMES);
    k.tracer?.stop();
    this.#software = k.tracer = new SoftwareTracer(k, resolved.softwareGroups as SoftwareTraceGroup[], resolved.cap,
      resolved.softwareTrigger, () => k.sim.trace.trigger());
    this.#last = null;
  }

  get recording(): boolean {
    return this.#software !== null;
  }

  /** Stops recording and returns the trace (the last one again when called twice). */
  stop(): MachineTraceData {
    const sw = this.#software;
    if (sw === null) {
      if (this.#last) return this.#last;
      throw new Error('host.trace.stop(): no trace was started (host.trace.start)');
    }
    sw.stop();
    if (this.kernel.tracer === sw) this.kernel.tracer = null;
    this.#software = null;
    this.#last = this.#collect(this.kernel.sim.trace.stop(), sw);
    return this.#last;
  }

  /** What has been recorded so far, without stopping. */
  read(): MachineTraceData {
    const sw = this.#software;
    if (sw === null) return this.stop();
    return this.#collect(this.kernel.sim.trace.read(), sw);
  }

  /** Runs `fn` with tracing on; returns the trace. If fn throws, the error carries the trace as `error.trace`. */
  scope(fn: () => void, options?: TraceOptions): MachineTraceData {
    this.start(options);
    try {
      fn();
    } catch (e) {
      const trace = this.stop();
      if (e !== null && typeof e === 'object') (e as { trace?: MachineTraceData }).trace = trace;
      throw e;
    }
    return this.stop();
  }

  #collect(hardware: HardwareTraceData, sw: SoftwareTracer): MachineTraceData {
    const triggered = hardware.triggerCycle !== null;
    const software = triggered && sw.groups.size > 0 ? sw.read(hardware.startCycle, hardware.endCycle) : null;
    const cuts = [hardware.cut ? hardware.cutCycle : null, software?.cut ? software.cutCycle : null].filter((c): c is number => c !== null);
    const l = this.kernel.latencies;
    return {
      format: 'kmdf-dma-sim/machine-trace',
      version: 1,
      name: this.name(),
      clockHz: this.kernel.clockHz,
      latencies: { isrLatency: l.isrLatency, dpcLatency: l.dpcLatency, timerResolution: l.timerResolution },
      startCycle: hardware.startCycle,
      endCycle: hardware.endCycle,
      cut: cuts.length > 0,
      cutCycle: cuts.length > 0 ? Math.min(...cuts) : null,
      hardware,
      software,
    };
  }
}
