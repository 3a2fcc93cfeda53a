// The Ex*, Mm* and Io* routines and the register-access macros of wdm.h as free functions on the current kernel
// (current.ts). Semantics live in memory/address-space.ts, memory/mdl.ts, registers.ts and dma/get-adapter.ts.
// Behaviour sources: the DDI page of each routine (named in those files).

import { currentKernel as anyKernel } from './current.js';
import type { Kernel } from './kernel.js';

/** The current kernel, checked to be running: every DDI below is an entry point (a halted machine throws). */
function currentKernel(): Kernel {
  const k = anyKernel();
  k.assertRunning();
  return k;
}
import { DMA_TRANSFER_INFO, type DEVICE_DESCRIPTION } from './dma/types.js';
import { DMA_TRANSFER_CONTEXT, type DMA_ADAPTER } from './dma/adapter.js';
import { getDmaAdapter } from './dma/get-adapter.js';
import { KINTERRUPT, type ConnectOptions } from './interrupts/controller.js';
import { allocateMdl, buildMdlForNonPagedPool, buildPartialMdl, MDL, type IrpMdlHolder } from './memory/mdl.js';
import type { Out } from './out.js';
import type { RegisterWidth } from './registers.js';
import { POOL_FLAG_NON_PAGED } from './memory/address-space.js';
import { DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_VIOLATION } from './bugcheck.js';
import {
  argTypeError,
  checkBoolean,
  checkBuffer,
  checkInstance,
  checkInteger,
  checkLong,
  checkOut,
  checkStruct,
  checkUnsigned,
} from './arguments.js';

// Argument checks (arguments.ts) come first in every routine: a wrong type is a coded HalError naming the routine and
// the argument, before any state is touched. Values of the right type that Windows checks keep their bug check (a
// zero-byte pool allocation 0xC4/0x00, a bad free 0xC2, an unmapped address 0x50).

/** NumberOfBytes / Length of a pool or memory routine: a number (its value is the routine's own check). */
function byteCount(ddi: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw argTypeError(ddi, name, value, 'a SIZE_T count of bytes');
  return value;
}

// ---- pool and physical memory
/** ExAllocatePool2(Flags, NumberOfBytes, Tag) → VA, or 0 (NULL). */
export function ExAllocatePool2(flags: number, numberOfBytes: number, tag: number): number {
  const k = currentKernel();
  checkUnsigned('ExAllocatePool2', 'Flags', flags);
  byteCount('ExAllocatePool2', 'NumberOfBytes', numberOfBytes);
  checkLong('ExAllocatePool2', 'Tag', tag);
  return k.memory.allocatePool(flags, numberOfBytes, tag);
}
/** Frees a pool allocation. */
export function ExFreePool(p: number): void {
  const k = currentKernel();
  k.memory.free(checkUnsigned('ExFreePool', 'P', p), 'ExFreePool');
}
/** Frees a pool allocation made with a tag. */
export function ExFreePoolWithTag(p: number, tag: number): void {
  const k = currentKernel();
  checkUnsigned('ExFreePoolWithTag', 'P', p);
  checkLong('ExFreePoolWithTag', 'Tag', tag);
  k.memory.free(p, 'ExFreePoolWithTag');
}
/** The physical address behind a kernel virtual address. */
export function MmGetPhysicalAddress(va: number): number {
  const k = currentKernel();
  return k.memory.physicalAddressOf(checkUnsigned('MmGetPhysicalAddress', 'BaseAddress', va));
}
/**
 * MmAllocateContiguousMemory(NumberOfBytes, HighestAcceptableAddress). TODO(accuracy): the limit is not applied.
 * @partial HighestAcceptableAddress is not applied (any frame may be given).
 */
export function MmAllocateContiguousMemory(numberOfBytes: number, highest: number): number {
  const k = currentKernel();
  checkUnsigned('MmAllocateContiguousMemory', 'NumberOfBytes', numberOfBytes);
  checkUnsigned('MmAllocateContiguousMemory', 'HighestAcceptableAddress', highest);
  return k.memory.allocateContiguous(numberOfBytes);
}
/** Frees memory from MmAllocateContiguousMemory*. */
export function MmFreeContiguousMemory(va: number): void {
  const k = currentKernel();
  k.memory.free(checkUnsigned('MmFreeContiguousMemory', 'BaseAddress', va), 'MmFreeContiguousMemory');
}

