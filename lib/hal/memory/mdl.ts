// Memory descriptor lists over the simulated address space: the MDL structure (Next, Size, MdlFlags, StartVa,
// ByteOffset, ByteCount, MappedSystemVa, and the PFN array that follows it), chains through Next, and the WDM macros
// and routines drivers use on them. Behaviour sources: the "Using MDLs" page, "IoAllocateMdl" (an IRP's MdlAddress
// is set, or with SecondaryBuffer the MDL is appended to the IRP's chain), "MmBuildMdlForNonPagedPool",
// "IoBuildPartialMdl", "MmGetSystemAddressForMdlSafe", "MmGetMdlPfnArray", and the wdm.h macros
// (BYTE_OFFSET, PAGE_ALIGN, ADDRESS_AND_SIZE_TO_SPAN_PAGES, BYTES_TO_PAGES, ROUND_TO_PAGES).

import { PAGE_SIZE } from './physical.js';
import { AddressSpace } from './address-space.js';
import { HalError } from '../hal-error.js';
import { checkBoolean, checkInstance, checkLong, checkOptionalStruct, checkUnsigned, wrongType } from '../arguments.js';

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
export const BYTE_OFFSET = (va: number): number => checkUnsigned('BYTE_OFFSET', 'Va', va) % PAGE_SIZE;
/** A virtual address rounded down to the start of its page. */
export const PAGE_ALIGN = (va: number): number => va - (checkUnsigned('PAGE_ALIGN', 'Va', va) % PAGE_SIZE);
/** The pages `size` bytes take. */
export const BYTES_TO_PAGES = (size: number): number => Math.ceil(checkUnsigned('BYTES_TO_PAGES', 'Size', size) / PAGE_SIZE);
/** `size` rounded up to whole pages. */
export const ROUND_TO_PAGES = (size: number): number =>
  Math.ceil(checkUnsigned('ROUND_TO_PAGES', 'Size', size) / PAGE_SIZE) * PAGE_SIZE;
/** The pages a buffer of `size` bytes at `va` spans (it may start part-way into a page). */
export const ADDRESS_AND_SIZE_TO_SPAN_PAGES = (va: number, size: number): number => {
  checkUnsigned('ADDRESS_AND_SIZE_TO_SPAN_PAGES', 'Va', va);
  checkUnsigned('ADDRESS_AND_SIZE_TO_SPAN_PAGES', 'Size', size);
  return size === 0 ? 0 : Math.ceil(((va % PAGE_SIZE) + size) / PAGE_SIZE);
};

/** An MDL argument of `ddi`, named `name` as wdm.h does (Mdl, SourceMdl, TargetMdl, MemoryDescriptorList). */
const mdlArgument = (ddi: string, name: string, value: unknown): MDL => (value instanceof MDL ? value : wrongType(ddi, name, value, 'an MDL'));

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
  checkInstance('IoAllocateMdl', 'space', space, AddressSpace, 'AddressSpace (kernel.memory)');
  checkUnsigned('IoAllocateMdl', 'VirtualAddress', va);
  checkUnsigned('IoAllocateMdl', 'Length', length);
  checkBoolean('IoAllocateMdl', 'SecondaryBuffer', secondaryBuffer);
  checkBoolean('IoAllocateMdl', 'ChargeQuota', _chargeQuota);
  checkOptionalStruct('IoAllocateMdl', 'Irp', irp, 'IRP');
  if (length === 0) return null;
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
  mdlArgument('MmBuildMdlForNonPagedPool', 'MemoryDescriptorList', mdl);
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
// A range outside the source MDL is a coded ERR_OUT_OF_RANGE, not a bug check: IoBuildPartialMdl has only a checked
// build's ASSERT for it (a free build copies whatever PFNs follow the array), so no bug check code stands for it.
export function buildPartialMdl(source: MDL, target: MDL, va: number, length: number): void {
  mdlArgument('IoBuildPartialMdl', 'SourceMdl', source);
  mdlArgument('IoBuildPartialMdl', 'TargetMdl', target);
  checkUnsigned('IoBuildPartialMdl', 'VirtualAddress', va);
  checkUnsigned('IoBuildPartialMdl', 'Length', length);
  const srcStart = source.StartVa + source.ByteOffset;
  const offset = va - srcStart;
  if (offset < 0 || offset >= source.ByteCount) {
    throw new HalError('ERR_OUT_OF_RANGE', `IoBuildPartialMdl: VirtualAddress 0x${va.toString(16)} is outside SourceMdl's buffer (0x${srcStart.toString(16)}, ${source.ByteCount} bytes)`);
  }
  const len = length === 0 ? source.ByteCount - offset : length;
  if (offset + len > source.ByteCount) {
    throw new HalError('ERR_OUT_OF_RANGE', `IoBuildPartialMdl: VirtualAddress + Length runs ${offset + len - source.ByteCount} bytes past the end of SourceMdl's buffer`);
  }
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
export const MmGetMdlVirtualAddress = (mdl: MDL): number => {
  const m = mdlArgument('MmGetMdlVirtualAddress', 'Mdl', mdl);
  return m.StartVa + m.ByteOffset;
};
/** The MDL's buffer length in bytes. */
export const MmGetMdlByteCount = (mdl: MDL): number => mdlArgument('MmGetMdlByteCount', 'Mdl', mdl).ByteCount;
/** The buffer's offset into its first page. */
export const MmGetMdlByteOffset = (mdl: MDL): number => mdlArgument('MmGetMdlByteOffset', 'Mdl', mdl).ByteOffset;
/** The page frame numbers of the MDL's pages, in order. */
export const MmGetMdlPfnArray = (mdl: MDL): number[] => mdlArgument('MmGetMdlPfnArray', 'Mdl', mdl).pfnArray;

/** MmGetSystemAddressForMdlSafe: nonpaged-pool MDLs are already mapped; others get their own VA (same pages). */
export function MmGetSystemAddressForMdlSafe(mdl: MDL, _priority: number): number {
  mdlArgument('MmGetSystemAddressForMdlSafe', 'Mdl', mdl);
  checkLong('MmGetSystemAddressForMdlSafe', 'Priority', _priority);
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
export function mdlChainPieces(first: MDL, offset: number, length: number): Generator<PhysicalPiece> {
  // Checked here, at the call: a generator function's body (and so its checks) would run only at the first next().
  mdlArgument('mdlChainPieces', 'first', first);
  checkUnsigned('mdlChainPieces', 'offset', offset);
  checkUnsigned('mdlChainPieces', 'length', length);
  return chainPieces(first, offset, length);
}

function* chainPieces(first: MDL, offset: number, length: number): Generator<PhysicalPiece> {
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
  mdlArgument('mdlChainLength', 'first', first);
  let n = 0;
  for (let m: MDL | null = first; m; m = m.Next) n += m.ByteCount;
  return n;
}
