// The Rtl memory routines over kernel virtual addresses: copies across page boundaries of scrambled (physically
// discontiguous) pages, overlap (RtlMoveMemory both ways), fill/zero, compare, length 0, and the 0x50 page fault of
// an unmapped source or destination (a bad source writes nothing).
import { describe, expect, it } from 'vitest';
import {
  BugCheckError,
  ExAllocatePool2,
  MmGetPhysicalAddress,
  PAGE_FAULT_IN_NONPAGED_AREA,
  PAGE_SIZE,
  POOL_FLAG_NON_PAGED,
  RtlCompareMemory,
  RtlCopyMemory,
  RtlEqualMemory,
  RtlFillMemory,
  RtlMoveMemory,
  RtlZeroMemory,
} from '../../lib/hal/index.js';
import { makeKernel } from './helpers.js';

const pattern = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 29 + seed) & 0xff);

function faultOf(fn: () => void): BugCheckError {
  try {
    fn();
  } catch (e) {
    return e as BugCheckError;
  }
  throw new Error('expected a bugcheck');
}

describe('Rtl memory routines', () => {
  it('RtlCopyMemory copies across page boundaries between physically discontiguous pages', () => {
    const k = makeKernel();
    const src = ExAllocatePool2(POOL_FLAG_NON_PAGED, 3 * PAGE_SIZE, 1);
    const dst = ExAllocatePool2(POOL_FLAG_NON_PAGED, 3 * PAGE_SIZE, 2);
    expect(MmGetPhysicalAddress(src + PAGE_SIZE)).not.toBe(MmGetPhysicalAddress(src) + PAGE_SIZE);
    const data = pattern(5000);
    k.memory.write(src + 100, data);
    RtlCopyMemory(dst + 3000, src + 100, 5000);
    expect(k.memory.read(dst + 3000, 5000)).toEqual(data);
    expect(k.memory.read(dst + 2999, 1)).toEqual(new Uint8Array(1)); // nothing before
    expect(k.memory.read(dst + 8000, 1)).toEqual(new Uint8Array(1)); // nothing after
  });

  it('RtlMoveMemory handles overlap in both directions', () => {
    const k = makeKernel();
    const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, 2 * PAGE_SIZE, 1);
    const data = pattern(4096, 7);
    k.memory.write(va, data);
    RtlMoveMemory(va + 10, va, 4096); // forward overlap
    expect(k.memory.read(va + 10, 4096)).toEqual(data);
    RtlMoveMemory(va, va + 10, 4096); // backward overlap
    expect(k.memory.read(va, 4096)).toEqual(data);
  });

  it('RtlFillMemory / RtlZeroMemory set exactly the block; RtlCompareMemory counts the equal leading bytes', () => {
    const k = makeKernel();
    const a = ExAllocatePool2(POOL_FLAG_NON_PAGED, PAGE_SIZE + 64, 1);
    const b = ExAllocatePool2(POOL_FLAG_NON_PAGED, PAGE_SIZE + 64, 2);
    RtlFillMemory(a + 4090, 20, 0x1a5); // low byte 0xA5, across the page boundary
    expect(Array.from(k.memory.read(a + 4089, 22))).toEqual([0, ...new Array(20).fill(0xa5), 0]);
    RtlCopyMemory(b, a, PAGE_SIZE + 64);
    expect(RtlCompareMemory(a, b, PAGE_SIZE + 64)).toBe(PAGE_SIZE + 64);
    expect(RtlEqualMemory(a, b, PAGE_SIZE + 64)).toBe(true);
    RtlZeroMemory(a + 4095, 3);
    expect(Array.from(k.memory.read(a + 4094, 5))).toEqual([0xa5, 0, 0, 0, 0xa5]);
    expect(RtlCompareMemory(a, b, PAGE_SIZE + 64)).toBe(4095);
    expect(RtlEqualMemory(a, b, PAGE_SIZE + 64)).toBe(false);
  });

  it('a length of 0 touches nothing, not even NULL', () => {
    makeKernel();
    RtlCopyMemory(0, 0, 0);
    RtlFillMemory(0, 0, 1);
    RtlZeroMemory(0, 0);
    expect(RtlCompareMemory(0, 0, 0)).toBe(0);
  });

  it('an unmapped source is PAGE_FAULT_IN_NONPAGED_AREA at its first unmapped byte; the destination is untouched', () => {
    const k = makeKernel();
    const src = ExAllocatePool2(POOL_FLAG_NON_PAGED, PAGE_SIZE, 1);
    const dst = ExAllocatePool2(POOL_FLAG_NON_PAGED, 2 * PAGE_SIZE, 2);
    const e = faultOf(() => RtlCopyMemory(dst, src + 100, PAGE_SIZE)); // runs into the guard page
    expect(e.code).toBe(PAGE_FAULT_IN_NONPAGED_AREA);
    expect(e.parameters.slice(0, 2)).toEqual([src + PAGE_SIZE, 0]); // a read
    expect(k.memory.read(dst, PAGE_SIZE)).toEqual(new Uint8Array(PAGE_SIZE));
  });

  it('an unmapped destination faults as a write', () => {
    makeKernel();
    const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, PAGE_SIZE, 1);
    const e = faultOf(() => RtlZeroMemory(va + PAGE_SIZE - 8, 16));
    expect(e.code).toBe(PAGE_FAULT_IN_NONPAGED_AREA);
    expect(e.parameters.slice(0, 2)).toEqual([va + PAGE_SIZE, 1]);
  });
});