/** The tag MmAllocateNonCachedMemory's blocks carry (so MmFreeNonCachedMemory can tell them from pool). */
const NONCACHED_TAG = 0x434e6d4d; // 'MmNC'

/**
 * MmAllocateNonCachedMemory(NumberOfBytes) → a page-aligned, nonpaged, uncached kernel VA, or 0 (NULL) for 0 bytes
 * or when RAM is exhausted. Not physically contiguous (as on Windows). TODO(accuracy): no cache is modelled, so
 * cached and uncached memory behave alike.
 */
export function MmAllocateNonCachedMemory(numberOfBytes: number): number {
  const k = currentKernel();
  checkUnsigned('MmAllocateNonCachedMemory', 'NumberOfBytes', numberOfBytes);
  if (numberOfBytes === 0) return 0;
  return k.memory.allocatePool(POOL_FLAG_NON_PAGED, numberOfBytes, NONCACHED_TAG);
}

/**
 * MmFreeNonCachedMemory(BaseAddress, NumberOfBytes): NumberOfBytes must be the allocation's size and BaseAddress a
 * block of MmAllocateNonCachedMemory — otherwise bug check 0xC4 (Driver Verifier, FREE_BAD_ADDRESS); an address
 * already freed or never allocated is bug check 0xC2 as for ExFreePool.
 */
export function MmFreeNonCachedMemory(baseAddress: number, numberOfBytes: number): void {
  const k = currentKernel();
  checkUnsigned('MmFreeNonCachedMemory', 'BaseAddress', baseAddress);
  checkUnsigned('MmFreeNonCachedMemory', 'NumberOfBytes', numberOfBytes);
  const info = k.memory.allocationInfo(baseAddress);
  if (info && (info.tag !== NONCACHED_TAG || info.bytes !== numberOfBytes)) {
    k.bugCheck({
      code: DRIVER_VERIFIER_DETECTED_VIOLATION,
      parameters: [VERIFIER_VIOLATION.FREE_BAD_ADDRESS, baseAddress, numberOfBytes, info.bytes],
      ddi: 'MmFreeNonCachedMemory',
      rule:
        info.tag !== NONCACHED_TAG
          ? `0x${baseAddress.toString(16)} was not allocated by MmAllocateNonCachedMemory`
          : `NumberOfBytes ${numberOfBytes} is not the size the block was allocated with (${info.bytes})`,
    });
  }
  k.memory.free(baseAddress, 'MmFreeNonCachedMemory');
}

// ---- MDLs
/** Allocates an MDL for a buffer (virtual address and length); build it with MmBuildMdlForNonPagedPool. */
export const IoAllocateMdl = (
  virtualAddress: number,
  length: number,
  secondaryBuffer: boolean,
  chargeQuota: boolean,
  irp: IrpMdlHolder | null,
): MDL | null => allocateMdl(currentKernel().memory, virtualAddress, length, secondaryBuffer, chargeQuota, irp);
/** Fills an MDL's page frame numbers for a buffer in nonpaged pool. */
export const MmBuildMdlForNonPagedPool = (mdl: MDL): void => buildMdlForNonPagedPool(mdl);
/** Makes `target` describe `length` bytes of `source`'s buffer from `virtualAddress` (a partial MDL). */
export const IoBuildPartialMdl = (source: MDL, target: MDL, virtualAddress: number, length: number): void =>
  buildPartialMdl(source, target, virtualAddress, length);
/** Frees an MDL (IoAllocateMdl's). */
export function IoFreeMdl(mdl: MDL): void {
  checkInstance('IoFreeMdl', 'Mdl', mdl, MDL, 'MDL').freed = true;
}

// ---- I/O space and registers
/**
 * Maps a device's physical register range into system space; returns the virtual address READ_/WRITE_REGISTER_* take.
 */
