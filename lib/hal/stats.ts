// Counters of the simulated OS, for tests and for the demo's table (issue 5: "interrupts and DPCs").

import type { LineStats } from './interrupts/controller.js';

/** The HAL's DMA counters: transfers mapped, map failures, controller interrupts handled, completions by status. */
export interface DmaStats {
  /** MapTransferEx calls that programmed the controller. */
  maps: number;
  /** MapTransferEx calls that failed (status returned; see the adapter's lastError). */
  mapFailures: number;
  /** Controller interrupts handled by the HAL's ISR (one per HandleInterrupt report). */
  controllerInterrupts: number;
  /** Completion routines called, by DMA_COMPLETION_STATUS. */
  completions: { complete: number; error: number; cancelled: number };
  /** Completion reports dropped because the transfer had been flushed before the DPC ran. */
  droppedCompletions: number;
  /** DmaCancelled completions the HAL delivered itself in late-cancellation mode (HalDmaOptions.lateCancellation). */
  lateCancellations: number;
  /** Adapter-channel grants (synchronous or queued). */
  grants: number;
  /** Grants that had to wait in the channel's queue. */
  queuedGrants: number;
}

/**
 * The kernel's counters since the machine was made: interrupts dispatched and unclaimed, DPCs and timers run, and the
 * DMA counters.
 */
export interface KernelStats {
  /** ISR dispatches (a dispatch calls the line's ISRs until one claims it). */
  interrupts: number;
  /** Dispatches no ISR claimed. */
  unclaimedInterrupts: number;
  /** DPC routines run (queued DPCs, not timer DPCs). */
  dpcs: number;
  /** Timer expiries. */
  timers: number;
  /** Cycles spent in KeStallExecutionProcessor. */
  stallCycles: number;
  /** Cycles charged through the per-callback cost table. */
  callbackCycles: number;
  /** Per interrupt line. */
  lines: Record<number, LineStats>;
  dma: DmaStats;
}

export function newStats(): KernelStats {
  return {
    interrupts: 0,
    unclaimedInterrupts: 0,
    dpcs: 0,
    timers: 0,
    stallCycles: 0,
    callbackCycles: 0,
    lines: {},
    dma: {
      maps: 0,
      mapFailures: 0,
      controllerInterrupts: 0,
      completions: { complete: 0, error: 0, cancelled: 0 },
      droppedCompletions: 0,
      lateCancellations: 0,
      grants: 0,
      queuedGrants: 0,
    },
  };
}
