// Physical memory of the simulated machine: one RAM region of the engine's bus, carved into 4 KiB page frames.
// Like a running Windows system, the page frames a buffer gets are not in address order: the general pool hands out
// frames in a scrambled but deterministic order (a seeded Fisher-Yates shuffle), so a multi-page buffer is physically
// discontiguous and its SG list has several elements. A separate region at the top of RAM serves physically
// contiguous requests (MmAllocateContiguousMemory, common buffers), first fit. Behaviour source: the
// "MmAllocateContiguousMemory" and "Using Common-Buffer Bus-Master DMA" pages; ARCHITECTURE.md "The simulated OS".
// TODO(accuracy): no fragmentation over time beyond what the shuffle gives; frames never fail to allocate until empty.

import { HalError } from '../hal-error.js';
import { argTypeError, checkUnsigned } from '../arguments.js';

/** Bytes in a page of the simulated machine. */
export const PAGE_SIZE = 4096;
/** log2(PAGE_SIZE). */
export const PAGE_SHIFT = 12;

/** xorshift32: a tiny deterministic generator (seed must be nonzero). */
function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

export interface PhysicalLayout {
  base: number;
  size: number;
  /** Bytes at the top of RAM reserved for contiguous allocations. */
  contiguousSize: number;
  seed: number;
}

/**
 * System RAM as page frames: free frames handed out scattered (so buffers are not physically contiguous), and a region
 * kept for contiguous allocations.
 */
export class PhysicalMemory {
  readonly base: number;
  readonly size: number;
  readonly bytes: Uint8Array;
  private readonly free: number[] = [];
  /** Contiguous region: [contigFirst, contigEnd) frame numbers, with an allocation bitmap. */
  private readonly contigFirst: number;
  private readonly contigUsed: Uint8Array;

  constructor(bytes: Uint8Array, layout: PhysicalLayout) {
    // Reached through new Kernel({ memory }), which checks the types: what is left are values RAM cannot be made of.
    if (layout.base % PAGE_SIZE || layout.size % PAGE_SIZE || layout.contiguousSize % PAGE_SIZE) {
      throw new HalError('ERR_INVALID_ARGUMENT', 'new Kernel: memory.base, memory.size and memory.contiguousSize must be multiples of PAGE_SIZE (4096)');
    }
    if (layout.contiguousSize >= layout.size) {
      throw new HalError('ERR_INVALID_ARGUMENT', 'new Kernel: memory.contiguousSize must leave general pages (be less than memory.size)');
    }
    this.base = layout.base;
    this.size = layout.size;
    this.bytes = bytes;
    const firstPfn = layout.base / PAGE_SIZE;
    const general = (layout.size - layout.contiguousSize) / PAGE_SIZE;
    for (let i = 0; i < general; i++) this.free.push(firstPfn + i);
    const rand = xorshift32(layout.seed);
    for (let i = this.free.length - 1; i > 0; i--) {
      const j = rand() % (i + 1);
      const t = this.free[i]!;
      this.free[i] = this.free[j]!;
      this.free[j] = t;
    }
    this.contigFirst = firstPfn + general;
    this.contigUsed = new Uint8Array(layout.contiguousSize / PAGE_SIZE);
  }

  get freePages(): number {
    return this.free.length;
  }

  /** One page frame number from the scrambled pool, or undefined when RAM is exhausted. */
  allocatePage(): number | undefined {
    return this.free.pop();
  }

  /**
   * `pages` frames from the scrambled pool in the order `pages` allocatePage() calls give them, or undefined when
   * fewer are free — leaving the pool as those calls and a freePage() of each frame taken would (every frame taken,
   * then given back in that order: the pool reversed).
   */
  takePages(pages: number): number[] | undefined {
    const free = this.free;
    const n = free.length;
    if (pages > n) {
      free.reverse();
      return undefined;
    }
    const out = new Array<number>(pages);
    for (let i = 0; i < pages; i++) out[i] = free[n - 1 - i]!;
    free.length = n - pages;
    return out;
  }

  /** freePage(frames[i]) for i < count, in order. */
  freeFrames(frames: readonly (number | undefined)[], count: number): void {
    for (let i = 0; i < count; i++) this.freePage(frames[i]!);
  }

  /** Returns a page frame to the free list (or the contiguous region). */
  freePage(pfn: number): void {
    if (pfn >= this.contigFirst) {
      this.contigUsed[pfn - this.contigFirst] = 0;
      return;
    }
    this.free.push(pfn);
  }

  /** `pages` physically consecutive frames (first fit); returns the first frame or undefined. */
  allocateContiguous(pages: number): number | undefined {
    let run = 0;
    for (let i = 0; i < this.contigUsed.length; i++) {
      run = this.contigUsed[i] ? 0 : run + 1;
      if (run === pages) {
        const start = i - pages + 1;
        this.contigUsed.fill(1, start, i + 1);
        return this.contigFirst + start;
      }
    }
    return undefined;
  }

  /** Byte offset of a physical address inside `bytes`, checking [pa, pa+length) is RAM. */
  offsetOf(pa: number, length: number): number {
    const off = pa - this.base;
    if (!(off >= 0 && off + length <= this.size)) {
      throw new HalError('ERR_OUT_OF_RANGE', `physical memory: the range ${typeof pa === 'number' ? `0x${pa.toString(16)}` : String(pa)}+${String(length)} is not inside RAM`);
    }
    return off;
  }

  /** Reads `length` bytes at a physical address. */
  read(pa: number, length: number): Uint8Array {
    checkUnsigned('PhysicalMemory.read', 'pa', pa);
    checkUnsigned('PhysicalMemory.read', 'length', length);
    const off = this.offsetOf(pa, length);
    return this.bytes.slice(off, off + length);
  }

  /** Writes bytes at a physical address. */
  write(pa: number, data: Uint8Array): void {
    checkUnsigned('PhysicalMemory.write', 'pa', pa);
    if (!(data instanceof Uint8Array)) throw argTypeError('PhysicalMemory.write', 'data', data, 'a Uint8Array');
    this.bytes.set(data, this.offsetOf(pa, data.length));
  }
}
