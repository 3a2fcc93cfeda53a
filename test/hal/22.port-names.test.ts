// The WDM names a controller-driver port needs beyond the DMA path: MmAllocateNonCachedMemory /
// MmFreeNonCachedMemory (page-aligned nonpaged blocks; the free must name the allocation's own size), the
// READ_/WRITE_REGISTER_NOFENCE_* forms (the same access as the fenced macros on this in-order CPU) and
// KeMemoryBarrier.
import { describe, expect, it } from 'vitest';
import {
  BAD_POOL_CALLER,
  DRIVER_VERIFIER_DETECTED_VIOLATION,
  ExAllocatePool2,
  KeMemoryBarrier,
  KeQueryPerformanceCounter,
  KeStallExecutionProcessor,
  Out,
  MmAllocateNonCachedMemory,
  MmFreeNonCachedMemory,
  MmMapIoSpaceEx,
  PAGE_FAULT_IN_NONPAGED_AREA,
  PAGE_READWRITE,
  PAGE_SIZE,
  POOL_FLAG_NON_PAGED,
  READ_REGISTER_NOFENCE_BUFFER_UCHAR,
  READ_REGISTER_NOFENCE_UCHAR,
  READ_REGISTER_NOFENCE_ULONG,
  READ_REGISTER_NOFENCE_USHORT,
  VERIFIER_VIOLATION,
  WRITE_REGISTER_NOFENCE_BUFFER_ULONG,
  WRITE_REGISTER_NOFENCE_UCHAR,
  WRITE_REGISTER_NOFENCE_ULONG,
  WRITE_REGISTER_NOFENCE_USHORT,
  type RegisterWidth,
} from '../../lib/hal/index.js';
import { bugCheckOf, makeKernel } from './helpers.js';

describe('MmAllocateNonCachedMemory / MmFreeNonCachedMemory', () => {
  it('gives a page-aligned, zeroed, writable block; NULL for 0 bytes; the free of the same size succeeds', () => {
    const k = makeKernel();
    const va = MmAllocateNonCachedMemory(3000);
    expect(va % PAGE_SIZE).toBe(0);
    expect([...k.memory.read(va, 4)]).toEqual([0, 0, 0, 0]);
    k.memory.write(va + 2999, [0xaa]);
    expect(k.memory.read(va + 2999, 1)[0]).toBe(0xaa);
    expect(MmAllocateNonCachedMemory(0)).toBe(0);
    MmFreeNonCachedMemory(va, 3000);
    // Freed: touching it is a page fault.
    expect(bugCheckOf(() => k.memory.read(va, 1)).code).toBe(PAGE_FAULT_IN_NONPAGED_AREA);
  });

  it('a free with the wrong size is 0xC4 / FREE_BAD_ADDRESS naming both sizes', () => {
    makeKernel();
    const va = MmAllocateNonCachedMemory(64);
    const e = bugCheckOf(() => MmFreeNonCachedMemory(va, 128));
    expect([e.code, e.parameters[0], e.parameters[2], e.parameters[3]]).toEqual([
      DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_VIOLATION.FREE_BAD_ADDRESS, 128, 64,
    ]);
    expect(e.message).toMatch(/MmFreeNonCachedMemory.*NumberOfBytes 128 is not the size the block was allocated with \(64\)/);
  });

  it('freeing pool through it is 0xC4; freeing it twice is 0xC2 as for ExFreePool', () => {
    makeKernel();
    const pool = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, 0x31);
    expect(bugCheckOf(() => MmFreeNonCachedMemory(pool, 64)).message).toMatch(/was not allocated by MmAllocateNonCachedMemory/);
    makeKernel();
    const va = MmAllocateNonCachedMemory(64);
    MmFreeNonCachedMemory(va, 64);
    const twice = bugCheckOf(() => MmFreeNonCachedMemory(va, 64));
    expect([twice.code, twice.parameters[0]]).toEqual([BAD_POOL_CALLER, 0x7]);
  });
});

describe('READ_/WRITE_REGISTER_NOFENCE_*', () => {
  it('reach the register block with the width of their name, in program order', () => {
    const k = makeKernel();
    const log: string[] = [];
    k.registers.map(0x4500_0000, 16, {
      read: (o: number, w: RegisterWidth) => (log.push(`r${w}@${o}`), 0x11223344),
      write: (o: number, w: RegisterWidth, v: number) => void log.push(`w${w}@${o}=${v.toString(16)}`),
    });
    const va = MmMapIoSpaceEx(0x4500_0000, 16, PAGE_READWRITE);
    WRITE_REGISTER_NOFENCE_UCHAR(va, 0x1ff);
    WRITE_REGISTER_NOFENCE_USHORT(va + 2, 0xbeef);
    WRITE_REGISTER_NOFENCE_ULONG(va + 4, 0xcafef00d);
    KeMemoryBarrier();
    expect([READ_REGISTER_NOFENCE_UCHAR(va), READ_REGISTER_NOFENCE_USHORT(va), READ_REGISTER_NOFENCE_ULONG(va)]).toEqual([
      0x44, 0x3344, 0x11223344,
    ]);
    const buf = new Uint8Array(3);
    READ_REGISTER_NOFENCE_BUFFER_UCHAR(va + 8, buf, 3);
    WRITE_REGISTER_NOFENCE_BUFFER_ULONG(va + 12, [1, 2], 2);
    expect(log).toEqual(['w1@0=ff', 'w2@2=beef', 'w4@4=cafef00d', 'r1@0', 'r2@0', 'r4@0', 'r1@8', 'r1@8', 'r1@8', 'w4@12=1', 'w4@12=2']);
    expect([...buf]).toEqual([0x44, 0x44, 0x44]);
  });
});

describe('KeQueryPerformanceCounter', () => {
  it('counts bus cycles at the clock rate: the frequency is clockHz and a 10 µs stall is 10 µs of counts', () => {
    const k = makeKernel();
    const frequency = new Out(0);
    const before = KeQueryPerformanceCounter(frequency);
    expect(frequency.value).toBe(k.clockHz);
    KeStallExecutionProcessor(10);
    const after = KeQueryPerformanceCounter(null);
    expect(((after - before) * 1_000_000) / frequency.value).toBe(10);
  });
});
