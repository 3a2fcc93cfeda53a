// The options of a simulated machine (lib/hal Kernel): the engine, system RAM, software latencies (TIMING.md
// "Software time": isrLatency 40, dpcLatency 100, timerResolution 1, a per-callback cost table), the page-scramble
// seed and the HAL DMA controller extension's switches.

import type { Simulator } from '../sim/index.js';
import type { SimulatorOptions } from '../sim/types.js';
import type { HalDmaOptions } from './dma/controller.js';
import type { MachineTiming } from './timing-model.js';

/**
 * The simulated CPU's software timing: ISR and DPC latency, the clock tick timers expire on, and cycles charged per
 * callback.
 */
export interface KernelLatencies {
  /** Cycles from an interrupt line rising to its ISR [40]. */
  isrLatency: number;
  /** Cycles from KeInsertQueueDpc to the DPC routine [100]. */
  dpcLatency: number;
  /** The kernel clock tick in cycles [1]: timers expire on a tick (a due time is rounded up to one; a due time at or
   *  before now expires at the next tick after now, never in the cycle it was set). */
  timerResolution: number;
  /** Cycles charged by kernel.chargeCallback(name) (HAL keys: ISR, DPC, ExecutionRoutine, HalDmaIsr, HalDmaDpc; the
   *  framework charges each driver callback by its name before it runs: EvtProgramDma, EvtInterruptIsr, ...). */
  callbackCost: Record<string, number>;
}

/** Where system RAM sits in the physical address space, how big it is, and its wait states. */
export interface KernelMemoryOptions {
  /** Physical base of system RAM [0x8000_0000]. */
  base?: number;
  /** Bytes of system RAM [16 MiB]. */
  size?: number;
  /** Bytes at the top of RAM kept for physically contiguous allocations (common buffers) [size / 4]. */
  contiguousSize?: number;
  readWait?: number;
  writeWait?: number;
}

/**
 * Options of a Kernel: the simulator (or its options), software latencies, RAM, the HAL DMA switches, the livelock
 * limit and the exploration timing model.
 */
export interface KernelOptions {
  /** The engine: an existing Simulator, or options to build one [new Simulator({})]. */
  sim?: Simulator | SimulatorOptions;
  memory?: KernelMemoryOptions;
  latencies?: Partial<KernelLatencies>;
  /** Seed of the physical page scramble [1]. */
  seed?: number;
  /** Livelock guard: more work items than this dispatched in one cycle (or 10× as many zero-time stalls and
   *  register accesses) stops the machine with ERR_LIVELOCK (livelock.ts) [100,000]. */
  livelockLimit?: number;
  /** The HAL DMA controller extension (GeneratesInterrupt, MinimumTransferUnit, NMR, verifier). */
  dma?: HalDmaOptions;
  /** The seeded timing of an explored machine (lib/explore): latencies and perturbation drawn from its seed [none]. */
  explore?: MachineTiming;
}