export function MmMapIoSpaceEx(physicalAddress: number, numberOfBytes: number, protect: number): number {
  const k = currentKernel();
  checkUnsigned('MmMapIoSpaceEx', 'PhysicalAddress', physicalAddress);
  checkUnsigned('MmMapIoSpaceEx', 'NumberOfBytes', numberOfBytes);
  checkLong('MmMapIoSpaceEx', 'Protect', protect);
  return k.registers.mapIoSpace(physicalAddress, numberOfBytes, protect);
}
/** Unmaps a range MmMapIoSpaceEx mapped. */
export function MmUnmapIoSpace(baseAddress: number, numberOfBytes: number): void {
  const k = currentKernel();
  checkUnsigned('MmUnmapIoSpace', 'BaseAddress', baseAddress);
  checkUnsigned('MmUnmapIoSpace', 'NumberOfBytes', numberOfBytes);
  k.registers.unmapIoSpace(baseAddress, numberOfBytes);
}

// Register accesses run in drivers' polling loops: their checks are typeof tests (and Number.isInteger for a value
// written). A VA that is a number but no address (NaN, fractional, negative) finds no mapping and is told apart from
// a page fault only on that slow path (registers.ts fault()).
function rd(width: RegisterWidth, ddi: string): (register: number) => number {
  return (register) => {
    const k = currentKernel();
    if (typeof register !== 'number') throw argTypeError(ddi, 'Register', register, 'a register address (a number)');
    return k.registers.read(register, width, ddi);
  };
}
function wr(width: RegisterWidth, ddi: string): (register: number, value: number) => void {
  return (register, value) => {
    const k = currentKernel();
    if (typeof register !== 'number') throw argTypeError(ddi, 'Register', register, 'a register address (a number)');
    if (typeof value !== 'number' || !Number.isInteger(value)) valueArgument(ddi, 'Value', value);
    k.registers.write(register, width, value, ddi);
  };
}
function valueArgument(ddi: string, name: string, value: unknown): never {
  checkInteger(ddi, name, value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'an integer register value');
  throw argTypeError(ddi, name, value, 'an integer register value');
}
function rdBuf(width: RegisterWidth, ddi: string) {
  return (register: number, buffer: { [i: number]: number }, count: number): void => {
    const read = rd(width, ddi);
    if (typeof register !== 'number') throw argTypeError(ddi, 'Register', register, 'a register address (a number)');
    checkInteger(ddi, 'Count', count, 0, 0xffff_ffff, 'a ULONG count');
    checkBuffer(ddi, 'Buffer', buffer, count, true);
    for (let i = 0; i < count; i++) buffer[i] = read(register);
  };
}
function wrBuf(width: RegisterWidth, ddi: string) {
  return (register: number, buffer: ArrayLike<number>, count: number): void => {
    const write = wr(width, ddi);
    if (typeof register !== 'number') throw argTypeError(ddi, 'Register', register, 'a register address (a number)');
    checkInteger(ddi, 'Count', count, 0, 0xffff_ffff, 'a ULONG count');
    checkBuffer(ddi, 'Buffer', buffer, count, false);
    for (let i = 0; i < count; i++) {
      const v = buffer[i];
      if (typeof v !== 'number' || !Number.isInteger(v)) valueArgument(ddi, `Buffer[${i}]`, v);
      write(register, v);
    }
  };
}

