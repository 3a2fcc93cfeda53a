// Layer 2: simulated RAM — scrambled physical pages, pool allocation and its bug checks, MDLs and chains.
import { describe, expect, it } from 'vitest';
import {
  BugCheckError,
  ExAllocatePool2,
  ExFreePool,
  IoAllocateMdl,
  IoBuildPartialMdl,
  MDL,
  MDL_SOURCE_IS_NONPAGED_POOL,
  MachineHaltedError,
  MmAllocateContiguousMemory,
  MmBuildMdlForNonPagedPool,
  MmGetMdlByteCount,
  MmGetMdlByteOffset,
  MmGetMdlPfnArray,
  MmGetMdlVirtualAddress,
  MmGetPhysicalAddress,
  MmGetSystemAddressForMdlSafe,
  NormalPagePriority,
  PAGE_FAULT_IN_NONPAGED_AREA,
  PAGE_SIZE,
  POOL_FLAG_NON_PAGED,
  mdlChainPieces,
} from '../../lib/hal/index.js';
import { makeKernel } from './helpers.js';

describe('physical pages', () => {
  it('hands out a multi-page buffer in scrambled, physically discontiguous, deterministic frames', () => {
    const frames = (seed: number): number[] => {
      const k = makeKernel({ seed });
      const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16 * 1024, 0x41414141);
      const out = [0, 1, 2, 3].map((i) => MmGetPhysicalAddress(va + i * PAGE_SIZE));
      k.dispose();
      return out;
    };
    const a = frames(1);
    expect(frames(1)).toEqual(a); // same seed, same machine
    expect(frames(2)).not.toEqual(a);
    const contiguous = a.every((pa, i) => i === 0 || pa === a[i - 1]! + PAGE_SIZE);
    expect(contiguous).toBe(false);
    for (const pa of a) expect(pa % PAGE_SIZE).toBe(0);
  });

  it('gives physically contiguous memory for contiguous requests', () => {
    makeKernel();
    const va = MmAllocateContiguousMemory(3 * PAGE_SIZE, 0xffffffff);
    const pa0 = MmGetPhysicalAddress(va);
    expect(MmGetPhysicalAddress(va + PAGE_SIZE)).toBe(pa0 + PAGE_SIZE);
    expect(MmGetPhysicalAddress(va + 2 * PAGE_SIZE + 5)).toBe(pa0 + 2 * PAGE_SIZE + 5);
  });

  it('reads and writes through virtual addresses into the engine RAM', () => {
    const k = makeKernel();
    const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, 3 * PAGE_SIZE, 1);
    expect(k.memory.read(va, 8)).toEqual(new Uint8Array(8)); // zeroed
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    k.memory.write(va + PAGE_SIZE - 100, data); // crosses a page boundary
    expect(k.memory.read(va + PAGE_SIZE - 100, 300)).toEqual(data);
    const pa = MmGetPhysicalAddress(va + PAGE_SIZE + 10);
    expect(k.sim.peek(pa, 1)[0]).toBe(110);
  });
});

