// The kernel virtual address space and nonpaged pool of the simulated machine. Virtual addresses are plain numbers
// from 0x1_0000_0000 up (above every physical address, so the two are never confused); each allocation gets fresh
// pages followed by an unmapped guard page, and freed ranges are never reused, so an overrun or a use after free is
// an access to an unmapped page: bug check 0x50 PAGE_FAULT_IN_NONPAGED_AREA naming the address.
// Behaviour sources: "ExAllocatePool2" (POOL_FLAG_NON_PAGED, zeroed unless POOL_FLAG_UNINITIALIZED, NULL on failure),
// "ExFreePool" (freeing a bad or freed address is bug check 0xC2 / verifier 0xC4), "MmGetPhysicalAddress",
// "MmAllocateContiguousMemory". TODO(accuracy): allocations are page-granular (small ones get a whole page).

import {
  BAD_POOL_CALLER,
  DRIVER_VERIFIER_DETECTED_VIOLATION,
  PAGE_FAULT_IN_NONPAGED_AREA,
  VERIFIER_VIOLATION,
  type BugCheckInfo,
} from '../bugcheck.js';
import { PageTable } from './page-table.js';
import { argTypeError, checkUnsigned } from '../arguments.js';
import { PAGE_SIZE, type PhysicalMemory } from './physical.js';

/** ExAllocatePool2 flag: do not zero the allocation. */
export const POOL_FLAG_UNINITIALIZED = 0x2;
/** ExAllocatePool2 flag: nonpaged pool (the only kind a DMA buffer may use). */
export const POOL_FLAG_NON_PAGED = 0x40;
/** ExAllocatePool2 flag: paged pool. */
export const POOL_FLAG_PAGED = 0x100;

export const KERNEL_VA_BASE = 0x1_0000_0000;

export interface Faults {
  bugCheck(info: BugCheckInfo): never;
}

interface Allocation {
  va: number;
  bytes: number;
  pages: number;
  tag: number;
  contiguous: boolean;
}

/**
 * The kernel's virtual address space: pool allocations mapped page by page onto physical frames, reads and writes
 * through the page table, and the checks on freeing.
 */
export class AddressSpace {
  private readonly pageTable = new PageTable(); // virtual page number -> page frame number
  private readonly allocations = new Map<number, Allocation>();
  private readonly freed = new Set<number>();
  private nextVa = KERNEL_VA_BASE;
  /** Page frames of the run being unmapped, and of the run being written (reused: no array per call). */
  private readonly frameScratch: (number | undefined)[] = [];
  private readonly pfnScratch: number[] = [];

  constructor(
    readonly physical: PhysicalMemory,
    private readonly faults: Faults,
  ) {}

  /** ExAllocatePool2: a zeroed (unless POOL_FLAG_UNINITIALIZED) nonpaged buffer, or 0 (NULL) when RAM is exhausted. */
  allocatePool(flags: number, bytes: number, tag: number): number {
    if (bytes <= 0 || !Number.isInteger(bytes)) {
      this.faults.bugCheck({
        code: DRIVER_VERIFIER_DETECTED_VIOLATION,
        parameters: [VERIFIER_VIOLATION.ZERO_BYTE_POOL_ALLOCATION, 0, flags, 0],
        ddi: 'ExAllocatePool2',
        rule: `a pool allocation must be a positive whole number of bytes (got ${bytes})`,
      });
    }
    const pfns = this.physical.takePages(Math.ceil(bytes / PAGE_SIZE));
    if (pfns === undefined) return 0;
    return this.mapNew(pfns, bytes, tag, false, (flags & POOL_FLAG_UNINITIALIZED) === 0);
  }

  /** MmAllocateContiguousMemory-style: physically contiguous, zeroed; 0 (NULL) when no run is free. */
  allocateContiguous(bytes: number, tag = 0): number {
    if (bytes <= 0) return 0;
    const pages = Math.ceil(bytes / PAGE_SIZE);
    const first = this.physical.allocateContiguous(pages);
    if (first === undefined) return 0;
    const pfns = Array.from({ length: pages }, (_, i) => first + i);
    return this.mapNew(pfns, bytes, tag, true, true);
  }

  /** ExFreePool / MmFreeContiguousMemory. */
  free(va: number, ddi = 'ExFreePool'): void {
    const a = this.allocations.get(va);
    if (!a) {
      const twice = this.freed.has(va);
      this.faults.bugCheck({
        code: BAD_POOL_CALLER,
        parameters: [twice ? 0x7 : 0x46, 0, va, 0],
        ddi,
        rule: twice
          ? `the pool block at 0x${va.toString(16)} was already freed`
          : `0x${va.toString(16)} is not the address of a pool allocation`,
      });
    }
    const frames = this.frameScratch;
    this.pageTable.unmapRun(va / PAGE_SIZE, a.pages, frames);
    this.physical.freeFrames(frames, a.pages);
    this.allocations.delete(va);
    this.freed.add(va);
  }

  /** The byte count and tag of the live allocation at `va` (for frees that must match their allocation). */
  allocationInfo(va: number): { bytes: number; tag: number } | undefined {
    const a = this.allocations.get(va);
    return a ? { bytes: a.bytes, tag: a.tag } : undefined;
  }