/** Reads an 8-bit register. */
export const READ_REGISTER_UCHAR = rd(1, 'READ_REGISTER_UCHAR');
/** Reads a 16-bit register. */
export const READ_REGISTER_USHORT = rd(2, 'READ_REGISTER_USHORT');
/** Reads a 32-bit register. */
export const READ_REGISTER_ULONG = rd(4, 'READ_REGISTER_ULONG');
/** Reads a 64-bit register. */
export const READ_REGISTER_ULONG64 = rd(8, 'READ_REGISTER_ULONG64');
/** Writes an 8-bit register. */
export const WRITE_REGISTER_UCHAR = wr(1, 'WRITE_REGISTER_UCHAR');
/** Writes a 16-bit register. */
export const WRITE_REGISTER_USHORT = wr(2, 'WRITE_REGISTER_USHORT');
/** Writes a 32-bit register. */
export const WRITE_REGISTER_ULONG = wr(4, 'WRITE_REGISTER_ULONG');
/** Writes a 64-bit register. */
export const WRITE_REGISTER_ULONG64 = wr(8, 'WRITE_REGISTER_ULONG64');
/** READ_REGISTER_BUFFER_*(Register, Buffer, Count): Count reads of the same register into Buffer[0..Count). */
export const READ_REGISTER_BUFFER_UCHAR = rdBuf(1, 'READ_REGISTER_BUFFER_UCHAR');
/** Reads `count` 16-bit values from one register into a buffer. */
export const READ_REGISTER_BUFFER_USHORT = rdBuf(2, 'READ_REGISTER_BUFFER_USHORT');
/** Reads `count` 32-bit values from one register into a buffer. */
export const READ_REGISTER_BUFFER_ULONG = rdBuf(4, 'READ_REGISTER_BUFFER_ULONG');
/** WRITE_REGISTER_BUFFER_*(Register, Buffer, Count): Count writes of Buffer[0..Count) to the same register. */
export const WRITE_REGISTER_BUFFER_UCHAR = wrBuf(1, 'WRITE_REGISTER_BUFFER_UCHAR');
/** Writes `count` 16-bit values from a buffer to one register. */
export const WRITE_REGISTER_BUFFER_USHORT = wrBuf(2, 'WRITE_REGISTER_BUFFER_USHORT');
/** Writes `count` 32-bit values from a buffer to one register. */
export const WRITE_REGISTER_BUFFER_ULONG = wrBuf(4, 'WRITE_REGISTER_BUFFER_ULONG');
/** Reads `count` 64-bit values from one register into a buffer. */
export const READ_REGISTER_BUFFER_ULONG64 = rdBuf(8, 'READ_REGISTER_BUFFER_ULONG64');
/** Writes `count` 64-bit values from a buffer to one register. */
export const WRITE_REGISTER_BUFFER_ULONG64 = wrBuf(8, 'WRITE_REGISTER_BUFFER_ULONG64');

// The _NOFENCE_ forms (wdm.h, ARM64 and x64): the same accesses without the memory barrier the plain macros imply.
// One simulated CPU and no write buffer: the access itself is identical; the names are here so a driver ports as
// written. TODO(accuracy): no reordering of plain memory around a _NOFENCE_ access is modelled (nothing reorders).
/** Reads an 8-bit register without a memory fence (order with KeMemoryBarrier where it matters). */
export const READ_REGISTER_NOFENCE_UCHAR = rd(1, 'READ_REGISTER_NOFENCE_UCHAR');
/** Reads a 16-bit register without a memory fence. */
export const READ_REGISTER_NOFENCE_USHORT = rd(2, 'READ_REGISTER_NOFENCE_USHORT');
/** Reads a 32-bit register without a memory fence. */
export const READ_REGISTER_NOFENCE_ULONG = rd(4, 'READ_REGISTER_NOFENCE_ULONG');
/** Reads a 64-bit register without a memory fence. */
export const READ_REGISTER_NOFENCE_ULONG64 = rd(8, 'READ_REGISTER_NOFENCE_ULONG64');
/** Writes an 8-bit register without a memory fence. */
export const WRITE_REGISTER_NOFENCE_UCHAR = wr(1, 'WRITE_REGISTER_NOFENCE_UCHAR');
/** Writes a 16-bit register without a memory fence. */
export const WRITE_REGISTER_NOFENCE_USHORT = wr(2, 'WRITE_REGISTER_NOFENCE_USHORT');
/** Writes a 32-bit register without a memory fence. */
export const WRITE_REGISTER_NOFENCE_ULONG = wr(4, 'WRITE_REGISTER_NOFENCE_ULONG');
/** Writes a 64-bit register without a memory fence. */
export const WRITE_REGISTER_NOFENCE_ULONG64 = wr(8, 'WRITE_REGISTER_NOFENCE_ULONG64');
/** Reads `count` 8-bit values from one register without a memory fence. */
export const READ_REGISTER_NOFENCE_BUFFER_UCHAR = rdBuf(1, 'READ_REGISTER_NOFENCE_BUFFER_UCHAR');
/** Reads `count` 16-bit values from one register without a memory fence. */
export const READ_REGISTER_NOFENCE_BUFFER_USHORT = rdBuf(2, 'READ_REGISTER_NOFENCE_BUFFER_USHORT');
/** Reads `count` 32-bit values from one register without a memory fence. */
export const READ_REGISTER_NOFENCE_BUFFER_ULONG = rdBuf(4, 'READ_REGISTER_NOFENCE_BUFFER_ULONG');
/** Writes `count` 8-bit values to one register without a memory fence. */
export const WRITE_REGISTER_NOFENCE_BUFFER_UCHAR = wrBuf(1, 'WRITE_REGISTER_NOFENCE_BUFFER_UCHAR');
/** Writes `count` 16-bit values to one register without a memory fence. */
export const WRITE_REGISTER_NOFENCE_BUFFER_USHORT = wrBuf(2, 'WRITE_REGISTER_NOFENCE_BUFFER_USHORT');
/** Writes `count` 32-bit values to one register without a memory fence. */
export const WRITE_REGISTER_NOFENCE_BUFFER_ULONG = wrBuf(4, 'WRITE_REGISTER_NOFENCE_BUFFER_ULONG');

