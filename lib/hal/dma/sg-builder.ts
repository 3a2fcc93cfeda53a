// Building the scatter/gather list of one system-DMA transfer from an MDL chain, with the HAL's clipping
// (KMDF-SYSTEM-DMA.md C.1, B.6 MapTransferEx "maps up to Length bytes, may map fewer"). The list is built from the
// physical page frames of the chain (adjacent frames merge into one element) and stops at the first limit reached:
//  - elements: QueryMaxFragments for the channel, and the capacity of the caller's SG buffer;
//  - map registers: one per page piece, at most the adapter's NumberOfMapRegisters (so (NMR-1) pages always fit);
//  - MinimumTransferUnit (GetDmaAdapterInfo): every element length is a multiple of it. The list is cut before the
//    first element that is not (its whole-unit part is kept), and the total is rounded down to a whole unit.
// HAL decision (UNCONFIRMED, C.1): a range that cannot yield one whole unit maps nothing and MapTransferEx fails with
// STATUS_INVALID_PARAMETER (the i.MX extension only asserts on it).

import type { SgElement } from '../../sim/types.js';
import { MDL as MDL_CLASS, type MDL } from '../memory/mdl.js';
import { checkInstance, checkInteger, checkStruct, checkUnsigned } from '../arguments.js';
import { PAGE_SIZE } from '../memory/physical.js';

/**
 * The limits a scatter/gather list is built within: elements the controller takes, map registers, and the minimum
 * transfer unit.
 */
export interface SgLimits {
  maxElements: number;
  maxMapRegisters: number;
  minimumTransferUnit: number;
}

export interface SgBuild {
  elements: SgElement[];
  length: number;
  mapRegisters: number;
}

/**
 * The SG list of one build as (address, length) pairs in a Float64Array that is reused from build to build (grown
 * when needed): what MapTransferEx hands to the controller, with no element object per fragment.
 */
export class SgPairs {
  pairs = new Float64Array(16);
  count = 0;
  length = 0;
  mapRegisters = 0;
}

/**
 * The scatter/gather list of `length` bytes of an MDL from `offset`: physically contiguous runs merged, within the
 * element, map register and transfer unit limits.
 */
export function buildSgList(mdl: MDL, offset: number, length: number, limits: SgLimits): SgBuild {
  const at = 'buildSgList';
  checkInstance(at, 'mdl', mdl, MDL_CLASS, 'MDL');
  checkUnsigned(at, 'offset', offset);
  checkUnsigned(at, 'length', length);
  checkStruct(at, 'limits', limits, 'SgLimits { maxElements, maxMapRegisters, minimumTransferUnit }');
  for (const f of ['maxElements', 'maxMapRegisters', 'minimumTransferUnit'] as const) {
    const v = limits[f];
    // Infinity means "no limit" (GetDmaTransferInfo's measure).
    if (v !== Infinity) checkInteger(at, `limits.${f}`, v, f === 'minimumTransferUnit' ? 1 : 0, Number.MAX_SAFE_INTEGER, 'a whole number (or Infinity)');
  }
  const out = new SgPairs();
  buildSgPairs(mdl, offset, length, limits.maxElements, limits.maxMapRegisters, limits.minimumTransferUnit, out);
  const elements: SgElement[] = [];
  for (let i = 0; i < out.count; i++) elements.push({ address: out.pairs[2 * i]!, length: out.pairs[2 * i + 1]! });
  return { elements, length: out.length, mapRegisters: out.mapRegisters };
}

/** buildSgList into `out` (its pairs, count, length and mapRegisters are overwritten). */
export function buildSgPairs(
  mdl: MDL,
  offset: number,
  length: number,
  maxElements: number,
  maxMapRegisters: number,
  minimumTransferUnit: number,
  out: SgPairs,
): void {
  let pairs = out.pairs;
  let count = 0;
  let total = 0;
  let mapRegisters = 0;
  // The pieces of mdlChainPieces(mdl, offset, length), walked in place (no generator): page pieces of each MDL of
  // the chain from `offset`, stopping at the first limit reached.
  let m: MDL | null = mdl;
  let skip = offset;
  while (m && skip >= m.ByteCount) {
    skip -= m.ByteCount;
    m = m.Next;
  }
  let left = length;
  pieces: while (m && left > 0) {
    let pos = m.ByteOffset + skip;
    const end = m.ByteOffset + m.ByteCount;
    while (pos < end && left > 0) {
      const inPage = pos % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - inPage, end - pos, left);
      const address = m.pfnArray[Math.floor(pos / PAGE_SIZE)]! * PAGE_SIZE + inPage;
      if (mapRegisters + 1 > maxMapRegisters) break pieces;
      if (count > 0 && pairs[2 * count - 2]! + pairs[2 * count - 1]! === address) {
        pairs[2 * count - 1] += n;
      } else {
        if (count >= maxElements) break pieces;
        if (2 * count + 2 > pairs.length) {
          const grown = new Float64Array(pairs.length * 2);
          grown.set(pairs);
          pairs = out.pairs = grown;
        }
        pairs[2 * count] = address;
        pairs[2 * count + 1] = n;
        count++;
      }
      mapRegisters++;
      total += n;
      pos += n;
      left -= n;
    }
    skip = 0;
    m = m.Next;
  }
  const unit = minimumTransferUnit;
  if (unit > 1) {
    total = 0;
    for (let i = 0; i < count; i++) {
      const len = pairs[2 * i + 1]!;
      const whole = len - (len % unit);
      if (whole !== len) {
        pairs[2 * i + 1] = whole;
        count = whole === 0 ? i : i + 1;
        total += whole;
        break;
      }
      total += whole;
    }
  }
  out.count = count;
  out.length = total;
  out.mapRegisters = mapRegisters;
}

/** Map registers and SG elements a range needs with no limits (GetDmaTransferInfo). */
export function measureTransfer(mdl: MDL, offset: number, length: number): { mapRegisters: number; elements: number } {
  const b = buildSgList(mdl, offset, length, {
    maxElements: Infinity,
    maxMapRegisters: Infinity,
    minimumTransferUnit: 1,
  });
  return { mapRegisters: b.mapRegisters, elements: b.elements.length };
}
