// The public types of the engine's TypeScript face (lib/sim). These names are a contract: user code, the HAL
// (lib/hal) and outside checks use them. Add freely; never rename. Timing semantics: ../../docs/timing.md.
import type { HardwarePerturbation } from './perturbation.js';
export type { CycleDraw, HardwarePerturbation } from './perturbation.js';

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

/**
 * Options of a new Simulator: controller profile, clock, channel and line counts, and the controller's timing
 * parameters (each with the default of docs/timing.md).
 */
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
  /**
   * The kinds of event runs deliver, filtered in the engine before anything crosses into JS ['all' but 'request':
   * DEFAULT_EVENT_KINDS]; 'all' or a list of SimEvent kinds. A run may choose its own (RunOptions.events). Every event
   * still happens and is counted in `stats.records`; this only chooses what is delivered.
   */
  events?: EventSelection;
  /**
   * Hardware timing perturbation for exploration [none]: request-line jitter, wait-state variation, bus load from
   * another master, device rate drift, all drawn from `seed` (lib/sim/perturbation.ts has the ranges). The explore
   * layer (kmdf-dma-sim/explore) sets it; off, the timing is exactly TIMING.md's.
   */
  perturb?: HardwarePerturbation;
  timing?: TimingOptions;
  /** Event records the native run fills per crossing [4096]; a run refills it until a real stop. */
  eventBufferRecords?: number;
  /**
   * Test/debug switch [true]: false turns every engine fast path off (the memory-to-memory block path and the quiet
   * tx-port paths), so each beat and service takes the general per-beat path. No behavioural effect — events,
   * cycles, statuses, memory and captured bytes are identical either way; only speed and work-done statistics
   * (records) may differ.
   */
  fastPaths?: boolean;
}

/** A RAM region of the bus. `bytes` is a zero-copy view of the simulated memory. */
export interface MemoryRegionOptions {
  base: number;
  size: number;
  readWait?: number;
  writeWait?: number;
  name?: string;
}

/** Which way a peripheral channel moves data. */
export type TransferDirection = 'memory-to-device' | 'device-to-memory';

/**
 * One scatter/gather element of a transfer: a physical address and a length in bytes (both multiples of the transfer
 * width).
 */
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

/** A memory-to-memory transfer: source, destination, length and width. */
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

/** What HandleInterrupt reports: the channel and its interrupt type (completion, notification, cancelled, error). */
export interface InterruptReport {
  channel: number;
  type: InterruptType;
}

/** A channel's state; 'done' is terminal count, 'stopping' a cancelled channel finishing its burst. */
export type ChannelState = 'idle' | 'running' | 'stopping' | 'done' | 'error' | 'cancelled';

/** Why a run slice returned. */
/** Why a run returned: it reached its target cycle, an interrupt line rose, a schedule()d timer fired, or it collected
 *  RunOptions.maxEvents events ('events': it stopped at the end of the cycle of the first event past the cap). */
export type StopReason = 'target' | 'interrupt' | 'timer' | 'events';

/**
 * What a run returns: the cycle it stopped at, why it stopped (target, interrupt, timer, events) and the events it
 * recorded.
 */
export interface RunResult {
  /** sim.cycle after the slice. */
  cycle: number;
  stoppedBy: StopReason;
  events: SimEvent[];
}

/** A choice of event kinds: 'all', or a list of SimEvent kinds. */
export type EventSelection = 'all' | readonly SimEventKind[];

/** Everything the engine reports, in the order it happened ((cycle, priority, sequence), docs/timing.md). */
export type SimEvent =
  | { kind: 'irq'; cycle: number; line: number; level: 0 | 1 }
  | { kind: 'channel-state'; cycle: number; channel: number; state: ChannelState; previous: ChannelState }
  | { kind: 'terminal-count'; cycle: number; channel: number; bytes: number }
  | { kind: 'notification'; cycle: number; channel: number; bytes: number; wrapped: boolean; iteration: number }
  | { kind: 'channel-error'; cycle: number; channel: number; address: number; injected: boolean }
  | { kind: 'overrun'; cycle: number; port: number; count: number }
  | { kind: 'underrun'; cycle: number; port: number; count: number }
  | { kind: 'port-error'; cycle: number; port: number; element: number }
  | { kind: 'request'; cycle: number; line: number; level: 0 | 1; port: number }
  | { kind: 'timer'; cycle: number; tag: number }
  /** A channel interrupt became visible to handleInterrupt (interruptLatency after its cause). */
  | { kind: 'channel-interrupt'; cycle: number; channel: number; type: InterruptType }
  /** DMA wrote a full tx FIFO (element dropped). */
  | { kind: 'dma-overflow'; cycle: number; port: number; count: number }
  /** DMA read an empty rx FIFO (element read as zero). */
  | { kind: 'dma-underflow'; cycle: number; port: number; count: number }
  /** An rx port's idle timeout armed the flush of a partial FIFO. */
  | { kind: 'idle-timeout'; cycle: number; port: number; level: number }
  /** An injected stall paused a port's device. */
  | { kind: 'port-stall'; cycle: number; port: number; cycles: number };

/**
 * The `kind` of a SimEvent ('irq', 'channel', 'terminal-count', 'underrun', ...), as SimulatorOptions.events and
 * RunOptions.events name them.
 */
export type SimEventKind = SimEvent['kind'];

