// Register access of the UART driver: read-modify-write through the shadows in the device context (the C driver's
// hw.c). Every write is one WRITE_REGISTER_ULONG to the mapped register block.
import { READ_REGISTER_ULONG, WRITE_REGISTER_ULONG } from 'kmdf-dma-sim/hal';
import * as R from '../../../../../examples/uart/device/uart-regs.js';
import type { DEVICE_CONTEXT } from './context.js';

/** The register block starts at UART_CR; the mapping covers the whole UART, so offsets are used as they are. */
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
  WriteReg(ctx, R.UART_CR, value);
}

export function SetDmacr(ctx: DEVICE_CONTEXT, set: number, clear: number): void {
  const value = (ctx.Dmacr | set) & ~clear;
  if (value === ctx.Dmacr) return;
  ctx.Dmacr = value;
  WriteReg(ctx, R.UART_DMACR, value);
}

export function SetImsc(ctx: DEVICE_CONTEXT, set: number, clear: number): void {
  const value = (ctx.Imsc | set) & ~clear;
  if (value === ctx.Imsc) return;
  ctx.Imsc = value;
  WriteReg(ctx, R.UART_IMSC, value);
}

/** Characters waiting in the RX FIFO (FR bits 15:8). */
export function RxLevel(ctx: DEVICE_CONTEXT): number {
  return (ReadReg(ctx, R.UART_FR) >> R.FR_RXLEVEL_SHIFT) & R.FR_LEVEL_MASK;
}
