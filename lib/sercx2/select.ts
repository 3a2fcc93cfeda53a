// How SerCx2 splits what is left of a read or write into its next transaction ("Overview of SerCx2 I/O Transactions",
// SERCX2_SYSTEM_DMA_*_CONFIG / SERCX2_CUSTOM_*_CONFIG members): the driver's EvtSerCx2SelectNext*TransactionType decides
// if it has one (SerCx2TransactionTypeDefault hands the choice back); otherwise, with a system-DMA or custom object,
// Exclusive sends everything through it; else a start address that is not aligned gets a PIO transaction up to the
// next aligned address, then the longest multiple of the minimum transfer unit (at least MinimumTransactionLength;
// custom: at most MaximumTransactionLength) goes through DMA / custom, and a shorter tail goes through PIO. Without
// either object everything is PIO. A selection the driver makes that does not fit (length 0 or past the end, a type
// it has no object for) is a verifier stop.
import { Out } from '../hal/out.js';
import type { FxRequestBuffer } from '../kmdf/io/request.js';
import type { SerCx2Device } from './device.js';
import type { FxSerCx2CustomReceive, FxSerCx2CustomTransmit } from './objects.js';
import {
  SerCx2TransactionTypeCustom,
  SerCx2TransactionTypeDefault,
  SerCx2TransactionTypePio,
  SerCx2TransactionTypeSystemDma,
  type SERCX2CUSTOMRECEIVE,
  type SERCX2CUSTOMTRANSMIT,
} from './sercx2-types.js';
import { sercx2Fatal } from './verifier.js';

export interface Selection {
  kind: 'pio' | 'dma' | 'custom';
  length: number;
}

interface Capabilities {
  kind: 'dma' | 'custom';
  exclusive: boolean;
  /** Start-address alignment mask (0: any byte). */
  alignmentMask: number;
  minimumTransferUnit: number;
  minimumLength: number;
  maximumLength: number;
}

function byCapabilities(c: Capabilities | null, va: number, remaining: number): Selection {
  if (!c) return { kind: 'pio', length: remaining };
  if (c.exclusive) return { kind: c.kind, length: Math.min(remaining, c.maximumLength) };
  const misaligned = va & c.alignmentMask;
  if (misaligned) return { kind: 'pio', length: Math.min(remaining, c.alignmentMask + 1 - misaligned) };
  const body = Math.floor(Math.min(remaining, c.maximumLength) / c.minimumTransferUnit) * c.minimumTransferUnit;
  if (body >= Math.max(1, c.minimumLength)) return { kind: c.kind, length: body };
  return { kind: 'pio', length: remaining };
}

function receiveCapabilities(sx: SerCx2Device): Capabilities | null {
  const d = sx.dmaReceive;
  if (d) {
    return {
      kind: 'dma',
      exclusive: d.config.Exclusive,
      alignmentMask: d.dma.alignmentMask,
      minimumTransferUnit: d.dma.minimumTransferUnit,
      minimumLength: d.config.MinimumTransactionLength || 1,
      maximumLength: Infinity,
    };
  }
  return customCapabilities(sx.customReceive);
}

function transmitCapabilities(sx: SerCx2Device): Capabilities | null {
  const d = sx.dmaTransmit;
  if (d) {
    return {
      kind: 'dma',
      exclusive: d.config.Exclusive,
      alignmentMask: d.dma.alignmentMask,
      minimumTransferUnit: d.dma.minimumTransferUnit,
      minimumLength: d.config.MinimumTransactionLength || 1,
      maximumLength: Infinity,
    };
  }
  return customCapabilities(sx.customTransmit);
}

function customCapabilities(c: FxSerCx2CustomReceive | FxSerCx2CustomTransmit | null): Capabilities | null {
  if (!c || !c.transaction) return null;
  const cfg = c.config;
  const alignment = cfg.Alignment > 1 ? cfg.Alignment : 1;
  return {
    kind: 'custom',
    exclusive: cfg.Exclusive,
    alignmentMask: alignment - 1,
    minimumTransferUnit: cfg.MinimumTransferUnit || 1,
    minimumLength: cfg.MinimumTransactionLength || 1,
    maximumLength: cfg.MaximumTransactionLength || 0xffff_ffff,
  };
}

/** The next transaction of a read (`remaining` bytes left at `offset` of the request's buffer). */
export function selectReceive(sx: SerCx2Device, buffer: FxRequestBuffer, offset: number, remaining: number): Selection {
  const choose = sx.config.EvtSerCx2SelectNextReceiveTransactionType;
  if (choose) {
    const custom = new Out<SERCX2CUSTOMRECEIVE | null>(null);
    const length = new Out(0);
    const type = sx.call('EvtSerCx2SelectNextReceiveTransactionType', () => choose(sx.device.handle, buffer.mdl, offset, remaining, custom, length));
    const picked = driverSelection(sx, 'EvtSerCx2SelectNextReceiveTransactionType', type, length.value, remaining, !!sx.dmaReceive, sx.customReceive, custom.value);
    if (picked) return picked;
  }
  return byCapabilities(receiveCapabilities(sx), buffer.va + offset, remaining);
}

/** The next transaction of a write. */
export function selectTransmit(sx: SerCx2Device, buffer: FxRequestBuffer, offset: number, remaining: number): Selection {
  const choose = sx.config.EvtSerCx2SelectNextTransmitTransactionType;
  if (choose) {
    const custom = new Out<SERCX2CUSTOMTRANSMIT | null>(null);
    const length = new Out(0);
    const type = sx.call('EvtSerCx2SelectNextTransmitTransactionType', () => choose(sx.device.handle, buffer.mdl, offset, remaining, custom, length));
    const picked = driverSelection(sx, 'EvtSerCx2SelectNextTransmitTransactionType', type, length.value, remaining, !!sx.dmaTransmit, sx.customTransmit, custom.value);
    if (picked) return picked;
  }
  return byCapabilities(transmitCapabilities(sx), buffer.va + offset, remaining);
}

function driverSelection(
  sx: SerCx2Device,
  callback: string,
  type: number,
  length: number,
  remaining: number,
  hasDma: boolean,
  custom: FxSerCx2CustomReceive | FxSerCx2CustomTransmit | null,
  customHandle: unknown,
): Selection | null {
  if (type === SerCx2TransactionTypeDefault) return null;
  const kind = type === SerCx2TransactionTypePio ? 'pio' : type === SerCx2TransactionTypeSystemDma ? 'dma' : type === SerCx2TransactionTypeCustom ? 'custom' : null;
  const fail = (rule: string): never => sercx2Fatal(sx.device, callback, rule);
  if (!kind) fail(`${callback} returned ${String(type)}, which is not a SERCX2_TRANSACTION_TYPE value.`);
  if (kind === 'dma' && !hasDma) fail(`${callback} chose SerCx2TransactionTypeSystemDma, but the driver created no system-DMA object for this direction.`);
  if (kind === 'custom' && (!custom || customHandle !== custom.handle)) {
    fail(`${callback} chose SerCx2TransactionTypeCustom without the handle of the custom object the driver created for this direction.`);
  }
  if (!Number.isInteger(length) || length < 1 || length > remaining) {
    fail(`${callback} set NextTransactionLength to ${String(length)}; it must be 1..${remaining} (the bytes left).`);
  }
  return { kind: kind!, length };
}
