// Register access of the audio-ring driver: read-modify-write through the shadows in the device context (the C
// driver's hw.c). Every write is one WRITE_REGISTER_ULONG to the mapped register block.
import { READ_REGISTER_ULONG, WRITE_REGISTER_ULONG } from 'kmdf-dma-sim/hal';
import * as R from '../device/i2s-regs.js';
import type { DEVICE_CONTEXT } from './context.js';

/** The register block starts at I2S_CR; the mapping covers the whole receiver, so offsets are used as they are. */
export function ReadReg(ctx: DEVICE_CONTEXT, offset: number): number {
  return READ_REGISTER_ULONG(ctx.Registers + offset);
}

export function WriteReg(ctx: DEVICE_CONTEXT, offset: number, value: number): void {
  WRITE_REGISTER_ULONG(ctx.Registers + offset, value);
}

export function SetCr(ctx: DEVICE_CONTEXT, set: number, clear: number): void {
  const value = (ctx.Cr | set) & ~clear;
  if (value === ctx.Cr) return;
  ctx.Cr = value;
  WriteReg(ctx, R.I2S_CR, value);
}

export function SetIer(ctx: DEVICE_CONTEXT, set: number, clear: number): void {
  const value = (ctx.Ier | set) & ~clear;
  if (value === ctx.Ier) return;
  ctx.Ier = value;
  WriteReg(ctx, R.I2S_IER, value);
}

/** Samples waiting in the RX FIFO (SR bits 7:0). */
export function FifoLevel(ctx: DEVICE_CONTEXT): number {
  return (ReadReg(ctx, R.I2S_SR) >> R.SR_LEVEL_SHIFT) & R.SR_LEVEL_MASK;
}
