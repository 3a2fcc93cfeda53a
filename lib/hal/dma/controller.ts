// The HAL's DMA controller extension: the engine's controller (sim.dma) registered under the D.7 function-table
// names (KMDF-SYSTEM-DMA.md D.7), the per-channel HAL state, and the HAL's controller ISR. The ISR calls
// HandleInterrupt until it reports nothing, turns each report into a DMA_COMPLETION_STATUS (HAL decision, UNCONFIRMED
// in D.7 "[mapping inferred]": Completion → DmaComplete — including the notifications of a looped transfer —,
// Error → DmaError, Cancelled → DmaCancelled) and queues the channel's completion DPC, which calls the completion
// routine given to MapTransferEx at DISPATCH_LEVEL. A report for a transfer that was flushed before the DPC ran is
// dropped (counted in stats.dma.droppedCompletions). With GeneratesInterrupt off (Kernel option
// dma.generatesInterrupt: false, D.4) the HAL never connects to the controller line, so no completion routine is
// ever called and drivers must complete from their device interrupt or by polling ReadDmaCounter.
//
// Late cancellation (option `lateCancellation`, off by default; docs/hal-contract.md "Late completions"): a real HAL
// may complete a stopped transfer itself, asynchronously — the i.MX extension's CancelTransfer contract says the HAL
// completes a quiet cancelled channel on its own — so EvtDmaTransactionDmaTransferComplete(DmaCancelled) can arrive
// after StopSystemTransfer returned, after the driver ended the transaction with DmaCompletedFinal, and after Release.
// With the switch on, every CancelMappedTransfer of a mapped transfer that has a completion routine queues one
// DmaCancelled for that routine `delay` cycles later [isrLatency + dpcLatency], at DISPATCH_LEVEL; it is delivered
// whatever happened to the transfer meanwhile (a DmaComplete that raced the stop is delivered too, so the driver
// sees both), and dropped only if the transfer context was initialized again (InitializeDmaTransferContext: the
// transaction's next Initialize) or the adapter was put. The controller's own Cancelled report for that transfer is
// not delivered (one DmaCancelled per stop). TODO(accuracy): when a real HAL delivers it is not public; the delay
// and the drop at re-initialization are this model's choices.

import type { InterruptReport, ProgramChannelArgs } from '../../sim/types.js';
import { initializeDpc, insertQueueDpc } from '../interrupts/dpc.js';
import type { Kernel } from '../kernel.js';
import type { HalDmaFace } from '../sim-face.js';
import { ChannelState, type MappedTransfer } from './channel.js';
import { DISPATCH_LEVEL } from '../irql.js';
import { WorkClass } from '../work-queue.js';
import {
  BUILTIN_CONTROLLER_FUNCTIONS,
  indexFunctionTable,
  type DmaControllerFunction,
  type DmaControllerFunctionCall,
} from './controller-functions.js';
import { SgPairs } from './sg-builder.js';
import { HalError } from '../hal-error.js';
import { DmaCancelled, DmaComplete, DmaError, type DMA_COMPLETION_STATUS } from './types.js';

/**
 * The HAL DMA switches (KernelOptions.dma): the controller's interrupt behaviour, transfer unit, map registers, late
 * cancellation, the controller function table and the Driver Verifier DMA checks.
 */
export interface HalDmaOptions {
  /** The controller interrupts on completion/error/cancel (DMA_INITIALIZATION_BLOCK.GeneratesInterrupt) [true]. */
  generatesInterrupt?: boolean;
  /** GetDmaAdapterInfo MinimumTransferUnit in bytes [the adapter's DmaWidth in bytes]. */
  minimumTransferUnit?: number;
  /** NumberOfMapRegisters IoGetDmaAdapter grants [ceil(MaximumLength / PAGE_SIZE) + 1]. */
  numberOfMapRegisters?: number;
  /** Driver Verifier DMA checks (bug check 0xE6) [true]. */
  verifier?: boolean;
  /** DmaAddressWidth reported by GetDmaAdapterInfo [32]. */
  dmaAddressWidth?: number;
  /** Deliver DmaCancelled late (see the file comment): `delay` cycles after CancelMappedTransfer [isrLatency +
   *  dpcLatency], also after the transfer was flushed, its channel freed and its transaction released [off]. */
  lateCancellation?: { delay?: number } | false;
  /** The controller's ConfigureAdapterChannel function table (controller-functions.ts) [BUILTIN_CONTROLLER_FUNCTIONS:
   *  the engine's functions 1–6 and 16]. A vendor model lists its own IDs (and may keep the built-in ones). */
  functionTable?: readonly DmaControllerFunction[];
}

