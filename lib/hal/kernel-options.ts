// The options of a simulated machine (lib/hal Kernel): the engine, system RAM, software latencies (TIMING.md
// "Software time": isrLatency 40, dpcLatency 100, timerResolution 1, a per-callback cost table), the page-scramble
// seed and the HAL DMA controller extension's switches.

import type { Simulator } from '../sim/index.js';
import type { SimulatorOptions } from '../sim/types.js';
import type { HalDmaOptions } from './dma/controller.js';
import type { MachineTiming } from './timing-model.js';
import { argTypeError, checkInteger, checkStruct, checkUnsigned } from './arguments.js';

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


/**
 * Checks the options of `new Kernel(options)` before anything is built (issue 13 item 4): a wrong type or value is a
 * coded HalError naming the option as the caller wrote it (`memory.size`, `latencies.callbackCost.EvtProgramDma`),
 * never a RangeError from deep inside or a NaN latency. `sim` is the Simulator's own business (SimulatorError),
 * `explore` is built by lib/explore and `dma.functionTable` / `dma.lateCancellation` are checked where they are used.
 * Returns a copy of its own: each option (and each field of memory, latencies, latencies.callbackCost and dma) read
 * exactly once, here, inherited ones included, so a getter cannot pass the check with one value and build the
 * machine with another; the constructor and the parts it builds read only the copy.
 */
export function checkKernelOptions(options: unknown): KernelOptions {
  const at = 'new Kernel';
  if (options === undefined) return {};
  const raw = checkStruct<KernelOptions>(at, 'options', options, 'KernelOptions object');
  const o: KernelOptions = {
    sim: raw.sim,
    memory: raw.memory,
    latencies: raw.latencies,
    seed: raw.seed,
    livelockLimit: raw.livelockLimit,
    dma: raw.dma,
    explore: raw.explore,
  };
  if (o.sim !== undefined && (o.sim === null || typeof o.sim !== 'object')) throw argTypeError(at, 'sim', o.sim, 'a Simulator or SimulatorOptions');
  const cycles = (name: string, v: unknown, min = 0): void => {
    if (v !== undefined) checkInteger(at, name, v, min, Number.MAX_SAFE_INTEGER, `a whole number of cycles (>= ${min})`);
  };
  if (o.memory !== undefined) {
    const r = checkStruct<KernelMemoryOptions>(at, 'memory', o.memory, 'KernelMemoryOptions object');
    const m: KernelMemoryOptions = { base: r.base, size: r.size, contiguousSize: r.contiguousSize, readWait: r.readWait, writeWait: r.writeWait };
    for (const f of ['base', 'size', 'contiguousSize'] as const) {
      if (m[f] !== undefined) checkUnsigned(at, `memory.${f}`, m[f]);
    }
    cycles('memory.readWait', m.readWait);
    cycles('memory.writeWait', m.writeWait);
    o.memory = m;
  }
  if (o.latencies !== undefined) {
    const r = checkStruct<Partial<KernelLatencies>>(at, 'latencies', o.latencies, 'KernelLatencies object');
    const l: Partial<KernelLatencies> = { isrLatency: r.isrLatency, dpcLatency: r.dpcLatency, timerResolution: r.timerResolution, callbackCost: r.callbackCost };
    cycles('latencies.isrLatency', l.isrLatency);
    cycles('latencies.dpcLatency', l.dpcLatency);
    cycles('latencies.timerResolution', l.timerResolution); // 0 is taken as 1 (one tick per cycle)
    if (l.callbackCost !== undefined) {
      const c = checkStruct<Record<string, unknown>>(at, 'latencies.callbackCost', l.callbackCost, 'table of cycles by callback name');
      // Its own enumerable names, as the constructor's copy of the table takes them, each value read once.
      const entries = Object.entries(c);
      for (const [name, v] of entries) cycles(`latencies.callbackCost.${name}`, v);
      l.callbackCost = Object.fromEntries(entries) as Record<string, number>;
    }
    o.latencies = l;
  }
  if (o.seed !== undefined) checkInteger(at, 'seed', o.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'an integer seed');
  if (o.livelockLimit !== undefined) checkInteger(at, 'livelockLimit', o.livelockLimit, 1, Number.MAX_SAFE_INTEGER, 'a positive integer');
  if (o.dma !== undefined) {
    const r = checkStruct<HalDmaOptions>(at, 'dma', o.dma, 'HalDmaOptions object');
    const d: HalDmaOptions = {
      generatesInterrupt: r.generatesInterrupt,
      minimumTransferUnit: r.minimumTransferUnit,
      numberOfMapRegisters: r.numberOfMapRegisters,
      verifier: r.verifier,
      dmaAddressWidth: r.dmaAddressWidth,
      lateCancellation: r.lateCancellation,
      functionTable: r.functionTable,
    };
    for (const f of ['generatesInterrupt', 'verifier'] as const) {
      if (d[f] !== undefined && typeof d[f] !== 'boolean') throw argTypeError(at, `dma.${f}`, d[f], 'a boolean');
    }
    if (d.minimumTransferUnit !== undefined) checkInteger(at, 'dma.minimumTransferUnit', d.minimumTransferUnit, 1, 0xffff_ffff, 'a positive number of bytes');
    if (d.numberOfMapRegisters !== undefined) checkInteger(at, 'dma.numberOfMapRegisters', d.numberOfMapRegisters, 1, 0xffff_ffff, 'a positive count');
    if (d.dmaAddressWidth !== undefined) checkInteger(at, 'dma.dmaAddressWidth', d.dmaAddressWidth, 1, 64, 'a width in bits (1..64)');
    if (d.lateCancellation !== undefined && d.lateCancellation !== false && (d.lateCancellation === null || typeof d.lateCancellation !== 'object')) {
      throw argTypeError(at, 'dma.lateCancellation', d.lateCancellation, '{ delay? } or false');
    }
    o.dma = d;
  }
  if (o.explore !== undefined && (o.explore === null || typeof o.explore !== 'object')) {
    throw argTypeError(at, 'explore', o.explore, 'a MachineTiming (lib/explore)');
  }
  return o;
}
