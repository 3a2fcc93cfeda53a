// The public types of the engine's TypeScript face (lib/sim). These names are a contract: user code, the HAL
// (lib/hal) and outside checks use them. Add freely; never rename. Timing semantics: ../../docs/timing.md.

/** Which controller the engine models (TIMING.md): an AHB-style SoC controller, or the Intel 8237A. */
export type Profile = 'soc' | 'i8237';

/** Controller and bus timing parameters, all in bus cycles unless said otherwise. Defaults in brackets. */
export interface TimingOptions {
  /** Cycles to arbitrate when the bus was idle [1] (soc). */
  arbitrationCycles?: number;
  /** Address phase of each burst [1] (soc). */
  burstSetup?: number;
  /** From a channel event (terminal count, error, cancel, notification) to the controller interrupt line [1]. */
  interruptLatency?: number;
  /** Request synchroniser: the controller sees a request rise this many cycles after it happens [2]. */
  requestLatency?: number;
  /** Default burst length of every channel, in beats [4] (soc). */
  burstLength?: number;
  /** Channel FIFO depth in beats [4] (soc). */
  fifoDepth?: number;
  /** Most SG elements one programChannel takes (QueryMaxFragments' answer) [64]. */
  maxFragments?: number;
  /** Channel arbitration ['fixed'] (soc) — fixed: lower priority rank, then lower channel number, wins. */
  priority?: 'fixed' | 'round-robin';
  /** S0 cycles until the bus is granted [1] (i8237). */
  holdLatency?: number;
  /** Compressed timing: 2 cycles per byte instead of 3 [false] (i8237). */
  compressedTiming?: boolean;
  /** Rotating priority [false] (i8237). */
  rotatingPriority?: boolean;
}

export interface SimulatorOptions {
  profile?: Profile;
  /** Bus clock, for converting cycles to time [100_000_000]. */
  clockHz?: number;
  /** DMA channels [8 for soc, 4 for i8237]. */
  channels?: number;
  /** DMA request lines [32]. */
  requestLines?: number;
  /** Interrupt lines of the platform [64]. */
  interruptLines?: number;
  /** The line the DMA controller raises [0]. */
  controllerInterruptLine?: number;
  timing?: TimingOptions;
}

/** A RAM region of the bus. `bytes` is a zero-copy view of the simulated memory. */
export interface MemoryRegionOptions {
  base: number;
  size: number;
  readWait?: number;
  writeWait?: number;
  name?: string;
}

export type TransferDirection = 'memory-to-device' | 'device-to-memory';

export interface SgElement {
  address: number;
  length: number;
}

/** The HAL controller-extension ProgramChannel arguments (KMDF-SYSTEM-DMA.md D.7). */
export interface ProgramChannelArgs {
  channel: number;
  requestLine: number;
  sg: readonly SgElement[];
  deviceAddress: number;
  direction: TransferDirection;
  /** Beat width in bytes: 1, 2, 4 or 8. */
  width: 1 | 2 | 4 | 8;
  demandMode: boolean;
  loop: boolean;
}

export interface MemoryToMemoryArgs {
  channel: number;
  source: number;
  destination: number;
  length: number;
  width: 1 | 2 | 4 | 8;
  /** Burst length in beats (soc); defaults to the channel's. */
  burst?: number;
}

/** DMA_INTERRUPT_TYPE of the HAL extension interface. */
export type InterruptType = 'completion' | 'error' | 'cancelled';

export interface InterruptReport {
  channel: number;
  type: InterruptType;
}

export type ChannelState = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/** Why a run slice returned. */
export type StopReason = 'target' | 'interrupt' | 'timer';

export interface RunResult {
  /** sim.cycle after the slice. */
  cycle: number;
  stoppedBy: StopReason;
  events: SimEvent[];
}

/** Everything the engine reports, in the order it happened ((cycle, priority, sequence), docs/timing.md). */
export type SimEvent =
  | { kind: 'irq'; cycle: number; line: number; level: 0 | 1 }
  | { kind: 'channel-state'; cycle: number; channel: number; state: ChannelState }
  | { kind: 'terminal-count'; cycle: number; channel: number }
  | { kind: 'notification'; cycle: number; channel: number; bytes: number; wrapped: boolean }
  | { kind: 'channel-error'; cycle: number; channel: number; address: number }
  | { kind: 'overrun'; cycle: number; port: number; count: number }
  | { kind: 'underrun'; cycle: number; port: number; count: number }
  | { kind: 'port-error'; cycle: number; port: number; element: number }
  | { kind: 'request'; cycle: number; line: number; level: 0 | 1 }
  | { kind: 'timer'; cycle: number; tag: number };