describe('pool bug checks', () => {
  it('an access past the end of an allocation is a page fault (0x50) and halts the machine', () => {
    const k = makeKernel();
    const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, 100, 1);
    k.memory.read(va + PAGE_SIZE - 1, 1); // the rest of the page is still mapped
    let err: unknown;
    try {
      k.memory.read(va + PAGE_SIZE, 1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BugCheckError);
    expect((err as BugCheckError).code).toBe(PAGE_FAULT_IN_NONPAGED_AREA);
    expect((err as BugCheckError).parameters[0]).toBe(va + PAGE_SIZE);
    expect(k.halted).toBe(true);
    expect(() => k.runFor(10)).toThrow(MachineHaltedError);
    expect(() => ExAllocatePool2(POOL_FLAG_NON_PAGED, 10, 1)).toThrow(MachineHaltedError);
    expect(k.memory.read(va, 1)).toEqual(new Uint8Array(1)); // inspection still works
  });

  it('freeing twice is BAD_POOL_CALLER (0xC2)', () => {
    makeKernel();
    const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, 100, 1);
    ExFreePool(va);
    expect(() => ExFreePool(va)).toThrow(/0xC2 \(0x7,/);
  });

  it('the framework supplies the error through onBugCheck', () => {
    const k = makeKernel();
    class MyBugCheck extends Error {}
    const seen: number[] = [];
    k.onBugCheck = (code, p1) => (seen.push(code, p1), new MyBugCheck('framework error'));
    expect(() => k.KeBugCheckEx(0x10d, 8, 1, 2, 3)).toThrow(MyBugCheck);
    expect(seen).toEqual([0x10d, 8]);
    const halted = (() => {
      try {
        k.runFor(1);
      } catch (e) {
        return e as MachineHaltedError;
      }
    })();
    expect(halted).toBeInstanceOf(MachineHaltedError);
    expect(halted!.original).toBeInstanceOf(MyBugCheck);
    expect(halted!.message).toContain('0x10D');
  });
});

describe('MDL', () => {
  it('describes a buffer: StartVa, ByteOffset, ByteCount, PFN array, system address', () => {
    makeKernel();
    const base = ExAllocatePool2(POOL_FLAG_NON_PAGED, 3 * PAGE_SIZE, 1);
    const mdl = IoAllocateMdl(base + 100, 2 * PAGE_SIZE, false, false, null)!;
    MmBuildMdlForNonPagedPool(mdl);
    expect(mdl.StartVa).toBe(base);
    expect(MmGetMdlByteOffset(mdl)).toBe(100);
    expect(MmGetMdlByteCount(mdl)).toBe(2 * PAGE_SIZE);
    expect(MmGetMdlVirtualAddress(mdl)).toBe(base + 100);
    expect(mdl.MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL).toBeTruthy();
    expect(MmGetMdlPfnArray(mdl)).toEqual([0, 1, 2].map((i) => MmGetPhysicalAddress(base + i * PAGE_SIZE) / PAGE_SIZE));
    expect(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority)).toBe(base + 100);
  });

  it('chains through the IRP: the secondary buffer is appended, and chain offsets span MDLs', () => {
    const k = makeKernel();
    const a = ExAllocatePool2(POOL_FLAG_NON_PAGED, PAGE_SIZE, 1);
    const b = ExAllocatePool2(POOL_FLAG_NON_PAGED, PAGE_SIZE, 1);
    const irp = { MdlAddress: null as MDL | null };
    const m1 = IoAllocateMdl(a + 4000, 96, false, false, irp)!;
    const m2 = IoAllocateMdl(b, 200, true, false, irp)!;
    MmBuildMdlForNonPagedPool(m1);
    MmBuildMdlForNonPagedPool(m2);
    expect(irp.MdlAddress).toBe(m1);
    expect(m1.Next).toBe(m2);
    const pieces = [...mdlChainPieces(m1, 90, 20)].map((p) => ({ address: p.address, length: p.length }));
    expect(pieces).toEqual([
      { address: MmGetPhysicalAddress(a + 4090), length: 6 },
      { address: MmGetPhysicalAddress(b), length: 14 },
    ]);
    expect(k.memory.read(a + 4090, 1)).toEqual(new Uint8Array(1));
  });

  it('IoBuildPartialMdl describes a sub-range with the source PFNs', () => {
    makeKernel();
    const base = ExAllocatePool2(POOL_FLAG_NON_PAGED, 4 * PAGE_SIZE, 1);
    const src = IoAllocateMdl(base, 4 * PAGE_SIZE, false, false, null)!;
    MmBuildMdlForNonPagedPool(src);
    const part = IoAllocateMdl(base + PAGE_SIZE + 8, 100, false, false, null)!;
    IoBuildPartialMdl(src, part, base + PAGE_SIZE + 8, 100);
    expect(part.ByteOffset).toBe(8);
    expect(part.pfnArray).toEqual([src.pfnArray[1]]);
  });
});