/** KeMemoryBarrier / KeMemoryBarrierWithoutFence: orders memory accesses; a no-op on the one in-order CPU. */
export function KeMemoryBarrier(): void {
  currentKernel();
}
/** A compiler-only barrier; on the one simulated processor the same as KeMemoryBarrier. */
export const KeMemoryBarrierWithoutFence = KeMemoryBarrier;

// ---- interrupts and DMA adapters
/** IoConnectInterruptEx, line-based form (see interrupts/controller.ts ConnectOptions). */
export const IoConnectInterruptEx = (options: ConnectOptions): KINTERRUPT => currentKernel().interrupts.connect(options);
/** Disconnects an interrupt IoConnectInterruptEx connected. */
export function IoDisconnectInterruptEx(interrupt: KINTERRUPT): void {
  checkInstance('IoDisconnectInterruptEx', 'Interrupt', interrupt, KINTERRUPT, 'KINTERRUPT (from IoConnectInterruptEx)');
  interrupt.kernel.interrupts.disconnect(interrupt);
}

/**
 * IoGetDmaAdapter(PhysicalDeviceObject, DeviceDescription, &NumberOfMapRegisters) → DMA_ADAPTER or NULL.
 * @partial system DMA with a version-3 DEVICE_DESCRIPTION only: bus-master (Master = TRUE) and version 0–2
 * descriptions get NULL.
 */
export const IoGetDmaAdapter = (
  physicalDeviceObject: unknown,
  deviceDescription: DEVICE_DESCRIPTION,
  numberOfMapRegisters: Out<number>,
): DMA_ADAPTER | null => {
  const k = currentKernel();
  checkStruct('IoGetDmaAdapter', 'DeviceDescription', deviceDescription, 'DEVICE_DESCRIPTION');
  checkOut('IoGetDmaAdapter', 'NumberOfMapRegisters', numberOfMapRegisters);
  return getDmaAdapter(k, physicalDeviceObject, deviceDescription, numberOfMapRegisters);
};

/** A caller-allocated DMA_TRANSFER_CONTEXT (DMA_TRANSFER_CONTEXT_SIZE_V1 bytes in C). */
export const allocateTransferContext = (): DMA_TRANSFER_CONTEXT => new DMA_TRANSFER_CONTEXT();
/** A DMA_TRANSFER_INFO with Version = DMA_TRANSFER_INFO_VERSION1, ready for GetDmaTransferInfo. */
export const newDmaTransferInfo = (): DMA_TRANSFER_INFO => new DMA_TRANSFER_INFO();
