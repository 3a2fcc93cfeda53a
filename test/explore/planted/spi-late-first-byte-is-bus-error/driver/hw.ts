// Register access of the SPI driver.
import { READ_REGISTER_ULONG, WRITE_REGISTER_ULONG } from 'kmdf-dma-sim/hal';
import type { SPI_DEVICE_CONTEXT } from './context.js';

export function ReadReg(ctx: SPI_DEVICE_CONTEXT, offset: number): number {
  return READ_REGISTER_ULONG(ctx.Registers + offset);
}

export function WriteReg(ctx: SPI_DEVICE_CONTEXT, offset: number, value: number): void {
  WRITE_REGISTER_ULONG(ctx.Registers + offset, value);
}
