// Memory descriptor lists over the simulated address space: the MDL structure (Next, Size, MdlFlags, StartVa,
// ByteOffset, ByteCount, MappedSystemVa, and the PFN array that follows it), chains through Next, and the WDM macros
// and routines drivers use on them. Behaviour sources: the "Using MDLs" page, "IoAllocateMdl" (an IRP's MdlAddress
// is set, or with SecondaryBuffer the MDL is appended to the IRP's chain), "MmBuildMdlForNonPagedPool",
// "IoBuildPartialMdl", "MmGetSystemAddressForMdlSafe", "MmGetMdlPfnArray", and the wdm.h macros
// (BYTE_OFFSET, PAGE_ALIGN, ADDRESS_AND_SIZE_TO_SPAN_PAGES, BYTES_TO_PAGES, ROUND_TO_PAGES).

import { PAGE_SIZE } from './physical.js';
import type { AddressSpace } from './address-space.js';

/** MDL flag: the pages are mapped into system address space. */
export const MDL_MAPPED_TO_SYSTEM_VA = 0x0001;
/** MDL flag: the pages are locked in memory. */
export const MDL_PAGES_LOCKED = 0x0002;
/** MDL flag: the buffer is in nonpaged pool (MmBuildMdlForNonPagedPool). */
export const MDL_SOURCE_IS_NONPAGED_POOL = 0x0004;
/** MDL flag: the MDL was allocated for a fixed size. */
export const MDL_ALLOCATED_FIXED_SIZE = 0x0008;
/** MDL flag: a partial MDL describing part of another's buffer (IoBuildPartialMdl). */
export const MDL_PARTIAL = 0x0010;
/** MDL flag: a partial MDL whose pages have been mapped. */
export const MDL_PARTIAL_HAS_BEEN_MAPPED = 0x0020;
/** MDL flag: the pages are being read in by paging I/O. */
export const MDL_IO_PAGE_READ = 0x0040;
/** MDL flag: the buffer is the destination of a write operation. */
export const MDL_WRITE_OPERATION = 0x0080;

/** MmGetSystemAddressForMdlSafe priority: low. */
export const LowPagePriority = 0;
/** MmGetSystemAddressForMdlSafe priority: normal. */
export const NormalPagePriority = 16;
/** MmGetSystemAddressForMdlSafe priority: high. */
export const HighPagePriority = 32;
/** MmGetSystemAddressForMdlSafe flag OR'ed into the priority: map the pages no-execute. */
export const MdlMappingNoExecute = 0x40000000;

/** The offset of a virtual address within its page. */
export const BYTE_OFFSET = (va: number): number => va % PAGE_SIZE;
/** A virtual address rounded down to the start of its page. */
export const PAGE_ALIGN = (va: number): number => va - (va % PAGE_SIZE);
/** The pages `size` bytes take. */
export const BYTES_TO_PAGES = (size: number): number => Math.ceil(size / PAGE_SIZE);
/** `size` rounded up to whole pages. */
export const ROUND_TO_PAGES = (size: number): number => BYTES_TO_PAGES(size) * PAGE_SIZE;
/** The pages a buffer of `size` bytes at `va` spans (it may start part-way into a page). */
export const ADDRESS_AND_SIZE_TO_SPAN_PAGES = (va: number, size: number): number =>
  size === 0 ? 0 : Math.ceil((BYTE_OFFSET(va) + size) / PAGE_SIZE);

/** The IRP fields IoAllocateMdl touches (the framework's request model supplies one). */
export interface IrpMdlHolder {
  MdlAddress: MDL | null;
}

/**
 * A memory descriptor list: a buffer's virtual start, byte offset and count, and the page frame numbers of its pages
 * (not contiguous in general).
 */
export class MDL {
  Next: MDL | null = null;
  /** sizeof(MDL) + one PFN_NUMBER per spanned page (x64: 48 + 8n). */
  Size: number;
  MdlFlags = 0;
  /** Page-aligned virtual address of the first byte's page. */
  StartVa: number;
  ByteOffset: number;
  ByteCount: number;
  MappedSystemVa = 0;
  /** The PFN array that follows the header (MmGetMdlPfnArray). Filled by MmBuildMdlForNonPagedPool. */
  readonly pfnArray: number[];
  /** @internal the address space the MDL describes. */
  readonly space: AddressSpace;
  /** @internal set by IoFreeMdl. */
  freed = false;

  constructor(space: AddressSpace, va: number, length: number) {
    this.space = space;
    this.StartVa = PAGE_ALIGN(va);
    this.ByteOffset = BYTE_OFFSET(va);
    this.ByteCount = length;
    const pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, length);
    this.pfnArray = new Array<number>(pages).fill(0);
    this.Size = 48 + 8 * pages;
  }
}

/** IoAllocateMdl(VirtualAddress, Length, SecondaryBuffer, ChargeQuota, Irp) → MDL, or null for a zero length. */
export function allocateMdl(
  space: AddressSpace,
  va: number,
  length: number,
  secondaryBuffer: boolean,
  _chargeQuota: boolean,
  irp: IrpMdlHolder | null,
): MDL | null {
  if (!(length > 0)) return null;
  const mdl = new MDL(space, va, length);
  if (irp) {
    if (!secondaryBuffer || !irp.MdlAddress) irp.MdlAddress = mdl;
    else {
      let tail = irp.MdlAddress;
      while (tail.Next) tail = tail.Next;
      tail.Next = mdl;
    }
  }
  return mdl;
}

