// Register access: every write is one WRITE_REGISTER_ULONG to the mapped register block; CTRL is changed
// read-modify-write through the driver's shadow of it.
import { READ_REGISTER_ULONG, WRITE_REGISTER_ULONG } from 'kmdf-dma-sim/hal';
import * as R from '../device/regs.js';
import type { DEVICE_CONTEXT } from './context.js';

/** The mapping covers the whole device, so register offsets are used as they are. */
export function ReadReg(ctx: DEVICE_CONTEXT, offset: number): number {
  return READ_REGISTER_ULONG(ctx.Registers + offset);
}

export function WriteReg(ctx: DEVICE_CONTEXT, offset: number, value: number): void {
  WRITE_REGISTER_ULONG(ctx.Registers + offset, value);
}

/** Sets and clears CTRL bits (one register write, none if nothing changes). */
export function SetCtrl(ctx: DEVICE_CONTEXT, set: number, clear: number): void {
  const value = (ctx.Ctrl | set) & ~clear;
  if (value === ctx.Ctrl) return;
  ctx.Ctrl = value;
  WriteReg(ctx, R.SAMPLE_CTRL, value);
}
