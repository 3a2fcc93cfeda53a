// WDFCOMMONBUFFER (KMDF-SYSTEM-DMA.md A.1; FX-CB fxcommonbuffer.cpp, fxcommonbufferapi.cpp; DDI pages
// WdfCommonBufferCreate, WdfCommonBufferCreateWithConfig, WdfCommonBufferGetAlignedVirtualAddress,
// WdfCommonBufferGetAlignedLogicalAddress, WdfCommonBufferGetLength). Allocated from the read-direction adapter
// (simplex: the one adapter) with CacheEnabled TRUE; freed on delete.
import { FxObject } from '../object/fx-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFCOMMONBUFFER, WDFDMAENABLER } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { fxOut, fxStruct, fxUnsigned } from '../verifier/arguments.js';
import {
  NT_SUCCESS,
  PASSIVE_LEVEL,
  STATUS_INVALID_DEVICE_REQUEST,
  Out,
  PAGE_SIZE,
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type DMA_ADAPTER,
  type NTSTATUS,
} from '../fx/hal.js';
import { FxDmaEnabler } from './enabler.js';
import { WDF_COMMON_BUFFER_CONFIG_SIZE, type WDF_COMMON_BUFFER_CONFIG } from './dma-types.js';

/** The framework's object behind a WDFCOMMONBUFFER handle: its memory and addresses. */
export class FxCommonBuffer extends FxObject {
  readonly typeName = 'WDFCOMMONBUFFER';
  constructor(
    readonly enabler: FxDmaEnabler,
    private readonly adapter: DMA_ADAPTER,
    private readonly allocatedVa: number,
    private readonly allocatedLa: number,
    private readonly allocatedLength: number,
    readonly alignedVa: number,
    readonly alignedLa: number,
    readonly length: number,
  ) {
    super(enabler.globals);
  }

  override get handle(): WDFCOMMONBUFFER {
    return this as unknown as WDFCOMMONBUFFER;
  }

  protected override dispose(): void {
    this.adapter.DmaOperations.FreeCommonBuffer(this.adapter, this.allocatedLength, this.allocatedLa, this.allocatedVa, true);
  }
}

/**
 * The checks both create DDIs share (FX fxcommonbufferapi.cpp): CommonBuffer is required (0x10D / 0x4), Length is a
 * size_t, PASSIVE_LEVEL (STATUS_INVALID_DEVICE_REQUEST + VerifierBreak), the attributes (no parent:
 * STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED), Length 0 (STATUS_INVALID_PARAMETER).
 */
function create(
  ddi: string,
  e: FxDmaEnabler,
  Length: number,
  alignment: number,
  attributesGiven: WDF_OBJECT_ATTRIBUTES | null,
  CommonBuffer: Out<WDFCOMMONBUFFER | null>,
  positions: { length: number; attributes: number; out: number },
): NTSTATUS {
  const g = e.globals;
  const length = fxUnsigned(g, ddi, 'Length', positions.length, Length, Number.MAX_SAFE_INTEGER, e);
  const out = fxOut(g, ddi, 'CommonBuffer', positions.out, CommonBuffer, e);
  if (g.kernel.irql > PASSIVE_LEVEL && g.options.verifier) {
    g.verifierBreak(ddi, e.describe(), null, `${ddi} must be called at PASSIVE_LEVEL.`);
    return STATUS_INVALID_DEVICE_REQUEST;
  }
  const { status, attributes: Attributes } = fxObjectAttributes(g, ddi, positions.attributes, attributesGiven, e, { parent: 'not-allowed' });
  if (!NT_SUCCESS(status)) return status;
  Length = length;
  CommonBuffer = out;
  if (Length === 0) return STATUS_INVALID_PARAMETER;
  const adapter = e.read?.adapter;
  // [inferred] the read direction (simplex: any) must be configured.
  if (!adapter) return STATUS_INVALID_DEVICE_STATE;
  // Alignment > PAGE-1: pad the length and shift VA and LA by the same offset (FX-CB).
  const pad = alignment > PAGE_SIZE - 1 ? alignment : 0;
  const la = new Out(0);
  const va = adapter.DmaOperations.AllocateCommonBuffer(adapter, Length + pad, la, true);
  if (!va) return STATUS_INSUFFICIENT_RESOURCES;
  let shift = 0;
  if (alignment > 0) {
    const mask = alignment;
    const aligned = Math.ceil(la.value / (mask + 1)) * (mask + 1);
    shift = aligned - la.value;
  }
  const cb = new FxCommonBuffer(e, adapter, va, la.value, Length + pad, va + shift, la.value + shift, Length);
  cb.commit(Attributes, e);
  CommonBuffer.value = cb.handle;
  return STATUS_SUCCESS;
}

/** WdfCommonBufferCreate(DmaEnabler, Length, Attributes, CommonBuffer): the enabler's alignment (0 for system). */
export function WdfCommonBufferCreate(
  DmaEnabler: WDFDMAENABLER,
  Length: number,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  CommonBuffer: Out<WDFCOMMONBUFFER | null>,
): NTSTATUS {
  const ddi = 'WdfCommonBufferCreate';
  const e = fxResolve(DmaEnabler, FxDmaEnabler, ddi, 'WDFDMAENABLER');
  return create(ddi, e, Length, 0, Attributes, CommonBuffer, { length: 2, attributes: 3, out: 4 });
}

/** WdfCommonBufferCreateWithConfig(DmaEnabler, Length, Config, Attributes, CommonBuffer). */
export function WdfCommonBufferCreateWithConfig(
  DmaEnabler: WDFDMAENABLER,
  Length: number,
  Config: WDF_COMMON_BUFFER_CONFIG,
  Attributes: WDF_OBJECT_ATTRIBUTES | null,
  CommonBuffer: Out<WDFCOMMONBUFFER | null>,
): NTSTATUS {
  const ddi = 'WdfCommonBufferCreateWithConfig';
  const e = fxResolve(DmaEnabler, FxDmaEnabler, ddi, 'WDFDMAENABLER');
  const config = { ...fxStruct(e.globals, ddi, 'Config', 3, Config, e) };
  if (config.Size !== WDF_COMMON_BUFFER_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  const alignment = fxUnsigned(e.globals, ddi, 'Config->AlignmentRequirement', 3, config.AlignmentRequirement ?? 0, 0xffff_ffff, e);
  return create(ddi, e, Length, alignment, Attributes, CommonBuffer, { length: 2, attributes: 4, out: 5 });
}

const cbOf = (h: WDFCOMMONBUFFER, ddi: string): FxCommonBuffer => fxResolve(h, FxCommonBuffer, ddi, 'WDFCOMMONBUFFER');

/** The common buffer's virtual address, aligned as its configuration asked. */
export function WdfCommonBufferGetAlignedVirtualAddress(CommonBuffer: WDFCOMMONBUFFER): number {
  return cbOf(CommonBuffer, 'WdfCommonBufferGetAlignedVirtualAddress').alignedVa;
}

/** The common buffer's logical (bus) address, aligned as its configuration asked. */
export function WdfCommonBufferGetAlignedLogicalAddress(CommonBuffer: WDFCOMMONBUFFER): number {
  return cbOf(CommonBuffer, 'WdfCommonBufferGetAlignedLogicalAddress').alignedLa;
}

/** The common buffer's length in bytes. */
export function WdfCommonBufferGetLength(CommonBuffer: WDFCOMMONBUFFER): number {
  return cbOf(CommonBuffer, 'WdfCommonBufferGetLength').length;
}