export interface HalDmaConfig {
  controllerInterruptLine: number;
  channels: number;
}

/** The DMA_COMPLETION_STATUS of a report, by the report type's number (0 completion, 1 error, 2 cancelled). */
const STATUS_OF_TYPE: readonly DMA_COMPLETION_STATUS[] = [DmaComplete, DmaError, DmaCancelled];

/**
 * The HAL's side of the system DMA controller: adapter channels and their wait queues, mapped transfers, the controller
 * ISR and DPC that turn its interrupts into completion routines.
 */
export class HalDmaController {
  readonly generatesInterrupt: boolean;
  readonly verifier: boolean;
  /** The function table ConfigureAdapterChannel dispatches on, by function number. */
  readonly functions: ReadonlyMap<number, DmaControllerFunction>;
  /** Late-cancellation mode, with its delay in cycles (null: off). */
  readonly lateCancellation: { delay: number } | null;
  private readonly channelStates = new Map<number, ChannelState>();
  private readonly maxFragmentsCache = new Map<number, number>();
  private lastChannel = -1;
  private lastChannelState: ChannelState | null = null;
  private lastQueryChannel = -1;
  private lastQueryHint = -1;
  private lastQueryAnswer = 0;
  /** @internal MapTransferEx's SG list, rebuilt in place for every map (the controller copies it when programmed). */
  readonly sgScratch = new SgPairs();

  constructor(
    private readonly kernel: Kernel,
    private readonly dma: HalDmaFace,
    readonly options: HalDmaOptions,
    readonly config: HalDmaConfig,
  ) {
    this.generatesInterrupt = options.generatesInterrupt ?? true;
    this.verifier = options.verifier ?? true;
    this.functions = indexFunctionTable(options.functionTable ?? BUILTIN_CONTROLLER_FUNCTIONS);
    const late = options.lateCancellation;
    if (late) {
      const delay = late.delay ?? kernel.latencies.isrLatency + kernel.latencies.dpcLatency;
      if (!Number.isInteger(delay) || delay < 0) {
        throw new HalError('ERR_INVALID_ARG_VALUE', `new Kernel: dma.lateCancellation.delay must be a whole number of cycles (got ${typeof late.delay === 'symbol' ? 'a Symbol' : String(late.delay)})`);
      }
      this.lateCancellation = { delay };
    } else {
      this.lateCancellation = null;
    }
    if (this.generatesInterrupt) {
      kernel.interrupts.connect({
        line: config.controllerInterruptLine,
        isr: () => this.isr(),
        name: 'the HAL DMA controller interrupt',
        costKey: 'HalDmaIsr',
      });
    }
  }

  /** The HAL's state of controller channel `n` (its owner, its wait queue, the transfer mapped on it). */
  channel(n: number): ChannelState {
    // The last channel asked for answers without a Map lookup (MapTransferEx, the flush and the ISR each ask for
    // it once per fragment, nearly always for the same channel).
    if (n === this.lastChannel) return this.lastChannelState!;
    const s = this.channelStates.get(n) ?? this.newChannelState(n);
    this.lastChannel = n;
    this.lastChannelState = s;
    return s;
  }

  /** A channel's state with its completion DPC. Made here, not in channel(): the DPC routine's closure captures the
   *  state, and a closure in channel() made every call allocate its context, the fast path included. */
  private newChannelState(n: number): ChannelState {
    const s = new ChannelState(this.kernel, n);
    initializeDpc(this.kernel, s.completionDpc, () => this.deliver(s), null);
    this.channelStates.set(n, s);
    return s;
  }