  /** Whether `va` is the start of a live pool allocation. */
  isAllocation(va: number): boolean {
    return this.allocations.has(va);
  }

  /** Page frame number behind a virtual address, or undefined when unmapped. */
  pfnOf(va: number): number | undefined {
    return this.pageTable.get(Math.floor(va / PAGE_SIZE));
  }

  /**
   * The page frames behind the `count` virtual pages from `va`'s page into out[0..): returns how many leading pages
   * are mapped (count when all are). One page-table walk for a whole buffer (MmBuildMdlForNonPagedPool).
   */
  pfnRun(va: number, count: number, out: number[]): number {
    return this.pageTable.framesRun(Math.floor(va / PAGE_SIZE), count, out);
  }

  /** MmGetPhysicalAddress: 0 for an unmapped address (as Windows returns). */
  physicalAddressOf(va: number): number {
    const pfn = this.pfnOf(va);
    return pfn === undefined ? 0 : pfn * PAGE_SIZE + (va % PAGE_SIZE);
  }

  /** Copy of `length` bytes at a kernel virtual address (no simulated time). */
  read(va: number, length: number): Uint8Array {
    checkUnsigned('AddressSpace.read', 'va', va);
    checkUnsigned('AddressSpace.read', 'length', length);
    const out = new Uint8Array(length);
    this.walk(va, length, false, (off, pos, n) => out.set(this.physical.bytes.subarray(off, off + n), pos));
    return out;
  }

  /** Writes bytes at a kernel virtual address (no simulated time). */
  write(va: number, data: Uint8Array | readonly number[]): void {
    checkUnsigned('AddressSpace.write', 'va', va);
    if (!(data instanceof Uint8Array) && !Array.isArray(data)) throw argTypeError('AddressSpace.write', 'data', data, 'a Uint8Array or an array of bytes');
    const src = data instanceof Uint8Array ? data : Uint8Array.from(data);
    const bytes = this.physical.bytes;
    const length = src.length;
    if (length === 0) return;
    // The frames of every page written, in one page-table walk; the copy stops with a page fault at the first
    // unmapped page, after the pages before it were written (as a page-by-page lookup did).
    const firstPage = Math.floor(va / PAGE_SIZE);
    const frames = this.pfnScratch;
    const mapped = this.pageTable.framesRun(firstPage, Math.floor((va + length - 1) / PAGE_SIZE) - firstPage + 1, frames);
    let pos = 0;
    for (let p = 0; pos < length; p++) {
      const addr = va + pos;
      if (p >= mapped) this.pageFault(addr, true);
      const pfn = frames[p]!;
      const inPage = addr % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - inPage, length - pos);
      bytes.set(src.subarray(pos, pos + n), this.physical.offsetOf(pfn * PAGE_SIZE + inPage, n));
      pos += n;
    }
  }

  /** Sets `length` bytes at a kernel virtual address to `value` (no simulated time). */
  fill(va: number, length: number, value: number): void {
    checkUnsigned('AddressSpace.fill', 'va', va);
    checkUnsigned('AddressSpace.fill', 'length', length);
    if (typeof value !== 'number') throw argTypeError('AddressSpace.fill', 'value', value, 'a byte value');
    this.walk(va, length, true, (off, _pos, n) => this.physical.bytes.fill(value, off, off + n));
  }

  private walk(va: number, length: number, isWrite: boolean, fn: (off: number, pos: number, n: number) => void): void {
    let pos = 0;
    while (pos < length) {
      const addr = va + pos;
      const pfn = this.pfnOf(addr);
      if (pfn === undefined) this.pageFault(addr, isWrite);
      const inPage = addr % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - inPage, length - pos);
      fn(this.physical.offsetOf(pfn * PAGE_SIZE + inPage, n), pos, n);
      pos += n;
    }
  }

  /** Bug-checks with 0x50 PAGE_FAULT_IN_NONPAGED_AREA for an access to an unmapped kernel address. */
  pageFault(va: number, isWrite: boolean): never {
    return this.faults.bugCheck({
      code: PAGE_FAULT_IN_NONPAGED_AREA,
      parameters: [va, isWrite ? 1 : 0, 0, 0],
      rule: `${isWrite ? 'write to' : 'read from'} unmapped kernel address 0x${va.toString(16)}`,
    });
  }

  private mapNew(pfns: number[], bytes: number, tag: number, contiguous: boolean, zero: boolean): number {
    const va = this.nextVa;
    this.pageTable.mapRun(va / PAGE_SIZE, pfns, pfns.length);
    if (zero) {
      for (let i = 0; i < pfns.length; i++) {
        const off = this.physical.offsetOf(pfns[i]! * PAGE_SIZE, PAGE_SIZE);
        this.physical.bytes.fill(0, off, off + PAGE_SIZE);
      }
    }
    this.nextVa += (pfns.length + 1) * PAGE_SIZE; // + one unmapped guard page
    this.allocations.set(va, { va, bytes, pages: pfns.length, tag, contiguous });
    return va;
  }
}