/** Options of a run slice. */
export interface RunOptions {
  /** Drop event records in the engine instead of decoding them (benchmarks, long idle spans) [false]. */
  discardEvents?: boolean;
  /** The kinds of event this run delivers [the simulator's SimulatorOptions.events]. The choice in force when an
   *  event happens decides: events of calls made between runs were chosen by the run before. */
  events?: EventSelection;
  /**
   * How many events one run collects in `events` before it stops early [1_000_000 (DEFAULT_MAX_EVENTS)]: when a run
   * has this many and another happens, it finishes the cycle of that next event and stops there with stoppedBy
   * 'events', holding every event up to the end of that cycle (at most one cycle's events more than this). So a run
   * never holds much more than this many events in JS, however long it is, and it always stops at the end of a cycle
   * (an integer in [1, 2^32 - 1]).
   */
  maxEvents?: number;
  /**
   * Receives the events in slices, in order (at most eventBufferRecords per call), while the run goes on; the run's
   * `events` is then empty and maxEvents does not apply: any run length, bounded memory. It is called in the middle of
   * the run, so it must not call the simulator (every call throws ERR_REENTRANT_CALL). If it throws, the run ends with
   * that exception; the simulator stays usable, and the next run goes on from where this one stopped.
   */
  onEvents?: (events: SimEvent[]) => void;
}

/** Exact cycles per element of a device port: numerator / denominator. */
export interface RateRational {
  numerator: number;
  denominator: number;
}

/** When a device raises its own interrupt line (PORT_IRQ bits; level-sensitive, no latency). */
export interface PortInterruptOptions {
  line: number;
  /** PORT_IRQ bits. */
  mask: number;
  /** Elements: rx raises at level >= threshold, tx at level <= threshold (PORT_IRQ.LEVEL) [0]. */
  threshold?: number;
}

/** addFifoPort: a device FIFO port mapped at one bus address (native/core/port_types.h). Defaults in brackets. */
export interface FifoPortOptions {
  /** Bus address of the data register; the port maps [address, address + elementWidth). */
  address: number;
  /** rx: the device fills the FIFO, DMA reads it; tx: DMA fills it, the device drains it. */
  direction: 'rx' | 'tx';
  /** FIFO depth in elements [16]. */
  depth?: number;
  /** Bytes per element (= the DMA beat width that may target it) [1]. */
  elementWidth?: 1 | 2 | 4 | 8;
  /** Bus cycles per device element, at least 1: a number (converted exactly, see rational.ts) or a fraction [1]. */
  rate?: number | RateRational;
  /** The DMA request line the port drives, or null for none [null]. */
  requestLine?: number | null;
  /** Elements: rx requests at level >= watermark, tx at free space >= watermark [1]. */
  watermark?: number;
  /** A request asks for one burst or one beat ['burst']. */
  requestRule?: 'burst' | 'single';
  /** The DMA-enable gate: requests reach the line only while on [false]. */
  dmaEnable?: boolean;
  /** rx: the receiver is on; tx: the transmitter is on [true]. */
  deviceEnable?: boolean;
  /** tx: the device keeps ticking on an empty FIFO and counts underruns [false]. */
  txStreaming?: boolean;
  /** rx aging: cycles after the last element before a partial FIFO requests a flush; 0 = off [0]. */
  idleTimeout?: number;
  /** rx data: a repeated byte pattern [0, 1, 2, ..., 255], or bytes pushed with FifoPort.push ['pattern']. */
  rxSource?: 'pattern' | 'pushed';
  pattern?: Uint8Array | readonly number[];
  /** The device's own interrupt output [none]. */
  interrupt?: PortInterruptOptions | null;
  /** Wait states of a DMA beat reading / writing the port [0]. */
  readWait?: number;
  writeWait?: number;
  /** tx: bytes the sink keeps before dropping (counted) [1 MiB]. */
  txCaptureLimit?: number;
  name?: string;
}

/** A port's status snapshot (PORT_STATUS bits in `status`; counters are totals). */
export interface FifoPortStatus {
  level: number;
  highWater: number;
  status: number;
  overruns: number;
  underruns: number;
  dmaOverflows: number;
  dmaUnderflows: number;
  errors: number;
  deviceElements: number;
  dmaElements: number;
  rxPendingBytes: number;
  txCapturedBytes: number;
  txCaptureDropped: number;
  requestAsserted: boolean;
  interruptAsserted: boolean;
  flushArmed: boolean;
  deviceActive: boolean;
}

/** A channel's status snapshot (engine channelStatus). */
export interface ChannelStatusInfo {
  state: ChannelState;
  /** Bytes not yet written (= readDmaCounter). */
  remaining: number;
  bytesWritten: number;
  loopIterations: number;
  pendingInterrupts: InterruptType[];
  errorAddress: number;
  serviceInProgress: boolean;
  requestLine: number;
  width: number;
  burstLength: number;
  watermark: number;
  notificationThreshold: number;
  priority: number;
}

/** The engine's work counters since the simulator was made (benchmarks; no behavioural meaning). Exact between runs. */
export interface EngineStats {
  /** Calendar activities dispatched (stale ones included) plus FIFO beats / 8237 bytes the engine did inline. */
  activities: number;
  /** Event records produced (delivered, waiting, or discarded by discardEvents runs alike). */
  records: number;
  /** Device-side FIFO elements of all ports (rx pushed, lost ones included; tx popped). */
  deviceElements: number;
  /** DMA beats of all channels (soc: read and write beats counted separately; i8237: bytes). */
  dmaBeats: number;
}