  /** Mapped transfers the hardware is still working on or still has to report (Kernel.runUntilIdle). */
  activeTransfers(): number {
    let n = 0;
    for (const s of this.channelStates.values()) {
      if (!s.mapped) continue;
      const c = this.dma.channelStatus(s.channel);
      if (c.state === 'running' || c.state === 'stopping' || c.pendingInterrupts.length > 0) n++;
    }
    return n;
  }

  // ---- the D.7 function table (names as in the HAL extension interface) ----
  /** Controller extension function ValidateRequestLineBinding: can `channel` serve `requestLine`? */
  ValidateRequestLineBinding(requestLine: number, channel: number): boolean {
    return this.dma.validateRequestLineBinding(requestLine, channel);
  }
  /** Controller extension function QueryMaxFragments: the scatter/gather elements one program of `channel` takes. */
  QueryMaxFragments(channel: number, maxFragmentsHint: number): number {
    // The answer is a fixed function of the controller's options, so it is asked once per (channel, hint).
    // The last (channel, hint) answers without hashing the key (a double, not a small integer).
    if (channel === this.lastQueryChannel && maxFragmentsHint === this.lastQueryHint) return this.lastQueryAnswer;
    const key = channel * 0x1_0000_0000 + maxFragmentsHint;
    let n = this.maxFragmentsCache.get(key);
    if (n === undefined) {
      n = this.dma.queryMaxFragments(channel, maxFragmentsHint);
      this.maxFragmentsCache.set(key, n);
    }
    this.lastQueryChannel = channel;
    this.lastQueryHint = maxFragmentsHint;
    this.lastQueryAnswer = n;
    return n;
  }
  /**
   * Controller extension function ProgramChannel: programs a channel with a scatter/gather list, device address,
   * direction and width.
   */
  ProgramChannel(args: ProgramChannelArgs): void {
    this.dma.programChannel(args);
  }
  /** @internal ProgramChannel with the SG list as pairs (MapTransferEx): the same checks and errors, no objects. */
  programChannelPairs(
    channel: number,
    requestLine: number,
    sg: SgPairs,
    deviceAddress: number,
    direction: ProgramChannelArgs['direction'],
    width: ProgramChannelArgs['width'],
    demandMode: boolean,
    loop: boolean,
  ): void {
    this.dma.programChannelFlat(channel, requestLine, sg.pairs, sg.count, deviceAddress, direction, width, demandMode, loop);
  }
  /** The engine's own ConfigureChannel (what the built-in functions call). */
  ConfigureChannel(channel: number, functionNumber: number, value: number): number {
    return this.dma.configureChannel(channel, functionNumber, value) >>> 0;
  }
  /** @internal Runs function `fn` of the table on `channel` with its input bytes (ConfigureAdapterChannel). */
  callFunction(fn: DmaControllerFunction, channel: number, requestLine: number, input: DataView): number {
    const dma = this.dma;
    const call: DmaControllerFunctionCall = {
      channel,
      requestLine,
      input,
      engineConfigure: (functionNumber, value) => dma.configureChannel(channel, functionNumber, value) >>> 0,
      channelStatus: () => dma.channelStatus(channel),
    };
    const status = fn.handler(call);
    if (typeof status !== 'number' || !Number.isInteger(status)) {
      // The controller model's handler broke its contract (not the driver): a coded error naming the function.
      throw new HalError('ERR_INVALID_RETURN_VALUE', `ConfigureAdapterChannel: controller function 0x${fn.id.toString(16)} (${fn.name}) returned ${typeof status === 'symbol' ? 'a Symbol' : String(status)}, not an NTSTATUS`);
    }
    return status >>> 0;
  }
  /** Controller extension function FlushChannel: ends what the channel holds of a finished or stopped transfer. */
  FlushChannel(channel: number): void {
    this.dma.flushChannel(channel);
  }
  /** @internal FlushChannel joined to the next engine call (FlushAdapterBuffersEx: the next map programs at once). */
  flushChannelDeferred(channel: number): void {
    this.dma.flushChannelDeferred(channel);
  }
  /**
   * Controller extension function HandleInterrupt: one raised channel interrupt (lowest channel first) and its type, or
   * null when none remain.
   */
  HandleInterrupt(): InterruptReport | null {
    return this.dma.handleInterrupt();
  }
  /** Controller extension function ReadDmaCounter: the bytes of the channel's transfer not yet written. */
  ReadDmaCounter(channel: number): number {
    return this.dma.readDmaCounter(channel);
  }
  /**
   * Controller extension function CancelTransfer: stops the channel after its burst in progress; true if it was
   * running.
   */
  CancelTransfer(channel: number): boolean {
    const stopped = this.dma.cancelTransfer(channel);
    this.kernel.coverage?.hit(stopped ? 'dma: cancel found the transfer running' : 'dma: cancel found nothing running');
    return stopped;
  }

