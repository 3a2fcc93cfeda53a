// The part of lib/sim's Simulator that the HAL uses, as a structural type: the HAL is written against exactly these
// members of the real engine face (lib/sim/types.ts is the contract for the value types). Nothing here is a fake:
// the Kernel always drives a real lib/sim Simulator; this file only names what it needs from one.

import type {
  ChannelStatusInfo,
  InterruptReport,
  MemoryRegionOptions,
  ProgramChannelArgs,
  RunResult,
} from '../sim/types.js';

/** sim.dma: the HAL controller-extension function table (KMDF-SYSTEM-DMA.md D.7). */
export interface HalDmaFace {
  validateRequestLineBinding(requestLine: number, channel: number): boolean;
  queryMaxFragments(channel: number, maxFragmentsHint?: number): number;
  programChannel(args: ProgramChannelArgs): void;
  /** programChannel with the SG list as `count` (address, length) pairs (lib/sim DmaController.programChannelFlat). */
  programChannelFlat(
    channel: number,
    requestLine: number,
    pairs: Float64Array,
    count: number,
    deviceAddress: number,
    direction: ProgramChannelArgs['direction'],
    width: ProgramChannelArgs['width'],
    demandMode: boolean,
    loop: boolean,
  ): void;
  configureChannel(channel: number, functionNumber: number, value: number): number;
  flushChannel(channel: number): void;
  /** flushChannel put off to the next engine call (lib/sim DmaController.flushChannelDeferred). */
  flushChannelDeferred(channel: number): void;
  handleInterrupt(): InterruptReport | null;
  /** handleInterrupt as one number: -1 for none, else channel * 4 + type (0 completion, 1 error, 2 cancelled). */
  handleInterruptPacked(): number;
  /** handleInterruptPacked() * 2 + (1 when another report remains after this one); -1 for none. */
  handleInterruptNext(): number;
  readDmaCounter(channel: number): number;
  cancelTransfer(channel: number): boolean;
  channelStatus(channel: number): ChannelStatusInfo;
}

export interface HalMemoryRegion {
  readonly bytes: Uint8Array;
}

export interface HalSimulator {
  readonly cycle: number;
  readonly dma: HalDmaFace;
  addMemory(options: MemoryRegionOptions): HalMemoryRegion;
  runUntil(cycle: number): RunResult;
  schedule(cycle: number, tag: number): void;
  interruptLineLevel(line: number): boolean;
  /** Keeps a line's level mirrored so interruptLineLevel costs no native call (lib/sim Simulator). */
  mirrorInterruptLine(line: number): void;
  dispose(): void;
}
