// Register access for the SerCx2 ring driver (offsets from examples/uart/device/uart-regs.ts): NOFENCE reads and
// writes, read-modify-write of CR, DMACR and IMSC through their shadows, and the test trace.
import { READ_REGISTER_NOFENCE_ULONG, WRITE_REGISTER_NOFENCE_ULONG, currentKernel } from 'kmdf-dma-sim/hal';
import * as R from '../../uart/device/uart-regs.js';
import type { DEVICE_CONTEXT } from './context.js';

export const ReadReg = (ctx: DEVICE_CONTEXT, offset: number): number => READ_REGISTER_NOFENCE_ULONG(ctx.Registers + offset);
export const WriteReg = (ctx: DEVICE_CONTEXT, offset: number, value: number): void =>
  WRITE_REGISTER_NOFENCE_ULONG(ctx.Registers + offset, value);

function update(ctx: DEVICE_CONTEXT, field: 'Cr' | 'Dmacr' | 'Imsc', offset: number, set: number, clear: number): void {
  const value = (ctx[field] | set) & ~clear;
  if (value === ctx[field]) return;
  ctx[field] = value;
  WriteReg(ctx, offset, value);
}
export const SetCr = (ctx: DEVICE_CONTEXT, set: number, clear: number) => update(ctx, 'Cr', R.UART_CR, set, clear);
export const SetDmacr = (ctx: DEVICE_CONTEXT, set: number, clear: number) => update(ctx, 'Dmacr', R.UART_DMACR, set, clear);
export const SetImsc = (ctx: DEVICE_CONTEXT, set: number, clear: number) => update(ctx, 'Imsc', R.UART_IMSC, set, clear);

export function Trace(ctx: DEVICE_CONTEXT, what: string): void {
  ctx.Log.push(`${what}@${currentKernel().cycle}`);
}