  /** The HAL's controller ISR. */
  private isr(): boolean {
    let claimed = false;
    // HandleInterrupt's reports as numbers (no report object per interrupt), each saying whether another one
    // remains: nothing below calls the engine, so when none remains the final empty HandleInterrupt is skipped.
    for (let next = this.dma.handleInterruptNext(); next >= 0; ) {
      const r = Math.floor(next / 2);
      claimed = true;
      this.kernel.stats.dma.controllerInterrupts++;
      const s = this.channel(Math.floor(r / 4));
      const t = s.mapped;
      if (t && t.routine) {
        const status = STATUS_OF_TYPE[r % 4] ?? DmaComplete;
        if (status === DmaCancelled && t.halCancels) {
          this.kernel.stats.dma.droppedCompletions++; // the HAL answers this stop itself (scheduleLateCancel)
        } else {
          s.queueDelivery(t, status);
          insertQueueDpc(s.completionDpc, null, null);
        }
      }
      next = next % 2 === 1 ? this.dma.handleInterruptNext() : -1;
    }
    return claimed;
  }

  /** @internal Late-cancellation mode: queues the HAL's own DmaCancelled for `t`, `delay` cycles from now. */
  scheduleLateCancel(t: MappedTransfer): void {
    const late = this.lateCancellation!;
    t.halCancels = true;
    const generation = t.tc.generation;
    const channel = this.channel(t.adapter.channel).channel;
    this.kernel.work.add(
      this.kernel.cycle + late.delay,
      WorkClass.Dpc,
      0,
      () => this.deliverLateCancel(t, generation),
      () => `the HAL's late DmaCancelled for controller channel ${channel}`,
    );
  }

  private deliverLateCancel(t: MappedTransfer, generation: number): void {
    const stats = this.kernel.stats.dma;
    if (t.tc.generation !== generation || t.adapter.hal.released || !t.routine) {
      stats.droppedCompletions++;
      return;
    }
    stats.lateCancellations++;
    stats.completions.cancelled++;
    const routine = t.routine;
    const saved = this.kernel.irql;
    this.kernel.irql = Math.max(saved, DISPATCH_LEVEL);
    try {
      this.kernel.chargeCallback('HalDmaDpc');
      routine(t.adapter, t.deviceObject, t.context, DmaCancelled);
    } finally {
      this.kernel.irql = saved;
    }
  }

  /** The channel's completion DPC: calls the completion routines of the reports queued by the ISR. */
  private deliver(s: ChannelState): void {
    const transfers = s.deliveryTransfers;
    const statuses = s.deliveryStatuses;
    try {
      // Oldest first; a report queued while a routine runs is delivered by this same loop, as with a queue.
      while (s.deliveryHead < s.deliveryCount) {
        const i = s.deliveryHead++;
        const transfer = transfers[i]!;
        const status = statuses[i]!;
        transfers[i] = null;
        if (transfer.flushed || !transfer.routine) {
          this.kernel.stats.dma.droppedCompletions++;
          continue;
        }
        const c = this.kernel.stats.dma.completions;
        if (status === DmaComplete) c.complete++;
        else if (status === DmaError) c.error++;
        else c.cancelled++;
        transfer.routine(transfer.adapter, transfer.deviceObject, transfer.context, status);
      }
    } finally {
      // Drained: the next report goes to entry 0 again. (If a routine threw, the undelivered reports stay queued.)
      if (s.deliveryHead >= s.deliveryCount) s.deliveryHead = s.deliveryCount = 0;
    }
  }
}
