// Coverage of states and races (issue 11 item 4): the HAL and the framework count the states a run reached and the
// races it ran into — transaction and request state transitions, a completion that arrives while EvtProgramDma runs,
// Cancel answering TRUE or FALSE, a Stop before or after mapping, a DmaCancelled after Release, a timer firing before
// or after the completion, a request cancelled before / during / after its transfer, overrun and underrun. A machine
// counts only while a recorder is attached (kernel.coverage, null by default: one null check per point).
//
// Points are declared once, by the layer that counts them, with a sentence saying what they mean; a report lists
// every declared point, reached or not, so "never reached" is visible.

import { HalError } from './hal-error.js';

/** A declared coverage point: a stable name, the layer that counts it, and what reaching it means. */
export interface CoveragePoint {
  /** A stable name: 'txn: Transfer -> TransferCompleted', 'race: completion during EvtProgramDma'. */
  readonly name: string;
  /** The layer that counts it: 'hal', 'kmdf', 'sercx2', 'device'. */
  readonly layer: string;
  /** What reaching it means, in one sentence. */
  readonly meaning: string;
}

const declared = new Map<string, CoveragePoint>();

/** Declares points (idempotent: a second declaration of the same name must say the same). */
export function declareCoverage(layer: string, points: Readonly<Record<string, string>>): void {
  for (const [name, meaning] of Object.entries(points)) {
    const known = declared.get(name);
    if (known && (known.layer !== layer || known.meaning !== meaning)) {
      throw new HalError('ERR_INVALID_ARGUMENT', `declareCoverage: coverage point '${name}' is declared twice with different meanings`);
    }
    declared.set(name, { name, layer, meaning });
  }
}

/** Every declared point, in declaration order. */
export function coveragePoints(): CoveragePoint[] {
  return [...declared.values()];
}

/** Counts hits per point for one machine (or many: attach the same recorder to each). */
export class CoverageRecorder {
  readonly counts = new Map<string, number>();

  /** Counts one reach of a coverage point. */
  hit(point: string): void {
    this.counts.set(point, (this.counts.get(point) ?? 0) + 1);
  }

  /** Adds another recorder's counts (runs on several machines or workers). */
  merge(other: CoverageRecorder | ReadonlyMap<string, number> | Record<string, number>): void {
    const entries = other instanceof CoverageRecorder ? other.counts.entries()
      : other instanceof Map ? other.entries() : Object.entries(other);
    for (const [k, v] of entries) this.counts.set(k, (this.counts.get(k) ?? 0) + v);
  }

  /** The counts by point name (for JSON and merging). */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

declareCoverage('hal', {
  'port: overrun': 'an rx port lost an element to a full FIFO (the DMA was too late), or a DMA read an empty rx FIFO',
  'port: underrun': 'a tx port found its FIFO empty when the device needed an element (the DMA was too late), or a DMA wrote a full tx FIFO',
  'dma: cancel found the transfer running': 'CancelMappedTransfer stopped a running transfer (the HAL completes it as cancelled)',
  'dma: cancel found nothing running': 'CancelMappedTransfer found the transfer already finished or not yet programmed',
  'dpc: ran on another processor': 'a DPC was queued to another processor and ran out of order with this one\'s',
});
