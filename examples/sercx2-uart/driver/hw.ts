// Register access for the SerCx2 UART driver: READ_/WRITE_REGISTER_NOFENCE_ULONG on the mapped block (register
// offsets from examples/uart/device/uart-regs.ts), and read-modify-write of CR, DMACR and IMSC through their shadows.
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

/** Characters in the TX / RX FIFO (FR). */
export const TxLevel = (ctx: DEVICE_CONTEXT) => (ReadReg(ctx, R.UART_FR) >> R.FR_TXLEVEL_SHIFT) & R.FR_LEVEL_MASK;
export const RxLevel = (ctx: DEVICE_CONTEXT) => (ReadReg(ctx, R.UART_FR) >> R.FR_RXLEVEL_SHIFT) & R.FR_LEVEL_MASK;

/** Instrumentation, not part of the C driver: records a callback with the simulated cycle. */
export function Trace(ctx: DEVICE_CONTEXT, what: string): void {
  ctx.Log.push(`${what}@${currentKernel().cycle}`);
}