/** MmBuildMdlForNonPagedPool: fills the PFN array; the buffer must be mapped (else bug check 0x50). */
export function buildMdlForNonPagedPool(mdl: MDL): void {
  // One page-table walk for the whole buffer; the PFN array holds the frames up to the first unmapped page, which
  // faults (as a page-by-page walk would have left it).
  const pages = mdl.pfnArray.length;
  const mapped = mdl.space.pfnRun(mdl.StartVa, pages, mdl.pfnArray);
  if (mapped < pages) {
    const va = mdl.StartVa + mapped * PAGE_SIZE;
    mdl.space.pageFault(mapped === 0 ? va + mdl.ByteOffset : va, false);
  }
  mdl.MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
  mdl.MappedSystemVa = mdl.StartVa + mdl.ByteOffset;
}

/** IoBuildPartialMdl(SourceMdl, TargetMdl, VirtualAddress, Length): Length 0 means "to the end of the source". */
export function buildPartialMdl(source: MDL, target: MDL, va: number, length: number): void {
  const srcStart = source.StartVa + source.ByteOffset;
  const offset = va - srcStart;
  if (offset < 0 || offset >= source.ByteCount) {
    throw new RangeError(`IoBuildPartialMdl: 0x${va.toString(16)} is outside the source MDL`);
  }
  const len = length === 0 ? source.ByteCount - offset : length;
  if (offset + len > source.ByteCount) throw new RangeError('IoBuildPartialMdl: range runs past the source MDL');
  const firstPage = Math.floor((source.ByteOffset + offset) / PAGE_SIZE);
  const pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, len);
  target.StartVa = PAGE_ALIGN(va);
  target.ByteOffset = BYTE_OFFSET(va);
  target.ByteCount = len;
  target.pfnArray.length = 0;
  for (let i = 0; i < pages; i++) target.pfnArray.push(source.pfnArray[firstPage + i]!);
  target.Size = 48 + 8 * pages;
  target.MdlFlags = MDL_PARTIAL | (source.MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL);
  target.MappedSystemVa = source.MappedSystemVa ? source.MappedSystemVa + offset : 0;
}

/** The virtual address of the MDL's buffer (StartVa + ByteOffset). */
export const MmGetMdlVirtualAddress = (mdl: MDL): number => mdl.StartVa + mdl.ByteOffset;
/** The MDL's buffer length in bytes. */
export const MmGetMdlByteCount = (mdl: MDL): number => mdl.ByteCount;
/** The buffer's offset into its first page. */
export const MmGetMdlByteOffset = (mdl: MDL): number => mdl.ByteOffset;
/** The page frame numbers of the MDL's pages, in order. */
export const MmGetMdlPfnArray = (mdl: MDL): number[] => mdl.pfnArray;

/** MmGetSystemAddressForMdlSafe: nonpaged-pool MDLs are already mapped; others get their own VA (same pages). */
export function MmGetSystemAddressForMdlSafe(mdl: MDL, _priority: number): number {
  if (!mdl.MappedSystemVa) {
    // Every buffer in this simulation lives in the kernel VA space already, so the source VA is the system VA.
    mdl.MappedSystemVa = mdl.StartVa + mdl.ByteOffset;
    mdl.MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA;
  }
  return mdl.MappedSystemVa;
}

/** One physically contiguous piece of an MDL chain range (never crosses a page or an MDL boundary). */
export interface PhysicalPiece {
  address: number;
  length: number;
  mdl: MDL;
}

/**
 * The physical pieces of [offset, offset + length) of an MDL chain, where offset counts from the first MDL's
 * MmGetMdlVirtualAddress across the ByteCounts of the chain (the MapTransferEx / GetDmaTransferInfo convention).
 * Stops early at the end of the chain; the caller compares the total.
 */
export function* mdlChainPieces(first: MDL, offset: number, length: number): Generator<PhysicalPiece> {
  let mdl: MDL | null = first;
  let skip = offset;
  while (mdl && skip >= mdl.ByteCount) {
    skip -= mdl.ByteCount;
    mdl = mdl.Next;
  }
  let left = length;
  while (mdl && left > 0) {
    let pos = mdl.ByteOffset + skip;
    const end = mdl.ByteOffset + mdl.ByteCount;
    while (pos < end && left > 0) {
      const page = Math.floor(pos / PAGE_SIZE);
      const inPage = pos % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - inPage, end - pos, left);
      yield { address: mdl.pfnArray[page]! * PAGE_SIZE + inPage, length: n, mdl };
      pos += n;
      left -= n;
    }
    skip = 0;
    mdl = mdl.Next;
  }
}

/** Total ByteCount of an MDL chain. */
export function mdlChainLength(first: MDL): number {
  let n = 0;
  for (let m: MDL | null = first; m; m = m.Next) n += m.ByteCount;
  return n;
}
